"""Provenance of a finding's evidence: observed in the running product, or declared.

A flow file written by darklint's recorder marks, on each step, action and option, the keys
read from the live page (``observed: [text, emphasis]``); what a browser cannot see (a phone
step, a wait on hold, a fee passed on at cost) comes from the team's overlay and is declared.
A finding built on such a file says which of its evidence is which: the step and item it
points at, and the steps and actions of its evidence paths. Auditors can then tell a flow
as it was shipped from a flow as someone described it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from darklint.findings import Finding, Provenance
from darklint.model import Action, Option, Product, Step

#: Keys that hold other items (with provenance of their own), not facts of the item itself.
_STRUCTURE = frozenset({"actions", "options", "observed"})


def is_recorded(product: Product) -> bool:
    """Whether any item of the product carries observations."""
    for flow in product.flows.values():
        for step in flow.steps.values():
            if step.observed or any(a.observed for a in step.actions):
                return True
            if any(o.observed for o in step.options):
                return True
    return False


def with_provenance(product: Product, findings: list[Finding]) -> list[Finding]:
    """The findings with the provenance of their evidence (unchanged for unrecorded files)."""
    if not is_recorded(product):
        return findings
    return [dataclasses.replace(f, provenance=provenance_of(product, f)) for f in findings]


def provenance_of(product: Product, finding: Finding) -> tuple[Provenance, ...]:
    seen: dict[tuple[str, str, str], Provenance] = {}
    for item in _evidence_items(product, finding):
        seen.setdefault((item.flow, item.step, item.item), item)
    return tuple(seen.values())


def _evidence_items(product: Product, finding: Finding) -> Iterator[Provenance]:
    step = _step(product, finding.flow, finding.step)
    if step is not None:
        assert finding.flow is not None
        yield _of_step(finding.flow, step)
        for action in step.actions:
            if action.location == finding.location:
                yield _of_item(finding.flow, step.id, f"action '{action.label}'", action)
        for option in step.options:
            if option.location == finding.location:
                yield _of_item(finding.flow, step.id, f"option '{option.label}'", option)
    for path in finding.paths:
        for here in path.steps:
            on_path = _step(product, here.flow, here.step)
            if on_path is None:
                continue
            yield _of_step(here.flow, on_path)
            taken = next((a for a in on_path.actions if a.label == here.action), None)
            if taken is not None:
                yield _of_item(here.flow, on_path.id, f"action '{taken.label}'", taken)


def _step(product: Product, flow: str | None, step: str | None) -> Step | None:
    found = product.flows.get(flow or "")
    return found.steps.get(step or "") if found else None


def _of_step(flow: str, step: Step) -> Provenance:
    written = [k for k in step.keys if k not in _STRUCTURE]
    return _split(flow, step.id, "step", written, step.observed)


def _of_item(flow: str, step: str, what: str, item: Action | Option) -> Provenance:
    from darklint.flowdata import to_data

    written = [k for k in to_data(item) if k not in _STRUCTURE]
    return _split(flow, step, what, written, item.observed)


def _split(
    flow: str, step: str, what: str, written: list[str], observed: tuple[str, ...]
) -> Provenance:
    declared = tuple(k for k in written if k not in observed)
    return Provenance(flow, step, what, tuple(observed), declared)
