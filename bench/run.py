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
yamllint, a slow reference point, runs once per corpus and not on 100,000 steps. Cases that
measure linting pass ``--no-cache``, except the two the cache is for. It prints a table, then
each goal with its figure and met/missed, then one JSON line:

- cold: 1,000 files, the default invocation (parallel when cores are free), cache emptied
  before each run: at most 2.0x the parse floor; with ``--jobs 1``: at most 3.0x;
- re-run: the same 1,000 files with one of them changed since the last run: at most 0.5x;
- start-up: ``check one.yaml`` within 80 ms of ``import yaml, networkx, click``, and
  ``check -f json one.yaml`` within 60 ms of ``import yaml, click``;
- growth: 10x more steps, flows, fees or options in one product costs at most 11x the time
  (load and rules, in process, warm; ``bench.generate.scaled_product`` grows one at a time);
- memory: peak of 1,000 files at most 1.5x the peak of 100 (proportional to the largest
  product, not to the run);
- a file just under the size cap (``DEFAULT_MAX_BYTES``, 2 MiB), with every output format at
  once: under 5 s and 500 MB (not with ``--quick``).
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
from collections.abc import Callable, Sequence
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

#: The goals (issue 18), each printed with its figure and met/missed.
COLD_RATIO_MAX = 2.0  # 1,000 files, the default invocation, empty cache: x parse floor
ONE_PROCESS_RATIO_MAX = 3.0  # the same with --jobs 1
RERUN_RATIO_MAX = 0.5  # 1,000 files, one changed since the last run: x parse floor
STARTUP_EXTRA_MAX_MS = 80.0  # `check one.yaml` over `import yaml, networkx, click`
JSON_STARTUP_EXTRA_MAX_MS = 60.0  # `check -f json one.yaml` over `import yaml, click`
TENFOLD_MAX = 11.0  # 10x more steps, flows, fees or options in one product: x time
MEMORY_RUN_RATIO_MAX = 1.5  # peak memory of 1,000 files over that of 100 files
ANY_FILE_SECONDS_MAX = 5.0  # a file just under the size cap, every output format at once
ANY_FILE_MB_MAX = 500.0
JOBS_SPEEDUP_MIN = 1.3  # --jobs 2 over --jobs 1 (shown; the cold goal is what counts)

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
#: What any darklint must import anyway: the start-up floors.
IMPORT_FLOOR = "import yaml, networkx, click"
JSON_IMPORT_FLOOR = "import yaml, click"
#: Steps of a product just under the default 2 MiB size cap (about 136 bytes a step: 97% of
#: it); the case checks that the file is under the cap and linted with the default limit.
CAP_STEPS = 15_000
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
    #: Run before each sample, unmeasured: empties a cache, or edits one file of a corpus.
    before: Callable[[], None] | None = None
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
            if case.before is not None:
                case.before()
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


def tenfold_in_process(rounds: int) -> dict[str, tuple[float, float, float]]:
    """For each dimension of ``scaled_product`` (steps, flows, fees, options): CPU seconds to
    load and lint a product of n and of 10n of it, warm, best of ``rounds``, and the ratio."""
    import gc

    from bench.generate import DIMENSIONS, scaled_product
    from darklint.engine import lint_product
    from darklint.load import load_text
    from darklint.settings import CommandLine, resolve

    options = resolve(CommandLine(max_bytes=int(BIG_MAX_BYTES))).lint_options()
    out = {}
    for dimension in DIMENSIONS:
        small = 1_000 if dimension == "steps" else 100
        times = []
        for size in (small, small * 10):
            text = to_yaml(scaled_product(dimension, size, seed=2026))
            best = float("inf")
            gc.disable()
            try:
                for _ in range(rounds):
                    start = time.process_time()
                    loaded = load_text(text, f"{dimension}.yaml")
                    assert loaded.product is not None, loaded.problems[:3]
                    lint_product(loaded.product, options)
                    best = min(best, time.process_time() - start)
            finally:
                gc.enable()
            times.append(best)
        out[dimension] = (round(times[0], 4), round(times[1], 4), ratio(times[1], times[0]))
    return out


class OneFileEdits:
    """Before each re-run sample, change one file of the corpus (a comment with a counter),
    so every re-run lints exactly one changed file; :meth:`restore` puts it back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.original = path.read_bytes()
        self.count = 0

    def __call__(self) -> None:
        self.count += 1
        self.path.write_bytes(self.original + f"# edit {self.count}\n".encode())

    def restore(self) -> None:
        self.path.write_bytes(self.original)


def _run(work: Path, quick: bool, repeat: int, startup_repeat: int) -> int:
    from darklint import __version__

    before = machine()
    print(f"darklint {__version__} benchmark in {work}", file=sys.stderr)
    started = time.perf_counter()
    corpora = build_corpora(work, quick)
    print(f"  corpora written in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    py, darklint = sys.executable, darklint_command()
    small = corpora["files-1"][0] / "product-0001.yaml"
    no_cache = ["--no-cache"]

    startup = [
        Case("python -c pass", [py, "-c", "pass"]),
        Case("import floor", [py, "-c", IMPORT_FLOOR]),
        Case("import floor (yaml, click)", [py, "-c", JSON_IMPORT_FLOOR]),
        Case("darklint --version", [*darklint, "--version"]),
        Case(
            "check 1 small file",
            [*darklint, "check", *no_cache, str(small)],
            files=1,
            size=small.stat().st_size,
            ok_codes=(0, 1),
        ),
        Case(
            "check -f json 1 small file",
            [*darklint, "check", "-f", "json", *no_cache, str(small)],
            files=1,
            size=small.stat().st_size,
            ok_codes=(0, 1),
        ),
    ]
    import_floor, json_floor, small_check, small_json = (
        startup[1],
        startup[2],
        startup[4],
        startup[5],
    )
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
        command = [*darklint, "check", "-f", "json", *no_cache, "--max-bytes", BIG_MAX_BYTES]
        check = Case(f"darklint {name}", [*command, str(path)], files, steps, size, (0, 1))
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

    # The goals' own cases on the 1,000 files: cold (the default invocation, the cache
    # emptied before each run), one process, and a re-run after one file changed.
    files_1000, _, _ = corpora["files-1000"]
    size_1000 = tree_size(files_1000)
    cold_cache, warm_cache = work / "cache-cold", work / "cache-warm"
    edits = OneFileEdits(files_1000 / "product-0500.yaml")
    goal_cases = {
        "cold": Case(
            "darklint files-1000 cold, default",
            [*darklint, "check", "-f", "json", "--cache-dir", str(cold_cache), str(files_1000)],
            1000,
            0,
            size_1000,
            (0, 1),
            before=lambda: shutil.rmtree(cold_cache, ignore_errors=True),
        ),
        "one_process": Case(
            "darklint files-1000 --jobs 1",
            [*darklint, "check", "-f", "json", "--jobs", "1", *no_cache, str(files_1000)],
            1000,
            0,
            size_1000,
            (0, 1),
        ),
        "rerun": Case(
            "darklint files-1000 re-run, 1 changed",
            [*darklint, "check", "-f", "json", "--cache-dir", str(warm_cache), str(files_1000)],
            1000,
            0,
            size_1000,
            (0, 1),
            before=edits,
        ),
    }
    cap_case = None
    if not quick:
        cap_path = work / f"cap-{CAP_STEPS}.yaml"
        cap_path.write_text(to_yaml(big_product(CAP_STEPS, seed=2026)), encoding="utf-8")
        from darklint.load import DEFAULT_MAX_BYTES

        if not 0.9 * DEFAULT_MAX_BYTES < cap_path.stat().st_size <= DEFAULT_MAX_BYTES:
            raise SystemExit(
                f"CAP_STEPS makes a file of {cap_path.stat().st_size:,} bytes, "
                f"not just under the cap of {DEFAULT_MAX_BYTES:,}: adjust it"
            )
        outputs = work / "cap-out"
        outputs.mkdir(exist_ok=True)
        every_format = [
            arg
            for name in (
                "console",
                "json",
                "sarif",
                "junit",
                "github",
                "gitlab",
                "markdown",
                "html",
            )
            for arg in ("-f", f"{name}:{outputs / name}")
        ]
        cap_case = Case(
            f"darklint every format, {cap_path.stat().st_size / 1e6:.1f} MB file",
            [*darklint, "check", *no_cache, *every_format, str(cap_path)],
            1,
            CAP_STEPS,
            cap_path.stat().st_size,
            (0, 1),
            max_runs=1,
        )
    jobs: list[tuple[Case, Case]] = []
    for name in ("files-200", "files-1000"):
        path, files, _ = corpora[name]
        pair = tuple(
            Case(
                f"darklint {name} --jobs {n}",
                [*darklint, "check", "-f", "json", *no_cache, "--jobs", str(n), str(path)],
                files,
                0,
                tree_size(path),
                (0, 1),
            )
            for n in (1, 2)
        )
        jobs.append(pair)  # type: ignore[arg-type]

    # Warm-up, not measured: writes bytecode caches and reads every file into the page cache;
    # the re-run's cache is filled once.
    for case in startup:
        run_once(case.command, work / "warm-up.txt")
    run_once(goal_cases["rerun"].command, work / "warm-up.txt")
    print(f"  start-up: best of {startup_repeat}", file=sys.stderr)
    # One step-scaling case is only a little slower than start-up: measured as often.
    measure([*startup, checks["steps-1000"]], startup_repeat, work)
    print(f"  corpora and goals: best of {repeat}", file=sys.stderr)
    try:
        measure([*corpus_cases, *goal_cases.values()], repeat, work)
    finally:
        edits.restore()
    print(f"  --jobs: best of {repeat}", file=sys.stderr)
    measure([c for pair in jobs for c in pair], repeat, work)
    if cap_case is not None:
        print("  a file at the size cap, every format: once", file=sys.stderr)
        measure([cap_case], 1, work)
    print(f"  phases and growth in process: best of {repeat}", file=sys.stderr)
    phases = {
        name: phase_breakdown(corpora[name][0], repeat)
        for name in ("files-1000", *(n for n in corpora if n.startswith("steps")))
    }
    growth = tenfold_in_process(repeat)
    after = machine()

    # -- the table ------------------------------------------------------------------------
    rows: list[tuple[str, ...]] = []
    for case in startup:
        extra = ""
        if case is small_json:
            extra = f"{(case.wall - json_floor.wall) * 1000:+.0f} ms vs import yaml, click"
        elif case not in (import_floor, json_floor):
            extra = f"{(case.wall - import_floor.wall) * 1000:+.0f} ms vs import floor"
        rows.append(table_row(case, extra))
    for case in corpus_cases:
        key = case.name.split()[-1]
        extra = ""
        if case.name.startswith("darklint"):
            extra = f"{ratio(case.wall, floors[key].wall):.2f}x parse floor"
        elif case.name.startswith("yamllint"):
            extra = f"{ratio(case.wall, checks[key].wall):.2f}x darklint"
        rows.append(table_row(case, extra))
    floor_1000 = floors["files-1000"]
    for case in goal_cases.values():
        rows.append(table_row(case, f"{ratio(case.wall, floor_1000.wall):.2f}x parse floor"))
    if cap_case is not None:
        rows.append(table_row(cap_case, ""))
    for one, two in jobs:
        rows.append(table_row(one, ""))
        rows.append(table_row(two, f"{ratio(one.wall, two.wall):.2f}x speedup"))
    print(
        f"\ndarklint {__version__} on {before['cpu']} ({before['cpus']} CPUs), Python "
        f"{before['python']}; load average {before['load']} before, {after['load']} after; "
        f"best of {repeat} (start-up: best of {startup_repeat})"
    )
    print_table(rows)

    # -- ratios and goals -------------------------------------------------------------------
    net = {
        name: checks[name].wall - small_check.wall for name in checks if name.startswith("steps")
    }
    steps_10, steps_100 = tenfold(net)
    startup_extra = (small_check.wall - import_floor.wall) * 1000
    json_extra = (small_json.wall - json_floor.wall) * 1000
    speedups = {one.files: ratio(one.wall, two.wall) for one, two in jobs}
    peak_ratio = ratio(checks["files-1000"].peak_mb, checks["files-100"].peak_mb)
    ratios = {
        "cold_1000_vs_parse_floor": ratio(goal_cases["cold"].wall, floor_1000.wall),
        "one_process_1000_vs_parse_floor": ratio(goal_cases["one_process"].wall, floor_1000.wall),
        "rerun_1000_vs_parse_floor": ratio(goal_cases["rerun"].wall, floor_1000.wall),
        "small_file_minus_import_floor_ms": round(startup_extra, 1),
        "json_small_file_minus_yaml_click_ms": round(json_extra, 1),
        "steps_10k_vs_1k_end_to_end": steps_10,
        "steps_100k_vs_10k_end_to_end": steps_100,
        **{f"{d}_10x_in_process": g[2] for d, g in growth.items()},
        "jobs2_speedup_200": speedups[200],
        "jobs2_speedup_1000": speedups[1000],
        "peak_mb_100": round(checks["files-100"].peak_mb, 1),
        "peak_mb_1000": round(checks["files-1000"].peak_mb, 1),
    }
    if "files-1000" in lints:
        ratios["yamllint_1000_vs_darklint"] = ratio(
            lints["files-1000"].wall, checks["files-1000"].wall
        )
    targets = {
        "cold_1000_files_default_within_2x_parse_floor": verdict(
            ratios["cold_1000_vs_parse_floor"], COLD_RATIO_MAX
        ),
        "one_process_within_3x_parse_floor": verdict(
            ratios["one_process_1000_vs_parse_floor"], ONE_PROCESS_RATIO_MAX
        ),
        "rerun_one_changed_within_half_parse_floor": verdict(
            ratios["rerun_1000_vs_parse_floor"], RERUN_RATIO_MAX
        ),
        "small_file_within_import_floor_plus_80ms": verdict(startup_extra, STARTUP_EXTRA_MAX_MS),
        "json_small_file_within_yaml_click_plus_60ms": verdict(
            json_extra, JSON_STARTUP_EXTRA_MAX_MS
        ),
        **{
            f"{dimension}_10x_within_11x_time": verdict(g[2], TENFOLD_MAX)
            for dimension, g in growth.items()
        },
        "memory_1000_files_within_1.5x_of_100": verdict(peak_ratio, MEMORY_RUN_RATIO_MAX),
    }
    if cap_case is not None:
        targets["file_at_size_cap_every_format_under_5s"] = verdict(
            cap_case.wall, ANY_FILE_SECONDS_MAX
        )
        targets["file_at_size_cap_every_format_under_500mb"] = verdict(
            cap_case.peak_mb, ANY_FILE_MB_MAX
        )
    else:
        targets["file_at_size_cap_every_format_under_5s"] = {
            **verdict(None, ANY_FILE_SECONDS_MAX),
            "note": "--quick: not measured",
        }
    print(f"\nIn process, warm, CPU s (best of {repeat}); start-up not included:")
    for name, parts in phases.items():
        shown = ", ".join(f"{phase} {value:.3f}" for phase, value in parts.items())
        print(f"  {name}: {shown}")
    for dimension, (one, ten, times) in growth.items():
        print(f"  {dimension}: n {one:.4f} s, 10n {ten:.4f} s: {times:.2f}x")
    print(
        f"  parse floor process files-1000 {floor_1000.cpu:.3f}; "
        f"start-up (one small file) {small_check.cpu:.3f}"
    )
    print()
    for name, result in targets.items():
        mark = {True: "met", False: "MISSED", None: "n/a"}[result["pass"]]  # type: ignore[index]
        print(f"{mark:>6}  {name}: {result['value']} (limit {result['limit']})")
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
                "growth_cpu_s": growth,
                "targets": targets,
            },
            separators=(",", ":"),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
