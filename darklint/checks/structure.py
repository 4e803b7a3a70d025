"""Checks for the structure rules (DL0xx): the flow itself is broken.

DL001 (the loader) and DL007 (unused ignores) are produced by the engine; their functions are
registered here so the rule files name real checks.
"""

from __future__ import annotations

from collections.abc import Iterator

from darklint.checks import Params, check
from darklint.findings import Hit
from darklint.graph import Queries


@check("invalid_flow_file")
def invalid_flow_file(q: Queries, params: Params) -> Iterator[Hit]:
    """Produced by the loader: a file that is not valid format v1 never reaches the checks."""
    return iter(())


@check("unused_ignore")
def unused_ignore(q: Queries, params: Params) -> Iterator[Hit]:
    """Produced by the engine once every other rule has run (see engine.apply_ignores)."""
    return iter(())


@check("unknown_step")
def unknown_step(q: Queries, params: Params) -> Iterator[Hit]:
    """An action's `to`, or a flow's `start`, names a step that does not exist."""
    for dangling in q.graph.dangling:
        flow = dangling.flow
        known = ", ".join(flow.steps)
        if dangling.action is None:
            yield Hit(
                f"flow '{flow.id}' starts at '{dangling.target}', which is not one of its "
                f"steps ({known}); name an existing step in 'start'",
                flow.keys.get("start", flow.location),
                flow=flow.id,
                subject=f"start->{dangling.target}",
            )
            continue
        assert dangling.step is not None
        where = "another flow's step" if "." in dangling.target else "a step of this flow"
        yield Hit(
            f"action '{dangling.action.label}' on step '{dangling.step.id}' goes to "
            f"'{dangling.target}', which is not {where}; the action is ignored until "
            "it names an existing step (or flow.step)",
            dangling.action.location,
            flow=flow.id,
            step=dangling.step.id,
            subject=f"{dangling.action.label}->{dangling.target}",
        )


@check("unreachable_step")
def unreachable_step(q: Queries, params: Params) -> Iterator[Hit]:
    """A step that no path from any flow's start reaches."""
    reached = q.reached_from_starts
    for node in q.graph.nodes():
        if node not in reached:
            flow = q.graph.flow(node)
            if flow.id not in q.graph.starts:
                continue  # the flow's start itself is missing: DL002 says so
            yield Hit(
                f"step '{node[1]}' of flow '{node[0]}' cannot be reached from the start of "
                "any flow; link to it from another step or remove it",
                q.graph.step(node).location,
                flow=node[0],
                step=node[1],
                subject="unreachable",
            )


@check("dead_end_step")
def dead_end_step(q: Queries, params: Params) -> Iterator[Hit]:
    """A non-outcome step from which no outcome can be reached (no action, or a trap loop)."""
    escapes = q.reaches_any_outcome
    for node in q.graph.nodes():
        step = q.graph.step(node)
        if step.outcome is not None or node in escapes:
            continue
        if not q.graph.succ[node]:
            why = "it has no action and no outcome"
            advice = "add an action or an outcome"
        else:
            why = "every way out leads back without reaching an outcome"
            advice = "give the customer a way to finish (an outcome such as cancelled)"
        yield Hit(
            f"step '{node[1]}' of flow '{node[0]}' is a dead end: {why}; {advice}",
            step.location,
            flow=node[0],
            step=node[1],
            subject="dead-end",
        )


@check("no_outcome")
def no_outcome(q: Queries, params: Params) -> Iterator[Hit]:
    """A flow whose start reaches no outcome at all."""
    escapes = q.reaches_any_outcome
    for flow in q.product.flows.values():
        start = q.graph.starts.get(flow.id)
        if start is not None and start not in escapes:
            yield Hit(
                f"flow '{flow.id}' never ends: no path from its start '{flow.start}' reaches "
                "a step with an outcome",
                flow.location,
                flow=flow.id,
                subject="no-outcome",
            )


@check("ignore_without_reason")
def ignore_without_reason(q: Queries, params: Params) -> Iterator[Hit]:
    """An `ignore:` entry without a reason; it suppresses nothing until it has one."""
    for entry in q.product.ignore:
        if not (entry.reason and entry.reason.strip()):
            yield Hit(
                f"ignore entry for rule {entry.rule} has no reason; add `reason:` saying why "
                "the finding is accepted (until then it ignores nothing)",
                entry.location,
                flow=entry.flow,
                step=entry.step,
                subject=f"{entry.rule}/{entry.flow}/{entry.step}",
            )
