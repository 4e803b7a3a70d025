"""Start-up stays lean: `darklint check -f json` on one small file imports neither rich nor
jinja2 (the console and HTML reports' libraries) nor networkx (no rule needs it), nor the
language server's pygls and lsprotocol.

darklint runs in pre-commit hooks on every commit, where start-up is most of the time it
takes; each of these libraries costs more to import than linting a small file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMALL_FILE = ROOT / "examples" / "good-subscription.yaml"
#: Top-level packages that `check -f json` must not import.
HEAVY = ("rich", "jinja2", "networkx", "pygls", "lsprotocol", "cattrs")

#: Runs the command line in a fresh interpreter, then writes every imported module's name.
PROBE = """
import json, sys
from darklint.cli import main
modules_file, *args = sys.argv[1:]
try:
    main(args)
except SystemExit as done:
    code = done.code
with open(modules_file, "w", encoding="utf-8") as out:
    json.dump({"code": code, "modules": sorted(sys.modules)}, out)
"""


def heavy_imports(modules: list[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


def test_check_json_imports_no_heavy_library(tmp_path):
    modules_file = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(modules_file), "check", "-f", "json", str(SMALL_FILE)],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # no configuration file of the checkout applies
        timeout=120,
    )
    probe = json.loads(modules_file.read_text(encoding="utf-8"))
    assert probe["code"] in (0, 1), result.stderr
    report = json.loads(result.stdout)  # a real run: the JSON report was written
    assert report["summary"]["files"] == 1
    assert "darklint.engine" in probe["modules"]
    assert heavy_imports(probe["modules"]) == []


def test_importtime_shows_no_heavy_library(tmp_path):
    """The same, as `python -X importtime` tells it (the way to look into a slow start)."""
    command = ["-X", "importtime", "-m", "darklint", "check", "-f", "json", str(SMALL_FILE)]
    result = subprocess.run(
        [sys.executable, *command],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr
    imported = [
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    ]
    assert "darklint.engine" in imported
    assert heavy_imports(imported) == []
