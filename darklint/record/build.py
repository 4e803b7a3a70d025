"""From recordings to flow files: steps per page state, merged tests, the team's overlay.

A page state is a path and its heading: the same page showing another heading (a
single-page app's next screen) is another step. A step's id is the last part of its path
(``/cancel/offer`` -> ``offer``), with the heading added when two states of a flow would
share it. Each click is an action from the state it was made on to the state where the
walk went on; the same click in two tests is one action. What the page showed is written
as observed (``observed: [...]`` on the step, action or option); the test's own claims
(flow kind, outcomes) and everything from the overlay are declared.

The overlay is a partial flow file the team writes, keyed by flow and step id: keys it
gives a recorded step, action (matched by label) or option (matched by label) are added as
declared, and override what was observed; steps and actions it adds are declared, except
the prominence of an action whose button or link the page showed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import field
from typing import TYPE_CHECKING, Any

from darklint.classes import dataclass

if TYPE_CHECKING:
    from darklint.record import FlowRecording

Data = dict[str, Any]


class RecordingError(Exception):
    """The recordings (or the overlay) cannot make a valid flow file; the message says why."""


def slug(text: str) -> str:
    """A step or file id from a path part or a heading: ``Cancel plan!`` -> ``cancel-plan``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass
class _Step:
    key: tuple[str, str]
    state: dict[str, Any]
    ways: dict[str, str] = field(default_factory=dict)  # label -> emphasis, as shown
    actions: dict[tuple[str, tuple[str, str]], Data] = field(default_factory=dict)
    outcome: str | None = None


@dataclass
class _Flow:
    id: str
    kind: str
    start: tuple[str, str] | None = None
    steps: dict[tuple[str, str], _Step] = field(default_factory=dict)


def _key(state: dict[str, Any]) -> tuple[str, str]:
    return (str(state.get("path") or "/"), str(state.get("heading") or ""))


def _walk(flow: _Flow, recording: FlowRecording) -> None:
    states = [click.state for click in recording.clicks]
    if recording.end is not None:
        states.append(recording.end)
    if not states:
        return
    for state in states:
        step = flow.steps.setdefault(_key(state), _Step(_key(state), state))
        for way in state.get("ways") or ():
            if isinstance(way, dict) and way.get("name"):
                step.ways.setdefault(str(way["name"]), str(way.get("emphasis") or "secondary"))
    if flow.start is None:
        flow.start = _key(states[0])
    for index, click in enumerate(recording.clicks):
        source = flow.steps[_key(click.state)]
        target = _key(states[index + 1]) if index + 1 < len(states) else source.key
        if click.name:
            source.actions.setdefault(
                (click.name, target), {"label": click.name, "emphasis": click.emphasis}
            )
    if recording.outcome_name and recording.end is not None:
        flow.steps[_key(recording.end)].outcome = recording.outcome_name


def _step_ids(flow: _Flow) -> dict[tuple[str, str], str]:
    """Ids from paths; the heading is added where two states share a path's id."""
    by_path: dict[str, list[tuple[str, str]]] = {}
    for key in flow.steps:
        base = slug(key[0].rstrip("/").rsplit("/", 1)[-1]) or "home"
        by_path.setdefault(base, []).append(key)
    ids: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for base, keys in by_path.items():
        for key in keys:
            ident = base if len(keys) == 1 else f"{base}-{slug(key[1]) or 'page'}"
            candidate, number = ident, 2
            while candidate in taken:
                candidate, number = f"{ident}-{number}", number + 1
            taken.add(candidate)
            ids[key] = candidate
    return ids


def _step_data(step: _Step, ids: dict[tuple[str, str], str], flow_id: str) -> Data:
    state = step.state
    data: Data = {}
    observed: list[str] = []
    if state.get("payment"):
        data["kind"] = "payment"
        observed.append("kind")
    if state.get("text"):
        data["text"] = str(state["text"])
        observed.append("text")
    options = []
    for option in state.get("options") or ():
        if isinstance(option, dict) and option.get("label"):
            item: Data = {"label": str(option["label"])}
            if option.get("prechecked"):
                item["prechecked"] = True
            item["observed"] = ["label", "prechecked"]
            options.append(item)
    if options:
        data["options"] = options
    if isinstance(state.get("timer"), (int, float)):
        data["timer"] = {"seconds": state["timer"]}
        observed.append("timer")
    if step.outcome is not None:
        if step.actions:
            raise RecordingError(
                f"flow '{flow_id}': step '{ids[step.key]}' ends a test with outcome "
                f"'{step.outcome}', but another test clicks on from it; a step with an "
                "outcome has no actions"
            )
        data["outcome"] = step.outcome
    actions = []
    for (label, target), action in step.actions.items():
        item = {"label": label, "to": ids[target]}
        if action["emphasis"] != "secondary":
            item["emphasis"] = action["emphasis"]
        item["observed"] = ["label", "to", "emphasis"]
        actions.append(item)
    if actions:
        data["actions"] = actions
    data["observed"] = observed
    return data


def _flow_data(flow: _Flow) -> tuple[Data, dict[str, dict[str, str]]]:
    """A flow's data, and for each step id the ways on its page showed (label -> emphasis)."""
    ids = _step_ids(flow)
    assert flow.start is not None
    steps = {ids[key]: _step_data(step, ids, flow.id) for key, step in flow.steps.items()}
    ways = {ids[key]: step.ways for key, step in flow.steps.items()}
    return {"kind": flow.kind, "start": ids[flow.start], "steps": steps}, ways


# -- the overlay ------------------------------------------------------------------------------


def read_overlay(path: str) -> Data:
    """The overlay as plain data, read as safely as a flow file (no tags, bounded aliases)."""
    from darklint.flowdata import node_data
    from darklint.load import read_text
    from darklint.load.yamlnodes import alias_growth, compose, may_alias, unsafe_tags

    text, problem = read_text(path)
    if problem is not None:
        raise RecordingError(f"{problem.location}: {problem.message}")
    assert text is not None
    node, composed = compose(text, path)
    if composed is not None:
        raise RecordingError(f"{composed.location}: {composed.message}")
    if node is None:
        return {}
    for tag, tagged in unsafe_tags(node):
        mark = tagged.start_mark
        raise RecordingError(
            f"{path}:{mark.line + 1}:{mark.column + 1}: the YAML tag '{tag}' would construct "
            "an object; the overlay is plain data"
        )
    if may_alias(text) and alias_growth(node, 10_000) > 10_000:
        raise RecordingError(f"{path}: anchors and aliases expand the overlay too much")
    problems = list(_unknown_keys(node, path))
    if problems:
        raise RecordingError("the overlay has unknown keys:\n" + "\n".join(problems))
    data = node_data(node)
    if not isinstance(data, dict) or not isinstance(data.get("flows", {}), dict):
        raise RecordingError(
            f"{path}: an overlay is a mapping like a flow file: 'flows: {{FLOW: {{steps: "
            "{STEP: {...}}}}}' plus any product keys (subscription, channel, ignore)"
        )
    return data


def _unknown_keys(node: Any, path: str, cls: type | None = None, where: str = "the overlay"):
    """Misspelt keys, reported at the overlay's own lines (values are checked in the merged
    file). Walks product -> flows -> steps -> actions and options, as the format nests them."""
    import yaml

    from darklint import model
    from darklint.load.validate import fields_of, nearest
    from darklint.load.yamlnodes import location_of

    cls = cls or model.Product
    nested = {
        (model.Product, "flows"): (model.Flow, "flow"),
        (model.Flow, "steps"): (model.Step, "step"),
        (model.Step, "actions"): (model.Action, "action"),
        (model.Step, "options"): (model.Option, "option"),
    }
    if not isinstance(node, yaml.MappingNode):
        return
    known = list(fields_of(cls))
    for key, value in node.value:
        name = str(getattr(key, "value", ""))
        if name not in known:
            hint = nearest(name, known)
            advice = f"did you mean '{hint}'?" if hint else f"known: {', '.join(known)}"
            yield f"  {location_of(key, path)}: unknown key '{name}' in {where}; {advice}"
            continue
        inner = nested.get((cls, name))
        if inner is None:
            continue
        child, noun = inner
        if isinstance(value, yaml.MappingNode):  # flows and steps: ids -> entries
            for ident, entry in value.value:
                yield from _unknown_keys(entry, path, child, f"{noun} '{ident.value}'")
        elif isinstance(value, yaml.SequenceNode):  # actions and options: a list
            for number, entry in enumerate(value.value, start=1):
                yield from _unknown_keys(entry, path, child, f"{noun} {number} of {where}")


def _declare(item: Data, key: str, value: Any) -> None:
    """Set a declared key: what was observed under that key no longer stands."""
    item[key] = value
    observed = item.get("observed")
    if isinstance(observed, list) and key in observed:
        observed.remove(key)


def _merge_items(recorded: list[Data], declared: Any, where: str, ways: dict[str, str]) -> None:
    """Actions or options of the overlay, matched with the recorded ones by label."""
    if not isinstance(declared, list):
        raise RecordingError(f"{where} must be a list")
    for item in declared:
        if not isinstance(item, dict) or "label" not in item:
            raise RecordingError(f"every entry of {where} needs a 'label'")
        label = str(item["label"])
        match = next((r for r in recorded if r.get("label") == label), None)
        if match is None:
            match = {"label": label}
            if label in ways:  # the page showed it: its prominence was observed
                match["emphasis"] = ways[label]
                match["observed"] = ["label", "emphasis"]
                if ways[label] == "secondary":
                    del match["emphasis"]
            recorded.append(match)
        for key, value in item.items():
            if key != "label":
                _declare(match, key, value)


def merge_overlay(product: Data, ways: dict[str, dict[str, dict[str, str]]], overlay: Data):
    """Add the overlay's declared facts to the recorded product (in place)."""
    for key, value in overlay.items():
        if key not in ("flows", "darklint", "product"):
            product[key] = value
    for flow_id, flow_overlay in (overlay.get("flows") or {}).items():
        if not isinstance(flow_overlay, dict):
            raise RecordingError(f"overlay flow '{flow_id}' must be a mapping")
        flow = product["flows"].setdefault(flow_id, {"steps": {}})
        for key, value in flow_overlay.items():
            if key != "steps":
                flow[key] = value
        steps_overlay = flow_overlay.get("steps") or {}
        if not isinstance(steps_overlay, dict):
            raise RecordingError(f"'steps' of overlay flow '{flow_id}' must be a mapping")
        for step_id, step_overlay in steps_overlay.items():
            if not isinstance(step_overlay, dict):
                raise RecordingError(f"overlay step '{flow_id}.{step_id}' must be a mapping")
            step = flow["steps"].setdefault(step_id, {})
            seen = ways.get(flow_id, {}).get(step_id, {})
            for key, value in step_overlay.items():
                where = f"'{key}' of overlay step '{flow_id}.{step_id}'"
                if key in ("actions", "options"):
                    _merge_items(
                        step.setdefault(key, []), value, where, seen if key == "actions" else {}
                    )
                elif (
                    key == "timer"
                    and isinstance(value, dict)
                    and isinstance(step.get("timer"), dict)
                ):
                    step["timer"].update(value)  # the length stays observed
                else:
                    _declare(step, key, value)


# -- files ------------------------------------------------------------------------------------


def product_files(recordings: Sequence[FlowRecording]) -> dict[str, str]:
    """File name -> flow file text for each product, validated as darklint reads it."""
    from darklint.flowdata import dump_yaml
    from darklint.load import load_text

    by_product: dict[str, list[FlowRecording]] = {}
    for recording in recordings:
        by_product.setdefault(recording.product, []).append(recording)
    files = {}
    for name, group in by_product.items():
        product, tests, overlays = product_data(name, group)
        file_name = (slug(name) or "product") + ".yaml"
        header = "\n".join(
            [
                f"Recorded by darklint's pytest plugin from {len(tests)} test(s):",
                *(f"  {test}" for test in tests),
                "`observed` lists the keys read from the running product; every other key is",
                "declared: "
                + (
                    f"by the overlay {', '.join(map(_shown_path, overlays))} or "
                    if overlays
                    else ""
                )
                + "by the tests (flow kinds, outcomes).",
            ]
        )
        text = dump_yaml(product, header=header)
        loaded = load_text(text, file_name)
        if loaded.problems:
            listing = "\n".join(f"  {p.location}: {p.message}" for p in loaded.problems)
            raise RecordingError(
                f"the recorded flow file of '{name}' is not valid:\n{listing}\n--- the file:\n"
                + text
            )
        files[file_name] = text
    return files


def _shown_path(path: str) -> str:
    """A path as the header shows it: relative to the working directory when inside it, so a
    recorded file committed to a repository names no one's home directory."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def product_data(
    name: str, recordings: Sequence[FlowRecording]
) -> tuple[Data, list[str], list[str]]:
    """(product data, tests, overlay paths) for the recordings of one product."""
    flows: dict[str, _Flow] = {}
    for recording in recordings:
        flow = flows.setdefault(recording.flow, _Flow(recording.flow, recording.kind))
        if flow.kind != recording.kind:
            raise RecordingError(
                f"flow '{recording.flow}' of '{name}' is recorded as kind '{flow.kind}' and "
                f"as '{recording.kind}' ({recording.test}); one flow has one kind"
            )
        _walk(flow, recording)
    product: Data = {"darklint": 1, "product": name, "flows": {}}
    ways: dict[str, dict[str, dict[str, str]]] = {}
    for flow in flows.values():
        if flow.start is None:
            continue  # a recording that saw nothing (no click, page already closed)
        product["flows"][flow.id], ways[flow.id] = _flow_data(flow)
    overlays = sorted({r.overlay for r in recordings if r.overlay})
    for path in overlays:
        merge_overlay(product, ways, read_overlay(path))
    for flow in product["flows"].values():
        for step in flow.get("steps", {}).values():
            _tidy(step)
    tests = list(dict.fromkeys(r.test for r in recordings if r.test))
    flows_data = product.pop("flows")
    product["flows"] = flows_data  # product keys of the overlay before the flows
    return product, tests, overlays


def _tidy(item: Data) -> None:
    """Provenance last, and only when something was observed."""
    observed = item.pop("observed", None)
    if observed:
        item["observed"] = observed
    for key in ("actions", "options"):
        for child in item.get(key) or ():
            if isinstance(child, dict):
                _tidy(child)
