"""The auditor's HTML report: one self-contained file to archive, mail and print.

Everything is inline (stylesheet and SVG diagrams), nothing is fetched, and no script runs:
a Content-Security-Policy meta tag allows only the page's own stylesheet, by its hash, so a
label that smuggles markup into a flow file can neither load nor run anything, and jinja2's
autoescaping shows it as the text it is. Links come only from rule references and only as
http(s). Sections fold with ``<details>``, so a 500-step product stays navigable, and a print
stylesheet opens them all.

The report draws each flow from the loaded products: the CLI asks the engine to keep them
(``LintOptions.keep_products``); a report built without them loads the files again.
"""

from __future__ import annotations

import base64
import hashlib
import os
import platform
import shlex
import time
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from darklint import __version__
from darklint.catalog import Rule
from darklint.classes import dataclass
from darklint.diagram.legend import legend
from darklint.diagram.scene import product_scenes
from darklint.diagram.svg import DiagramView, diagram_css, diagram_view, environment
from darklint.engine import FileReport, RunReport
from darklint.findings import (
    OFFENDING,
    SEVERITIES,
    SEVERITY_RANK,
    EvidencePath,
    EvidenceStep,
    Finding,
    Provenance,
)
from darklint.graph import build_graph
from darklint.graph.effort import tenths
from darklint.load import load_file
from darklint.model import Flow, Product
from darklint.report import ReportContext
from darklint.report.common import display_path, file_sha256
from darklint.report.console import describe
from darklint.words import plural

#: Flows with more steps than this start folded, so the page opens quickly and stays usable.
FOLD_STEPS = 60
#: Evidence paths longer than this start folded in their finding.
FOLD_PATH = 15
#: Diagrams wider than this (px) scroll sideways instead of shrinking until they can't be read.
WIDE = 1600
#: A flow of more steps than this is not drawn. Laid out top to bottom it would be hundreds
#: of screens tall, which nobody reads, and laying it out costs more than linting it; the
#: evidence of its findings lists the steps that matter, and ``darklint graph --flow`` draws
#: it whole for whoever wants the picture.
DIAGRAM_MAX_STEPS = 400
#: The most steps the diagrams of one product draw in all: flows that a finding is on or
#: whose steps an evidence path passes are drawn first, then the others, in file order,
#: until this many steps are drawn. A product of thousands of flows otherwise makes a report
#: of tens of megabytes that takes longer to write than the file takes to lint.
DIAGRAM_BUDGET_STEPS = 2_000


@dataclass(frozen=True)
class FlowView:
    id: str
    kind: str
    steps: int
    findings: int
    compared: bool  # draws a path a finding shows only for comparison
    open: bool
    #: None when the flow is not drawn (see :func:`_drawn_flows`); ``not_drawn`` says why.
    diagram: DiagramView | None
    not_drawn: str = ""  # why, when diagram is None
    draw_command: str = ""  # the command that draws it then


@dataclass(frozen=True)
class ProductView:
    anchor: str
    name: str
    path: str
    sha256: str
    flows: tuple[FlowView, ...]
    findings: tuple[dict[str, Any], ...]
    ignored: tuple[dict[str, Any], ...]
    severity: tuple[tuple[str, int], ...]  # findings per severity, every severity listed

    @property
    def worst(self) -> str | None:
        """The most severe finding's severity, None for a clean product."""
        return next((name for name, count in self.severity if count), None)

    @property
    def steps(self) -> int:
        return sum(flow.steps for flow in self.flows)


def render(report: RunReport, context: ReportContext) -> str:
    css = page_css()
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    csp = (
        "default-src 'none'; "
        f"style-src 'sha256-{digest}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    rules = {rule.id: rule for rule in context.rules}
    anchors = _anchors(report)
    hashes = {f.path: file_sha256(f.path) for f in report.files}
    products = sorted(
        (
            _product_view(index, file, product, rules, anchors, hashes)
            for index, (file, product) in enumerate(_products(report))
        ),
        key=_severity_order,
    )
    failed = [
        {
            "path": display_path(f.path),
            "findings": [_finding(x, rules, anchors, hashes) for x in f.findings],
        }
        for f in sorted(report.files, key=lambda f: f.path)
        if not f.linted
    ]
    repro = _reproducibility(report, context, hashes)
    template = environment().get_template("report.html.j2")
    return template.render(
        css=Markup(css),  # our own stylesheet, hashed into the CSP: must stay byte-exact
        csp=csp,
        engagement=_engagement(context, products, repro),
        summary=_summary(report, products, rules),
        failing=[p for p in products if p.findings],
        clean=[p for p in products if not p.findings],
        legend=legend(
            style for p in products for f in p.flows if f.diagram for style in f.diagram.styles
        ),
        failed=failed,
        rules=_rules_cited(report, rules),
        repro=repro,
        fold_path=FOLD_PATH,
        wide=WIDE,
        assessment=_assessment(context.assessment),
    )


@lru_cache(maxsize=1)
def page_css() -> str:
    """The page's stylesheet followed by the diagrams'."""
    source = environment().loader.get_source(environment(), "report.css")[0]  # type: ignore[union-attr]
    return source + diagram_css()


# -- products and flows ------------------------------------------------------------------------


def _products(report: RunReport) -> list[tuple[FileReport, Product]]:
    """Each linted file with its product: kept by the engine, else loaded again."""
    out = []
    for file in sorted(report.files, key=lambda f: f.path):
        if not file.linted or file.product is None:
            continue
        product = file.model
        if product is None:
            product = load_file(file.path).product
        if product is not None:
            out.append((file, product))
    return out


def _severity_order(product: ProductView) -> tuple:
    """Failing products first, the worst first (most errors, then warnings...), then clean
    ones; by name within each."""
    return (
        product.worst is None,
        tuple(-count for _, count in product.severity),
        product.name.casefold(),
        product.path,
    )


def _anchors(report: RunReport) -> dict[int, str]:
    """A stable anchor per finding (by identity), shown findings first, then ignored ones."""
    anchors = {id(f): f"f{i}" for i, f in enumerate(_all(report, "findings"), start=1)}
    anchors.update({id(f): f"i{i}" for i, f in enumerate(_all(report, "ignored"), start=1)})
    return anchors


def _all(report: RunReport, attribute: str) -> list[Finding]:
    """Findings in report order, as the objects stored on the files (anchors key on them)."""
    files = sorted(report.files, key=lambda f: f.path)
    return [f for file in files for f in getattr(file, attribute)]


def _product_view(
    index: int,
    file: FileReport,
    product: Product,
    rules: dict[str, Rule],
    anchors: dict[int, str],
    hashes: dict[str, str],
) -> ProductView:
    graph = build_graph(product)
    pairs = [(anchors[id(f)], f) for f in file.findings]
    drawn = _drawn_flows(product, file.findings)
    scenes = dict(zip(drawn, product_scenes(graph, drawn, pairs), strict=True))
    per_flow = Counter(f.flow for f in file.findings)
    flows = []
    for number, (flow_id, flow) in enumerate(product.flows.items()):
        scene = scenes.get(flow_id)
        flows.append(
            FlowView(
                id=flow_id,
                kind=flow.kind,
                steps=len(flow.steps),
                findings=per_flow[flow_id],
                compared=scene is not None and any(n.compared for n in scene.nodes),
                open=len(flow.steps) <= FOLD_STEPS,
                diagram=None if scene is None else diagram_view(scene, f"p{index}-d{number}"),
                not_drawn="" if scene is not None else _not_drawn(flow),
                draw_command="" if scene is not None else _draw_command(file.path, flow_id),
            )
        )
    severity = Counter(f.severity for f in file.findings)
    findings = [
        _finding(f, rules, anchors, hashes) for f in sorted(file.findings, key=_finding_order)
    ]
    _mark_repeated_paths(findings)
    return ProductView(
        anchor=f"p{index}",
        name=product.product,
        path=display_path(file.path),
        sha256=hashes.get(file.path, ""),
        flows=tuple(flows),
        findings=tuple(findings),
        ignored=tuple(_finding(f, rules, anchors, hashes) for f in file.ignored),
        severity=tuple((name, severity.get(name, 0)) for name in SEVERITIES),
    )


def _drawn_flows(product: Product, findings: Sequence[Finding]) -> list[str]:
    """The flows whose diagrams the report draws, in file order: none of more than
    :data:`DIAGRAM_MAX_STEPS` steps, and at most :data:`DIAGRAM_BUDGET_STEPS` steps in all,
    flows with a finding or on an evidence path first. Every product of the examples and of
    ordinary use is drawn whole; only a product of thousands of steps loses diagrams."""
    sizes = {flow_id: len(flow.steps) for flow_id, flow in product.flows.items()}
    if sum(sizes.values()) <= DIAGRAM_BUDGET_STEPS:  # the usual case: every flow drawn
        return [f for f, size in sizes.items() if size <= DIAGRAM_MAX_STEPS]
    shown = {f.flow for f in findings}
    shown.update(step.flow for f in findings for path in f.paths for step in path.steps)
    first = [f for f in sizes if f in shown]
    chosen: set[str] = set()
    budget = DIAGRAM_BUDGET_STEPS
    for flow_id in (*first, *(f for f in sizes if f not in shown)):
        size = sizes[flow_id]
        if size > DIAGRAM_MAX_STEPS:
            continue
        if size > budget:
            break  # the budget is spent: no smaller flow later jumps the queue
        chosen.add(flow_id)
        budget -= size
    return [f for f in sizes if f in chosen]


def _not_drawn(flow: Flow) -> str:
    """Why a flow has no diagram (:func:`_drawn_flows` left it out)."""
    if len(flow.steps) > DIAGRAM_MAX_STEPS:
        return (
            f"its {len(flow.steps):,} steps are more than one readable diagram holds (the "
            f"report draws flows of up to {DIAGRAM_MAX_STEPS} steps)"
        )
    return (
        f"the diagrams of this product already draw {DIAGRAM_BUDGET_STEPS:,} steps, as many "
        "as the report draws for one product (flows with findings first)"
    )


def _draw_command(path: str, flow_id: str) -> str:
    """The command that draws one flow whole, as a user would type it."""
    return shlex.join(["darklint", "graph", display_path(path), "--flow", flow_id, "-f", "svg"])


def _mark_repeated_paths(findings: list[dict[str, Any]]) -> None:
    """A path already shown by an earlier finding of the product is referred to, not shown
    again: several rules often rest on the same easiest cancel path."""
    first: dict[tuple, dict[str, str]] = {}
    for finding in findings:
        for path in finding["paths"]:
            key = (
                path["role"],
                path["effort"],
                tuple((s["step"], s["action"], s["effort"], s["note"]) for s in path["steps"]),
            )
            if key in first:
                path["same_as"] = first[key]
            else:
                first[key] = {"anchor": finding["anchor"], "rule": finding["rule"]}


def _step_source(items: dict[tuple[str, str, str], Provenance], step: EvidenceStep) -> str:
    """'observed', 'declared', or which keys were which, for a step of a recorded flow and the
    action taken there."""
    found = [items.get((step.flow, step.step, "step"))]
    if step.action is not None:
        found.append(items.get((step.flow, step.step, f"action '{step.action}'")))
    observed = [k for p in found if p for k in p.observed]
    declared = [k for p in found if p for k in p.declared]
    if observed and declared:
        return f"observed {', '.join(observed)}; declared {', '.join(declared)}"
    return "observed" if observed else "declared"


def _finding_order(finding: Finding) -> tuple:
    """Within a product, the most severe findings first, then in file order."""
    return (-SEVERITY_RANK[finding.severity], *finding.sort_key())


# -- findings ----------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def safe_url(url: str) -> str | None:
    """The URL if it is a plain http(s) link, else None: no javascript:, data: or file:.
    Remembered: every finding of a rule asks about the same references again."""
    url = (url or "").strip()
    if not url or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def _finding(
    finding: Finding, rules: dict[str, Rule], anchors: dict[int, str], hashes: dict[str, str]
) -> dict[str, Any]:
    rule = rules.get(finding.rule_id)
    loc = finding.location
    references = []
    for ref in rule.references if rule else ():
        references.append({"title": ref.title, "url": safe_url(ref.url)})
    return {
        "anchor": anchors.get(id(finding), ""),
        "rule": finding.rule_id,
        "name": finding.rule_name,
        "severity": finding.severity,
        "category": finding.category,
        "message": finding.message,
        "where": f"{display_path(loc.path)}:{loc.line}:{loc.column}",
        "file": display_path(loc.path),
        "sha256": hashes.get(loc.path) or file_sha256(loc.path),
        "fingerprint": finding.fingerprint(),
        "flow": finding.flow,
        "step": finding.step,
        "facts": finding.facts,
        # Offending paths first: the table a reader needs before the one for contrast.
        "paths": sorted(
            (_path(p, finding.provenance) for p in finding.paths),
            key=lambda p: p["role"] != OFFENDING,
        ),
        "provenance": {
            "recorded": bool(finding.provenance),
            "observed": [x for x in (describe(p, "observed") for p in finding.provenance) if x],
            "declared": [x for x in (describe(p, "declared") for p in finding.provenance) if x],
        },
        "fix": finding.fix,
        "summary": rule.summary if rule else "",
        "provision": _provisions(finding) or (rule.provision if rule else ""),
        "references": references,
        "help": safe_url(finding.help_uri),
        "ignored": finding.ignored_reason,
    }


def _provisions(finding: Finding) -> str:
    """The provisions behind a finding with their status and date, in one line."""
    return "; ".join(f"{p.text} ({p.when()})" for p in finding.provisions)


def _assessment(matrix: Any) -> dict[str, Any] | None:
    """The assessment section's data (``--assess``, and always in the HTML report)."""
    if matrix is None:
        return None
    rows = []
    for row in matrix.rows:
        source = row.provision.source if row.provision else None
        rows.append(
            {
                "rule": row.rule,
                "name": row.rule_name,
                "provision": row.provision.text if row.provision else row.standing,
                "source": (
                    {"title": source.title, "url": safe_url(source.url)}
                    if source and safe_url(source.url)
                    else None
                ),
                "standing": row.standing,
                "cells": row.cells,
            }
        )
    return {
        "profile": matrix.profile,
        "as_of": matrix.as_of,
        "counts": list(matrix.counts().items()),
        "products": [(name, display_path(path)) for name, path in matrix.products],
        "rows": rows,
    }


def _path(path: EvidencePath, provenance: Sequence[Provenance]) -> dict[str, Any]:
    items = {(p.flow, p.step, p.item): p for p in provenance}
    return {
        "title": path.title,
        "role": path.role,
        "same_as": None,  # set when an earlier finding of the product shows the same path
        "effort": None if path.effort is None else tenths(path.effort),
        "steps": [
            {
                "step": s.step if s.flow == path.steps[0].flow else f"{s.flow} › {s.step}",
                "kind": s.kind.replace("_", " "),
                "channel": s.channel.replace("_", " "),
                "action": s.action,
                "effort": tenths(s.effort),
                "note": s.note,
                "line": s.location.line,
                "source": _step_source(items, s) if provenance else "",
            }
            for s in path.steps
        ],
    }


# -- engagement, summary and reproducibility ---------------------------------------------------


def _engagement(
    context: ReportContext, products: Sequence[ProductView], repro: dict[str, Any]
) -> dict[str, Any]:
    """The cover: what was examined, by whom, when, and the verdict in one line."""
    given = context.engagement
    if given.title:
        title = given.title
    elif len(products) == 1:
        title = f"Dark patterns in {products[0].name}"
    else:
        title = f"Dark patterns in {plural(len(products), 'product')}"
    files = len(repro["files"])
    scope = given.scope or (
        f"{plural(files, 'flow file')} ({plural(sum(p.steps for p in products), 'step')} "
        f"in {plural(sum(len(p.flows) for p in products), 'flow')}), checked against the "
        f"{repro['profile']} profile."
    )
    return {
        "title": title,
        "scope": scope,
        "scope_given": bool(given.scope),
        "author": given.author,
        "date": repro["date"],
    }


def _summary(
    report: RunReport, products: Sequence[ProductView], rules: dict[str, Rule]
) -> dict[str, Any]:
    findings = report.findings
    by_severity = Counter(f.severity for f in findings)
    provisions = Counter(
        rules[f.rule_id].provision
        for f in findings
        if f.rule_id in rules and rules[f.rule_id].provision
    )
    return {
        "files": len(report.files),
        "products": len(products),
        "failing": sum(1 for p in products if p.findings),
        "flows": sum(len(p.flows) for p in products),
        "steps": sum(p.steps for p in products),
        "findings": len(findings),
        "severity": [(s, by_severity.get(s, 0)) for s in SEVERITIES],
        "category": sorted(Counter(f.category for f in findings).items()),
        "provision": sorted(provisions.items()),
        "ignored": [
            {
                "rule": f.rule_id,
                "name": f.rule_name,
                "product": f.product,
                "where": f"{display_path(f.location.path)}:{f.location.line}",
                "step": "/".join(x for x in (f.flow, f.step) if x),
                "reason": f.ignored_reason or "",
            }
            for f in report.ignored
        ],
        "baselined": len(getattr(report, "baselined", ())),
        "failed": [display_path(p) for p in report.failed_files],
        "skipped": [display_path(p) for p in report.skipped],
    }


def _reproducibility(
    report: RunReport, context: ReportContext, hashes: dict[str, str]
) -> dict[str, Any]:
    """What a second person needs to get the same findings: versions, settings, inputs."""
    settings = context.settings
    moment = _report_moment()
    return {
        "version": __version__,
        "python": platform.python_version(),
        "time": moment.strftime("%Y-%m-%d %H:%M:%S UTC"),
        "date": moment.strftime("%Y-%m-%d"),
        "profile": context.profile or "recommended",
        "fail_on": context.fail_on,
        "config": display_path(settings["config"]) if settings.get("config") else None,
        "baseline": display_path(settings["baseline"]) if settings.get("baseline") else None,
        "rules": [rule.id for rule in context.rules],
        "files": [
            {"path": display_path(f.path), "sha256": hashes.get(f.path, "")}
            for f in sorted(report.files, key=lambda f: f.path)
        ],
    }


def _rules_cited(report: RunReport, rules: dict[str, Rule]) -> list[dict[str, Any]]:
    """Each rule with a finding (shown or ignored), with its references: printed once."""
    out = []
    for rule_id in sorted({f.rule_id for f in (*report.findings, *report.ignored)}):
        rule = rules.get(rule_id)
        if rule is None:
            continue
        out.append(
            {
                "id": rule.id,
                "name": rule.name,
                "summary": rule.summary,
                "provision": rule.provision,
                "references": [{"title": r.title, "url": safe_url(r.url)} for r in rule.references],
                "help": safe_url(rule.help_uri),
            }
        )
    return out


def _report_moment() -> datetime:
    """Now in UTC, or SOURCE_DATE_EPOCH when set, so a report can be rebuilt byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = int(epoch) if epoch.isdigit() else time.time()
    return datetime.fromtimestamp(seconds, tz=timezone.utc)
