#!/usr/bin/env python3
"""A long fuzzing run of darklint's loader and rules, with hypothesis.

Runs the same properties as ``tests/test_properties.py``, for as many examples or minutes as
you like, in batches that take turns between targets:

    bytes         any bytes, through the engine: DL001 findings with a location, or a product
    text          any unicode text, through the loader
    yamlish       text made of YAML syntax and the format's keys (anchors, tags, directives)
    damaged       valid products with lines deleted, duplicated, re-indented or cut
    rules         valid random products through every rule, twice: the same findings
    effort        one more step on every cancel path never lowers its easiest effort
    reports       every output format renders a valid random product; JSON and XML parse
    fingerprints  reordered steps, blank lines and comments keep every fingerprint

Usage::

    .venv/bin/python tools/fuzz.py --examples 10000
    .venv/bin/python tools/fuzz.py --minutes 60
    .venv/bin/python tools/fuzz.py --target rules --target effort --examples 2000 --seed 7

It prints a line per round and closes with the count, the time and the failures; each failure
comes with hypothesis's smallest failing example and the command that reproduces it. The exit
code is 0 with no failure, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import flowgen
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

#: Examples per target per round: small enough that rounds take turns often.
BATCH = 50


@dataclass(frozen=True)
class Target:
    """One fuzzing target: the strategies that draw its arguments and the property."""

    strategies: tuple[st.SearchStrategy[Any], ...]
    prop: Callable[..., None]


TARGETS: dict[str, Target] = {
    "bytes": Target((st.binary(max_size=5000),), flowgen.prop_bytes),
    "text": Target((st.text(max_size=5000),), flowgen.prop_text),
    "yamlish": Target((flowgen.yamlish(),), flowgen.prop_text),
    "damaged": Target((flowgen.damaged_products(),), flowgen.prop_damaged),
    "rules": Target((flowgen.products(),), flowgen.prop_rules),
    "effort": Target((flowgen.products(),), flowgen.prop_longer_cancel),
    "reports": Target((flowgen.products(),), flowgen.prop_reports),
    "fingerprints": Target(
        (flowgen.products(line_breaks=False), st.data()), flowgen.prop_fingerprints
    ),
}


@dataclass
class Tally:
    """What a run did: examples per target, failures with how to reproduce them."""

    examples: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.examples.values())


def run_batch(name: str, examples: int, seed: int, shrink: bool) -> tuple[int, str | None]:
    """Run one target for ``examples`` examples; (examples run, failure report or None)."""
    target = TARGETS[name]
    count = 0

    def one(*args: Any) -> None:
        nonlocal count
        count += 1
        target.prop(*args)

    if len(target.strategies) == 1:

        def body(value: Any) -> None:
            one(value)

    else:

        def body(value: Any, data: Any) -> None:  # type: ignore[misc]
            one(value, data)

    phases = [Phase.explicit, Phase.generate, Phase.target]
    if shrink:
        phases.append(Phase.shrink)
    test = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=phases,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )(given(*target.strategies)(body))
    try:
        hypothesis_seed(seed)(test)()
    except Exception:
        return min(count, examples), traceback.format_exc()  # not the shrinking calls
    return min(count, examples), None  # not the calls hypothesis retried (an overrun draw)


def fuzz(
    names: Sequence[str],
    examples: int | None,
    minutes: float | None,
    base_seed: int,
    shrink: bool,
    out: Callable[[str], None] = print,
) -> Tally:
    """Take turns between targets until the examples (shared out evenly) or minutes run out."""
    tally = Tally({name: 0 for name in names})
    started = time.monotonic()
    deadline = started + minutes * 60 if minutes is not None else None
    left: dict[str, float] = {name: float("inf") for name in names}
    if examples is not None:
        share, extra = divmod(examples, len(names))
        left = {name: share + (i < extra) for i, name in enumerate(names)}
    round_number = 0
    while any(left.values()):
        for name in names:
            if not left[name] or (deadline is not None and time.monotonic() >= deadline):
                continue
            size = int(min(BATCH, left[name]))
            left[name] -= size
            batch_seed = base_seed * 1_000_003 + round_number * 101 + sorted(TARGETS).index(name)
            ran, failure = run_batch(name, size, batch_seed, shrink)
            tally.examples[name] += ran
            if failure is not None:
                command = f"tools/fuzz.py --target {name} --examples {size} "
                command += f"--batch-seed {batch_seed}"
                tally.failures.append(f"{name} (reproduce: {command})\n{failure}")
                out(f"FAILURE in {name}, reproduce with: {command}\n{failure}")
        if deadline is not None and time.monotonic() >= deadline:
            break
        round_number += 1
        out(
            f"[{time.monotonic() - started:7.1f}s] round {round_number}: {tally.total} examples "
            f"({', '.join(f'{n} {c}' for n, c in tally.examples.items())})"
        )
    return tally


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument("--examples", type=int, help="stop after this many examples in all")
    budget.add_argument("--minutes", type=float, help="stop after this many minutes")
    parser.add_argument(
        "--target",
        action="append",
        choices=sorted(TARGETS),
        help="fuzz only these targets (repeatable; default: all)",
    )
    parser.add_argument("--seed", type=int, default=0, help="base seed of the run (default 0)")
    parser.add_argument(
        "--batch-seed", type=int, help="run one batch with this exact seed (from a failure)"
    )
    parser.add_argument("--no-shrink", action="store_true", help="report failures unshrunk")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    args = parser.parse_args(argv)
    names = args.target or list(TARGETS)
    if args.examples is None and args.minutes is None:
        args.examples = 10_000
    if args.examples is not None and args.examples < 1:
        parser.error("--examples must be at least 1")

    started = time.monotonic()
    if args.batch_seed is not None:
        tally = Tally({name: 0 for name in names})
        for name in names:
            ran, failure = run_batch(
                name, args.examples or BATCH, args.batch_seed, not args.no_shrink
            )
            tally.examples[name] += ran
            if failure is not None:
                tally.failures.append(f"{name}\n{failure}")
                print(failure)
    else:
        out = (lambda line: None) if args.quiet else (lambda line: print(line, flush=True))
        tally = fuzz(names, args.examples, args.minutes, args.seed, not args.no_shrink, out)
    elapsed = time.monotonic() - started
    rate = tally.total / elapsed if elapsed else 0.0
    per_target = ", ".join(f"{n} {c}" for n, c in tally.examples.items())
    print(
        f"fuzz: {tally.total} examples in {elapsed:.1f}s ({rate:.1f}/s; {per_target}); "
        f"failures: {len(tally.failures)}"
    )
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
