"""Step targets by name: which step a ``to:`` or ``start:`` names, and which it probably meant.

A target is resolved by names alone (flow ids and step ids), so the same answer is given for
a file that loads and for one that does not: the graph uses it to drop actions to missing
steps, and a file with format problems still gets its unknown targets reported, read straight
from the YAML nodes (:func:`target_outline`), in the same run as its other problems.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping

import yaml

from darklint.classes import dataclass
from darklint.load.yamlnodes import location_of
from darklint.model import Location

#: Flow id -> the ids of its steps, in file order.
StepIds = Mapping[str, Collection[str]]


def resolve(target: str, flow_id: str, steps: StepIds) -> tuple[str, str] | None:
    """The (flow, step) a ``to`` written in ``flow_id`` names (``step`` or ``flow.step``)."""
    if "." in target:
        other, _, step = target.partition(".")
        return (other, step) if step in steps.get(other, ()) else None
    return (flow_id, target) if target in steps.get(flow_id, ()) else None


#: Longest target compared with step names for a "did you mean": a typo of a step id is short,
#: and one file may name the same megabyte string as thousands of targets (YAML aliases).
MAX_SUGGESTED = 200


def suggest(target: str, flow_id: str, steps: StepIds) -> tuple[str, str] | None:
    """The step a target most likely meant, searched across every flow, or None.

    The same step id in another flow (``done`` -> ``cancel.done``) first; else the closer of
    the nearest ``step`` / ``flow.step`` as written and the nearest step id alone.
    """
    written: dict[str, tuple[str, str]] = {}
    by_step: dict[str, tuple[str, str]] = {}
    for flow, ids in steps.items():
        for step in ids:
            written[step if flow == flow_id else f"{flow}.{step}"] = (flow, step)
            if flow == flow_id or step not in by_step:
                by_step[step] = (flow, step)
    step_part = target.rpartition(".")[2]
    if step_part in by_step and by_step[step_part] != resolve(target, flow_id, steps):
        return by_step[step_part]
    if len(target) > MAX_SUGGESTED:  # no near miss, and comparing would cost its length
        return None
    best: tuple[float, tuple[str, str]] | None = None
    for word, table in ((target, written), (step_part, by_step)):
        for candidate in difflib.get_close_matches(word, list(table), n=1, cutoff=0.6):
            score = difflib.SequenceMatcher(None, word, candidate).ratio()
            if best is None or score > best[0]:
                best = (score, table[candidate])
    return best[1] if best else None


def written_as(node: tuple[str, str], flow_id: str) -> str:
    """How a ``to`` in ``flow_id`` names a step: ``step`` in its own flow, else ``flow.step``."""
    return node[1] if node[0] == flow_id else f"{node[0]}.{node[1]}"


@dataclass(frozen=True)
class TargetRef:
    """A ``to:`` of an action, or a flow's ``start:`` (``step`` and ``label`` are None)."""

    flow: str
    step: str | None
    label: str | None
    target: str
    location: Location


@dataclass(frozen=True)
class TargetOutline:
    """The names a file's targets are resolved against, and every target it writes."""

    steps: dict[str, tuple[str, ...]]
    refs: tuple[TargetRef, ...]


def target_outline(root: yaml.Node, path: str) -> TargetOutline:
    """Flow and step ids and every ``start`` and ``to`` of a file, from its YAML nodes.

    Used for a file that does not load: whatever else is wrong with it, its targets can be
    checked against the ids it declares. Anything that is not shaped as expected is passed
    over (the loader reports it).
    """
    steps: dict[str, tuple[str, ...]] = {}
    refs: list[TargetRef] = []
    for flow_id, flow in _entries(_value(root, "flows")):
        step_nodes = list(_entries(_value(flow, "steps")))
        steps[flow_id] = tuple(step_id for step_id, _ in step_nodes)
        start = _value(flow, "start")
        if isinstance(start, yaml.ScalarNode) and start.value:
            refs.append(TargetRef(flow_id, None, None, start.value, location_of(start, path)))
        for step_id, step in step_nodes:
            actions = _value(step, "actions")
            if not isinstance(actions, yaml.SequenceNode):
                continue
            for action in actions.value:
                to, label = _value(action, "to"), _value(action, "label")
                if isinstance(to, yaml.ScalarNode) and to.value:
                    text = label.value if isinstance(label, yaml.ScalarNode) else None
                    refs.append(
                        TargetRef(flow_id, step_id, text, to.value, location_of(action, path))
                    )
    return TargetOutline(steps, tuple(refs))


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    return None


def _entries(node: yaml.Node | None) -> Iterable[tuple[str, yaml.Node]]:
    """The (id, node) entries of a mapping of ids, first one of a duplicated id only."""
    if not isinstance(node, yaml.MappingNode):
        return []
    seen: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value not in seen:
            seen[key_node.value] = value_node
    return list(seen.items())
