"""Attacks from untrusted pull requests: output paths, terminal and CI-log injection, crashes.

Each test is one attack a hostile contributor can mount with files a pull request controls
(flow files, ``darklint.yaml``, rule files, a baseline), run through the real command line as
CI runs it. docs/security.md states what darklint promises against each.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES

GOOD = FIXTURES / "core" / "product.yaml"
#: Characters no terminal channel may pass through raw: ESC, NUL, DEL, C1 (CSI, NEL), bidi.
RAW_CONTROLS = ("\x1b", "\x00", "\x7f", "\x9b", "\x85", "\u202e", "\u2066", "\u2028")
INJECTION = "\x1b[2J\x00\x9b\x85\u202e\u2066\u2028 ::add-mask::hunter2 \n::error::owned"


def darklint(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The real command line; output decoded leniently (file names need not be UTF-8)."""
    return subprocess.run(
        [sys.executable, "-m", "darklint", *args],
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=60,  # a run that hangs (a FIFO, a pathological input) fails instead
        check=False,
    )


def assert_safe_for_ci_log(text: str) -> None:
    """No workflow command can start a line, and no raw control character is printed."""
    for line in text.splitlines():
        assert not line.lstrip().startswith("::"), line
    for char in RAW_CONTROLS:
        assert char not in text, repr(char)


def assert_clear_error(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def project(tmp_path: Path, config: str = "") -> Path:
    """A repository with one flow file and, optionally, a darklint.yaml."""
    root = tmp_path / "repo"
    (root / "flows").mkdir(parents=True)
    shutil.copy(GOOD, root / "flows" / "product.yaml")
    if config:
        (root / "darklint.yaml").write_text(config, encoding="utf-8")
    return root


# -- 1. outputs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "config",
    [
        "format: ['json:../escaped.json']",
        "format: ['json:{outside}/escaped.json']",
        "baseline: ../escaped.json",
    ],
)
def test_a_configuration_cannot_write_outside_its_directory(tmp_path: Path, config: str) -> None:
    root = project(tmp_path, config.format(outside=tmp_path))
    for command in (["check", "flows"], ["baseline", "flows"]):
        result = darklint(*command, cwd=root)
        if command[0] == "baseline" and "format" in config:
            continue  # `baseline` writes only the baseline
        assert_clear_error(result, "darklint.yaml", "outside")
    assert not (tmp_path / "escaped.json").exists()


def test_a_symlinked_directory_does_not_lead_a_configured_output_outside(tmp_path: Path) -> None:
    root = project(tmp_path, "format: ['json:out/site.pth']")
    (tmp_path / "site-packages").mkdir()
    (root / "out").symlink_to(tmp_path / "site-packages")
    assert_clear_error(darklint("check", "flows", cwd=root), "outside")
    assert not (tmp_path / "site-packages" / "site.pth").exists()


def test_paths_given_on_the_command_line_may_go_anywhere(tmp_path: Path) -> None:
    root = project(tmp_path)
    result = darklint("check", "flows", "-f", f"json:{tmp_path / 'elsewhere.json'}", cwd=root)
    assert result.returncode == 1, result.stderr
    assert json.loads((tmp_path / "elsewhere.json").read_text(encoding="utf-8"))["findings"]


def test_an_output_is_never_written_over_an_input_and_the_others_still_are(
    tmp_path: Path,
) -> None:
    root = project(tmp_path)
    flow = root / "flows" / "product.yaml"
    before = flow.read_bytes()
    os.link(flow, root / "hardlink.yaml")
    for target in ("flows/product.yaml", "hardlink.yaml"):
        result = darklint(
            "check", "flows", "-f", f"json:{target}", "-f", "sarif:out.sarif", cwd=root
        )
        assert_clear_error(result, target, "input")
        assert flow.read_bytes() == before
        assert json.loads((root / "out.sarif").read_text(encoding="utf-8"))["runs"]
    result = darklint("baseline", "flows", "-o", "flows/product.yaml", cwd=root)
    assert_clear_error(result, "input")
    result = darklint("graph", "flows/product.yaml", "-o", "flows/product.yaml", cwd=root)
    assert_clear_error(result, "input")
    shutil.copy(flow, root / "recorded.yaml")
    result = darklint(
        "diff", "flows/product.yaml", "recorded.yaml", "-o", "recorded.yaml", cwd=root
    )
    assert_clear_error(result, "input")
    assert flow.read_bytes() == before == (root / "recorded.yaml").read_bytes()


def test_only_regular_files_are_written(tmp_path: Path) -> None:
    root = project(tmp_path)
    os.mkfifo(root / "pipe.json")
    os.symlink(os.devnull, root / "null.json")
    for target in ("pipe.json", "null.json", os.devnull):
        result = darklint("check", "flows", "-f", f"json:{target}", cwd=root)
        assert_clear_error(result, "not a regular file")
    assert stat.S_ISFIFO(os.lstat(root / "pipe.json").st_mode)
    assert os.path.islink(root / "null.json")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_new_output_gets_the_mode_the_umask_allows(tmp_path: Path) -> None:
    root = project(tmp_path)
    old = os.umask(0o027)
    try:
        darklint("check", "flows", "-f", "json:report.json", cwd=root)
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(root / "report.json").st_mode) == 0o640


# -- 2. terminal and CI logs ----------------------------------------------------------------------


def hostile_product(name: str) -> str:
    return yaml.safe_dump(
        {
            "darklint": 1,
            "product": name,
            "flows": {
                "cancel": {
                    "kind": "cancel",
                    "start": "a",
                    "steps": {
                        "a": {
                            "kind": "agent",
                            "channel": "phone",
                            "text": INJECTION,
                            "actions": [
                                {"label": "x" * 90 + " ::add-mask::hunter2", "to": "b"},
                                {"label": "Go", "to": "y" * 90 + " ::add-mask::hunter2"},
                            ],
                        },
                        "b": {"outcome": "cancelled"},
                    },
                }
            },
        },
        allow_unicode=True,
    )


def test_the_console_report_never_lets_input_start_a_line(tmp_path: Path) -> None:
    root = project(tmp_path)
    name = "w" * 100 + " ::add-mask::hunter2 " + INJECTION
    (root / "flows" / "hostile.yaml").write_text(hostile_product(name), encoding="utf-8")
    (root / "flows" / "::error::skipped\x1b[31m.yaml").write_text("a: 1\n", encoding="utf-8")
    result = darklint("check", "-v", "flows", cwd=root)
    assert result.returncode == 1, result.stderr
    assert "skipped" in result.stdout and "hunter2" in result.stdout
    assert_safe_for_ci_log(result.stdout + result.stderr)


def test_stderr_of_baseline_and_graph_is_neutralised(tmp_path: Path) -> None:
    root = project(tmp_path)
    bad = root / "flows" / "bad.yaml"
    bad.write_text(f"darklint: 1\nproduct: x\n{json.dumps(INJECTION)}: 1\n", encoding="utf-8")
    for command in (["baseline", "flows"], ["graph", "flows/bad.yaml"]):
        result = darklint(*command, cwd=root)
        assert result.returncode == 2, result.stderr
        assert "hunter2" in result.stderr
        assert_safe_for_ci_log(result.stdout + result.stderr)


def test_the_baselines_fixed_note_is_neutralised(tmp_path: Path) -> None:
    root = project(tmp_path)
    entry = {
        "fingerprint": "0" * 32,
        "rule": "DL101",
        "product": "Acme Stream",
        "flow": INJECTION,
        "step": None,
        "message": "gone",
        "path": "flows/product.yaml",
        "count": 1,
    }
    baseline = {"version": 1, "entries": [entry]}
    (root / "baseline.json").write_text(json.dumps(baseline), encoding="utf-8")
    result = darklint("check", "flows", "--baseline", "baseline.json", cwd=root)
    assert "fixed" in result.stderr and "hunter2" in result.stderr
    assert_safe_for_ci_log(result.stdout + result.stderr)


def test_rules_and_explain_show_custom_rules_as_plain_text(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    rule = {
        "id": "ACME001",
        "name": "acme-hostile",
        "severity": "warning",
        "category": "pressure",
        "summary": "[bold red]markup[/] " + INJECTION,
        "check": {"function": "phrases", "with": {"patterns": ["zzz"]}},
        "docs": f"Docs.\n\n{INJECTION}\n\n::warning::docs line",
    }
    (rules / "ACME001.yaml").write_text(yaml.safe_dump(rule, allow_unicode=True), encoding="utf-8")
    listing = darklint("rules", "--rules", str(rules), cwd=tmp_path)
    explained = darklint("explain", "ACME001", "--rules", str(rules), cwd=tmp_path)
    for result in (listing, explained):
        assert result.returncode == 0, result.stderr
        assert "hunter2" in result.stdout
        assert_safe_for_ci_log(result.stdout)
    assert "[bold red]markup" in listing.stdout.replace("\n", "")


def test_annotations_carry_no_raw_controls(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "flows" / "hostile.yaml").write_text(hostile_product(INJECTION), encoding="utf-8")
    result = darklint("check", "-f", "github", "flows", cwd=root)
    assert result.returncode == 1, result.stderr
    assert "hunter2" in result.stdout
    assert not any(char in result.stdout for char in RAW_CONTROLS)
    assert all(
        line.startswith(("::error ", "::warning ", "::notice ", "darklint: "))
        for line in result.stdout.splitlines()
    )


# -- 4. no traceback, ever ------------------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_reported_not_a_crash(tmp_path: Path) -> None:
    root = project(tmp_path)
    odd = os.fsencode(root / "flows") + b"/odd\xff\x1b[31m.yaml"
    with open(odd, "wb") as handle:
        handle.write(b"darklint: 1\nproduct: [\n")
    for extra in ([], ["-f", "json:out.json", "-f", "sarif:out.sarif"]):
        result = darklint("check", "-v", "flows", *extra, cwd=root)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert_safe_for_ci_log(result.stdout + result.stderr)
    assert json.loads((root / "out.json").read_text(encoding="utf-8"))["findings"]
    assert json.loads((root / "out.sarif").read_text(encoding="utf-8"))["runs"]


def _write_deep(path: Path) -> None:
    path.write_text('{"version": 1, "entries": ' + "[" * 100_000 + "]" * 100_000 + "}")


def _write_huge_count(path: Path) -> None:
    entry = {"fingerprint": "f" * 32, "rule": "DL101", "count": 1}
    path.write_text(
        json.dumps({"version": 1, "entries": [entry]}).replace(
            '"count": 1', '"count": ' + "9" * 5000
        )
    )


def _write_big_count(path: Path) -> None:
    entry = {"fingerprint": "f" * 32, "rule": "DL101", "count": 10**4000}
    path.write_text(json.dumps({"version": 1, "entries": [entry]}))


def _link_dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _make_fifo(path: Path) -> None:
    os.mkfifo(path)


@pytest.mark.parametrize(
    "make", [_write_deep, _write_huge_count, _write_big_count, _link_dev_zero, _make_fifo]
)
def test_a_hostile_baseline_is_exit_2_with_the_reports_still_written(tmp_path: Path, make) -> None:
    root = project(tmp_path)
    make(root / "baseline.json")
    result = darklint(
        "check",
        "flows",
        "--baseline",
        "baseline.json",
        "-f",
        "json:out.json",
        "-f",
        "console",
        cwd=root,
    )
    assert_clear_error(result, "baseline.json")
    assert "No findings" in result.stdout or "Found" in result.stdout
    assert json.loads((root / "out.json").read_text(encoding="utf-8"))["findings"]


# -- 5. Markdown built from escaped text ------------------------------------------------------------

HOSTILE_MARKDOWN = (
    "Click [here]( javascript:alert(1)) or [there][evil] <img src=x onerror=alert(1)>\n\n"
    "[evil]:\n  javascript:alert(2)\n\n```\n</code><script>alert(3)</script>\n```\n\n"
    "![pixel](https://tracker.example/p.gif) @admin www.example.com https://example.com"
)


def markdown_tokens(text: str) -> list:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable(["linkify", "strikethrough", "table"])
    flat = []
    for token in parser.parse(text):
        flat += [token, *(token.children or [])]
    return flat


def test_custom_rules_reach_sarif_help_as_escaped_text(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    rule = {
        "id": "ACME001",
        "name": "acme-hostile",
        "severity": "warning",
        "category": "pressure",
        "summary": "Summary [x](javascript:alert(0)) <b>bold</b>",
        "check": {"function": "phrases", "with": {"patterns": ["zzz"]}},
        "docs": HOSTILE_MARKDOWN,
        "references": [
            {"title": "Good [link](javascript:x)", "url": "https://example.com/rule"},
            {"title": "Bad", "url": "javascript:alert(4)"},
        ],
    }
    (rules / "ACME001.yaml").write_text(yaml.safe_dump(rule), encoding="utf-8")
    root = project(tmp_path)
    result = darklint("check", "flows", "--rules", str(rules), "-f", "sarif", cwd=root)
    driver = json.loads(result.stdout)["runs"][0]["tool"]["driver"]
    help_markdown = next(r for r in driver["rules"] if r["id"] == "ACME001")["help"]["markdown"]
    tokens = markdown_tokens(help_markdown)
    kinds = {t.type for t in tokens}
    assert not kinds & {"html_block", "html_inline", "image", "fence", "code_block"}, kinds
    links = [t.attrGet("href") for t in tokens if t.type == "link_open"]
    assert links == ["https://example.com/rule"], links
    shown = "".join(t.content for t in tokens if t.type == "text")
    assert "javascript:alert(1)" in shown.replace("\u200b", "") and "<script>" in shown
