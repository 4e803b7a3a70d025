"""Console output for people: full, concise and grouped reports, statistics, quiet runs,
standard input, and each evidence path drawn once per file."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter

import pytest
from conftest import EXAMPLES

STREAMING = EXAMPLES / "streaming-phone-cancel.yaml"
CLEAN = EXAMPLES / "streaming-phone-cancel-fixed.yaml"
LOCATION = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<rule>DL\d{3}) ")


def darklint(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CI")}
    return subprocess.run(
        [sys.executable, "-m", "darklint", *args, "--no-cache"],
        capture_output=True,
        text=True,
        input=stdin,
        env=env,
        check=False,
    )


def json_findings(*args: str) -> list[dict]:
    return json.loads(darklint("check", *args, "-f", "json").stdout)["findings"]


def test_concise_prints_one_line_per_finding_then_the_summary():
    result = darklint("check", str(EXAMPLES), "--output-format", "concise")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    findings = json_findings(str(EXAMPLES))
    assert len(lines) == len(findings) + 1
    assert all(LOCATION.match(line) for line in lines[:-1])
    assert lines[-1].startswith(f"Found {len(findings)} findings")
    located = [(m["path"], int(m["line"]), m["rule"]) for m in map(LOCATION.match, lines[:-1])]
    assert located == [(f["path"], f["line"], f["rule"]) for f in findings]


def test_grouped_lists_each_file_then_each_rule():
    result = darklint("check", str(STREAMING), "--output-format", "grouped")
    lines = result.stdout.splitlines()
    assert lines[0].startswith(str(STREAMING))
    headings = [line.split()[0] for line in lines if re.match(r"^  DL\d{3} ", line)]
    assert (
        headings == sorted(headings) == sorted({f["rule"] for f in json_findings(str(STREAMING))})
    )
    assert "  DL101 cancel-harder-than-signup  (error, 1 finding)" in lines
    entries = [line for line in lines if re.match(r"^    \d+:\d+: ", line)]
    assert len(entries) == len(json_findings(str(STREAMING)))


def test_each_evidence_path_is_drawn_once_and_referred_to_after():
    result = darklint("check", str(STREAMING))
    out = result.stdout
    # DL101, DL102, DL106 and DL107 all show the easiest cancel path: one table draws it.
    assert out.count("#2 easiest cancel path") == 1
    assert out.count('call -> "Ask the agent to cancel"') == 1
    references = [line for line in out.splitlines() if line.startswith("    evidence: ")]
    assert len(references) == 5
    assert all("shown above (DL101 at 49:7)" in line for line in references)
    assert "    evidence: easiest way to cancel (effort 16.5): path #2, shown above" in out


def test_paths_are_numbered_again_in_each_file():
    result = darklint("check", str(STREAMING), str(EXAMPLES / "gym-membership.yaml"))
    assert result.stdout.count("#1 easiest signup path") == 2


def test_statistics_count_findings_per_rule():
    result = darklint("check", str(EXAMPLES), "--statistics")
    assert result.returncode == 1
    rows = [line.split() for line in result.stdout.splitlines() if re.match(r"^\s*\d+\s+DL", line)]
    counts = Counter(f["rule"] for f in json_findings(str(EXAMPLES)))
    assert {row[1]: int(row[0]) for row in rows} == counts
    assert [int(row[0]) for row in rows] == sorted((int(row[0]) for row in rows), reverse=True)
    assert not LOCATION.search(result.stdout), "statistics replace the findings"


def test_quiet_prints_findings_only():
    result = darklint("check", str(STREAMING), "--output-format", "concise", "-q")
    lines = result.stdout.splitlines()
    assert lines and all(LOCATION.match(line) for line in lines)
    clean = darklint("check", str(CLEAN), "-q", "--output-format", "concise")
    assert clean.returncode == 0 and clean.stdout == "" and clean.stderr == ""


@pytest.mark.parametrize("form", ["full", "concise", "grouped"])
def test_no_line_ends_in_padding(form):
    result = darklint("check", str(EXAMPLES), "--output-format", form)
    assert not [line for line in result.stdout.splitlines() if line != line.rstrip()]


def test_standard_input_is_linted_as_the_named_file():
    text = STREAMING.read_text(encoding="utf-8")
    from_stdin = darklint(
        "check", "-", "--stdin-filename", "flows/streaming.yaml", "-f", "json", stdin=text
    )
    assert from_stdin.returncode == 1
    piped = json.loads(from_stdin.stdout)["findings"]
    direct = json_findings(str(STREAMING))
    assert {f["path"] for f in piped} == {"flows/streaming.yaml"}
    strip = ("path", "fingerprint")
    assert [{k: v for k, v in f.items() if k not in strip} for f in piped] == [
        {k: v for k, v in f.items() if k not in strip} for f in direct
    ]


def test_standard_input_without_a_name_and_next_to_files():
    text = STREAMING.read_text(encoding="utf-8")
    result = darklint("check", "-", str(CLEAN), "--output-format", "concise", stdin=text)
    assert result.returncode == 1
    assert result.stdout.startswith("<stdin>:49:7: DL101")
    assert "in 2 files" in result.stdout


def test_broken_standard_input_is_a_finding_not_a_traceback():
    result = darklint("check", "-", "--stdin-filename", "a.yaml", stdin="darklint: 1\nflows: [\n")
    assert result.returncode == 2
    assert "a.yaml:" in result.stdout and "DL001" in result.stdout
    assert "Traceback" not in result.stderr


def test_the_configuration_sets_the_form_and_the_flag_beats_it(tmp_path):
    (tmp_path / "darklint.yaml").write_text("output-format: concise\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "darklint", "check", str(STREAMING), "--no-cache"],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    lines = result.stdout.splitlines()
    assert all(LOCATION.match(line) for line in lines[:-1]) and len(lines) == 7
    grouped = subprocess.run(
        [sys.executable, "-m", "darklint", "check", str(STREAMING), "--no-cache",
         "--output-format", "grouped"],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert "  DL101 cancel-harder-than-signup  (error, 1 finding)" in grouped.stdout
    (tmp_path / "darklint.yaml").write_text("output-format: consise\n", encoding="utf-8")
    bad = subprocess.run(
        [sys.executable, "-m", "darklint", "check", str(STREAMING)],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert bad.returncode == 2 and "did you mean 'concise'?" in bad.stderr


# -- plain output written without rich's layout ------------------------------------------------


def _plain_console(width: int = 120):
    import io

    from rich.console import Console

    return Console(file=io.StringIO(), no_color=True, width=width, highlight=False, soft_wrap=False)


def _evidence(title: str, labels: list[str], channel: str = "web"):
    from darklint.findings import EvidencePath, EvidenceStep
    from darklint.model import Location

    steps = tuple(
        EvidenceStep(
            "f", f"s{i}-{label[:6]}", "screen", channel, label, 10 * i, Location("x", 1, 1)
        )
        for i, label in enumerate(labels)
    )
    return EvidencePath(title, steps, sum(s.effort for s in steps))


@pytest.mark.parametrize(
    "labels",
    [
        ["Cancel", "Yes, cancel"],
        ["取消する", "Отменить подписку 🙂", "e\u0301tape", "ＷＩＤＥ ｌａｂｅｌ"],
        ["a [bold]markup[/bold] label", "tab\\there", "x" * 60],
        ["x" * 150],  # wider than the console: folded
    ],
)
@pytest.mark.parametrize("width", [80, 120])
def test_evidence_tables_written_directly_match_richs_layout(labels, width):
    """Without colours an evidence table that fits is written as padded columns; byte for
    byte what rich lays out, folding included."""
    from darklint.report.console import _paths_cells, paths_table, print_paths

    paths = [(1, _evidence("easiest cancel path", labels)), (2, _evidence("signup", labels[:1]))]
    direct, through_rich = _plain_console(width), _plain_console(width)
    print_paths(direct, paths)
    through_rich.print(paths_table(*_paths_cells(paths)))
    assert direct.file.getvalue() == through_rich.file.getvalue()


def test_lines_written_directly_match_rich():
    from rich.text import Text

    from darklint.report.console import print_line

    for text in ["    fix: 取消する 🙂", "a [b]x[/b]", "    observed: e\u0301", ""]:
        direct, through_rich = _plain_console(), _plain_console()
        print_line(direct, Text(text, style="dim"))
        through_rich.print(Text(text, style="dim"), soft_wrap=True)
        assert direct.file.getvalue() == through_rich.file.getvalue()
