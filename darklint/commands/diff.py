"""``darklint diff DESIGN RECORDED``: how the shipped product drifted from its design.

Both files are linted with the same settings (configuration, profile, --select), then
compared (:mod:`darklint.drift`): flows, steps and actions added or removed, matched by what
the customer sees rather than by id; the effort of the easiest path of each kind before
and after, naming the added steps on the new path and the effort each adds; findings new
and gone. Exit code 1 when the recorded product is harder to leave than the design or has
new findings, 0 otherwise, 2 when a file cannot be read. Output as console text, JSON, or
Markdown for a pull-request comment (every label escaped).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from darklint.cli import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, lint_settings_options

if TYPE_CHECKING:
    from darklint.drift import Drift, EffortDrift, FlowDrift
    from darklint.findings import Finding
    from darklint.settings import CommandLine

FORMATS = ("console", "json", "markdown")


@click.command()
@click.argument("design", type=click.Path(dir_okay=False))
@click.argument("recorded", type=click.Path(dir_okay=False))
@lint_settings_options
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="console",
    show_default=True,
    help="console, json or markdown (a pull-request comment).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write to this file (atomically) instead of standard output.",
)
def diff(
    design: str, recorded: str, command_line: CommandLine, fmt: str, output: str | None
) -> None:
    """Compare the DESIGN of a product with a RECORDED (shipped) version of it."""
    from darklint.cli import resolve_settings
    from darklint.drift import compare
    from darklint.engine import lint_loaded
    from darklint.load import load_file
    from darklint.report.console import printable

    settings = resolve_settings(command_line)
    options = settings.lint_options()
    products, findings = [], []
    for path in (design, recorded):
        loaded = load_file(path, options.max_bytes)
        if loaded.product is None:
            for problem in loaded.problems:
                click.echo(f"{printable(str(problem.location))}: {printable(problem.message)}",
                           err=True)  # fmt: skip
            _fail(f"{printable(path)} could not be loaded; `darklint check {printable(path)}` "
                  "explains why")  # fmt: skip
        report = lint_loaded(loaded, options, explicit=True)
        products.append(loaded.product)
        findings.append(report.findings if report else [])
    drift = compare(products[0], products[1], findings[0], findings[1], options.weights)
    text = {"console": render_console, "json": render_json, "markdown": render_markdown}[fmt](drift)
    if output is None:
        click.echo(text, nl=False)
    else:
        from darklint.cli import run_inputs, write_output
        from darklint.report.write import file_identities

        inputs = run_inputs(settings) | file_identities([design, recorded])
        if not write_output(output, text, inputs):  # never over a compared file or a rule file
            sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if drift.worse else EXIT_CLEAN)


def _fail(message: str) -> None:
    click.echo(f"darklint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _effort(tenths: int | None) -> str:
    return "none" if tenths is None else f"{tenths / 10:.1f}"


def _change(effort: EffortDrift) -> str:
    if effort.design is None or effort.recorded is None:
        return ""
    delta = effort.recorded - effort.design
    return f"{'+' if delta >= 0 else '-'}{abs(delta) / 10:.1f}"


def verdict(drift: Drift) -> str:
    reasons = []
    if drift.harder_to_leave:
        reasons.append("is harder to leave than designed")
    if drift.new_findings:
        count = len(drift.new_findings)
        reasons.append(f"has {count} new finding{'s' if count != 1 else ''}")
    if not reasons:
        return "The recorded product is no harder to leave than designed and has no new findings."
    return "The recorded product " + " and ".join(reasons) + "."


def _flow_title(flow: FlowDrift) -> str:
    if flow.design is None:
        return f"flow {flow.recorded} ({flow.kind}): added"
    if flow.recorded is None:
        return f"flow {flow.design} ({flow.kind}): removed"
    same = flow.design == flow.recorded
    return f"flow {flow.recorded} ({flow.kind})" + ("" if same else f", designed as {flow.design}")


def _flow_lines(flow: FlowDrift) -> list[tuple[str, str]]:
    """(sign, text) for each difference of a flow."""
    lines = [("+", f"step {s}") for s in flow.steps_added]
    lines += [("-", f"step {s}") for s in flow.steps_removed]
    lines += [("~", f"step {s}: {change}") for s, change in flow.steps_changed]
    lines += [("+", f'action {s} › "{label}"') for s, label in flow.actions_added]
    lines += [("-", f'action {s} › "{label}"') for s, label in flow.actions_removed]
    lines += [("~", f'action {c.step} › "{c.label}": {"; ".join(c.changes)}')
              for c in flow.actions_changed]  # fmt: skip
    return lines


def _where(finding: Finding) -> str:
    parts = [p for p in (finding.flow, finding.step) if p]
    return ".".join(parts) or finding.location.path


# -- console --------------------------------------------------------------------------------------


def render_console(drift: Drift) -> str:
    from darklint.report.console import printable

    out = [f"darklint diff: design {drift.design} -> recorded {drift.recorded}", ""]
    for flow in drift.flows:
        lines = _flow_lines(flow)
        if not lines and flow.design and flow.recorded:
            continue
        out.append(_flow_title(flow))
        out += [f"  {sign} {text}" for sign, text in lines]
    out += ["", "effort of the easiest path (design -> recorded):"]
    for effort in drift.efforts:
        note = "  harder to leave" if effort in drift.harder_to_leave else ""
        change = f"  ({_change(effort)})" if _change(effort) else ""
        out.append(f"  {effort.kind:<9}{_effort(effort.design)} -> {_effort(effort.recorded)}"
                   f"{change}{note}")  # fmt: skip
        for step in effort.added_steps:
            detail = f" ({step.note})" if step.note else ""
            out.append(f"    added step {step.flow}.{step.step}: +{step.effort / 10:.1f}{detail}")
    out += ["", f"findings: {len(drift.new_findings)} new, {len(drift.gone_findings)} gone"]
    for sign, group in (("+", drift.new_findings), ("-", drift.gone_findings)):
        out += [f"  {sign} {f.rule_id} {f.rule_name} at {_where(f)}: {f.message}" for f in group]
    out += ["", verdict(drift)]
    return "\n".join(printable(line) for line in out) + "\n"


# -- JSON -----------------------------------------------------------------------------------------


def drift_data(drift: Drift) -> dict[str, Any]:
    from darklint import __version__
    from darklint.report.jsonout import finding_dict

    return {
        "darklint": __version__,
        "design": drift.design,
        "recorded": drift.recorded,
        "worse": drift.worse,
        "harder_to_leave": [e.kind for e in drift.harder_to_leave],
        "flows": [
            {
                "design": f.design,
                "recorded": f.recorded,
                "kind": f.kind,
                "steps_added": f.steps_added,
                "steps_removed": f.steps_removed,
                "steps_changed": [{"step": s, "change": c} for s, c in f.steps_changed],
                "actions_added": [{"step": s, "label": a} for s, a in f.actions_added],
                "actions_removed": [{"step": s, "label": a} for s, a in f.actions_removed],
                "actions_changed": [
                    {"step": c.step, "label": c.label, "changes": list(c.changes)}
                    for c in f.actions_changed
                ],
                "steps_matched": f.matched,
            }
            for f in drift.flows
        ],
        "effort": [
            {
                "kind": e.kind,
                "design": None if e.design is None else e.design / 10,
                "recorded": None if e.recorded is None else e.recorded / 10,
                "added_steps": [
                    {"flow": s.flow, "step": s.step, "effort": s.effort / 10, "note": s.note}
                    for s in e.added_steps
                ],
            }
            for e in drift.efforts
        ],
        "findings": {
            "new": [finding_dict(f) for f in drift.new_findings],
            "gone": [finding_dict(f) for f in drift.gone_findings],
        },
    }


def render_json(drift: Drift) -> str:
    import json

    return json.dumps(drift_data(drift), indent=2, ensure_ascii=False) + "\n"


# -- Markdown -------------------------------------------------------------------------------------


def render_markdown(drift: Drift) -> str:
    """A pull-request comment: every text from the files escaped (no links, no mentions)."""
    from darklint.report.markdown import MAX_CHARS, md_text

    icon = "❌" if drift.worse else "✅"
    out = [
        f"### {icon} darklint diff: {md_text(drift.design)} → {md_text(drift.recorded)}",
        "",
        md_text(verdict(drift)),
        "",
        "| Easiest path | Design | Recorded | Change |",
        "|---|---|---|---|",
    ]
    for effort in drift.efforts:
        harder = " (harder to leave)" if effort in drift.harder_to_leave else ""
        out.append(f"| {md_text(effort.kind)} | {_effort(effort.design)} | "
                   f"{_effort(effort.recorded)} | {_change(effort)}{harder} |")  # fmt: skip
    added = [(e, s) for e in drift.efforts for s in e.added_steps]
    if added:
        out += ["", "| Added step on the easiest path | Effort it adds | Why |", "|---|---|---|"]
        out += [f"| {md_text(f'{s.flow}.{s.step}')} ({md_text(e.kind)}) | +{s.effort / 10:.1f} | "
                f"{md_text(s.note)} |" for e, s in added]  # fmt: skip
    changes = [(flow, line) for flow in drift.flows for line in _flow_lines(flow)]
    if changes or any(f.design is None or f.recorded is None for f in drift.flows):
        out += ["", "| Flow | Change |", "|---|---|"]
        for flow in drift.flows:
            if flow.design is None or flow.recorded is None:
                out.append(f"| {md_text(flow.name)} | {md_text(_flow_title(flow))} |")
        out += [f"| {md_text(flow.name)} | {md_text(sign + ' ' + text)} |"
                for flow, (sign, text) in changes]  # fmt: skip
    if drift.new_findings or drift.gone_findings:
        out += ["", "| Finding | Rule | Where | Message |", "|---|---|---|---|"]
        out += [
            f"| {status} | {md_text(f.rule_id)} {md_text(f.rule_name)} | "
            f"{md_text(_where(f))} | {md_text(f.message)} |"
            for status, group in (("new", drift.new_findings), ("gone", drift.gone_findings))
            for f in group
        ]
    size = 0
    for index, line in enumerate(out):
        size += len(line) + 1
        if size + 200 > MAX_CHARS:  # GitHub refuses longer comments
            out = [*out[:index], "", f"… and {len(out) - index} more lines (see `-f json`)."]
            break
    return "\n".join(out) + "\n"
