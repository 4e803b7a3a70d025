"""The evidence table written as plain lines (darklint.report.plain_table) against rich's own
layout of the same table: byte for byte, folding included, at many widths."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from darklint.findings import EvidencePath, EvidenceStep
from darklint.model import Location
from darklint.report.console import _paths_cells, paths_table, print_paths
from darklint.report.plain_table import table_lines


def plain_console(width: int) -> Console:
    return Console(file=io.StringIO(), no_color=True, width=width, highlight=False, soft_wrap=False)


def evidence(title: str, steps: list[tuple[str, str, str, int]]) -> EvidencePath:
    made = tuple(
        EvidenceStep("f", step, "screen", channel, action, effort, Location("x", 1, 1))
        for step, channel, action, effort in steps
    )
    return EvidencePath(title, made, sum(s.effort for s in made))


def through_rich(paths, width: int) -> str:
    console = plain_console(width)
    console.print(paths_table(*_paths_cells(paths)))
    return console.file.getvalue()


def direct(paths, width: int) -> str:
    console = plain_console(width)
    print_paths(console, paths)
    return console.file.getvalue()


def written_directly(paths, width: int) -> bool:
    header, rows = _paths_cells(paths)
    right = [column % 3 == 0 for column in range(len(header))]
    fold = [column % 3 == 1 for column in range(len(header))]
    return table_lines(header, rows, width, right, fold) is not None


# Words: latin, long words, CJK and full-width, emoji (incl. joined and with a variation
# selector), combining marks, and several kinds of spaces.
_pieces = st.sampled_from(
    [
        "Cancel", "subscription", "x" * 45, "Supercalifragilisticexpialidocious" * 2,
        "取消する", "解約手続きを完了する", "ＷＩＤＥ", "🙂", "👩‍👩‍👧", "❤️", "e\u0301", "a\u0308\u0323",
        "Отменить", "ok", "-", "/", '"', "[b]", ":smile:", "\\", " ", "  ", "\u00a0", "\u3000",
    ]
)  # fmt: skip
_texts = st.lists(_pieces, min_size=0, max_size=14).map("".join)
_steps = st.lists(
    st.tuples(_texts, st.sampled_from(["web", "email", "phone", "in-app chat"]), _texts,
              st.integers(0, 500)),
    min_size=1, max_size=4,
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    titles=st.lists(_texts, min_size=1, max_size=3),
    steps=st.lists(_steps, min_size=3, max_size=3),
    width=st.integers(20, 200),
)
def test_direct_layout_matches_rich(titles, steps, width):
    paths = [
        (n, evidence(title, s)) for n, (title, s) in enumerate(zip(titles, steps, strict=False), 1)
    ]
    assert direct(paths, width) == through_rich(paths, width)


@pytest.mark.parametrize("width", [20, 33, 80, 120])
def test_tables_that_fold_are_written_directly(width):
    """Folding tables are laid out by darklint, not passed on to rich (and still match)."""
    long_label = "choose a reason for leaving before the cancellation can be confirmed " * 2
    steps = [("account", "web", "", 10), ("retention-offer", "web", long_label, 25)]
    wide = [("設定", "web", "解約手続きを完了する" * 3, 5), ("🙂" * 30, "email", "", 1)]
    paths = [(1, evidence("easiest cancel path", steps)), (2, evidence("signup 取消", wide))]
    assert written_directly(paths, width)
    expected = through_rich(paths, width)
    assert len(expected.splitlines()) > 4  # folded
    assert direct(paths, width) == expected


@pytest.mark.parametrize("label", ["tab\there", "line\u2028break", "bell\x07", "cr\r"])
def test_cells_rich_lays_out_specially_are_left_to_rich(label):
    """Text the console never shows raw (terminal_text escapes it) but which rich would lay
    out specially: the plain layout declines it rather than guess."""
    header, rows = ["", "#1 path", "channel", "effort"], [["1", label, "web", "1.0"]]
    assert (
        table_lines(header, rows, 40, [True, False, False, True], [False, True] + [False] * 2)
        is None
    )


@pytest.mark.parametrize("width", [80, 120])
def test_whole_console_report_is_the_same_without_rich_layout(tmp_path, monkeypatch, width):
    """The console report of the examples and of generated products, written with the
    plain layout, is byte for byte the report rich lays out (every table through rich)."""
    from bench.generate import write_corpus
    from darklint.catalog import load_rules
    from darklint.engine import LintOptions, lint_paths, select_rules
    from darklint.report import ReportContext
    from darklint.report import console as console_report

    root = Path(__file__).resolve().parent.parent
    write_corpus(str(tmp_path / "corpus"), 40)
    rules = load_rules()
    options = LintOptions(tuple(select_rules(rules)), tuple(rules))
    report = lint_paths([str(root / "examples"), str(tmp_path / "corpus")], options)
    context = ReportContext(width=width)
    written = []  # (table rows, lines written) per table

    def counted(*args):
        lines = table_lines(*args)
        written.append((len(args[1]) + 1, lines))
        return lines

    monkeypatch.setattr(console_report, "table_lines", counted)
    direct_text = console_report.render(report, context)
    monkeypatch.setattr(console_report, "table_lines", lambda *args: None)
    assert direct_text == console_report.render(report, context)
    assert written and all(lines is not None for _, lines in written)
    assert any(len(lines) > rows for rows, lines in written)  # some tables folded
