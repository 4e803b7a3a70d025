"""The progress bar: on a terminal with many files, and never in CI, a pipe or with -q."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES

from darklint.progress import THRESHOLD, wanted

pty = pytest.importorskip("pty")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def many_flows(directory: Path, count: int) -> Path:
    """``count`` copies of a clean example product."""
    directory.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        shutil.copy(EXAMPLES / "good-subscription.yaml", directory / f"product-{index:03}.yaml")
    return directory


def on_terminal(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run a command with a pseudo-terminal for stdin, stdout and stderr, as a person would."""
    master, slave = pty.openpty()
    process = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return process.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


def environment(**changes: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR")}
    env["TERM"] = "xterm-256color"
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def test_wanted_only_for_a_person_at_a_terminal():
    assert wanted(False, Terminal(), {})
    assert not wanted(True, Terminal(), {}), "-q"
    assert not wanted(False, Terminal(), {"CI": "true"}), "CI"
    assert wanted(False, Terminal(), {"CI": "false"})
    assert not wanted(False, Terminal(), {"TERM": "dumb"})
    assert not wanted(False, io.StringIO(), {}), "a pipe or a file"


def test_a_bar_on_a_terminal_for_many_files(tmp_path):
    flows = many_flows(tmp_path / "flows", THRESHOLD + 5)
    command = [sys.executable, "-m", "darklint", "check", "-f", f"json:{tmp_path / 'r.json'}"]
    status, screen = on_terminal([*command, str(flows)], environment())
    assert status == 0, screen
    assert "Linting flows" in screen
    for quiet in (
        on_terminal([*command, str(flows)], environment(CI="true")),
        on_terminal([*command, "-q", str(flows)], environment()),
        on_terminal([*command, str(many_flows(tmp_path / "few", 3))], environment()),
    ):
        assert quiet[0] == 0 and "Linting flows" not in quiet[1]


def test_no_rich_import_off_a_terminal(tmp_path):
    flows = many_flows(tmp_path / "flows", THRESHOLD + 5)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "darklint", "check", "-f", "json", str(flows)],
        capture_output=True,
        text=True,
        env=environment(),
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert not any(name == "rich" or name.startswith("rich.") for name in imported)


def test_a_report_on_standard_output_is_unchanged_by_the_bar(tmp_path):
    """Reports are written while files are linted: with the bar on a terminal (standard
    error) and the report piped from standard output, the report is what it is without a bar;
    with the report on the terminal itself, there is no bar (the report shows the progress)."""
    flows = many_flows(tmp_path / "flows", THRESHOLD + 5)
    command = [sys.executable, "-m", "darklint", "check", "--no-cache", "-f", "json", str(flows)]
    plain = subprocess.run(command, capture_output=True, env=environment(), check=False)
    master, slave = pty.openpty()
    with open(tmp_path / "out.json", "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=slave, env=environment())
    os.close(slave)
    screen = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        screen.append(data)
    os.close(master)
    assert process.wait(timeout=120) == plain.returncode == 0
    assert b"Linting flows" in b"".join(screen)
    assert (tmp_path / "out.json").read_bytes() == plain.stdout

    status, screen_text = on_terminal(
        [sys.executable, "-m", "darklint", "check", "--no-cache", str(flows)], environment()
    )
    assert status == 0 and "Linting flows" not in screen_text
    assert "No findings in" in screen_text
