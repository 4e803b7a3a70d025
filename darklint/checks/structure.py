"""Checks for the structure rules (DL0xx): the flow itself is broken.

DL001 (the loader) and DL007 (unused ignores) are produced by the engine; their functions are
registered here so the rule files name real checks.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from itertools import islice

from darklint.checks import Params, check
from darklint.findings import Hit
from darklint.graph import Queries
from darklint.load.targets import TargetRef, written_as
from darklint.model import gives_reason, placeholder_reason
from darklint.safetext import clip, clip_key


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
        flow, step, action = dangling.flow, dangling.step, dangling.action
        yield unknown_target_hit(
            TargetRef(
                flow.id,
                step and step.id,
                action and action.label,
                dangling.target,
                action.location if action else flow.keys.get("start", flow.location),
            ),
            flow.steps,
            dangling.suggestion,
        )


#: Step names a DL002 message lists: enough to choose from, and a message stays short.
MAX_LISTED = 12


def unknown_target_hit(
    ref: TargetRef, flow_steps: Collection[str], suggestion: tuple[str, str] | None
) -> Hit:
    """DL002's finding for one target, from names alone: the engine also reports it for a
    file that does not load, next to the file's other problems."""
    if suggestion is not None:
        advice = f"did you mean '{clip(written_as(suggestion, ref.flow))}'?"
    else:
        named = [clip(step, 40) for step in islice(flow_steps, MAX_LISTED)]
        more = len(flow_steps) - len(named)
        steps = (", ".join(named) or "none") + (f" and {more} more" if more > 0 else "")
        advice = f"name one of its steps ({steps}), or a step of another flow as flow.step"
    flow, target = clip(ref.flow), clip(ref.target)
    if ref.step is None:
        return Hit(
            f"flow '{flow}' starts at '{target}', which is not one of its steps; {advice}",
            ref.location,
            flow=ref.flow,
            subject=clip_key(f"start->{ref.target}"),
        )
    where = "a step of any flow" if "." in ref.target else "a step of its flow"
    return Hit(
        f"action '{clip(ref.label)}' on step '{clip(ref.step)}' goes to '{target}', which is not "
        f"{where}; {advice}",
        ref.location,
        flow=ref.flow,
        step=ref.step,
        subject=clip_key(f"{ref.label}->{ref.target}"),
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
    """A non-outcome step from which no outcome can be reached (no action, or a trap)."""
    escapes = q.reaches_any_outcome
    if len(escapes) == len(q.numbered.nodes):
        return  # every step reaches an outcome (the usual case): no step to look at
    for node in q.graph.nodes():
        step = q.graph.step(node)
        if step.outcome is not None or node in escapes:
            continue
        targets = list(dict.fromkeys(t for _, t in q.graph.succ[node]))
        if not targets:
            why = "it has no action and no outcome"
            advice = "add an action or an outcome"
        else:
            named = ", ".join(f"'{written_as(t, node[0])}'" for t in targets[:5])
            more = f" and {len(targets) - 5} more" if len(targets) > 5 else ""
            why = f"its only actions lead to steps that cannot reach an outcome ({named}{more})"
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


@check("ignore_without_reason", reads=("Product.ignore", "IgnoreEntry.reason"))
def ignore_without_reason(q: Queries, params: Params) -> Iterator[Hit]:
    """An `ignore:` entry without a reason; it suppresses nothing until it has one."""
    for entry in q.product.ignore:
        if not gives_reason(entry.reason):
            reason = (entry.reason or "").strip()
            problem = (
                f"has only a placeholder for a reason ('{clip(reason)}'); replace it with who "
                "accepted the finding, when and why"
                if placeholder_reason(reason)
                else "has no reason; add `reason:` saying why the finding is accepted"
            )
            yield Hit(
                f"ignore entry for rule {entry.rule} {problem} (until then it ignores nothing)",
                entry.location,
                flow=entry.flow,
                step=entry.step,
                subject=f"{entry.rule}/{entry.flow}/{entry.step}",
            )
