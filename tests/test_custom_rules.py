"""Custom rules: a team's own rule files, using the built-in check functions, load with
`--rules DIR` and fire on the example; new check functions come from an installed package's
`darklint.checks` entry point."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, expected_markers, lint

from darklint.catalog import RuleFileError, load_rules
from darklint.engine import validate_rules

CUSTOM = EXAMPLES / "custom-rules"
RULES_DIR = CUSTOM / "rules"
FLOW = CUSTOM / "acme-backup.yaml"
PLUGIN = CUSTOM / "plugin"


def run(*args: str, env: dict | None = None, cwd: Path | None = None):
    """The real command line, as a team runs it."""
    return subprocess.run(
        [sys.executable, "-m", "darklint", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        cwd=cwd,
        check=False,
    )


def test_custom_rules_fire_on_their_example_exactly_where_marked():
    rules = load_rules([RULES_DIR])
    validate_rules(rules)
    custom = [r for r in rules if not r.builtin]
    assert {r.id for r in custom} == {"ACME001", "ACME002"}
    report = lint(FLOW, rules)
    found = {(f.rule_id, f.location.line) for f in report.findings}
    assert found == expected_markers(FLOW)
    assert {rule for rule, _ in found} == {"ACME001", "ACME002"}


def test_the_example_is_clean_under_the_builtin_rules():
    assert lint(FLOW, load_rules()).findings == []


def test_custom_rules_end_to_end_on_the_command_line(tmp_path):
    result = run("check", "--rules", str(RULES_DIR), "-f", "json", str(FLOW), cwd=tmp_path)
    assert result.returncode == 0, result.stderr  # warnings only; --fail-on error
    findings = json.loads(result.stdout)["findings"]
    by_rule = {f["rule"]: f for f in findings}
    assert set(by_rule) == {"ACME001", "ACME002"}
    assert '"Risk-free"' in by_rule["ACME001"]["message"]
    assert "4 minutes" in by_rule["ACME002"]["message"]
    assert by_rule["ACME002"]["fix"].startswith("Staff the support queue")
    strict = run(
        "check", "--rules", str(RULES_DIR), "--fail-on", "warning", str(FLOW), cwd=tmp_path
    )
    assert strict.returncode == 1


def test_custom_rules_stay_on_under_a_profile(tmp_path):
    result = run(
        "check",
        "--profile",
        "eu",
        "--rules",
        str(RULES_DIR),
        "-f",
        "json",
        str(FLOW),
        cwd=tmp_path,
    )
    assert {f["rule"] for f in json.loads(result.stdout)["findings"]} == {"ACME001", "ACME002"}
    table = run("rules", "--profile", "eu", "--rules", str(RULES_DIR), cwd=tmp_path)
    assert "ACME001" in table.stdout and "a rule of your own" in table.stdout


def test_custom_rules_are_listed_and_explained(tmp_path):
    listing = run("rules", "--rules", str(RULES_DIR), cwd=tmp_path)
    assert listing.returncode == 0 and "acme-banned-phrases" in listing.stdout
    explained = run("explain", "ACME002", "--rules", str(RULES_DIR), cwd=tmp_path)
    assert explained.returncode == 0 and "long_wait_for_human" in explained.stdout


def write_rule(directory: Path, rule_id: str, name: str, check: str) -> None:
    directory.mkdir(exist_ok=True)
    (directory / f"{rule_id}.yaml").write_text(
        f"id: {rule_id}\nname: {name}\nseverity: warning\ncategory: pressure\n"
        f"summary: A test rule.\ncheck: {check}\ndocs: A test rule.\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    "rule_id, name, check, complaint",
    [
        ("ACME009", "acme-bad", "{function: no_such_check}", "no check function named"),
        ("ACME009", "acme-bad", "{function: phrases, with: {patterns: ['(']}}", "regular"),
        ("ACME009", "acme-bad", "{function: slow_refund, with: {max_dayz: 3}}", "max_dayz"),
        ("DL403", "acme-bad", "{function: slow_refund}", "already used"),
        ("ACME009", "slow-refund", "{function: slow_refund}", "already used"),
    ],
)
def test_a_broken_custom_rule_is_a_clear_error(tmp_path, rule_id, name, check, complaint):
    write_rule(tmp_path / "rules", rule_id, name, check)
    result = run("check", "--rules", str(tmp_path / "rules"), str(FLOW), cwd=tmp_path)
    assert result.returncode == 2
    assert complaint in result.stderr and f"{rule_id}.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_load_rules_rejects_a_clash_in_process(tmp_path):
    write_rule(tmp_path, "ACME009", "confirmshaming", "{function: phrases}")
    with pytest.raises(RuleFileError, match="already used"):
        load_rules([tmp_path])


# -- new check functions through the entry point ------------------------------------------------


@pytest.fixture
def installed_plugin(tmp_path) -> Path:
    """The example plugin installed on the fly: its module and a dist-info whose
    entry_points.txt registers it, in a directory put on the path (what pip would write)."""
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(PLUGIN / "acme_darklint_checks.py", site)
    info = site / "acme_darklint_checks-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: acme-darklint-checks\nVersion: 0.1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[darklint.checks]\nacme = acme_darklint_checks\n", encoding="utf-8"
    )
    return site


def test_plugin_pyproject_declares_the_entry_point():
    text = (PLUGIN / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points."darklint.checks"]' in text
    assert 'acme = "acme_darklint_checks"' in text


#: The example with its cancel confirmation turned into a plain screen.
NO_CONFIRMATION = FLOW.read_text(encoding="utf-8").replace("        kind: confirmation\n", "")


def test_entry_point_check_function_is_used_by_a_rule(tmp_path, installed_plugin):
    env = {"PYTHONPATH": str(installed_plugin)}
    plugin_rules = str(PLUGIN / "rules")
    listing = run("rules", "--rules", plugin_rules, env=env, cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert "ACME003" in listing.stdout
    clean = run("check", "--rules", plugin_rules, "-f", "json", str(FLOW), env=env, cwd=tmp_path)
    assert json.loads(clean.stdout)["findings"] == [], clean.stderr
    flow = tmp_path / "no-confirmation.yaml"
    flow.write_text(NO_CONFIRMATION, encoding="utf-8")
    result = run("check", "--rules", plugin_rules, "-f", "json", str(flow), env=env, cwd=tmp_path)
    findings = json.loads(result.stdout)["findings"]
    acme = [f for f in findings if f["rule"] == "ACME003"]
    assert len(acme) == 1 and acme[0]["flow"] == "cancel", findings
    assert "has no step of kind 'confirmation'" in acme[0]["message"]
    lines = NO_CONFIRMATION.splitlines()
    assert lines[acme[0]["line"] - 1].strip() == "cancel:", "it points at the flow's key"


def test_without_the_plugin_the_rule_is_a_clear_error(tmp_path):
    result = run("check", "--rules", str(PLUGIN / "rules"), str(FLOW), cwd=tmp_path)
    assert result.returncode == 2
    assert "no check function named 'flow_has_step_kind'" in result.stderr


def test_entry_points_are_loaded_into_the_registry(monkeypatch, installed_plugin):
    """In-process: the registry imports every module the entry point group names."""
    import importlib.metadata

    from darklint import checks

    monkeypatch.syspath_prepend(str(installed_plugin))
    monkeypatch.setattr(checks, "_loaded", False)
    monkeypatch.setattr(checks, "_REGISTRY", dict(checks._REGISTRY))
    seen = []

    def entry_points(group):
        seen.append(group)
        return (
            [
                importlib.metadata.EntryPoint(
                    name="acme", value="acme_darklint_checks", group="darklint.checks"
                )
            ]
            if group == "darklint.checks"
            else []
        )

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    monkeypatch.delitem(sys.modules, "acme_darklint_checks", raising=False)
    spec = checks.get_check("flow_has_step_kind")
    assert seen == ["darklint.checks"]
    assert spec is not None and dict(spec.defaults) == {
        "flow_kind": "cancel",
        "step_kind": "confirmation",
    }
    assert checks.get_check("phrases") is not None, "the built-in checks are still there"
