"""The wheel is what users install (docs/install.md): built from the checkout and installed
into a fresh virtual environment outside it, darklint runs with the same rules, its bundled
documentation and schema, and none of the test tools."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import EXAMPLES, ROOT

from darklint.catalog import load_rules
from darklint.schema import schema_text

TEST_TOOLS = {"pytest", "hypothesis", "ruff", "jsonschema", "pre-commit", "playwright"}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(the fresh environment with the wheel installed, a directory outside the checkout)."""
    base = tmp_path_factory.mktemp("packaging")
    wheels = base / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
    )
    wheel = next(wheels.glob("darklint-*.whl"))
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], check=True
    )
    outside = base / "elsewhere"
    outside.mkdir()
    return env_dir, outside


def run_installed(installed, *args: str) -> subprocess.CompletedProcess:
    env_dir, outside = installed
    return subprocess.run(
        [str(env_dir / "bin" / args[0]), *args[1:]],
        cwd=outside,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NO_COLOR")},
        check=False,
    )


def test_wheel_installed_elsewhere_has_the_same_rules(installed):
    env_dir, _ = installed
    code = (
        "from darklint.catalog import load_rules, builtin_rules_dir; "
        "print(builtin_rules_dir()); print(' '.join(r.id for r in load_rules()))"
    )
    result = run_installed(installed, "python", "-c", code)
    assert result.returncode == 0, result.stderr
    location, ids = result.stdout.splitlines()
    assert Path(location).is_relative_to(env_dir)
    assert ids.split() == [r.id for r in load_rules()]
    console = run_installed(installed, "darklint", "--version")
    assert console.returncode == 0 and "darklint" in console.stdout


def test_installed_darklint_lints_explains_and_links_to_its_own_docs(installed):
    env_dir, _ = installed
    flow = str(EXAMPLES / "streaming-phone-cancel.yaml")
    check = run_installed(installed, "darklint", "check", flow, "--output-format", "concise")
    assert check.returncode == 1, check.stderr
    assert "DL101 cancel-harder-than-signup" in check.stdout
    explain = run_installed(installed, "darklint", "explain", "DL101")
    assert explain.returncode == 0 and "## How to fix" not in explain.stdout
    assert "How to fix" in explain.stdout
    report = json.loads(run_installed(installed, "darklint", "check", flow, "-f", "json").stdout)
    link = urlparse(report["findings"][0]["help_uri"])
    page = Path(unquote(link.path))
    assert link.scheme == "file" and page.is_relative_to(env_dir), "the installed copy"
    assert f"## {report['findings'][0]['rule']} " in page.read_text(encoding="utf-8")
    schema = run_installed(installed, "darklint", "schema")
    assert schema.returncode == 0 and schema.stdout == schema_text()
    shipped = page.parent.parent / "schema" / "darklint-flow-v1.json"
    assert shipped.read_text(encoding="utf-8") == schema_text()


def test_the_user_install_has_no_test_tools(installed):
    listed = run_installed(installed, "python", "-m", "pip", "list", "--format=json")
    names = {p["name"].lower() for p in json.loads(listed.stdout)}
    assert "darklint" in names
    assert not names & TEST_TOOLS, names & TEST_TOOLS
