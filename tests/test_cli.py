"""The command line behaves like a linter: clickable locations, evidence, exit codes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, FIXTURES

from darklint.cli import main

CORE = FIXTURES / "core"
ANSI = re.compile(r"\x1b\[")


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real console script, as CI and editors run it."""
    return subprocess.run(
        [sys.executable, "-m", "darklint", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_version():
    result = run("--version")
    assert result.returncode == 0 and re.match(r"darklint, version \d+\.\d+", result.stdout)


def test_finding_opens_with_a_clickable_location_then_the_evidence():
    result = run("check", str(CORE / "product.yaml"))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    first = next(line for line in lines if "DL101" in line)
    assert re.match(
        rf"^{re.escape(str(CORE / 'product.yaml'))}:25:7: DL101 cancel-harder-than-signup: ", first
    )
    body = result.stdout
    assert "easiest signup path" in body and "easiest cancel path" in body
    assert "phone" in body and "retention offer" in body
    assert re.search(r"^Found \d+ findings? \(", lines[-1])
    assert not ANSI.search(body), "no colour when not a terminal"


def test_good_example_exits_zero_and_examples_exit_one():
    assert run("check", str(EXAMPLES / "good-subscription.yaml")).returncode == 0
    assert run("check", str(EXAMPLES)).returncode == 1


def test_broken_yaml_next_to_good_files_exits_two_and_reports_the_rest(tmp_path):
    shutil.copy(CORE / "product.yaml", tmp_path / "good.yaml")
    shutil.copy(CORE / "broken.yaml", tmp_path / "broken.yaml")
    shutil.copy(CORE / "not-darklint.yaml", tmp_path / "ci.yaml")
    shutil.copy(CORE / "broken-other.yaml", tmp_path / "other.yaml")
    result = run("check", "-v", str(tmp_path))
    assert result.returncode == 2
    assert re.search(r"broken\.yaml:6:\d+: DL001 invalid-flow-file: not valid YAML", result.stdout)
    assert "good.yaml:25:7: DL101" in result.stdout
    assert "skipped" in result.stdout and "ci.yaml" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_file_named_on_the_command_line_is_always_linted():
    result = run("check", str(CORE / "not-darklint.yaml"))
    assert result.returncode == 2 and "DL001" in result.stdout


def test_fail_on_and_select_ignore():
    path = str(CORE / "product.yaml")
    assert run("check", "--select", "DL101", path).returncode == 1
    assert (
        run("check", "--select", "cancel-harder-than-signup", "--ignore", "DL101", path).returncode
        == 0
    )
    warnings_only = run("check", "--select", "DL107", path)
    assert "DL107" in warnings_only.stdout and warnings_only.returncode == 0
    assert run("check", "--select", "DL107", "--fail-on", "warning", path).returncode == 1
    bad = run("check", "--select", "DL999", path)
    assert bad.returncode == 2 and "no rule matches" in bad.stderr and "DL999" in bad.stderr


def test_json_output_shape():
    result = run("check", "-f", "json", str(CORE / "product.yaml"))
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["summary"]["findings"] == len(data["findings"]) > 0
    finding = next(f for f in data["findings"] if f["rule"] == "DL101")
    assert (finding["line"], finding["column"]) == (25, 7)
    assert [p["title"] for p in finding["evidence"]["paths"]] == [
        "easiest signup path",
        "easiest cancel path",
    ]
    assert finding["evidence"]["paths"][1]["effort"] == 14.5
    assert re.fullmatch(r"[0-9a-f]{32}", finding["fingerprint"])


def test_output_files_are_written_and_usage_errors_exit_two(tmp_path):
    out = tmp_path / "report.json"
    result = run("check", "-f", "console", "-f", f"json:{out}", str(CORE / "product.yaml"))
    assert result.returncode == 1 and json.loads(out.read_text())["findings"]
    assert run("check", "-f", "yaml", str(CORE / "product.yaml")).returncode == 2
    assert run("check", "-f", "json", "-f", "console", str(CORE / "product.yaml")).returncode == 2


def test_rules_and_explain():
    runner = CliRunner()
    listing = runner.invoke(main, ["rules"])
    assert listing.exit_code == 0 and "cancel-harder-than-signup" in listing.output
    explained = runner.invoke(main, ["explain", "cancel-harder-than-signup"])
    assert explained.exit_code == 0
    for heading in ("What it does", "Why it matters", "Example", "How to fix", "References"):
        assert heading in explained.output
    assert runner.invoke(main, ["explain", "DL999"]).exit_code == 2


def test_no_color_env_is_respected_even_when_forced():
    result = run("check", str(CORE / "product.yaml"), env={"NO_COLOR": "1"})
    assert not ANSI.search(result.stdout)


@pytest.mark.parametrize("args", [["check"], ["explain"], ["nope"]])
def test_usage_errors_exit_two(args):
    assert run(*args).returncode == 2


@pytest.mark.parametrize(
    ("check_line", "needle"),
    [
        ('{function: phrases, with: {patterns: ["(unclosed"]}}', "not a valid regular expression"),
        ("{function: phrases, with: {targets: [action_labl]}}", "unknown target 'action_labl'"),
        ("{function: long_wait_for_human, with: {max_minutes: five}}", "must be a number"),
        ("{function: harder_than, with: {kind: cancle}}", "unknown path kind 'cancle'"),
        ("{function: harder_than, with: {ratio: 2}}", "no parameter ratio"),
        ("{function: no_such_check}", "no check function named 'no_such_check'"),
    ],
)
def test_a_broken_custom_rule_is_a_clear_error_not_a_traceback(tmp_path, check_line, needle):
    (tmp_path / "ACME001.yaml").write_text(
        "id: ACME001\nname: team-rule\nseverity: warning\ncategory: pressure\n"
        f"summary: A team rule.\ncheck: {check_line}\ndocs: Why.\n"
    )
    result = run("check", "--rules", str(tmp_path), str(CORE / "product.yaml"))
    assert result.returncode == 2
    assert needle in result.stderr and "ACME001.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_console_never_lets_a_label_start_a_line():
    result = run("check", str(FIXTURES / "report" / "hostile.yaml"))
    assert result.returncode == 1
    assert "\\n:\u200b:error file=x:\u200b:injected" in result.stdout
    assert not any(line.lstrip().startswith("::") for line in result.stdout.splitlines())


def test_findings_cite_the_active_profiles_provision():
    path = str(EXAMPLES / "dating-app.yaml")
    plain = json.loads(run("check", "-f", "json", path).stdout)
    assert all(f["provision"] is None for f in plain["findings"])
    california = json.loads(run("check", "-f", "json", "--profile", "california", path).stdout)
    dl103 = next(f for f in california["findings"] if f["rule"] == "DL103")
    assert "17602" in dl103["provision"]


def test_output_files_get_the_usual_permissions(tmp_path):
    out = tmp_path / "report.json"
    run("check", "-f", f"json:{out}", str(CORE / "product.yaml"))
    assert out.stat().st_mode & 0o044, "a report must be readable by the team, not 0600"
    out.chmod(0o640)
    run("check", "-f", f"json:{out}", str(CORE / "product.yaml"))
    assert out.stat().st_mode & 0o777 == 0o640, "an existing file keeps its mode"
