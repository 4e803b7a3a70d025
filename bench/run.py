"""darklint's performance benchmark: ``python bench/run.py [--quick]``.

Generates corpora in a temporary directory (1, 100 and 1,000 realistic product files, and one
product with 1,000, 10,000 and 100,000 steps; see ``bench/generate.py``), then measures, in one
run on this machine:

- the parse floor: a Python process that reads the same files and composes them with
  ``yaml.compose`` and libyaml's ``CSafeLoader``, nothing more;
- ``darklint check -f json`` on each corpus: wall time, CPU time (user + system, from
  ``resource.getrusage(RUSAGE_CHILDREN)`` before and after) and peak memory (``ru_maxrss``
  of the child as GNU time reports it, else from ``os.wait4``; with ``--jobs`` it is the
  largest process, not their sum);
- ``yamllint`` on the same files, when it is installed (a reference point, not a target);
- start-up: ``darklint --version`` and one small file against ``python -c "import yaml,
  networkx, click"`` (and a bare ``python -c pass``);
- ``--jobs 2`` against ``--jobs 1`` on 200 and 1,000 files;
- in this process, warm: the CPU time of each phase (read, compose, validate, rules, report)
  on the 1,000 files and on each big product, to show where the time goes and how each phase
  scales without start-up.

Every figure is the best of N runs (``--repeat``; start-up ``--startup-repeat``), with the
rounds interleaved so that a burst of load from other processes hits every case alike, after
one warm-up run that writes bytecode caches (children run without PYTHONDONTWRITEBYTECODE);
yamllint, a slow reference point, runs once per corpus and not on 100,000 steps. It
prints a table, then one JSON line with the ratios and pass/fail for each target of issue 7:

- 1,000 files in at most 2.0x the parse floor (wall);
- one small file end to end within the start-up floor + 80 ms;
- 10x more steps costs at most 12x the time (wall minus the one-small-file run, so start-up
  does not hide the growth; CPU, and the warm in-process phases, are shown beside it);
- ``--jobs 2`` gives a real speedup (at least 1.3x) on 200 files or more;
- peak memory under 300 MB for 1,000 files.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

try:
    import darklint  # noqa: F401
except ImportError:  # run with a Python that lacks darklint: use the project's venv
    VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
    if VENV_PYTHON.exists() and Path(sys.executable) != VENV_PYTHON:
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), *sys.argv])
    raise

from bench.generate import big_product, to_yaml, write_corpus  # noqa: E402

#: The targets of issue 7.
FLOOR_RATIO_MAX = 2.0
STARTUP_EXTRA_MAX_MS = 80.0
STEPS_RATIO_MAX = 12.0
JOBS_SPEEDUP_MIN = 1.3
PEAK_MB_MAX = 300.0

#: The parse floor: read each file as darklint does and compose it with libyaml, nothing more.
FLOOR_SCRIPT = r"""
import os, sys, yaml
count = 0
for root in sys.argv[1:]:
    if os.path.isfile(root):
        paths = [root]
    else:
        paths = sorted(
            os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs
            if f.endswith((".yaml", ".yml"))
        )
    for path in paths:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8-sig")
        yaml.compose(text, Loader=yaml.CSafeLoader)
        count += 1
print(count)
"""
#: What any darklint must import anyway: the start-up floor.
IMPORT_FLOOR = "import yaml, networkx, click"
BIG_MAX_BYTES = str(200 * 1024 * 1024)


@dataclass
class Sample:
    """One run of a command: wall and CPU seconds, peak memory in MB, exit code."""

    wall: float
    cpu: float
    peak_mb: float
    code: int


@dataclass
class Case:
    """A command measured several times; the figures are the best (least) of its runs."""

    name: str
    command: list[str]
    files: int = 0
    steps: int = 0
    size: int = 0
    ok_codes: tuple[int, ...] = (0,)
    #: At most this many runs (yamllint is a slow reference point: once is enough).
    max_runs: int | None = None
    samples: list[Sample] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return min(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        return min(s.cpu for s in self.samples)

    @property
    def peak_mb(self) -> float:
        return max(s.peak_mb for s in self.samples)


#: The children's environment: bytecode caching on (as for an installed darklint: a run
#: with PYTHONDONTWRITEBYTECODE set would compile every module from source, every time),
#: no colours, not a CI log (no progress bar either way: standard error is a file).
CHILD_ENV = {
    key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"
} | {"NO_COLOR": "1"}


def gnu_time() -> str | None:
    """GNU time, when installed: a small process that runs the command and reports the
    command's own peak memory. (``ru_maxrss`` of a child of this process also counts the
    copy of this process it was forked from, which holds the corpora it generated.)"""
    path = shutil.which("time")
    if path is None:
        return None
    try:
        probe = subprocess.run([path, "-f", "%M", "true"], capture_output=True, text=True)
    except OSError:
        return None
    return path if probe.returncode == 0 and probe.stderr.strip().isdigit() else None


TIMER = gnu_time()


def run_once(command: Sequence[str], out_path: Path) -> Sample:
    """Run a command with its output to a file; time it and read the child's usage."""
    peak_file = out_path.with_suffix(".peak")
    if TIMER:
        command = [TIMER, "-f", "%M", "-o", str(peak_file), *command]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out_path, "wb") as out, open(out_path.with_suffix(".err"), "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=CHILD_ENV
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak_kb = usage.ru_maxrss
    if TIMER:  # the last line; GNU time puts "Command exited with non-zero status" before it
        peak_kb = int(peak_file.read_text().split()[-1])
    return Sample(wall, cpu, peak_kb / 1024, process.returncode)


def measure(cases: Sequence[Case], rounds: int, work: Path) -> None:
    """Run every case ``rounds`` times, round by round; stop on an unexpected exit code."""
    for round_index in range(rounds):
        for case in cases:
            if case.max_runs is not None and len(case.samples) >= case.max_runs:
                continue
            out = work / f"out-{case.name.replace(' ', '_').replace('/', '_')}.txt"
            sample = run_once(case.command, out)
            if sample.code not in case.ok_codes:
                error = out.with_suffix(".err").read_text(errors="replace")[-2000:]
                raise SystemExit(f"{case.name}: exit code {sample.code}\n{error}")
            case.samples.append(sample)
        print(f"  round {round_index + 1}/{rounds} done", file=sys.stderr, flush=True)


def darklint_command() -> list[str]:
    """The installed console script next to this Python, else ``python -m darklint``."""
    script = Path(sys.executable).parent / "darklint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "darklint"]


def have_module(name: str) -> bool:
    probe = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True)
    return probe.returncode == 0


def tree_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*.yaml"))


def machine() -> dict[str, object]:
    """What the figures were measured on, and how busy it was."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": model,
        "cpus": os.cpu_count(),
        "load": [round(x, 2) for x in os.getloadavg()],
    }


def build_corpora(work: Path, quick: bool) -> dict[str, tuple[Path, int, int]]:
    """name -> (path, files, steps). The same seed makes each smaller corpus the first files
    of the larger one."""
    corpora: dict[str, tuple[Path, int, int]] = {}
    for count in (1, 100, 200, 1000):
        folder = work / f"files-{count}"
        write_corpus(folder, count, seed=2026)
        corpora[f"files-{count}"] = (folder, count, 0)
    sizes = (1_000, 10_000) if quick else (1_000, 10_000, 100_000)
    for steps in sizes:
        path = work / f"steps-{steps}.yaml"
        path.write_text(to_yaml(big_product(steps, seed=2026)), encoding="utf-8")
        corpora[f"steps-{steps}"] = (path, 1, steps)
    return corpora


def count_steps_of(folder: Path) -> int:
    """Steps in a corpus (read with the fast loader: only to label the table)."""
    import yaml

    total = 0
    for path in sorted(folder.rglob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        total += sum(len(f["steps"]) for f in data["flows"].values())
    return total


TABLE_HEADER = ("case", "files", "steps", "MB", "wall s", "cpu s", "peak MB", "")


def table_row(case: Case, extra: str) -> tuple[str, ...]:
    """One line of the table: sizes (blank for start-up), best wall and CPU, peak memory."""
    sized = bool(case.files)
    return (
        case.name,
        str(case.files) if sized else "",
        f"{case.steps:,}" if case.steps else "",
        f"{case.size / 1e6:.2f}" if sized else "",
        f"{case.wall:.3f}",
        f"{case.cpu:.3f}",
        f"{case.peak_mb:.0f}",
        extra,
    )


def print_table(rows: Sequence[tuple[str, ...]]) -> None:
    """A plain-text table: names and notes left-aligned, numbers right-aligned."""
    lines = [TABLE_HEADER, *rows]
    widths = [max(len(r[i]) for r in lines) for i in range(len(TABLE_HEADER))]
    for index, row in enumerate(lines):
        cells = [
            cell.ljust(width) if column in (0, 7) else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths))


def phase_breakdown(corpus: Path, rounds: int) -> dict[str, float]:
    """Where ``darklint check -f json`` spends its time on a corpus (a folder or one file),
    in this process, warm: CPU seconds of each phase, best of ``rounds``, with the settings
    the command line resolves. Start-up is left out, which makes it the measure of scaling.

    read (the files' text), compose (libyaml: the parse floor's own work), validate (nodes to
    model objects, in Python), rules (graph and every selected rule, ignores applied) and
    report (the JSON text). The collector is paused as the engine and the command pause it.
    """
    import gc

    from darklint.engine import apply_ignores, collector_paused, lint_paths, lint_product
    from darklint.load import load_text, read_text
    from darklint.load.yamlnodes import compose
    from darklint.report import ReportContext, reporter
    from darklint.settings import CommandLine, resolve

    folder = corpus if corpus.is_dir() else corpus.parent
    options = resolve(
        CommandLine(formats=("json",), max_bytes=int(BIG_MAX_BYTES)), cwd=folder
    ).lint_options()
    paths = [str(p) for p in sorted(corpus.rglob("*.yaml"))] if corpus.is_dir() else [str(corpus)]
    best: dict[str, float] = {}
    clock = time.process_time

    def keep(name: str, start: float) -> float:
        now = clock()
        best[name] = min(best.get(name, float("inf")), now - start)
        return clock()

    for _ in range(rounds):
        gc.disable()
        try:
            start = clock()
            texts = [read_text(path, options.max_bytes)[0] or "" for path in paths]
            start = keep("read", start)
            for text, path in zip(texts, paths, strict=True):
                compose(text, path)
            start = keep("compose", start)
            loaded = [load_text(text, path) for text, path in zip(texts, paths, strict=True)]
            start = keep("load", start)
            for product in (r.product for r in loaded if r.product is not None):
                apply_ignores(product, lint_product(product, options), options)
            keep("rules", start)
        finally:
            gc.enable()
        report = lint_paths(paths, options)
        start = clock()
        collector_paused(reporter("json"))(report, ReportContext(rules=options.rules))
        keep("report", start)
    best["validate"] = max(0.0, best.pop("load") - best["compose"])
    order = ("read", "compose", "validate", "rules", "report")
    return {name: round(best[name], 3) for name in order}


def tenfold(values: dict[str, float]) -> tuple[float, float | None]:
    """(10,000 steps over 1,000, 100,000 over 10,000) of per-product figures."""
    big = values.get("steps-100000")
    return (
        ratio(values["steps-10000"], values["steps-1000"]),
        None if big is None else ratio(big, values["steps-10000"]),
    )


def ratio(a: float, b: float) -> float:
    return round(a / b, 3) if b > 0 else float("inf")


def verdict(value: float | None, limit: float, at_most: bool = True) -> dict[str, object]:
    if value is None:
        return {"value": None, "limit": limit, "pass": None}
    ok = value <= limit if at_most else value >= limit
    return {"value": round(value, 3), "limit": limit, "pass": ok}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller run: no 100,000 steps")
    parser.add_argument("--repeat", type=int, default=None, help="runs per case (best of N)")
    parser.add_argument("--startup-repeat", type=int, default=None, help="runs per start-up")
    parser.add_argument("--keep", metavar="DIR", help="write the corpora here and keep them")
    args = parser.parse_args(argv)
    repeat = args.repeat or (2 if args.quick else 3)
    startup_repeat = args.startup_repeat or (5 if args.quick else 10)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="darklint-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        return _run(work, args.quick, repeat, startup_repeat)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def _run(work: Path, quick: bool, repeat: int, startup_repeat: int) -> int:
    from darklint import __version__

    before = machine()
    print(f"darklint {__version__} benchmark in {work}", file=sys.stderr)
    started = time.perf_counter()
    corpora = build_corpora(work, quick)
    print(f"  corpora written in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    py, darklint = sys.executable, darklint_command()
    small = corpora["files-1"][0] / "product-0001.yaml"

    startup = [
        Case("python -c pass", [py, "-c", "pass"]),
        Case("import floor", [py, "-c", IMPORT_FLOOR]),
        Case("darklint --version", [*darklint, "--version"]),
        Case(
            "check 1 small file",
            [*darklint, "check", "-f", "json", str(small)],
            files=1,
            size=small.stat().st_size,
            ok_codes=(0, 1),
        ),
    ]
    corpus_cases: list[Case] = []
    floors: dict[str, Case] = {}
    checks: dict[str, Case] = {}
    lints: dict[str, Case] = {}
    yamllint = have_module("yamllint")
    for name, (path, files, steps) in corpora.items():
        if name == "files-200":
            continue  # only for --jobs
        if not steps:
            steps = count_steps_of(path)
        size = tree_size(path)
        floor = Case(f"parse floor {name}", [py, "-c", FLOOR_SCRIPT, str(path)], files, steps, size)
        command = [*darklint, "check", "-f", "json", "--max-bytes", BIG_MAX_BYTES, str(path)]
        check = Case(f"darklint {name}", command, files, steps, size, (0, 1))
        floors[name], checks[name] = floor, check
        corpus_cases += [floor, check]
        if yamllint and steps < 100_000 and not (quick and steps >= 10_000 and files == 1):
            lint = Case(
                f"yamllint {name}",
                [py, "-m", "yamllint", "-f", "parsable", str(path)],
                files,
                steps,
                size,
                (0, 1, 2),
                max_runs=1,
            )
            lints[name] = lint
            corpus_cases.append(lint)
    jobs: list[tuple[Case, Case]] = []
    for name in ("files-200", "files-1000"):
        path, files, _ = corpora[name]
        pair = tuple(
            Case(
                f"darklint {name} --jobs {n}",
                [*darklint, "check", "-f", "json", "--jobs", str(n), str(path)],
                files,
                0,
                tree_size(path),
                (0, 1),
            )
            for n in (1, 2)
        )
        jobs.append(pair)  # type: ignore[arg-type]

    # Warm-up, not measured: writes bytecode caches and reads every file into the page cache.
    for case in startup:
        run_once(case.command, work / "warm-up.txt")
    print(f"  start-up: best of {startup_repeat}", file=sys.stderr)
    # One step-scaling case is only a little slower than start-up: measured as often.
    measure([*startup, checks["steps-1000"]], startup_repeat, work)
    print(f"  corpora: best of {repeat}", file=sys.stderr)
    measure(corpus_cases, repeat, work)
    print(f"  --jobs: best of {repeat}", file=sys.stderr)
    measure([c for pair in jobs for c in pair], repeat, work)
    print(f"  phases in process: best of {repeat}", file=sys.stderr)
    phases = {
        name: phase_breakdown(corpora[name][0], repeat)
        for name in ("files-1000", *(n for n in corpora if n.startswith("steps")))
    }
    work_s = {name: sum(v for k, v in p.items() if k != "read") for name, p in phases.items()}
    after = machine()

    # -- the table ------------------------------------------------------------------------
    rows: list[tuple[str, ...]] = []
    small_check = startup[3]
    for case in startup:
        extra = ""
        if case is not startup[1]:
            extra = f"{(case.wall - startup[1].wall) * 1000:+.0f} ms vs import floor"
        rows.append(table_row(case, extra))
    for case in corpus_cases:
        key = case.name.split()[-1]
        extra = ""
        if case.name.startswith("darklint"):
            extra = f"{ratio(case.wall, floors[key].wall):.2f}x parse floor"
        elif case.name.startswith("yamllint"):
            extra = f"{ratio(case.wall, checks[key].wall):.2f}x darklint"
        rows.append(table_row(case, extra))
    for one, two in jobs:
        rows.append(table_row(one, ""))
        rows.append(table_row(two, f"{ratio(one.wall, two.wall):.2f}x speedup"))
    print(
        f"\ndarklint {__version__} on {before['cpu']} ({before['cpus']} CPUs), Python "
        f"{before['python']}; load average {before['load']} before, {after['load']} after; "
        f"best of {repeat} (start-up: best of {startup_repeat})"
    )
    print_table(rows)

    # -- ratios and targets -----------------------------------------------------------------
    net = {
        name: checks[name].wall - small_check.wall for name in checks if name.startswith("steps")
    }
    net_cpu = {name: checks[name].cpu - small_check.cpu for name in net}
    steps_10, steps_100 = tenfold(net)
    cpu_10, cpu_100 = tenfold(net_cpu)
    warm_10, warm_100 = tenfold({n: v for n, v in work_s.items() if n.startswith("steps")})
    floor_1000 = ratio(checks["files-1000"].wall, floors["files-1000"].wall)
    startup_extra = (small_check.wall - startup[1].wall) * 1000
    speedups = {one.files: ratio(one.wall, two.wall) for one, two in jobs}
    worst_steps = max(x for x in (steps_10, steps_100) if x is not None)
    ratios = {
        "files_1000_vs_parse_floor": floor_1000,
        "files_100_vs_parse_floor": ratio(checks["files-100"].wall, floors["files-100"].wall),
        "files_1000_cpu_vs_parse_floor": ratio(checks["files-1000"].cpu, floors["files-1000"].cpu),
        "small_file_minus_import_floor_ms": round(startup_extra, 1),
        "version_minus_import_floor_ms": round((startup[2].wall - startup[1].wall) * 1000, 1),
        "steps_10k_vs_1k": steps_10,
        "steps_100k_vs_10k": steps_100,
        "steps_10k_vs_1k_cpu": cpu_10,
        "steps_100k_vs_10k_cpu": cpu_100,
        "steps_10k_vs_1k_in_process": warm_10,
        "steps_100k_vs_10k_in_process": warm_100,
        "jobs2_speedup_200": speedups[200],
        "jobs2_speedup_1000": speedups[1000],
        "peak_mb_1000": round(checks["files-1000"].peak_mb, 1),
    }
    if "files-1000" in lints:
        ratios["yamllint_1000_vs_darklint"] = ratio(
            lints["files-1000"].wall, checks["files-1000"].wall
        )
    targets = {
        "files_1000_within_2x_parse_floor": verdict(floor_1000, FLOOR_RATIO_MAX),
        "small_file_within_import_floor_plus_80ms": verdict(startup_extra, STARTUP_EXTRA_MAX_MS),
        "steps_10x_within_12x_time": verdict(worst_steps, STEPS_RATIO_MAX),
        "jobs2_real_speedup_200_files": verdict(speedups[200], JOBS_SPEEDUP_MIN, at_most=False),
        "peak_under_300mb_1000_files": verdict(ratios["peak_mb_1000"], PEAK_MB_MAX),
    }
    if steps_100 is None:
        targets["steps_10x_within_12x_time"]["note"] = "--quick: 100,000 steps not measured"
    print(f"\nIn process, warm, CPU s (best of {repeat}); start-up not included:")
    for name, parts in phases.items():
        shown = ", ".join(f"{phase} {value:.3f}" for phase, value in parts.items())
        print(f"  {name}: {shown}")
    print(
        f"  parse floor process files-1000 {floors['files-1000'].cpu:.3f}; "
        f"start-up (one small file) {small_check.cpu:.3f}"
    )
    print()
    for name, result in targets.items():
        mark = {True: "pass", False: "MISS", None: "n/a"}[result["pass"]]  # type: ignore[index]
        print(f"{mark:>4}  {name}: {result['value']} (limit {result['limit']})")
    print(
        json.dumps(
            {
                "bench": "darklint",
                "version": __version__,
                "quick": quick,
                "repeat": repeat,
                "startup_repeat": startup_repeat,
                "machine": before,
                "load_after": after["load"],
                "ratios": ratios,
                "phases_cpu_s": phases,
                "targets": targets,
            },
            separators=(",", ":"),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
