"""Baselines and inline ignores: known findings are set aside, counted, and never hide new ones."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from darklint import __version__
from darklint.baseline import BaselineError, load_baseline
from darklint.cli import main

ACME = (FIXTURES / "core" / "acme.yaml").read_text(encoding="utf-8")

#: The same product edited without changing what it does: comments and blank lines move
#: every line, the steps of both flows are reordered, and so are keys inside a step.
ACME_MOVED = """\
# Acme Stream: reviewed by the product team.

darklint: 1
product: Acme Stream

subscription: {renews: monthly, price: 14.99, currency: USD}

flows:
  # Joining.
  signup:
    kind: signup
    start: landing
    steps:
      member: {outcome: subscribed}

      pay:
        actions: [{label: "Pay", to: member}]
        kind: payment
      landing:
        actions: [{label: "Start", to: pay}]

  # Leaving.
  cancel:
    start: manage
    kind: cancel
    steps:
      kept: {outcome: retained}
      done: {outcome: cancelled}
      call:
        hours: business
        wait_minutes: 3
        channel: phone
        kind: agent
        actions: [{label: "Agent cancels", to: done, by: business}]

      offer:
        kind: retention_offer
        actions:
          - {label: "Keep", to: kept, emphasis: primary}
          - {label: "Continue cancelling", to: call, emphasis: primary}
      manage:
        actions: [{label: "Cancel plan", to: offer}]
"""

ENTRY_KEYS = ("fingerprint", "rule", "product", "flow", "step", "message", "path", "count")
ISO_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def run(cwd: Path, monkeypatch, *args: str):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, list(args))


def against_baseline(cwd: Path, monkeypatch, *args: str, baseline="darklint-baseline.json"):
    """``darklint check --baseline FILE ARGS...``."""
    return run(cwd, monkeypatch, "check", "--baseline", baseline, *args)


def findings(result) -> list[dict]:
    return json.loads(result.stdout)["findings"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path / "flows" / "acme.yaml", ACME)
    return tmp_path


@pytest.fixture
def baselined(repo: Path, monkeypatch) -> Path:
    """The repository with a baseline of today's findings in darklint-baseline.json."""
    result = run(repo, monkeypatch, "baseline", "-q", "flows")
    assert result.exit_code == 0, result.output
    return repo


# -- the baseline file ------------------------------------------------------------------------


def test_baseline_records_every_finding_with_its_fingerprint(baselined, monkeypatch):
    data = json.loads((baselined / "darklint-baseline.json").read_text())
    assert data["version"] == 1 and data["darklint"] == __version__
    assert ISO_UTC.match(data["generated"])
    entries = data["entries"]
    check = run(baselined, monkeypatch, "check", "-q", "-f", "json", "flows")
    now = findings(check)
    assert len(entries) == len(now) >= 3
    assert {e["fingerprint"] for e in entries} == {f["fingerprint"] for f in now}
    for entry in entries:
        assert set(entry) == set(ENTRY_KEYS)
        assert entry["path"] == "flows/acme.yaml" and entry["count"] == 1
    dl101 = next(e for e in entries if e["rule"] == "DL101")
    assert (dl101["product"], dl101["flow"]) == ("Acme Stream", "cancel")
    assert not list(baselined.glob(".darklint-*.tmp")), "written atomically, no temp file left"


def test_check_with_the_baseline_reports_nothing_and_counts_it(baselined, monkeypatch):
    result = against_baseline(baselined, monkeypatch, "flows")
    assert result.exit_code == 0, result.output
    assert re.search(r"No findings in 1 file\. \d+ known from the baseline\.", result.stdout)
    quiet = against_baseline(baselined, monkeypatch, "-q", "flows")
    assert quiet.exit_code == 0 and quiet.stdout == "", "--quiet: findings only, no summary"
    result = against_baseline(baselined, monkeypatch, "-q", "-f", "json", "flows")
    summary = json.loads(result.stdout)["summary"]
    assert summary["findings"] == 0 and summary["baselined"] >= 3
    assert summary["baseline_fixed"] == []


def test_fingerprints_survive_moved_lines_and_reordered_steps(baselined, monkeypatch):
    before = findings(run(baselined, monkeypatch, "check", "-q", "-f", "json", "flows"))
    write(baselined / "flows" / "acme.yaml", ACME_MOVED)
    after = findings(run(baselined, monkeypatch, "check", "-q", "-f", "json", "flows"))
    assert [f["line"] for f in before] != [f["line"] for f in after], "the lines did move"
    assert sorted(f["fingerprint"] for f in before) == sorted(f["fingerprint"] for f in after)
    result = against_baseline(baselined, monkeypatch, "flows")
    assert result.exit_code == 0, result.output
    assert "fixed:" not in result.stderr


def test_a_finding_whose_evidence_changes_is_new_and_the_old_entry_fixed(baselined, monkeypatch):
    # A survey on the way out: the easiest cancel path now has another step.
    changed = ACME.replace(
        '        actions: [{label: "Cancel plan", to: offer}]\n',
        '        actions: [{label: "Cancel plan", to: why}]\n'
        "      why:\n"
        "        kind: survey\n"
        '        actions: [{label: "Send answers", to: offer}]\n',
    )
    write(baselined / "flows" / "acme.yaml", changed)
    result = against_baseline(baselined, monkeypatch, "-f", "json", "flows")
    assert result.exit_code == 1
    new = {f["rule"] for f in findings(result)}
    assert "DL101" in new
    fixed = json.loads(result.stdout)["summary"]["baseline_fixed"]
    assert "DL101" in {e["rule"] for e in fixed}
    removable = r"fixed: \d+ baseline entr(y|ies) can be removed: .*DL101 in Acme Stream/cancel"
    assert re.search(removable, result.stderr)


def test_only_new_findings_fail_the_run(baselined, monkeypatch):
    write(baselined / "flows" / "beta.yaml", ACME.replace("Acme Stream", "Beta Stream"))
    result = against_baseline(baselined, monkeypatch, "-q", "-f", "json", "flows")
    assert result.exit_code == 1
    assert {f["product"] for f in findings(result)} == {"Beta Stream"}


def test_identical_findings_are_counted(repo, monkeypatch):
    write(repo / "flows" / "acme-copy.yaml", ACME)  # same product, same fingerprints
    assert run(repo, monkeypatch, "baseline", "-q", "flows").exit_code == 0
    entries = json.loads((repo / "darklint-baseline.json").read_text())["entries"]
    assert entries and all(e["count"] == 2 for e in entries)
    write(repo / "flows" / "acme-third.yaml", ACME)
    result = against_baseline(repo, monkeypatch, "-q", "-f", "json", "flows")
    assert result.exit_code == 1
    assert len(findings(result)) == len(entries), "one more copy of each known finding is new"


def test_fixed_findings_are_reported_as_removable(baselined, monkeypatch):
    write(baselined / "flows" / "acme.yaml", ACME.replace("hours: business", "hours: always"))
    result = against_baseline(baselined, monkeypatch, "flows")
    assert result.exit_code == 0
    assert (
        "fixed: 1 baseline entry can be removed: DL107 in Acme Stream/cancel/call "
        "(flows/acme.yaml)" in result.stderr
    )
    quiet = against_baseline(baselined, monkeypatch, "-q", "flows")
    assert "fixed:" not in quiet.stderr


def test_checking_a_subset_does_not_call_the_rest_fixed(repo, monkeypatch):
    write(repo / "flows" / "beta.yaml", ACME.replace("Acme Stream", "Beta Stream"))
    assert run(repo, monkeypatch, "baseline", "-q", "flows").exit_code == 0
    one_file = against_baseline(repo, monkeypatch, "flows/beta.yaml")
    assert one_file.exit_code == 0 and "fixed:" not in one_file.stderr
    one_rule = against_baseline(repo, monkeypatch, "--select", "DL101", "flows")
    assert one_rule.exit_code == 0 and "fixed:" not in one_rule.stderr


def test_the_configured_baseline_is_written_and_used(repo, monkeypatch):
    write(repo / "darklint.yaml", "baseline: ci/known-findings.json\n")
    result = run(repo / "flows", monkeypatch, "baseline", "-q", ".")
    assert result.exit_code == 0 and (repo / "ci" / "known-findings.json").is_file()
    entries = json.loads((repo / "ci" / "known-findings.json").read_text())["entries"]
    assert entries[0]["path"] == "../flows/acme.yaml"
    assert run(repo / "flows", monkeypatch, "check", "-q", ".").exit_code == 0
    write(repo / "flows" / "beta.yaml", ACME.replace("Acme Stream", "Beta"))
    assert run(repo / "flows", monkeypatch, "check", "-q", ".").exit_code == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "baseline file not found; create it with `darklint baseline"),
        ("{not json", "not a baseline (invalid JSON)"),
        ('{"version": 9, "entries": []}', "baseline version 9 is not supported"),
        ('{"version": 1}', "expected an object with 'entries'"),
        ('{"version": 1, "entries": [{"rule": "DL101"}]}', "entries[0]: 'fingerprint' must be"),
        (
            '{"version": 1, "entries": [{"fingerprint": "x", "rule": "DL101", "count": 0}]}',
            "entries[0]: 'count' must be a whole number",
        ),
    ],
)
def test_a_bad_baseline_is_a_clear_error(repo, monkeypatch, text, message):
    if text is not None:
        write(repo / "b.json", text)
    result = run(repo, monkeypatch, "check", "--baseline", "b.json", "flows")
    assert result.exit_code == 2 and message in result.stderr and "b.json" in result.stderr
    with pytest.raises(BaselineError):
        load_baseline(str(repo / "b.json"))


def test_files_that_cannot_be_linted_are_never_baselined(repo, monkeypatch):
    write(repo / "flows" / "broken.yaml", "darklint: 1\nproduct: [unclosed\n")
    result = run(repo, monkeypatch, "baseline", "-q", "flows")
    assert result.exit_code == 2 and "DL001" in result.stderr
    entries = json.loads((repo / "darklint-baseline.json").read_text())["entries"]
    assert entries and "DL001" not in {e["rule"] for e in entries}
    result = against_baseline(repo, monkeypatch, "-q", "flows")
    assert result.exit_code == 2 and "DL001" in result.stdout


def test_an_unwritable_baseline_is_an_error(repo, monkeypatch):
    write(repo / "file", "")
    result = run(repo, monkeypatch, "baseline", "-q", "-o", "file/baseline.json", "flows")
    assert result.exit_code == 2 and "cannot write file/baseline.json" in result.stderr


# -- inline ignores ---------------------------------------------------------------------------

IGNORED = (
    ACME
    + """\
ignore:
  - {rule: DL107, flow: cancel, step: call, reason: "Phone line staffed 24/7 from March"}
  - {rule: cancel-channel-mismatch, reason: "Web cancel ships in the next release"}
"""
)


def test_ignored_findings_are_counted_in_every_report_and_listed_on_request(tmp_path, monkeypatch):
    write(tmp_path / "acme.yaml", IGNORED)
    console = run(tmp_path, monkeypatch, "check", "acme.yaml")
    assert "DL107" not in console.stdout and "DL102" not in console.stdout
    assert "2 ignored (see --show-ignored)." in console.stdout
    shown = run(tmp_path, monkeypatch, "check", "-q", "--show-ignored", "acme.yaml")
    assert "DL107 cancel-limited-hours" in shown.stdout
    assert "[ignored: Phone line staffed 24/7 from March]" in shown.stdout
    assert "[ignored: Web cancel ships in the next release]" in shown.stdout
    data = json.loads(run(tmp_path, monkeypatch, "check", "-q", "-f", "json", "acme.yaml").stdout)
    assert data["summary"]["ignored"] == 2
    assert {(f["rule"], f["ignored_reason"]) for f in data["ignored"]} == {
        ("DL107", "Phone line staffed 24/7 from March"),
        ("DL102", "Web cancel ships in the next release"),
    }
    assert {"DL107", "DL102"}.isdisjoint({f["rule"] for f in data["findings"]})
    sarif = json.loads(run(tmp_path, monkeypatch, "check", "-q", "-f", "sarif", "acme.yaml").stdout)
    suppressed = [r for r in sarif["runs"][0]["results"] if r.get("suppressions")]
    assert {r["ruleId"] for r in suppressed} == {"DL107", "DL102"}


def test_ignores_without_reason_or_target_are_findings(tmp_path, monkeypatch):
    write(
        tmp_path / "acme.yaml",
        ACME + 'ignore:\n  - {rule: DL107}\n  - {rule: DL503, reason: "No options here"}\n',
    )
    data = json.loads(run(tmp_path, monkeypatch, "check", "-q", "-f", "json", "acme.yaml").stdout)
    rules = {f["rule"] for f in data["findings"]}
    assert {"DL006", "DL007", "DL107"} <= rules, "no reason: nothing ignored, and DL006 says so"
    assert data["summary"]["ignored"] == 0


def test_ignored_findings_stay_out_of_the_baseline(tmp_path, monkeypatch):
    write(tmp_path / "acme.yaml", IGNORED)
    assert run(tmp_path, monkeypatch, "baseline", "-q", "acme.yaml").exit_code == 0
    entries = json.loads((tmp_path / "darklint-baseline.json").read_text())["entries"]
    assert {"DL107", "DL102"}.isdisjoint({e["rule"] for e in entries})
