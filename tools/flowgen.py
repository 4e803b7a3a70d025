"""Random darklint products for the property tests and the fuzzing run (``tools/fuzz.py``).

A product is drawn as plain data (dicts and lists shaped like the flow format, version 1) by a
hypothesis strategy, then written out as YAML text, so every generated file goes through the
real loader. The generator covers what the rules read: random graphs with cycles, self-loops,
dead ends, jumps into other flows and the odd dangling target; channels, waits and hours;
fees, options, timers, notices, offers, triggers and ignore entries; and labels that mix plain
copy, confirmshaming phrases and hostile text (markup, URLs, control characters).

Transformations used by the invariants live here too (lengthening every cancel path,
reordering steps, moving lines with blank lines and comments), and so do the properties
themselves (``prop_*``): ``tests/test_properties.py`` runs each for a bounded number of
examples, ``tools/fuzz.py`` for as long as a maintainer likes.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

import yaml
from hypothesis import strategies as st

from darklint import model
from darklint.catalog import Rule, load_rules
from darklint.engine import FileReport, LintOptions, lint_file, select_rules
from darklint.graph import OUTCOME_OF_KIND, Queries, build_graph
from darklint.load import LoadResult, load_text

CHANNELS: tuple[str, ...] = typing.get_args(model.Channel)
FLOW_KINDS: tuple[str, ...] = typing.get_args(model.FlowKind)
STEP_KINDS: tuple[str, ...] = typing.get_args(model.StepKind)
OUTCOMES: tuple[str, ...] = typing.get_args(model.Outcome)
FACTS: tuple[str, ...] = typing.get_args(model.Fact)
REQUIREMENTS: tuple[str, ...] = typing.get_args(model.Requirement)
EMPHASES: tuple[str, ...] = typing.get_args(model.Emphasis)
ACTORS: tuple[str, ...] = typing.get_args(model.Actor)
OPTION_KINDS: tuple[str, ...] = typing.get_args(model.OptionKind)
RENEWALS: tuple[str, ...] = typing.get_args(model.Renewal)
AUDIENCES: tuple[str, ...] = typing.get_args(model.Audience)
EVENTS: tuple[str, ...] = typing.get_args(model.NoticeEvent)
HOURS: tuple[str, ...] = typing.get_args(model.Hours)

#: Ids the generator never draws, so inserted steps cannot collide with drawn ones.
INSERTED_PREFIX = "ins-"

#: Copy a product team might write, including phrases the copy rules look for.
PLAIN_LABELS = (
    "Cancel plan",
    "Continue",
    "Start free trial",
    "Keep my discount",
    "No thanks",
    "No thanks, I don't like saving money",
    "I'd rather pay full price",
    "Giving up already?",
    "Uncheck to not opt out of not receiving offers",
    "Only 2 left! Offer ends in 10:00",
    "Call us to cancel",
    "Agent cancels the plan",
    "Request refund",
    "Add device protection",
    "Email me offers",
)

#: Text that must stay data in every report: markup, script URLs, terminal and CI escapes.
HOSTILE_LABELS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "[click](javascript:alert(1))",
    "![x](http://127.0.0.1/x.png)",
    "| a | b |\n|---|---|",
    "`code` *bold* _em_ <b>b</b>",
    "::error file=x::injected",
    "%0A::warning::x",
    "\x1b[31mred\x1b[0m\x07",
    "${{ secrets.TOKEN }}",
    "{{ 7 * 7 }} {% raw %}",
    "'; DROP TABLE flows; --",
    "]]></testcase><testcase name='x'>",
    "\u202egnp.exe",
    "a\u0000b",
    "\ufeffBOM inside",
    "line one\nline two\r\nline three",
    "\t tab and trailing space ",
    "😀 émoji ünïcode 中文 עברית",
    "x" * 300,
)

_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

#: Step and flow ids: plain words, YAML look-alikes (``no``, ``on``, ``null``), odd text.
ID_WORDS = ("start", "a", "b", "no", "on", "y", "null", "1", "0x1F", "<b>", "ü-step", "a b", "-x")


def labels(line_breaks: bool = True) -> st.SearchStrategy[str]:
    """Button, option and step text: plain copy, hostile text or random unicode."""
    alphabet = st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="" if line_breaks else _LINE_BREAKS,
    )
    fixed = PLAIN_LABELS + HOSTILE_LABELS
    if not line_breaks:
        fixed = tuple(t for t in fixed if not any(c in t for c in _LINE_BREAKS))
    return st.one_of(
        st.sampled_from(fixed),
        st.text(alphabet, min_size=0, max_size=40),
    )


def ids() -> st.SearchStrategy[str]:
    """A step or flow id: never contains '.', never starts with the inserted-step prefix."""
    drawn = st.text(
        st.characters(
            blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
            blacklist_characters="." + _LINE_BREAKS,
        ),
        min_size=1,
        max_size=12,
    )
    return st.one_of(st.sampled_from(ID_WORDS), drawn).filter(
        lambda s: not s.startswith(INSERTED_PREFIX)
    )


def amounts() -> st.SearchStrategy[float | int]:
    """Prices, fees, waits: small and huge, whole and fractional, never negative."""
    return st.one_of(
        st.integers(min_value=0, max_value=10_000),
        st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False),
        st.sampled_from([0, 0.01, 1e15, 1.7976931348623157e308]),
    )


def currencies() -> st.SearchStrategy[str]:
    return st.sampled_from(["USD", "EUR", "GBP", "JPY", "CHF", "usd", "XXX", "<b>$</b>"])


@cache
def catalog() -> tuple[Rule, ...]:
    """The built-in rules, loaded once per process."""
    return tuple(load_rules())


def _maybe(draw: Callable, strategy: st.SearchStrategy) -> Any:
    """A value or None (None fields are left out of the file)."""
    return draw(strategy) if draw(st.booleans()) else None


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        target[key] = value


@st.composite
def fees(draw: Callable, line_breaks: bool = True) -> dict[str, Any]:
    fee: dict[str, Any] = {"name": draw(labels(line_breaks))}
    if draw(st.booleans()):
        fee["pass_through"] = True
        _put(fee, "amount", _maybe(draw, amounts()))
    else:
        fee["amount"] = draw(amounts())
    _put(fee, "currency", _maybe(draw, currencies()))
    return fee


@st.composite
def options(draw: Callable, line_breaks: bool = True) -> dict[str, Any]:
    option: dict[str, Any] = {"label": draw(labels(line_breaks))}
    _put(option, "price", _maybe(draw, amounts()))
    _put(option, "currency", _maybe(draw, currencies()))
    _put(option, "prechecked", _maybe(draw, st.booleans()))
    _put(option, "kind", _maybe(draw, st.sampled_from(OPTION_KINDS)))
    return option


@st.composite
def subscriptions(draw: Callable) -> dict[str, Any]:
    sub: dict[str, Any] = {"renews": draw(st.sampled_from(RENEWALS))}
    _put(sub, "price", _maybe(draw, amounts()))
    _put(sub, "currency", _maybe(draw, currencies()))
    if draw(st.booleans()):
        trial: dict[str, Any] = {"days": draw(amounts())}
        _put(trial, "converts_to_paid", _maybe(draw, st.booleans()))
        sub["trial"] = trial
    _put(sub, "price_locked", _maybe(draw, st.booleans()))
    offers = []
    for _ in range(draw(st.integers(0, 2))):
        offer: dict[str, Any] = {
            "audience": draw(st.sampled_from(AUDIENCES)),
            "price": draw(amounts()),
        }
        _put(offer, "existing_customers_eligible", _maybe(draw, st.booleans()))
        _put(offer, "currency", _maybe(draw, currencies()))
        offers.append(offer)
    _put(sub, "offers", offers or None)
    notices = []
    for _ in range(draw(st.integers(0, 3))):
        notice: dict[str, Any] = {
            "event": draw(st.sampled_from(EVENTS)),
            "days_before": draw(amounts()),
        }
        _put(notice, "channel", _maybe(draw, st.sampled_from(CHANNELS)))
        notices.append(notice)
    _put(sub, "notices", notices or None)
    return sub


def _chance(draw: Callable, percent: int) -> bool:
    """True about ``percent`` times in a hundred (hypothesis has no weighted choice)."""
    return draw(st.integers(0, 99)) < percent


@st.composite
def steps_of(
    draw: Callable,
    flow_id: str,
    kind: str,
    own: list[str],
    elsewhere: list[str],
    line_breaks: bool,
) -> dict[str, Any]:
    """A flow's steps: mostly a chain toward the kind's outcome, with random extra edges."""
    text = labels(line_breaks)
    goal = OUTCOME_OF_KIND.get(kind)
    steps: dict[str, Any] = {}
    for index, step_id in enumerate(own):
        step: dict[str, Any] = {}
        _put(step, "kind", _maybe(draw, st.sampled_from(STEP_KINDS)))
        _put(step, "text", _maybe(draw, text))
        if _chance(draw, 30):
            step["channel"] = draw(st.sampled_from(CHANNELS))
        facts = draw(st.lists(st.sampled_from(FACTS), max_size=3)) if _chance(draw, 40) else []
        _put(step, "discloses", facts or None)
        needs = (
            draw(st.lists(st.sampled_from(REQUIREMENTS), max_size=2)) if _chance(draw, 25) else []
        )
        _put(step, "requires", needs or None)
        opts = draw(st.lists(options(line_breaks), max_size=2)) if _chance(draw, 25) else []
        _put(step, "options", opts or None)
        if _chance(draw, 15):
            timer: dict[str, Any] = {
                "seconds": draw(amounts()),
                "real_deadline": draw(st.booleans()),
            }
            _put(timer, "resets", _maybe(draw, st.booleans()))
            step["timer"] = timer
        if _chance(draw, 30):
            step["wait_minutes"] = draw(amounts())
        _put(step, "hours", _maybe(draw, st.sampled_from(HOURS)))
        last = index == len(own) - 1
        if (last and _chance(draw, 85)) or (not last and _chance(draw, 10)):
            use_goal = goal is not None and _chance(draw, 70)
            step["outcome"] = goal if use_goal else draw(st.sampled_from(OUTCOMES))
            steps[step_id] = step
            continue
        actions = []
        for number in range(draw(st.integers(0 if _chance(draw, 10) else 1, 3))):
            if number == 0 and not last and _chance(draw, 75):
                to = own[index + 1]  # the chain onward
            elif elsewhere and _chance(draw, 15):
                to = draw(st.sampled_from(elsewhere))  # a jump into another flow
            elif _chance(draw, 3):
                to = "nowhere"  # a dangling target (DL002), not a load error
            else:
                to = draw(st.sampled_from(own))  # any step here: loops and self-loops
            action: dict[str, Any] = {"label": draw(text), "to": to}
            _put(action, "emphasis", _maybe(draw, st.sampled_from(EMPHASES)))
            if _chance(draw, 25):
                action["by"] = draw(st.sampled_from(ACTORS))
            if _chance(draw, 15):
                action["deliberate"] = draw(st.booleans())
            charged = draw(st.lists(fees(line_breaks), max_size=2)) if _chance(draw, 20) else []
            _put(action, "fees", charged or None)
            actions.append(action)
        _put(step, "actions", actions or None)
        steps[step_id] = step
    return steps


@st.composite
def products(
    draw: Callable, line_breaks: bool = True, max_flows: int = 4, max_steps: int = 6
) -> dict[str, Any]:
    """A product that the loader accepts: every required key, every value of the right type.

    Flows lean toward what real products have (a signup and a cancel flow, chains that end in
    the kind's outcome) so every rule gets paths to judge, and random edges add cycles,
    self-loops, jumps between flows, dead ends, unreachable steps and the odd dangling target
    (a DL002 finding, not a load error).
    """
    text = labels(line_breaks)
    flow_ids = draw(st.lists(ids(), min_size=1, max_size=max_flows, unique=True))
    step_ids = {
        f: draw(st.lists(ids(), min_size=1, max_size=max_steps, unique=True)) for f in flow_ids
    }
    product: dict[str, Any] = {"darklint": 1, "product": draw(text)}
    if _chance(draw, 30):
        product["channel"] = draw(st.sampled_from(CHANNELS))
    if _chance(draw, 60):
        product["subscription"] = draw(subscriptions())
    flows: dict[str, Any] = {}
    for number, flow_id in enumerate(flow_ids):
        own = step_ids[flow_id]
        elsewhere = [f"{o}.{s}" for o in flow_ids if o != flow_id for s in step_ids[o]]
        usual = ("signup", "cancel", "refund", "purchase")
        if number < len(usual) and _chance(draw, 70):
            kind = usual[number]
        else:
            kind = draw(st.sampled_from(FLOW_KINDS))
        flow: dict[str, Any] = {"kind": kind}
        if _chance(draw, 3):
            flow["start"] = "missing"
        else:
            flow["start"] = own[0] if _chance(draw, 85) else draw(st.sampled_from(own))
        if _chance(draw, 30):
            trigger: dict[str, Any] = {}
            _put(trigger, "label", _maybe(draw, text))
            _put(trigger, "deliberate", _maybe(draw, st.booleans()))
            _put(trigger, "by", _maybe(draw, st.sampled_from(ACTORS)))
            flow["trigger"] = trigger
        if _chance(draw, 25):
            flow["channel"] = draw(st.sampled_from(CHANNELS))
        if _chance(draw, 25):
            flow["processing_days"] = draw(amounts())
        _put(flow, "account_needed", _maybe(draw, st.booleans()))
        flow["steps"] = draw(steps_of(flow_id, kind, own, elsewhere, line_breaks))
        flows[flow_id] = flow
    product["flows"] = flows
    ignores = []
    for _ in range(draw(st.integers(0, 2))):
        entry: dict[str, Any] = {
            "rule": draw(st.sampled_from([r.id for r in catalog()] + ["DL999", "no-such-rule"]))
        }
        flow_id = draw(st.sampled_from(flow_ids))
        if draw(st.booleans()):
            entry["flow"] = flow_id
            if draw(st.booleans()):
                entry["step"] = draw(st.sampled_from(step_ids[flow_id]))
        _put(entry, "reason", _maybe(draw, text))
        ignores.append(entry)
    _put(product, "ignore", ignores or None)
    return product


def to_yaml(product: dict[str, Any]) -> str:
    """The product as block-style YAML: one scalar per line, keys in the order drawn."""
    return yaml.safe_dump(
        product, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10**9
    )


# -- transformations for the invariants ---------------------------------------------------------


def _flow_of_target(flow_id: str, target: str) -> tuple[str, str]:
    if "." in target:
        other, _, step = target.partition(".")
        return other, step
    return flow_id, target


def lengthen_cancel_paths(product: dict[str, Any]) -> dict[str, Any]:
    """The same product with one more step on every cancel path.

    Every action into a step with outcome ``cancelled`` now goes through a new plain step
    first, and every cancel flow starts at a new step that leads to its old start. Nothing
    else changes, so the easiest cancel path can only cost more.
    """
    flows = {fid: dict(flow) for fid, flow in product["flows"].items()}
    counter = 0
    for fid, flow in list(flows.items()):
        steps = {sid: dict(step) for sid, step in flow["steps"].items()}
        extra: dict[str, Any] = {}
        for step in steps.values():
            if not step.get("actions"):
                continue
            rewired = []
            for action in step["actions"]:
                target_flow, target_step = _flow_of_target(fid, action["to"])
                target = product["flows"].get(target_flow, {}).get("steps", {}).get(target_step)
                if isinstance(target, dict) and target.get("outcome") == "cancelled":
                    counter += 1
                    new_id = f"{INSERTED_PREFIX}{counter}"
                    extra[new_id] = {"actions": [{"label": "Continue", "to": action["to"]}]}
                    action = {**action, "to": new_id}
                rewired.append(action)
            step["actions"] = rewired
        if flow["kind"] == "cancel":
            counter += 1
            new_id = f"{INSERTED_PREFIX}{counter}"
            extra[new_id] = {"actions": [{"label": "Continue", "to": flow["start"]}]}
            flow["start"] = new_id
        flow["steps"] = {**steps, **extra}
        flows[fid] = flow
    return {**product, "flows": flows}


def reorder_steps(product: dict[str, Any], keys: Callable[[str, list[str]], list[str]]) -> dict:
    """The same product with each flow's steps written in the order ``keys`` gives."""
    flows = {}
    for fid, flow in product["flows"].items():
        order = keys(fid, list(flow["steps"]))
        flows[fid] = {**flow, "steps": {sid: flow["steps"][sid] for sid in order}}
    return {**product, "flows": flows}


def move_lines(text: str, inserts: list[tuple[int, str]]) -> str:
    """Insert blank lines or comment lines before the given line numbers (0-based)."""
    lines = text.splitlines(keepends=True)
    for position, filler in sorted(inserts, reverse=True):
        index = min(max(position, 0), len(lines))
        lines.insert(index, filler + "\n")
    return "".join(lines)


def fillers() -> st.SearchStrategy[str]:
    """What moves lines: blank lines, whitespace-only lines and comments at any indent."""
    return st.sampled_from(["", "   ", "# moved", "    # a comment: with {yaml} [look]", "#"])


# -- linting ------------------------------------------------------------------------------------


@cache
def full_options() -> LintOptions:
    """Every rule of the catalog, default parameters."""
    rules = catalog()
    return LintOptions(tuple(select_rules(rules)), rules)


@cache
def _scratch_dir() -> str:
    """One private directory per process for the files being linted, removed at exit."""
    path = tempfile.mkdtemp(prefix="darklint-fuzz-")
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def lint_text(text: str | bytes, name: str = "product.yaml") -> FileReport:
    """Lint a file's content with the whole catalog, through the real file loader."""
    path = os.path.join(_scratch_dir(), name)
    data = text.encode("utf-8") if isinstance(text, str) else text
    with open(path, "wb") as handle:
        handle.write(data)
    report = lint_file(path, full_options(), explicit=True)
    assert report is not None  # an explicitly named file always gets a report
    return report


def findings_of(report: FileReport) -> list[tuple[Any, ...]]:
    """Everything a reporter shows of each finding, in report order."""
    return [
        (
            f.rule_id,
            f.severity,
            f.message,
            f.location,
            f.flow,
            f.step,
            f.paths,
            f.facts,
            f.fingerprint(),
        )
        for f in report.findings
    ]


# -- hostile text for the loader ----------------------------------------------------------------

#: Characters that make YAML interesting: structure, anchors, tags, quotes, breaks.
YAML_ALPHABET = st.sampled_from(
    [*":-?[]{},&*!|>'\"%@`#~\t\n\r ", *"adklinrstuvwy019.", "\ufeff", "\x85", "é"]
)
#: Pieces of the format and of YAML's riskier features.
YAML_WORDS = st.sampled_from(
    [
        "darklint: 1\n",
        "product: P\n",
        "flows:\n",
        "  f:\n    kind: cancel\n    start: a\n    steps:\n",
        "      a: {actions: [{label: x, to: b}]}\n",
        "      b: {outcome: cancelled}\n",
        "&a ",
        "*a ",
        "<<: *a\n",
        "!!python/object/apply:os.system ['true']\n",
        "!!int x ",
        "!!timestamp 2001-99-99 ",
        "!!binary ### ",
        "!!map x ",
        "!custom ",
        "? ",
        "- ",
        "--- ",
        "...\n",
        "%YAML 1.1\n",
        "%TAG ! tag:x,2000:\n",
        ".nan ",
        "-.inf ",
        "1e400 ",
        "0x1F ",
        "-5 ",
        "~ ",
        "2024-01-01 ",
        "2024-13-45 ",
    ]
)


#: Tags put in front of a value: standard ones that may not fit it, and object-building ones.
TAGS = st.sampled_from(
    [
        "!!int",
        "!!float",
        "!!bool",
        "!!null",
        "!!timestamp",
        "!!binary",
        "!!str",
        "!!map",
        "!!seq",
        "!!set",
        "!!omap",
        "!!python/object/apply:os.system",
        "!!python/name:os.system",
        "!custom",
        "&anchor",
    ]
)
#: Values put in place of one: YAML's edge cases for every type a field may have.
VALUES = st.sampled_from(
    [
        "~",
        "''",
        "[]",
        "{}",
        "[1, [2, [3]]]",
        "{a: {b: c}}",
        ".nan",
        "-.inf",
        "1e400",
        "-5",
        "0x1F",
        "0o17",
        "1_000",
        "190:20:30",
        "2024-01-01",
        "2024-13-45",
        "2001-12-14t21:59:43.10-05:00",
        "yes",
        "off",
        "!!int x",
        "!!bool maybe",
        "!!timestamp nope",
        "!!binary ###",
        "*anchor",
        "*undefined",
        "|\n  block",
        ">-",
        '"\\x00 \\uFFFF \\e"',
        "9" * 400,
    ]
)


def yamlish() -> st.SearchStrategy[str]:
    """Text built from YAML's own syntax and the format's keys: reaches past the parser."""
    return st.lists(st.one_of(YAML_ALPHABET, YAML_WORDS), max_size=60).map("".join)


@st.composite
def damaged_products(draw: Callable) -> str:
    """A valid product's YAML with a few lines deleted, duplicated, re-indented or cut."""
    lines = to_yaml(draw(products(max_flows=3, max_steps=4))).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        how = draw(
            st.sampled_from(
                ["delete", "duplicate", "indent", "dedent", "cut", "splice", "retag", "revalue"]
            )
        )
        key, colon, value = lines[at].partition(": ")
        if how in ("retag", "revalue") and colon:
            piece = draw(TAGS if how == "retag" else VALUES)
            new_value = f"{piece} {value}" if how == "retag" else f"{piece}\n"
            lines[at] = f"{key}{colon}{new_value}"
        elif how == "delete":
            del lines[at]
        elif how == "duplicate":
            lines.insert(at, lines[at])
        elif how == "indent":
            lines[at] = " " + lines[at]
        elif how == "dedent":
            lines[at] = lines[at][1:] if lines[at].startswith(" ") else "\t" + lines[at]
        elif how == "cut":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        else:
            lines.insert(at, draw(YAML_WORDS))
    return "".join(lines)


# -- the properties (shared by tests/test_properties.py and tools/fuzz.py) ----------------------


def check_located(result: LoadResult, text: str | None = None) -> None:
    """A load gives a product or problems; every problem has a place inside the file."""
    assert (result.product is None) == bool(result.problems), result.problems
    limit = len(text.splitlines()) + 1 if text is not None else None
    for problem in result.problems:
        assert problem.message and isinstance(problem.message, str)
        assert problem.location.path == result.path
        assert problem.location.line >= 1 and problem.location.column >= 1, problem
        if limit is not None:
            assert problem.location.line <= limit, (problem, limit)


def prop_bytes(data: bytes) -> None:
    """Any bytes through the engine: DL001 findings with a location, or a linted product."""
    report = lint_text(data)
    if not report.linted:
        assert report.findings and all(f.rule_id == "DL001" for f in report.findings)
        assert all(f.location.line >= 1 and f.location.column >= 1 for f in report.findings)


def prop_text(text: str) -> None:
    """Any text through the loader, alone and after a valid header."""
    check_located(load_text(text, "t.yaml"), text)
    check_located(load_text("darklint: 1\nproduct: P\n" + text, "t.yaml"))


def prop_damaged(text: str) -> None:
    """A damaged product loads or fails cleanly, and is linted when it loads."""
    result = load_text(text, "t.yaml")
    check_located(result, text)
    if result.product is not None:
        lint_text(text)


def prop_rules(product: dict[str, Any]) -> None:
    """Every rule runs on a valid product; twice gives the same findings in the same order."""
    text = to_yaml(product)
    first = lint_text(text)
    assert first.linted, [(f.message, str(f.location)) for f in first.findings]
    second = lint_text(text)
    assert findings_of(first) == findings_of(second)
    lines = len(text.splitlines())
    for finding in first.findings:
        assert 1 <= finding.location.line <= lines and finding.location.column >= 1, finding
        assert finding.message.strip()
        for path in finding.paths:
            assert all(1 <= s.location.line <= lines for s in path.steps), path


def easiest_cancel(text: str) -> int | None:
    """Effort of the easiest cancel path in tenths, or None when there is none."""
    result = load_text(text, "t.yaml")
    assert result.product is not None, result.problems
    path = Queries(build_graph(result.product)).easiest("cancel")
    return None if path is None else path.effort


def prop_longer_cancel(product: dict[str, Any]) -> None:
    """One more step on every cancel path never makes the easiest one cheaper."""
    before = easiest_cancel(to_yaml(product))
    after = easiest_cancel(to_yaml(lengthen_cancel_paths(product)))
    assert (before is None) == (after is None), (before, after)
    if before is not None and after is not None:
        assert after >= before, (before, after)


def prop_fingerprints(product: dict[str, Any], data: st.DataObject) -> None:
    """Reordered steps, blank lines and comments leave every fingerprint as it was."""
    original = lint_text(to_yaml(product))

    def shuffle(flow: str, steps: list[str]) -> list[str]:
        return data.draw(st.permutations(steps), label=f"order of steps in {flow!r}")

    moved = to_yaml(reorder_steps(product, shuffle))
    count = len(moved.splitlines()) + 1
    inserts = data.draw(
        st.lists(st.tuples(st.integers(0, count), fillers()), max_size=8),
        label="inserted lines",
    )
    after = lint_text(move_lines(moved, inserts))
    assert sorted((f.rule_id, f.fingerprint()) for f in original.findings) == sorted(
        (f.rule_id, f.fingerprint()) for f in after.findings
    )


#: Reporters whose output is JSON, and the one that is XML: both must parse whatever the labels.
JSON_FORMATS = ("json", "sarif", "gitlab")
XML_FORMATS = ("junit",)


def prop_reports(product: dict[str, Any]) -> None:
    """Every output format renders any valid product; machine-readable ones still parse."""
    from xml.dom import minidom

    from darklint.engine import RunReport
    from darklint.report import REPORTERS, ReportContext, reporter

    report = RunReport(files=[lint_text(to_yaml(product))])
    context = ReportContext(rules=full_options().rules, show_ignored=True, verbose=True)
    for name in REPORTERS:
        text = reporter(name)(report, context)
        assert isinstance(text, str)
        if name in JSON_FORMATS:
            json.loads(text)
        elif name in XML_FORMATS:
            minidom.parseString(text.encode("utf-8"))
        elif name == "console":
            assert_terminal_safe(text)


#: What no line of a terminal or CI log may carry raw: C0 (but line feeds) and C1 controls,
#: DEL, bidirectional controls, line and paragraph separators (docs/security.md).
_RAW = frozenset(
    [chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if c != 0x0A]
    + ["\u061c", "\u200e", "\u200f", "\u2028", "\u2029"]
    + [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
)


def assert_terminal_safe(text: str) -> None:
    """No raw control character, and no line that a CI runner reads as a workflow command."""
    raw = _RAW.intersection(text)
    assert not raw, f"raw controls in terminal output: {sorted(map(hex, map(ord, raw)))}"
    for line in text.split("\n"):
        assert not line.lstrip().startswith("::"), f"a line starts a workflow command: {line!r}"
