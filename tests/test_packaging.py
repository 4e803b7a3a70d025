"""The wheel ships the built-in rules: installed into a fresh virtual environment outside the
checkout, darklint knows the same rules as the checkout does."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

from conftest import ROOT

from darklint.catalog import load_rules


def test_wheel_installed_elsewhere_has_the_same_rules(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
    )
    wheel = next(wheels.glob("darklint-*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    code = (
        "from darklint.catalog import load_rules, builtin_rules_dir; "
        "print(builtin_rules_dir()); print(' '.join(r.id for r in load_rules()))"
    )
    result = subprocess.run(
        [str(python), "-c", code],
        cwd=outside,
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    location, ids = result.stdout.splitlines()
    assert Path(location).is_relative_to(env_dir)
    assert ids.split() == [r.id for r in load_rules()]
    console = subprocess.run(
        [str(env_dir / "bin" / "darklint"), "--version"], capture_output=True, text=True, check=True
    )
    assert "darklint" in console.stdout
