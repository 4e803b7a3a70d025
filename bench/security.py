"""Time and memory of each denial-of-service attack: ``python bench/security.py``.

Writes every attack of ``tools/attacks.py`` at the size of the original report into a
temporary directory and runs ``darklint`` on it in a child process, as CI would, printing the
wall time, the peak memory (``ru_maxrss`` of the child, from ``os.wait4``) and the exit code.
A child that runs past ``--timeout`` is killed and shown as ``>timeout``; one that exceeds the
memory cap (``--memory``, an address-space limit, so a regression cannot take the machine
down) shows the cap.

``--source DIR`` runs the darklint found in DIR (a checkout of another commit, e.g. one made
with ``git archive``) instead of this one, which is how the closing figures compare old and
new code. The property figure (``--scaling``) lints random products of growing size and
prints the time per megabyte, the measurement behind tests/test_security_dos.py's bound.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import attacks  # noqa: E402

#: name -> (what it is, the attack, its size): the sizes of the report in issue 11.
ATTACKS: dict[str, tuple[str, Callable[[Path], list[str]]]] = {
    "dl503-label": (
        "DL503: a 55 KB tick-box label",
        lambda d: attacks.trick_question_label(d, 55_000),
    ),
    "long-word": (
        "DL501/DL503: a 55 KB one-word label",
        lambda d: attacks.long_word_label(d, 55_000),
    ),
    "ignores": ("6,000 unmatched ignore entries", lambda d: attacks.unmatched_ignores(d, 6_000)),
    "targets": (
        "3,000 unknown targets aliasing one 1 MB name",
        lambda d: attacks.aliased_unknown_targets(d, 3_000, 1_000_000),
    ),
    "long-targets": (
        "300 unknown targets, each a 10,000-character name",
        lambda d: attacks.long_unknown_targets(d, 300, 10_000),
    ),
    "chain-graph": (
        "graph: a cancel path through 4,000 flows",
        lambda d: attacks.shared_chain(d, 4_000),
    ),
    "chain-html": (
        "HTML report: a cancel path through 4,000 flows",
        lambda d: attacks.shared_chain(d, 4_000, html=True),
    ),
    "regex": (
        "a rule pattern (a+)+$ on a 30-letter label",
        lambda d: attacks.nested_quantifier_rule(d, 30),
    ),
    "glob": ("an exclude glob with 14 stars", lambda d: attacks.pathological_glob(d, 14)),
    "alias-rule": (
        "a rule file's fix: an alias bomb 9 levels deep",
        lambda d: attacks.alias_bomb_rule(d, 9),
    ),
}


def run(args: list[str], cwd: Path, source: Path, timeout: float, memory: int) -> str:
    env = {**os.environ, "PYTHONPATH": str(source), "NO_COLOR": "1"}

    def limit() -> None:  # pragma: no cover - runs in the child
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    if args[0] == "check":  # some attacks are larger than the default size cap, which would
        args = [*args, "--max-bytes", str(64 * 1024 * 1024)]  # refuse them unread
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "darklint", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=limit,
    )
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            child.send_signal(signal.SIGKILL)
            os.wait4(child.pid, 0)
            return f">{timeout:.0f} s (killed)"
        time.sleep(0.02)
    seconds = time.monotonic() - started
    stderr = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss / 1024
    note = " MemoryError at the cap" if "MemoryError" in stderr else ""
    note += " traceback" if "Traceback" in stderr and not note else ""
    return f"{seconds:7.2f} s {peak:8.0f} MB  exit {code}{note}"


def scaling(sizes: list[int]) -> None:
    """Lint random products (``attacks.random_product``) in this process and print the CPU
    time per megabyte at each size: flat figures mean work in proportion to size."""
    import random

    from darklint.catalog import load_rules
    from darklint.engine import LintOptions, lint_file, select_rules

    catalog = load_rules()
    # sizes above the default cap are measured too: the time per MB is the figure, not the cap
    options = LintOptions(tuple(select_rules(catalog)), tuple(catalog), max_bytes=2**30)
    with tempfile.TemporaryDirectory() as directory:
        for size in sizes:
            path = Path(directory) / f"random-{size}.yaml"
            path.write_text(attacks.random_product(random.Random(size), size), encoding="utf-8")
            megabytes = path.stat().st_size / 1e6
            started = time.process_time()
            lint_file(str(path), options)
            seconds = time.process_time() - started
            print(
                f"random {megabytes:6.2f} MB  {seconds:6.2f} s CPU  {seconds / megabytes:5.2f} s/MB"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT, help="darklint checkout to run")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--memory", type=int, default=4096, help="address-space cap, MB")
    parser.add_argument("--only", action="append", choices=sorted(ATTACKS))
    parser.add_argument("--scaling", action="store_true", help="time per MB of random products")
    options = parser.parse_args()
    if options.scaling:
        scaling([100_000, 300_000, 1_000_000, 3_000_000])
        return
    print(f"darklint from {options.source}")
    for name in options.only or ATTACKS:
        what, make = ATTACKS[name]
        with tempfile.TemporaryDirectory() as directory:
            args = make(Path(directory))
            result = run(
                args, Path(directory), options.source, options.timeout, options.memory << 20
            )
        print(f"{name:12} {what:50} {result}", flush=True)


if __name__ == "__main__":
    main()
