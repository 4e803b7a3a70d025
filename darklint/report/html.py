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
import json
import os
import platform
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from itertools import zip_longest
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from darklint import __version__
from darklint.catalog import Rule
from darklint.diagram.scene import flow_scene
from darklint.diagram.svg import DiagramView, diagram_css, diagram_view, environment
from darklint.engine import FileReport, RunReport
from darklint.findings import SEVERITIES, Finding
from darklint.graph import build_graph
from darklint.graph.effort import tenths
from darklint.load import load_file
from darklint.model import Product
from darklint.report import ReportContext
from darklint.report.common import display_path

#: Flows with more steps than this start folded, so the page opens quickly and stays usable.
FOLD_STEPS = 60
#: Evidence paths longer than this start folded in their finding.
FOLD_PATH = 15
#: Diagrams wider than this (px) scroll sideways instead of shrinking until they can't be read.
WIDE = 1600


@dataclass(frozen=True)
class FlowView:
    id: str
    kind: str
    steps: int
    findings: int
    open: bool
    diagram: DiagramView


@dataclass(frozen=True)
class ProductView:
    anchor: str
    name: str
    path: str
    flows: tuple[FlowView, ...]
    findings: tuple[dict[str, Any], ...]
    ignored: tuple[dict[str, Any], ...]


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
    products = [
        _product_view(index, file, product, rules, anchors)
        for index, (file, product) in enumerate(_products(report))
    ]
    failed = [
        {
            "path": display_path(f.path),
            "findings": [_finding(x, rules, anchors) for x in f.findings],
        }
        for f in sorted(report.files, key=lambda f: f.path)
        if not f.linted
    ]
    template = environment().get_template("report.html.j2")
    return template.render(
        css=Markup(css),  # our own stylesheet, hashed into the CSP: must stay byte-exact
        csp=csp,
        title=_title(products),
        summary=_summary(report, products, rules),
        products=products,
        failed=failed,
        repro=_reproducibility(report, context),
        channels=CHANNEL_NAMES,
        fold_path=FOLD_PATH,
        wide=WIDE,
    )


CHANNEL_NAMES = (
    ("web", "web"),
    ("app", "app"),
    ("email", "email"),
    ("chat", "chat"),
    ("phone", "phone"),
    ("sms", "SMS"),
    ("mail", "post"),
    ("in_person", "in person"),
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
) -> ProductView:
    graph = build_graph(product)
    pairs = [(anchors[id(f)], f) for f in file.findings]
    flows = []
    for number, (flow_id, flow) in enumerate(product.flows.items()):
        scene = flow_scene(graph, flow_id, pairs)
        flows.append(
            FlowView(
                id=flow_id,
                kind=flow.kind,
                steps=len(flow.steps),
                findings=sum(1 for f in file.findings if f.flow == flow_id),
                open=len(flow.steps) <= FOLD_STEPS,
                diagram=diagram_view(scene, f"p{index}-d{number}"),
            )
        )
    return ProductView(
        anchor=f"p{index}",
        name=product.product,
        path=display_path(file.path),
        flows=tuple(flows),
        findings=tuple(_finding(f, rules, anchors) for f in file.findings),
        ignored=tuple(_finding(f, rules, anchors) for f in file.ignored),
    )


# -- findings ----------------------------------------------------------------------------------


def safe_url(url: str) -> str | None:
    """The URL if it is a plain http(s) link, else None: no javascript:, data: or file:."""
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


def _finding(finding: Finding, rules: dict[str, Rule], anchors: dict[int, str]) -> dict[str, Any]:
    rule = rules.get(finding.rule_id)
    loc = finding.location
    paths = [_path(p) for p in finding.paths]
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
        "flow": finding.flow,
        "step": finding.step,
        "facts": finding.facts,
        "paths": paths,
        "rows": [list(row) for row in zip_longest(*(p["steps"] for p in paths))],
        "fix": finding.fix,
        "summary": rule.summary if rule else "",
        "provision": rule.provision if rule else "",
        "references": references,
        "help": safe_url(finding.help_uri),
        "ignored": finding.ignored_reason,
    }


def _path(path) -> dict[str, Any]:
    return {
        "title": path.title,
        "effort": None if path.effort is None else tenths(path.effort),
        "steps": [
            {
                "step": s.step if s.flow == path.steps[0].flow else f"{s.flow} › {s.step}",
                "kind": s.kind.replace("_", " "),
                "channel": s.channel.replace("_", " "),
                "action": s.action,
                "effort": tenths(s.effort),
                "note": s.note,
            }
            for s in path.steps
        ],
    }


# -- summary and reproducibility ------------------------------------------------------------------


def _title(products: Sequence[ProductView]) -> str:
    if len(products) == 1:
        return f"darklint report: {products[0].name}"
    return f"darklint report: {len(products)} products"


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
        "flows": sum(len(p.flows) for p in products),
        "steps": sum(f.steps for p in products for f in p.flows),
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


def _reproducibility(report: RunReport, context: ReportContext) -> dict[str, Any]:
    settings = {k: _setting(v) for k, v in sorted(context.settings.items())}
    return {
        "version": __version__,
        "python": platform.python_version(),
        "time": _report_time(),
        "profile": context.profile,
        "fail_on": context.fail_on,
        "settings": settings,
        "rules": " ".join(rule.id for rule in context.rules),
        "files": [
            {"path": display_path(f.path), "sha256": file_sha256(f.path)}
            for f in sorted(report.files, key=lambda f: f.path)
        ],
    }


def _setting(value: object) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _report_time() -> str:
    """Now in UTC, or SOURCE_DATE_EPOCH when set, so a report can be rebuilt byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = int(epoch) if epoch.isdigit() else time.time()
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def file_sha256(path: str) -> str:
    """The sha256 of a file's bytes, as ``sha256sum`` prints it; empty when unreadable."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 16), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()
