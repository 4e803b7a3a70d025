"""``darklint init``: a configuration and an example that pass, and nothing overwritten."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from darklint.cli import main
from darklint.commands.init import CONFIG_TEXT
from darklint.config import load_config
from darklint.profiles import list_profiles
from darklint.settings import CommandLine, resolve


def run(cwd: Path, monkeypatch, *args: str):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, list(args))


def test_init_scaffolds_a_configuration_and_an_example_that_passes(tmp_path, monkeypatch):
    result = run(tmp_path, monkeypatch, "init")
    assert result.exit_code == 0, result.output
    assert "darklint check flows" in result.stdout
    assert (tmp_path / "darklint.yaml").read_text(encoding="utf-8") == CONFIG_TEXT
    example = tmp_path / "flows" / "example.yaml"
    assert example.read_text(encoding="utf-8").startswith("# An example product")
    checked = run(tmp_path, monkeypatch, "check", "flows")
    assert checked.exit_code == 0, checked.output
    assert "No findings in 1 file." in checked.stdout
    # The configuration is the one in effect, and its include keeps other YAML out.
    (tmp_path / "ci.yml").write_text("on: push\n", encoding="utf-8")
    everything = run(tmp_path, monkeypatch, "check", "-q", "--fail-on", "info", ".")
    assert everything.exit_code == 0, everything.output
    assert resolve(CommandLine(), cwd=tmp_path).config == (tmp_path / "darklint.yaml").resolve()


def test_the_example_passes_every_rule_at_every_severity(tmp_path, monkeypatch):
    run(tmp_path, monkeypatch, "init")
    result = run(
        tmp_path, monkeypatch, "check", "-q", "--select", "ALL", "--fail-on", "info", "flows"
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("profile", list_profiles())
def test_the_example_passes_every_built_in_profile(tmp_path, monkeypatch, profile):
    run(tmp_path, monkeypatch, "init")
    result = run(
        tmp_path, monkeypatch, "check", "-q", "--profile", profile, "--fail-on", "info", "flows"
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "existing",
    ["darklint.yaml", ".darklint.yaml", "flows/example.yaml"],
)
def test_init_refuses_to_overwrite_anything(tmp_path, monkeypatch, existing):
    (tmp_path / existing).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / existing).write_text("mine\n", encoding="utf-8")
    result = run(tmp_path, monkeypatch, "init")
    assert result.exit_code == 2
    assert f"{Path(existing)} already exists" in result.stderr
    assert (tmp_path / existing).read_text(encoding="utf-8") == "mine\n"
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert written == {existing}, "nothing else was written either"


def test_init_refuses_when_pyproject_configures_darklint(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.darklint]\nfail-on = "warning"\n')
    result = run(tmp_path, monkeypatch, "init")
    assert (
        result.exit_code == 2 and "pyproject.toml [tool.darklint] already exists" in result.stderr
    )
    assert not (tmp_path / "darklint.yaml").exists()


def test_init_ignores_a_pyproject_without_darklint(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "shop"\n')
    assert run(tmp_path, monkeypatch, "init").exit_code == 0


def test_every_commented_example_in_the_configuration_is_valid(tmp_path):
    """Uncommenting any example line of the generated configuration must give a valid file,
    so the comments never teach a key or a value that darklint rejects."""
    example = re.compile(r"^# (?=[a-z-]+:|  )")
    lines = [example.sub("", line) for line in CONFIG_TEXT.splitlines()]
    uncommented = "\n".join(lines) + "\n"
    assert uncommented.count("\n# ") < CONFIG_TEXT.count("\n# "), "examples were uncommented"
    (tmp_path / "darklint.yaml").write_text(uncommented, encoding="utf-8")
    (tmp_path / "darklint-rules").mkdir()
    config = load_config(tmp_path / "darklint.yaml")
    assert config.profile == "recommended" and config.jobs == 4
    assert [s.key for s in config.rules] == ["DL101", "DL403"]
    settings = resolve(CommandLine(config=str(tmp_path / "darklint.yaml")), cwd=tmp_path)
    assert settings.formats == ("console", f"sarif:{(tmp_path / 'darklint.sarif').resolve()}")
