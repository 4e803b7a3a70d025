"""Configuration files: found by walking up, validated strictly, overridden by flags."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from darklint.cli import main
from darklint.config import ConfigError, find_config, load_config
from darklint.pathfilter import PathFilter
from darklint.settings import CommandLine, SettingsError, resolve

ACME = (FIXTURES / "core" / "acme.yaml").read_text(encoding="utf-8")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def check(cwd: Path, monkeypatch, *args: str):
    """``darklint check`` run from ``cwd``, as CI runs it in a repository."""
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, ["check", "-q", *args])


def rules_in_json(result) -> set[str]:
    return {f["rule"] for f in json.loads(result.stdout)["findings"]}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with one product under flows/."""
    write(tmp_path / "flows" / "acme.yaml", ACME)
    return tmp_path


# -- finding the file -------------------------------------------------------------------------


def test_found_by_walking_up_from_a_subdirectory(repo, monkeypatch):
    write(repo / "darklint.yaml", "select: [DL107]\n")
    (repo / "flows" / "deep").mkdir()
    result = check(repo / "flows" / "deep", monkeypatch, "-f", "json", "..")
    assert result.exit_code == 0, result.output
    assert rules_in_json(result) == {"DL107"}


def test_nearest_file_wins_and_darklint_yaml_beats_the_dotfile(tmp_path):
    write(tmp_path / "darklint.yaml", "fail-on: info\n")
    write(tmp_path / "sub" / ".darklint.yaml", "fail-on: warning\n")
    assert find_config(tmp_path / "sub") == (tmp_path / "sub" / ".darklint.yaml").resolve()
    write(tmp_path / "sub" / "darklint.yaml", "fail-on: error\n")
    assert find_config(tmp_path / "sub") == (tmp_path / "sub" / "darklint.yaml").resolve()


def test_pyproject_table_is_read_and_a_pyproject_without_it_is_passed_over(repo, monkeypatch):
    write(repo / "pyproject.toml", '[tool.darklint]\nselect = ["DL107"]\nfail-on = "warning"\n')
    write(repo / "flows" / "pyproject.toml", '[project]\nname = "flows"\ndependencies = []\n')
    assert find_config(repo / "flows") == (repo / "pyproject.toml").resolve()
    result = check(repo / "flows", monkeypatch, "-f", "json", ".")
    assert result.exit_code == 1 and rules_in_json(result) == {"DL107"}


def test_an_unrelated_broken_pyproject_does_not_stop_darklint(repo, monkeypatch):
    write(repo / "pyproject.toml", "[project\nname = 'x'\n")
    assert find_config(repo) is None
    assert check(repo, monkeypatch, "--select", "DL107", "flows").exit_code == 0


def test_config_flag_names_the_file(repo, monkeypatch):
    write(repo / "ci" / "strict.yaml", "select: [DL107]\nfail-on: warning\n")
    result = check(repo, monkeypatch, "--config", "ci/strict.yaml", "-f", "json", "flows")
    assert result.exit_code == 1 and rules_in_json(result) == {"DL107"}
    write(repo / "ci" / "pyproject.toml", '[tool.darklint]\nselect = ["DL101"]\n')
    result = check(repo, monkeypatch, "--config", "ci/pyproject.toml", "-f", "json", "flows")
    assert rules_in_json(result) == {"DL101"}


def test_config_flag_with_a_missing_file_is_an_error(repo, monkeypatch):
    result = check(repo, monkeypatch, "--config", "nope.yaml", "flows")
    assert result.exit_code == 2 and "nope.yaml: configuration file not found" in result.stderr


def test_an_empty_or_comment_only_file_means_defaults(tmp_path):
    write(tmp_path / "darklint.yaml", "# nothing set yet\n")
    config = load_config(tmp_path / "darklint.yaml")
    assert config.select is None and config.fail_on is None and config.rules == ()


# -- strict validation ------------------------------------------------------------------------

BAD_CONFIGS = [
    ("fail_on: warning\n", "darklint.yaml:1: fail_on: unknown key; did you mean 'fail-on'?"),
    ("selct: [DL1]\n", "selct: unknown key; did you mean 'select'?"),
    ("colour: red\n", "colour: unknown key; known keys: select, ignore"),
    ("fail-on: fatal\n", "fail-on: must be one of error, warning, info"),
    ("select: DL101\n", "select: must be a list of words"),
    ("ignore: [1, 2]\n", "ignore: must be a list of words"),
    ("jobs: two\n", "jobs: must be a whole number of at least 1"),
    ("max-bytes: 0\n", "max-bytes: must be a whole number of at least 1"),
    ("select: [DL9]\n", "select: no rule matches 'DL9'"),
    ("extend-select: [cancel-harder-than-sigup]\n", "did you mean 'cancel-harder-than-signup'?"),
    ("rules: [DL101]\n", "rules: must map rule ids to settings"),
    ("rules:\n  DL999: {severity: warning}\n", "darklint.yaml:2: rules.DL999: no such rule"),
    ("rules:\n  DL101: {sevrity: warning}\n", "rules.DL101.sevrity: unknown key; did you mean"),
    ("rules:\n  DL101: {severity: high}\n", "rules.DL101.severity: must be one of error"),
    (
        "rules:\n  DL101:\n    params: {allowence: 2}\n",
        "darklint.yaml:3: rules.DL101.params.allowence: DL101 has no parameter 'allowence'; "
        "did you mean 'allowance'?",
    ),
    (
        "rules:\n  DL101: {params: {allowance: two}}\n",
        "rules.DL101.params: parameter 'allowance' must be a number",
    ),
    ("rules:\n  DL001: {params: {x: 1}}\n", "rules.DL001.params.x: DL001 has no parameter 'x'"),
    ("effort: {survy: 2}\n", "effort.survy: unknown effort weight 'survy'"),
    ("effort: {survey: -1}\n", "effort.survey: effort weight 'survey' must be a number >= 0"),
    ("rule-dirs: [missing]\n", "rule-dirs: 'missing' is not a directory"),
    ("format: [xml]\n", "format: unknown format 'xml'"),
    ("format: 'sarif:'\n", "format: 'sarif:' must be a format name"),
    ("profile: nope\n", "profile: unknown profile 'nope'"),
    ("fail-on: error\nfail-on: info\n", "darklint.yaml:2: fail-on: duplicate key"),
    ("select: !!python/object:os.system [ls]\n", "select: YAML tag"),
    ("select: [DL1\n", "not valid YAML"),
    ("jobs: !!int many\n", "jobs: 'many' is not a valid value"),
    ("select: &a [*a]\n", "select: nested or repeated too deeply to read"),
    ("- DL101\n", "a configuration is a mapping of keys"),
    ("report: Acme audit\n", "report: must be a mapping of title, scope, author"),
    (
        "report:\n  titel: Acme\n",
        "darklint.yaml:2: report.titel: unknown key; did you mean 'title'?",
    ),
    ("report:\n  author: [A, B]\n", "darklint.yaml:2: report.author: must be a text"),
    ("report:\n  title: '  '\n", "report.title: must be a text"),
    (f"report:\n  title: {'x' * 201}\n", "report.title: is 201 characters long; at most 200"),
]


@pytest.mark.parametrize(("text", "message"), BAD_CONFIGS)
def test_a_bad_configuration_is_a_clear_error_naming_file_and_key(repo, monkeypatch, text, message):
    write(repo / "darklint.yaml", text)
    result = check(repo, monkeypatch, "flows")
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert str(repo.resolve() / "darklint.yaml") in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_bad_toml_configuration_names_the_file_and_key(repo, monkeypatch):
    write(repo / "pyproject.toml", '[tool.darklint]\nfail-on = "fatal"\n')
    result = check(repo, monkeypatch, "flows")
    assert result.exit_code == 2
    assert "pyproject.toml: fail-on: must be one of error, warning, info" in result.stderr
    write(repo / "pyproject.toml", "[tool.darklint]\nselect = [\n")
    result = check(repo, monkeypatch, "flows")
    assert result.exit_code == 2 and "pyproject.toml: not valid TOML" in result.stderr


def test_a_bad_flag_is_an_error_too(repo, monkeypatch):
    result = check(repo, monkeypatch, "--ignore", "DL9", "flows")
    assert result.exit_code == 2 and "--ignore: no rule matches 'DL9'" in result.stderr


# -- what the keys do, and flags winning ------------------------------------------------------


def test_fail_on_from_the_file_and_the_flag_wins(repo, monkeypatch):
    write(repo / "darklint.yaml", "select: [DL107]\nfail-on: warning\n")
    assert check(repo, monkeypatch, "flows").exit_code == 1
    assert check(repo, monkeypatch, "--fail-on", "error", "flows").exit_code == 0


def test_select_ignore_and_extend_select_layer_file_then_flags(repo, monkeypatch):
    write(repo / "darklint.yaml", "select: [DL1]\nignore: [DL101]\nextend-select: [DL203]\n")
    found = rules_in_json(check(repo, monkeypatch, "-f", "json", "flows"))
    assert "DL101" not in found and "DL107" in found and "DL203" in found
    assert not any(r.startswith("DL2") and r != "DL203" for r in found)
    # --select replaces the file's selection, its ignore included: the flag wins.
    found = rules_in_json(check(repo, monkeypatch, "-f", "json", "--select", "DL101", "flows"))
    assert found == {"DL101"}
    flags = ("--extend-select", "DL101", "--ignore", "DL107")
    found = rules_in_json(check(repo, monkeypatch, "-f", "json", *flags, "flows"))
    assert "DL101" in found and "DL107" not in found


def test_per_rule_severity_and_parameters(repo, monkeypatch):
    write(
        repo / "darklint.yaml",
        """\
        select: [DL101, DL107]
        rules:
          cancel-limited-hours: {severity: error}
          DL101: {params: {allowance: 100}}
        """,
    )
    result = check(repo, monkeypatch, "-f", "json", "flows")
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("DL107", "error")]
    assert result.exit_code == 1


def test_effort_weights_change_what_dl101_sees(repo, monkeypatch):
    write(repo / "darklint.yaml", "select: [DL101]\n")
    assert rules_in_json(check(repo, monkeypatch, "-f", "json", "flows")) == {"DL101"}
    write(
        repo / "darklint.yaml",
        "select: [DL101]\n"
        "effort: {retention_offer: 0, offline_channel: 0, channel_change: 0, action: 1}\n",
    )
    assert rules_in_json(check(repo, monkeypatch, "-f", "json", "flows")) == set()


def test_include_and_exclude_apply_to_files_found_in_directories(repo, monkeypatch):
    write(repo / "flows" / "drafts" / "wip.yaml", ACME.replace("Acme Stream", "Draft"))
    write(repo / "flows" / "old.draft.yaml", ACME.replace("Acme Stream", "Old"))
    write(repo / "other" / "x.yaml", ACME.replace("Acme Stream", "Other"))
    write(repo / "darklint.yaml", 'include: [flows]\nexclude: [drafts, "*.draft.yaml"]\n')
    result = check(repo, monkeypatch, "-f", "json", "--select", "DL101", ".")
    products = {f["product"] for f in json.loads(result.stdout)["findings"]}
    assert products == {"Acme Stream"}
    # A file named on the command line is linted anyway...
    result = check(repo, monkeypatch, "-f", "json", "--select", "DL101", "flows/old.draft.yaml")
    assert {f["product"] for f in json.loads(result.stdout)["findings"]} == {"Old"}
    # ...unless --force-exclude asks for the globs to apply to it too (as pre-commit does).
    result = check(repo, monkeypatch, "--force-exclude", "flows/old.draft.yaml")
    assert result.exit_code == 0 and "DL101" not in result.stdout


def test_force_exclude_skips_yaml_that_is_not_a_flow(repo, monkeypatch):
    write(repo / ".github" / "workflows" / "ci.yml", "on: push\njobs: {}\n")
    result = check(repo, monkeypatch, ".github/workflows/ci.yml")
    assert result.exit_code == 2 and "DL001" in result.stdout
    result = check(repo, monkeypatch, "--force-exclude", ".github/workflows/ci.yml")
    assert result.exit_code == 0, result.output


def test_rule_dirs_are_relative_to_the_config_file(repo, monkeypatch):
    write(
        repo / "team-rules" / "ACME001.yaml",
        """\
        id: ACME001
        name: no-phone-cancel
        severity: error
        category: leaving
        summary: Our products let customers cancel without waiting for anyone.
        check: {function: long_wait_for_human, with: {max_minutes: 0}}
        docs: |
          ## What it does
          Our own threshold: no wait at all on the way out.
        """,
    )
    write(repo / "darklint.yaml", "rule-dirs: [team-rules]\nselect: [ACME]\n")
    result = check(repo / "flows", monkeypatch, "-f", "json", ".")
    assert rules_in_json(result) == {"ACME001"} and result.exit_code == 1


def test_format_and_output_files_are_relative_to_the_config_file(repo, monkeypatch):
    write(repo / "darklint.yaml", 'select: [DL101]\nformat: [console, "json:out/report.json"]\n')
    result = check(repo / "flows", monkeypatch, ".")
    assert "DL101" in result.stdout
    data = json.loads((repo / "out" / "report.json").read_text())
    assert data["summary"]["findings"] == 1
    result = check(repo / "flows", monkeypatch, "-f", "json", ".")  # the flag wins
    assert json.loads(result.stdout)["summary"]["findings"] == 1


def test_report_section_and_flags_set_the_engagement(repo, monkeypatch):
    """The HTML report opens with the engagement: the file's report: section, flags win."""
    write(
        repo / "darklint.yaml",
        """\
        report:
          title: Acme cancellation review
          scope: |
            The web cancel flow.
            Phone support excluded.
          author: Q. Auditor
        """,
    )
    result = check(repo, monkeypatch, "flows", "-f", "html:out.html", "--author", "R. Reviewer")
    assert result.exit_code == 1, result.output
    text = (repo / "out.html").read_text(encoding="utf-8")
    assert "<title>Acme cancellation review</title>" in text
    assert "<h1>Acme cancellation review</h1>" in text
    assert "The web cancel flow.\nPhone support excluded." in text
    assert "R. Reviewer" in text and "Q. Auditor" not in text
    bad = check(repo, monkeypatch, "flows", "--title", " ")
    assert bad.exit_code == 2 and "Invalid value for '--title': must be a text" in bad.stderr


def test_max_bytes_and_jobs_from_the_file(repo, monkeypatch):
    write(repo / "darklint.yaml", "max-bytes: 100\njobs: 2\n")
    result = check(repo, monkeypatch, "flows")
    assert result.exit_code == 2 and "above the limit of 100" in result.stdout
    result = check(repo, monkeypatch, "--max-bytes", "100000", "--select", "DL107", "flows")
    assert result.exit_code == 0


def test_profile_from_the_file_and_the_flag_wins(repo):
    write(repo / "darklint.yaml", "profile: ftc\n")
    from_file = resolve(CommandLine(), cwd=repo)
    assert from_file.profile == "ftc"
    flagged = resolve(CommandLine(profile="recommended"), cwd=repo)
    assert flagged.profile == "recommended"
    assert len(flagged.rules) >= len(from_file.rules)


def test_settings_resolve_in_one_place(repo):
    write(
        repo / "darklint.yaml",
        """\
        fail-on: warning
        jobs: 3
        baseline: known.json
        rules: {DL403: {params: {max_days: 7}}}
        """,
    )
    settings = resolve(CommandLine(jobs=5), cwd=repo / "flows")
    assert settings.fail_on == "warning" and settings.jobs == 5
    assert settings.baseline == str((repo / "known.json").resolve())
    assert settings.config == (repo / "darklint.yaml").resolve()
    dl403 = next(r for r in settings.rules if r.id == "DL403")
    assert dl403.params["max_days"] == 7
    assert any(r.id == "DL001" for r in resolve(CommandLine(select=("DL101",)), cwd=repo).rules)
    with pytest.raises(SettingsError, match="no rule matches 'DL9'"):
        resolve(CommandLine(select=("DL9",)), cwd=repo)


def test_load_config_reports_every_problem_as_config_error(tmp_path):
    write(tmp_path / "darklint.yaml", "rules: {DL101: []}\n")
    with pytest.raises(ConfigError, match=r"darklint.yaml:1: rules.DL101: must be a mapping"):
        load_config(tmp_path / "darklint.yaml")


# -- globs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("globs", "path", "accepted"),
    [
        ((["flows"], []), "flows/a.yaml", True),
        ((["flows"], []), "other/a.yaml", False),
        ((["flows/*.yaml"], []), "flows/sub/a.yaml", False),
        ((["flows/**/*.yaml"], []), "flows/sub/a.yaml", True),
        ((["flows/**/*.yaml"], []), "flows/a.yaml", True),
        (([], ["drafts"]), "flows/drafts/a.yaml", False),
        (([], ["*.draft.yaml"]), "flows/a.draft.yaml", False),
        (([], ["flows/legacy"]), "flows/legacy/x/a.yaml", False),
        (([], ["flows/legacy"]), "other/flows/legacy/a.yaml", True),
        (([], ["a[0-9].yaml"]), "flows/a1.yaml", False),
        (([], ["a[!0-9].yaml"]), "flows/a1.yaml", True),
    ],
)
def test_glob_semantics(tmp_path, globs, path, accepted):
    include, exclude = globs
    path_filter = PathFilter.from_globs(tmp_path, include, exclude)
    assert path_filter.accepts(str(tmp_path / path)) is accepted
