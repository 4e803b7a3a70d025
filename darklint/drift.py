"""Drift: how a product as shipped (a recording) differs from the product as designed.

Two descriptions of one product rarely share ids: a designer calls a step ``done``, the
recorder calls it after its URL, ``cancelled``. So nothing is matched by id. Flows are
matched by kind (when each side has one flow of that kind), then by id. Steps are matched
by what the customer sees and does: the two starts match, and from two matched steps the
actions with the same label lead to matching steps; steps still unmatched pair up by their
outcome, then by their copy. Actions are matched by label within matched steps.

The comparison reports flows, steps and actions added and removed; the effort of the
easiest path of each kind before and after, with the added steps on the new path and the
effort each adds; and findings that are new or gone (a finding is the same when its rule,
matched flow and step, and subject are). The shipped product *drifts for the worse* when
cancelling is harder than designed (or impossible) or it has new findings.
"""

from __future__ import annotations

from collections import deque
from dataclasses import field

from darklint.classes import dataclass
from darklint.findings import EvidenceStep, Finding
from darklint.graph import OUTCOME_OF_KIND, EffortWeights, Queries, build_graph
from darklint.model import Flow, Product, Step

#: Kinds whose easiest path is how a customer leaves: harder here is drift for the worse.
LEAVING_KINDS = ("cancel",)


@dataclass(frozen=True)
class ActionChange:
    """An action of a matched step whose prominence, target, actor or fees changed."""

    step: str
    label: str
    changes: tuple[str, ...]  # "emphasis primary -> link", "now leads to 'call'"


@dataclass
class FlowDrift:
    """One flow in the design and the recording (either may be missing)."""

    design: str | None
    recorded: str | None
    kind: str
    steps_added: list[str] = field(default_factory=list)  # recorded step ids
    steps_removed: list[str] = field(default_factory=list)  # design step ids
    actions_added: list[tuple[str, str]] = field(default_factory=list)  # (recorded step, label)
    actions_removed: list[tuple[str, str]] = field(default_factory=list)  # (design step, label)
    actions_changed: list[ActionChange] = field(default_factory=list)
    #: Matched steps whose facts differ: (recorded step, "kind screen -> retention_offer").
    steps_changed: list[tuple[str, str]] = field(default_factory=list)
    matched: dict[str, str] = field(default_factory=dict)  # design step -> recorded step

    @property
    def name(self) -> str:
        return self.recorded or self.design or ""


@dataclass(frozen=True)
class AddedStepCost:
    """A step on the recorded easiest path that the design does not have, and its effort."""

    flow: str
    step: str
    effort: int  # tenths: the step and the action taken out of it
    note: str


@dataclass(frozen=True)
class EffortDrift:
    """The easiest path of one kind, before (design) and after (recorded), in tenths."""

    kind: str
    design: int | None
    recorded: int | None
    added_steps: tuple[AddedStepCost, ...] = ()

    @property
    def harder(self) -> bool:
        if self.design is None:
            return False
        return self.recorded is None or self.recorded > self.design


@dataclass
class Drift:
    """Everything that differs, and whether the shipped product drifted for the worse."""

    design: str
    recorded: str
    flows: list[FlowDrift]
    efforts: list[EffortDrift]
    new_findings: list[Finding]
    gone_findings: list[Finding]

    @property
    def harder_to_leave(self) -> list[EffortDrift]:
        return [e for e in self.efforts if e.kind in LEAVING_KINDS and e.harder]

    @property
    def worse(self) -> bool:
        return bool(self.harder_to_leave or self.new_findings)


# -- matching -----------------------------------------------------------------------------------


def match_flows(design: Product, recorded: Product) -> list[tuple[Flow | None, Flow | None]]:
    """Flows paired by kind when each side has exactly one of it, then by id."""
    pairs: list[tuple[Flow | None, Flow | None]] = []
    left = dict(design.flows)
    right = dict(recorded.flows)
    kinds = {f.kind for f in left.values()} & {f.kind for f in right.values()}
    for kind in sorted(kinds):
        ours = [f for f in left.values() if f.kind == kind]
        theirs = [f for f in right.values() if f.kind == kind]
        if len(ours) == 1 and len(theirs) == 1:
            pairs.append((ours[0], theirs[0]))
            del left[ours[0].id], right[theirs[0].id]
    for ident in [i for i in left if i in right]:
        pairs.append((left.pop(ident), right.pop(ident)))
    pairs += [(flow, None) for flow in left.values()]
    pairs += [(None, flow) for flow in right.values()]
    order = {flow.id: n for n, flow in enumerate([*design.flows.values()])}
    order.update({flow.id: n for n, flow in enumerate(recorded.flows.values())})
    return sorted(pairs, key=lambda p: order[(p[1] or p[0]).id])  # type: ignore[union-attr]


def match_steps(design: Flow, recorded: Flow) -> dict[str, str]:
    """Design step id -> recorded step id, matched by what the customer sees and does."""
    matched: dict[str, str] = {}
    taken: set[str] = set()

    def pair(ours: str, theirs: str) -> bool:
        if ours in matched or theirs in taken:
            return False
        matched[ours] = theirs
        taken.add(theirs)
        return True

    # An end is known by its outcome: the one 'cancelled' step of each side is the same end.
    _pair_alike(design, recorded, "outcome", matched, taken, pair)
    queue: deque[tuple[str, str]] = deque()
    if design.start in design.steps and recorded.start in recorded.steps:
        pair(design.start, recorded.start)
        queue.append((design.start, recorded.start))
    queue.extend(matched.items())
    while queue:
        ours, theirs = queue.popleft()
        targets = {a.label: a.to for a in recorded.steps[theirs].actions}
        for action in design.steps[ours].actions:
            there = targets.get(action.label)
            if there is None or action.to not in design.steps or there not in recorded.steps:
                continue  # a jump into another flow, or an action not shipped
            if pair(action.to, there):
                queue.append((action.to, there))
    _pair_alike(design, recorded, "text", matched, taken, pair)
    return matched


def _pair_alike(design: Flow, recorded: Flow, attribute: str, matched, taken, pair) -> None:
    """Pair unmatched steps that alone on each side have the same outcome (or copy)."""
    for ours, step in design.steps.items():
        value = getattr(step, attribute)
        if ours in matched or not value:
            continue
        same = [t for t, s in recorded.steps.items()
                if t not in taken and getattr(s, attribute) == value]  # fmt: skip
        alike = [o for o, s in design.steps.items()
                 if o not in matched and getattr(s, attribute) == value]  # fmt: skip
        if len(same) == 1 and len(alike) == 1:
            pair(ours, same[0])


def flow_drift(design: Flow | None, recorded: Flow | None) -> FlowDrift:
    kind = (recorded or design).kind  # type: ignore[union-attr]
    drift = FlowDrift(design.id if design else None, recorded.id if recorded else None, kind)
    if design is None or recorded is None:
        return drift
    drift.matched = match_steps(design, recorded)
    drift.steps_removed = [s for s in design.steps if s not in drift.matched]
    taken = set(drift.matched.values())
    drift.steps_added = [s for s in recorded.steps if s not in taken]
    back = {theirs: ours for ours, theirs in drift.matched.items()}
    for ours, theirs in drift.matched.items():
        drift.steps_changed += [
            (theirs, change) for change in _step_changes(design.steps[ours], recorded.steps[theirs])
        ]
        old = {a.label: a for a in design.steps[ours].actions}
        new = {a.label: a for a in recorded.steps[theirs].actions}
        drift.actions_removed += [(ours, label) for label in old if label not in new]
        drift.actions_added += [(theirs, label) for label in new if label not in old]
        for label in old.keys() & new.keys():
            changes = _action_changes(old[label], new[label], drift.matched, back)
            if changes:
                drift.actions_changed.append(ActionChange(theirs, label, changes))
    drift.actions_changed.sort(key=lambda c: (list(recorded.steps).index(c.step), c.label))
    return drift


#: Step keys compared between design and recording: the facts rules read (the copy is
#: compared by the findings it causes, not word by word).
_STEP_FACTS = ("kind", "channel", "requires", "discloses", "wait_minutes", "hours", "outcome")


def _step_changes(old: Step, new: Step) -> list[str]:
    """What a customer meets differently at a matched step."""
    changes = []
    for key in _STEP_FACTS:
        before, after = getattr(old, key), getattr(new, key)
        if before != after:
            changes.append(f"{key} {_shown(before)} -> {_shown(after)}")
    ticks = {o.label: o.prechecked for o in old.options}
    for option in new.options:
        if option.label not in ticks:
            changes.append(f"tick box '{option.label}' added"
                           + (", ticked in advance" if option.prechecked else ""))  # fmt: skip
        elif option.prechecked and not ticks[option.label]:
            changes.append(f"tick box '{option.label}' now ticked in advance")
    if new.timer is not None and old.timer is None:
        changes.append(f"countdown of {new.timer.seconds:g} seconds added")
    return changes


def _shown(value: object) -> str:
    if value is None or value == ():
        return "none"
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def _action_changes(old, new, matched: dict[str, str], back: dict[str, str]) -> tuple[str, ...]:
    changes = []
    if old.emphasis != new.emphasis:
        changes.append(f"emphasis {old.emphasis} -> {new.emphasis}")
    if matched.get(old.to, old.to) != new.to and back.get(new.to) != old.to:
        changes.append(f"leads to '{new.to}' (designed: '{old.to}')")
    if old.by != new.by:
        changes.append(f"taken by {new.by} (designed: {old.by})")
    if old.fees != new.fees:
        changes.append("fees differ")
    return tuple(changes)


# -- effort and findings ------------------------------------------------------------------------


def effort_drifts(
    design: Product, recorded: Product, flows: list[FlowDrift], weights: EffortWeights
) -> list[EffortDrift]:
    ours = Queries(build_graph(design), weights)
    theirs = Queries(build_graph(recorded), weights)
    added = {(f.recorded, s) for f in flows for s in f.steps_added}
    added |= {(f.recorded, s) for f in flows if f.design is None for s in _steps(recorded, f)}
    kinds = [k for k in OUTCOME_OF_KIND if ours.flows_of(k) or theirs.flows_of(k)]
    out = []
    for kind in kinds:
        before, after = ours.easiest(kind), theirs.easiest(kind)
        costs: tuple[AddedStepCost, ...] = ()
        if after is not None:
            rows: tuple[EvidenceStep, ...] = theirs.evidence(after, kind).steps
            costs = tuple(
                AddedStepCost(r.flow, r.step, r.effort, r.note)
                for r in rows
                if (r.flow, r.step) in added
            )
        out.append(
            EffortDrift(
                kind,
                before.effort if before else None,
                after.effort if after else None,
                costs,
            )
        )
    return out


def _steps(product: Product, drift: FlowDrift) -> list[str]:
    return list(product.flows[drift.recorded].steps) if drift.recorded else []


def finding_key(finding: Finding, flows: dict[str, FlowDrift] | None) -> tuple[str, ...]:
    """What makes two findings the same across the two files: rule, flow, step, subject.

    ``flows`` (design flow id -> its drift) maps a design finding to recorded ids.
    """
    flow, step = finding.flow or "", finding.step or ""
    if flows is not None and flow in flows:
        drift = flows[flow]
        step = drift.matched.get(step, f"design:{step}") if step else ""
        flow = drift.recorded or f"design:{flow}"
    return (finding.rule_id, flow, step, finding.subject or finding.message)


def compare(
    design: Product,
    recorded: Product,
    design_findings: list[Finding],
    recorded_findings: list[Finding],
    weights: EffortWeights | None = None,
) -> Drift:
    """The drift of ``recorded`` from ``design``, given the findings of each."""
    flows = [flow_drift(ours, theirs) for ours, theirs in match_flows(design, recorded)]
    by_design = {f.design: f for f in flows if f.design is not None}
    before = {finding_key(f, by_design): f for f in design_findings}
    after = {finding_key(f, None): f for f in recorded_findings}
    return Drift(
        design=design.path,
        recorded=recorded.path,
        flows=flows,
        efforts=effort_drifts(design, recorded, flows, weights or EffortWeights()),
        new_findings=[f for key, f in after.items() if key not in before],
        gone_findings=[f for key, f in before.items() if key not in after],
    )
