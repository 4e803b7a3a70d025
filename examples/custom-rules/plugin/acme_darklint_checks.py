"""Acme's own darklint check functions, registered through the ``darklint.checks`` entry point.

darklint imports this module when it starts checking (because the installed distribution
names it under ``[project.entry-points."darklint.checks"]``), and the ``@check`` decorator
registers each function under the name a rule file's ``check.function`` uses.
"""

from __future__ import annotations

from collections.abc import Iterator

from darklint.checks import Params, check
from darklint.findings import Hit


@check("flow_has_step_kind", flow_kind="cancel", step_kind="confirmation")
def flow_has_step_kind(q, params: Params) -> Iterator[Hit]:
    """Every flow of `flow_kind` has a step of `step_kind` (a cancel flow a confirmation)."""
    for flow in q.product.flows.values():
        if flow.kind != params["flow_kind"]:
            continue
        if any(step.kind == params["step_kind"] for step in flow.steps.values()):
            continue
        yield Hit(
            f"flow '{flow.id}' ({flow.kind}) has no step of kind '{params['step_kind']}'",
            flow.location,
            flow=flow.id,
            subject=f"{flow.id}:{params['step_kind']}",
        )
