"""The language server's parts that need no client: the cursor's YAML path on half-typed
text, node ranges, completion from the model, and the ignore entry edit."""

from __future__ import annotations

import time

import pytest
import yaml
from conftest import EXAMPLES

from darklint.load.yamlnodes import compose
from darklint.lsp.completion import complete, type_at
from darklint.lsp.ignores import REASON_PLACEHOLDER, add_ignore_entry
from darklint.lsp.outline import ITEM, cursor_at, declarations, target_at
from darklint.lsp.spans import LineIndex, location_span, node_spans
from darklint.model import Location, Step

TYPING = """\
darklint: 1
product: P
flows:
  cancel:
    kind: cancel
    start: a
    steps:
      a:
        text: |
          kind: this is text, not a key
          to: neither is this
        kin
        actions:
          - label: Go
            to:\x20
          -
            label: Other
        discloses:
          - pr
      "quoted step": {kind: survey, actions: [{label: x, to: b}], outcome: }
      b: {outcome: cancelled}
"""


def at(text: str, needle: str):
    """The cursor right after ``needle`` (its first occurrence)."""
    lines = text.splitlines(keepends=True)
    index = text.index(needle) + len(needle)
    line = text.count("\n", 0, index)
    return lines, line, index - (text.rfind("\n", 0, index) + 1)


def cursor(text: str, needle: str):
    return cursor_at(*at(text, needle))


@pytest.mark.parametrize(
    ("needle", "kind", "path", "key", "partial"),
    [
        ("\n        kin", "key", ("flows", "cancel", "steps", "a"), None, "kin"),
        ("            to: ", "value", ("flows", "cancel", "steps", "a", "actions", ITEM), "to", ""),
        ("          - pr", "key", ("flows", "cancel", "steps", "a", "discloses", ITEM), None, "pr"),
        (
            "            label: Oth",
            "value",
            ("flows", "cancel", "steps", "a", "actions", ITEM),
            "label",
            "Oth",
        ),
        ("{kind: surv", "value", ("flows", "cancel", "steps", "quoted step"), "kind", "surv"),
        (
            "[{label: x, to: ",
            "value",
            ("flows", "cancel", "steps", "quoted step", "actions", ITEM),
            "to",
            "",
        ),
        ("outcome: ", "value", ("flows", "cancel", "steps", "quoted step"), "outcome", ""),
    ],
)
def test_cursor_path_on_half_typed_text(needle, kind, path, key, partial):
    found = cursor(TYPING, needle)
    assert (found.kind, found.path, found.key, found.partial) == (kind, path, key, partial)


def test_block_text_and_quoted_strings_are_not_structure():
    assert cursor(TYPING, "          kind: this") is None  # inside `text: |`
    assert cursor(TYPING, "{label: x, to: b}], outcome: }\n      b: {outcome: ca") is not None
    lines, line, column = at('a: {label: "half a sentence', "half")
    assert cursor_at(lines, line, column) is None


def test_declarations_and_targets():
    found = [(d.flow, d.step) for d in declarations(TYPING.splitlines(keepends=True))]
    assert found == [("cancel", None), ("cancel", "a"), ("cancel", "quoted step"), ("cancel", "b")]
    lines, line, column = at(TYPING, "[{label: x, to: ")
    target = target_at(lines, line, column)
    assert (target.key, target.value, target.flow) == ("to", "b", "cancel")


def test_completion_reads_the_model():
    lines = TYPING.splitlines(keepends=True)
    labels = [c.label for c in complete(cursor(TYPING, "\n        kin"), lines, ())]
    assert labels[:3] == ["kind", "text", "channel"] and "id" not in labels  # internal
    outcomes = [c.label for c in complete(cursor(TYPING, "outcome: "), lines, ())]
    assert "cancelled" in outcomes and "retained" in outcomes
    facts = [c.label for c in complete(cursor(TYPING, "          - pr"), lines, ())]
    assert "price" in facts
    words = "darklint: 1\nflows:\n  f:\n    steps:\n      s:\n        hours: \n"
    hours = complete(cursor(words, "hours: "), words.splitlines(keepends=True), ())
    assert {"always", "business"} <= {c.label for c in hours}  # or an OpeningHours mapping
    listed = "darklint: 1\nflows:\n  f:\n    steps:\n      s:\n        discloses:\n          - fact: price\n            prominence: "
    prominence = complete(cursor(listed, "prominence: "), listed.splitlines(keepends=True), ())
    assert "fine_print" in {c.label for c in prominence}
    assert type_at(("flows", "x", "steps", "y")) is Step
    assert type_at(("flows", "x", "nonsense")) is None


def test_hostile_lines_are_read_in_linear_time():
    """No regular expression or scan here backtracks: long lines cost what they are long."""
    for line in (" " * 200_000 + "a", "a" * 200_000 + ":", "to" + " " * 200_000, "- " * 100_000):
        text = f"darklint: 1\n{line}\n{line}\n"
        lines = text.splitlines(keepends=True)
        started = time.perf_counter()
        cursor_at(lines, 2, len(lines[2]) - 1)
        target_at(lines, 1, 5)
        declarations(lines)
        assert time.perf_counter() - started < 5, repr(line[:20])


def test_finding_ranges_cover_their_node():
    text = (EXAMPLES / "streaming-phone-cancel.yaml").read_text(encoding="utf-8")
    root, _ = compose(text, "x")
    spans, index = node_spans(root), LineIndex(text)

    def covered(line: int, column: int) -> str:
        span = location_span(Location("x", line, column), spans, index)
        start = index.offset(span.start_line, span.start_column)
        return text[start : index.offset(span.end_line, span.end_column)]

    assert covered(49, 7) == "offer"  # a step: its id
    assert covered(54, 13).startswith('{label: "No thanks') and covered(54, 13).endswith("}")
    first = text.splitlines().index("darklint: 1") + 1
    assert covered(first, 1) == "darklint: 1"  # a key with its value
    assert covered(200, 1) == ""  # past the end: an empty range on the last line
    lines = index.lines
    assert covered(1, 3) == lines[0].rstrip("\n")[2:]  # no node there: the rest of the line


def test_alias_heavy_documents_are_spanned_once_per_node():
    text = (
        "a: &x ["
        + ", ".join(["1"] * 50)
        + "]\n"
        + "".join(f"b{i}: &y{i} [*x, *x, *x]\n" for i in range(200))
    )
    started = time.perf_counter()
    spans = node_spans(compose(text, "x")[0])
    assert time.perf_counter() - started < 2 and len(spans) < 1000


@pytest.mark.parametrize(
    "text",
    [
        "darklint: 1\nproduct: x\n",
        "darklint: 1\nproduct: x",
        "darklint: 1\nignore:\nproduct: x\n",
        "darklint: 1\nignore: []\n",
        "darklint: 1\nignore: [{rule: DL101, reason: agreed}]\n",
        "darklint: 1\nignore:\n  - rule: DL101\n    reason: |\n      agreed\n\nproduct: x\n",
        "darklint: 1\nignore:\n- rule: DL101\n  reason: agreed  # c\n# trailing\nproduct: x\n",
    ],
)
def test_ignore_entry_goes_into_the_list_in_its_style(text):
    root, _ = compose(text, "x")
    edit = add_ignore_entry(text, root, "DL108", "cancel", "yes")
    edited = text[: edit.start] + edit.new_text + text[edit.end :]
    entries = yaml.safe_load(edited)["ignore"]
    assert entries[-1] == {
        "rule": "DL108",
        "flow": "cancel",
        "step": "yes",  # quoted: YAML 1.1 would read a plain yes as true
        "reason": REASON_PLACEHOLDER,
    }
    before = yaml.safe_load(text)
    assert len(entries) == len(before.get("ignore") or []) + 1
    assert {k: v for k, v in yaml.safe_load(edited).items() if k != "ignore"} == {
        k: v for k, v in before.items() if k != "ignore"
    }


def test_no_ignore_entry_where_there_is_no_place_for_one():
    for text in ("{darklint: 1, product: x}\n", "- a\n", "darklint: 1\nignore: {a: 1}\n"):
        assert add_ignore_entry(text, compose(text, "x")[0], "DL108", None, None) is None


def test_without_the_lsp_extra_the_command_says_what_to_install():
    import subprocess
    import sys

    probe = "import sys; sys.modules['pygls'] = None\nfrom darklint.cli import main\nmain(['lsp'])"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "pip install 'darklint[lsp]'" in result.stderr and "Traceback" not in result.stderr


def test_the_quick_fix_placeholder_reason_ignores_nothing_until_replaced():
    """Accepting the quick fix must not silence the finding: its placeholder is DL006's
    finding, and the entry suppresses nothing until somebody writes the reason."""
    from conftest import FIXTURES, lint

    from darklint.catalog import load_rules
    from darklint.model import gives_reason

    assert not gives_reason(REASON_PLACEHOLDER)
    assert gives_reason("Accepted by legal on 2026-03-02, ticket UX-412")
    fixture = FIXTURES / "rules" / "DL006" / "fail-placeholder-reason.yaml"
    assert REASON_PLACEHOLDER in fixture.read_text(encoding="utf-8")
    report = lint(fixture, load_rules())
    kept = {finding.rule_id for finding in report.findings}
    assert {"DL006", "DL108"} <= kept, "a placeholder reason suppressed the finding"
    assert not report.ignored
