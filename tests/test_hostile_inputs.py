"""Hostile inputs through the real command line, and output that stays safe.

Every file of the hand corpus (``tests/fixtures/hostile/``) and every generated one (too big,
too deep, a symlink loop, an unreadable file) goes through ``python -m darklint check`` as CI
and editors run it: exit code 2 with a DL001 finding at file:line:column, or the findings of a
valid product; never a traceback; and the other files of the run are still linted. Big inputs
are made at run time, so nothing large is committed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES

HOSTILE = FIXTURES / "hostile"
GOOD = FIXTURES / "core" / "product.yaml"
MARKER = "darklint-tag-executed.marker"
MiB = 1024 * 1024


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def darklint(*args: str, cwd: Path | None = None, timeout: float = 120, **popen) -> Run:
    """The real console entry point, as CI runs it."""
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "darklint", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
        **popen,
    )
    return Run(result.returncode, result.stdout, result.stderr, time.monotonic() - started)


def dl001(run: Run, path: Path | str) -> list[tuple[int, int, str]]:
    """(line, column, message) of each DL001 finding on a file, as the console prints them."""
    pattern = re.compile(rf"^{re.escape(str(path))}:(\d+):(\d+): DL001 invalid-flow-file: (.*)$")
    return [
        (int(m.group(1)), int(m.group(2)), m.group(3))
        for m in map(pattern.match, run.stdout.splitlines())
        if m
    ]


def assert_no_traceback(run: Run) -> None:
    assert "Traceback" not in run.output, run.output


# -- the hand corpus, one file at a time ------------------------------------------------------------

#: file -> (exit code, [(line, column, words in the message)]); no DL001 entry = a valid product.
CORPUS: dict[str, tuple[int, list[tuple[int, int, str]]]] = {
    "not-yaml.yaml": (2, [(5, 8, "not valid YAML")]),
    "binary.yaml": (2, [(2, 4, "not UTF-8")]),
    "empty.yaml": (2, [(1, 1, "the file is empty")]),
    "list-at-top.yaml": (2, [(1, 1, "must be a mapping")]),
    "version-2.yaml": (2, [(1, 11, "unsupported format version '2'")]),
    "unknown-keys.yaml": (2, [(7, 5, "did you mean 'steps'?")]),
    "duplicate-keys.yaml": (2, [(3, 1, "duplicate key 'product'")]),
    "duplicate-step-ids.yaml": (2, [(11, 7, "duplicate key 'manage'")]),
    "python-tags.yaml": (
        2,
        [
            (3, 10, "'!!python/object/apply:os.system' would construct an object"),
            (10, 15, "'!!python/object/new:os.system' would construct an object"),
            (11, 27, "'!!python/name:os.system' would construct an object"),
            (12, 45, "'!custom' would construct an object"),
        ],
    ),
    "alias-bomb.yaml": (2, [(1, 1, "anchors and aliases expand the file")]),
    "not-utf8.yaml": (2, [(2, 13, "not UTF-8 text (byte 0xe9)")]),
    "tabs.yaml": (2, [(4, 1, "a tab: YAML indents with spaces only")]),
    "flow-without-steps.yaml": (
        2,
        [(7, 5, "flow 'cancel' has no steps"), (8, 3, "missing the required key 'steps'")],
    ),
    "bom.yaml": (0, []),
    "cycles.yaml": (1, []),
}


def test_the_corpus_table_covers_every_fixture() -> None:
    assert sorted(CORPUS) == sorted(p.name for p in HOSTILE.iterdir())


@pytest.fixture(scope="module")
def corpus_runs() -> dict[str, Run]:
    """One CLI run per corpus file, two at a time (each run is a fresh interpreter)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = pool.map(lambda name: darklint("check", str(HOSTILE / name)), sorted(CORPUS))
        return dict(zip(sorted(CORPUS), runs, strict=True))


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_hostile_file_gets_a_clear_located_answer(name: str, corpus_runs) -> None:
    run = corpus_runs[name]
    expected_code, expected = CORPUS[name]
    assert_no_traceback(run)
    assert run.returncode == expected_code, run.output
    found = dl001(run, HOSTILE / name)
    assert [(line, col) for line, col, _ in found] == [(line, col) for line, col, _ in expected]
    for (_, _, message), (_, _, words) in zip(found, expected, strict=True):
        assert words in message
    if not expected:  # a valid product: linted, with its findings (or none) reported
        assert re.search(r"^(Found \d+ findings?|No findings) .*in 1 file", run.stdout, re.M)


def test_valid_products_with_cycles_and_self_loops_get_findings() -> None:
    run = darklint("check", str(HOSTILE / "cycles.yaml"), "-f", "json")
    data = json.loads(run.stdout)
    assert run.returncode == 1 and data["summary"]["failed_files"] == []
    rules = {f["rule"] for f in data["findings"]}
    assert {"DL101", "DL104"} <= rules, rules  # harder than signup; save offer after save offer


def test_a_bom_and_crlf_keep_every_line_number(tmp_path: Path) -> None:
    text = (HOSTILE / "bom.yaml").read_text(encoding="utf-8-sig")
    (tmp_path / "a-lf.yaml").write_text(text, encoding="utf-8", newline="\n")
    (tmp_path / "b-crlf.yaml").write_text(text, encoding="utf-8-sig", newline="\r\n")
    run = darklint("check", str(tmp_path), "-f", "json")
    assert_no_traceback(run)
    findings = json.loads(run.stdout)["findings"]
    by_file: dict[str, list] = {}
    for f in findings:
        by_file.setdefault(Path(f["path"]).name, []).append((f["rule"], f["line"], f["column"]))
    assert by_file["a-lf.yaml"] and by_file["a-lf.yaml"] == by_file["b-crlf.yaml"]


def test_the_whole_corpus_in_one_directory_still_lints_the_good_file(tmp_path: Path) -> None:
    shutil.copytree(HOSTILE, tmp_path / "hostile")
    shutil.copy(GOOD, tmp_path / "hostile" / "zz-good.yaml")
    run = darklint("check", str(tmp_path / "hostile"), "-f", "json")
    assert_no_traceback(run)
    assert run.returncode == 2
    data = json.loads(run.stdout)
    good = [f for f in data["findings"] if f["path"].endswith("zz-good.yaml")]
    assert {"DL101", "DL106"} <= {f["rule"] for f in good}
    failed = {Path(p).name for p in data["summary"]["failed_files"]}
    expected_failed = {n for n, (code, found) in CORPUS.items() if found}
    # A directory run skips YAML files that are not darklint files at all (empty, a list).
    assert failed == expected_failed - {"empty.yaml", "list-at-top.yaml"}
    assert {"empty.yaml", "list-at-top.yaml"} <= {Path(p).name for p in data["skipped"]}


# -- YAML tags never run anything ---------------------------------------------------------------------


def test_python_tags_are_reported_and_never_executed(tmp_path: Path) -> None:
    source = HOSTILE / "python-tags.yaml"
    # Positive control: an unsafe YAML loader really would run the payload in this directory.
    control = tmp_path / "control"
    control.mkdir()
    subprocess.run(
        [sys.executable, "-c", f"import yaml; yaml.unsafe_load(open({str(source)!r}))"],
        cwd=control,
        capture_output=True,
        check=False,
    )
    assert (control / MARKER).exists(), "the payload must be live for this test to mean anything"

    clean = tmp_path / "darklint"
    clean.mkdir()
    run = darklint("check", str(source), "-f", "json", cwd=clean)
    assert_no_traceback(run)
    assert run.returncode == 2
    assert not (clean / MARKER).exists(), "darklint executed a YAML tag"
    assert list(clean.iterdir()) == []


# -- alias bombs: bounded time and memory, a clear message ----------------------------------------


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 * MiB, 2 * 1024 * MiB))


def in_schema_bomb(flows: int = 300, steps: int = 300) -> str:
    """A 40 kB file whose one steps block is reused by every flow: 90,000 steps once read."""
    lines = ["darklint: 1", "product: Bomb", "flows:", "  f0:", "    kind: cancel"]
    lines += ["    start: s0", "    steps: &steps"]
    for i in range(steps):
        nxt = f"s{(i + 1) % steps}"
        lines.append(
            f"      s{i}: {{kind: retention_offer, actions: [{{label: go, to: {nxt}}}, "
            "{label: done, to: end}]}"
        )
    lines.append("      end: {outcome: cancelled}")
    lines += [f"  f{n}: {{kind: cancel, start: s0, steps: *steps}}" for n in range(1, flows)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("kind", ["billion-laughs", "in-schema", "self-reference"])
def test_alias_bombs_end_fast_with_a_clear_message(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.yaml"
    if kind == "billion-laughs":
        shutil.copy(HOSTILE / "alias-bomb.yaml", path)
    elif kind == "in-schema":
        path.write_text(in_schema_bomb(), encoding="utf-8")
    else:
        path.write_text("darklint: 1\nproduct: P\nflows: &f {a: {kind: cancel, x: *f}}\n")
    shutil.copy(GOOD, tmp_path / "good.yaml")
    run = darklint("check", str(tmp_path), timeout=60, preexec_fn=_limit_memory)
    assert_no_traceback(run)
    assert run.returncode == 2
    assert run.seconds < 30, f"took {run.seconds:.1f}s"
    found = dl001(run, path)
    assert found and "anchors and aliases expand the file" in found[0][2], run.stdout
    assert "DL101" in run.stdout  # the good file next to it was linted


def test_modest_aliases_are_still_fine(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text(
        "darklint: 1\nproduct: P\nflows:\n"
        "  a: {kind: cancel, start: s, steps: &s {s: {actions: [{label: go, to: t}]}, "
        "t: {outcome: cancelled}}}\n"
        "  b: {kind: signup, start: s, steps: {s: {actions: [{label: go, to: t}]}, "
        "t: {outcome: subscribed}}}\n"
        "  c: {kind: other, start: s, steps: *s}\n",
        encoding="utf-8",
    )
    run = darklint("check", str(path))
    assert run.returncode == 0, run.output


# -- size and depth limits ----------------------------------------------------------------------------


def test_a_file_over_the_default_size_limit_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:  # sparse: 2 MiB + 1 byte without writing them
        handle.write(b"darklint: 1\n")
        handle.seek(2 * MiB)
        handle.write(b"\n")
    shutil.copy(GOOD, tmp_path / "good.yaml")
    run = darklint("check", str(tmp_path))
    assert_no_traceback(run)
    assert run.returncode == 2
    (found,) = dl001(run, big)
    assert found[:2] == (1, 1)
    assert "2,097,153 bytes, above the limit of 2,097,152" in found[2]
    assert "--max-bytes N" in found[2] and "`max-bytes: N` in the configuration" in found[2]
    assert "DL101" in run.stdout


def test_max_bytes_sets_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "product.yaml"
    shutil.copy(GOOD, path)
    size = path.stat().st_size
    refused = darklint("check", str(path), "--max-bytes", str(size - 1))
    assert refused.returncode == 2 and "above the limit" in dl001(refused, path)[0][2]
    accepted = darklint("check", str(path), "--max-bytes", str(size))
    assert accepted.returncode == 1 and not dl001(accepted, path)
    bad = darklint("check", str(path), "--max-bytes", "0")
    assert bad.returncode == 2 and "Traceback" not in bad.output


@pytest.mark.parametrize(
    "body",
    [
        "flows: " + "[" * 10_000 + "]" * 10_000,
        "flows: " + "{a: " * 10_000 + "1" + "}" * 10_000,
        "flows:\n" + "".join(" " * i + "-\n" for i in range(0, 1_500 * 2, 2)),
    ],
    ids=["lists", "mappings", "block-lists"],
)
def test_ten_thousand_deep_nesting_is_refused_with_a_location(body: str, tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("darklint: 1\nproduct: P\n" + body + "\n", encoding="utf-8")
    # the indented lists are 2.3 MB: above the default size cap, which would refuse them unread
    run = darklint("check", str(path), "--max-bytes", str(10 * MiB), timeout=60)
    assert_no_traceback(run)
    assert run.returncode == 2
    (found,) = dl001(run, path)
    assert found[0] >= 3 and found[1] >= 1
    assert "nest" in found[2] or "flows" in found[2], found


# -- the file system ------------------------------------------------------------------------------------


def test_symlink_loops_and_dangling_links_do_not_stop_the_run(tmp_path: Path) -> None:
    root = tmp_path / "flows"
    (root / "sub").mkdir(parents=True)
    shutil.copy(GOOD, root / "sub" / "good.yaml")
    os.symlink("..", root / "sub" / "up")  # a directory loop: flows/sub/up -> flows
    os.symlink(root, root / "sub" / "again")
    os.symlink("self.yaml", root / "self.yaml")  # a link to itself
    os.symlink("missing.yaml", root / "dangling.yaml")
    run = darklint("check", str(root), timeout=60)
    assert_no_traceback(run)
    assert run.returncode == 2
    assert "cannot read the file" in dl001(run, root / "self.yaml")[0][2]
    assert "cannot read the file" in dl001(run, root / "dangling.yaml")[0][2]
    assert run.stdout.count(f"{root / 'sub' / 'good.yaml'}:") >= 1  # linted once, not looped
    assert "/up/" not in run.stdout and "/again/" not in run.stdout


def _without_dac_override() -> None:  # pragma: no cover - runs in the child process
    """Drop root's power to read any file (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) before exec."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # PR_CAPBSET_DROP = 24
        if libc.prctl(24, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) refused")


def test_an_unreadable_file_is_reported_and_the_rest_linted(tmp_path: Path) -> None:
    """chmod 000 means nothing to root, so as root the run first gives up that privilege."""
    shutil.copy(GOOD, tmp_path / "good.yaml")
    secret = tmp_path / "secret.yaml"
    shutil.copy(GOOD, secret)
    secret.chmod(0o000)
    as_root = sys.platform == "linux" and os.geteuid() == 0
    try:
        run = darklint(
            "check", str(tmp_path), preexec_fn=_without_dac_override if as_root else None
        )
    except subprocess.SubprocessError as error:
        pytest.skip(f"cannot drop root's read-anything capability here: {error}")
    finally:
        secret.chmod(0o644)
    assert_no_traceback(run)
    assert run.returncode == 2
    (found,) = dl001(run, secret)
    assert found[:2] == (1, 1) and "cannot read the file: Permission denied" in found[2]
    assert "DL101" in run.stdout


def test_a_directory_or_a_pipe_named_like_a_flow_file(tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()
    shutil.copy(GOOD, tmp_path / "folder.yaml" / "inside.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")  # opening a FIFO would wait for a writer forever
    run = darklint("check", str(tmp_path), timeout=60)
    assert_no_traceback(run)
    assert run.returncode == 2
    assert "not a regular file" in dl001(run, tmp_path / "pipe.yaml")[0][2]
    assert "DL101" in run.stdout and "inside.yaml" in run.stdout


@pytest.mark.parametrize(
    "value", [".inf", ".nan", "!!bool maybe", "!!int x", "!!timestamp 2001-13-45"]
)
def test_a_hostile_configuration_is_a_clear_error(value: str, tmp_path: Path) -> None:
    """An infinite effort weight, or a tag that does not fit its text, was a traceback."""
    shutil.copy(GOOD, tmp_path / "product.yaml")
    (tmp_path / "darklint.yaml").write_text(f"effort:\n  action: {value}\n", encoding="utf-8")
    run = darklint("check", "product.yaml", cwd=tmp_path)
    assert_no_traceback(run)
    assert run.returncode == 2
    assert re.match(r"darklint: error: .*darklint\.yaml:2: effort\.action: ", run.stderr), (
        run.stderr
    )


# -- output safety ------------------------------------------------------------------------------------

HOSTILE_LABEL = (
    '</script><script>alert("x")</script> [link=javascript:alert(1)]x[/link] '
    "\x1b[31mred\x1b[0m ::error::injected ${{ secrets.T }} \u202e \" ' \\ \n second line"
)


def hostile_product() -> str:
    product = {
        "darklint": 1,
        "product": HOSTILE_LABEL,
        "flows": {
            "signup": {
                "kind": "signup",
                "start": "a",
                "steps": {
                    "a": {"actions": [{"label": "Join", "to": "b"}]},
                    "b": {"outcome": "subscribed"},
                },
            },
            "cancel": {
                "kind": "cancel",
                "start": "a",
                "steps": {
                    "a": {
                        "kind": "retention_offer",
                        "text": HOSTILE_LABEL,
                        "actions": [{"label": HOSTILE_LABEL, "to": "b"}],
                    },
                    "b": {
                        "kind": "agent",
                        "channel": "phone",
                        "wait_minutes": 30,
                        "actions": [{"label": HOSTILE_LABEL, "to": "c"}],
                    },
                    "c": {"outcome": "cancelled"},
                },
            },
        },
    }
    return yaml.safe_dump(product, sort_keys=False, allow_unicode=True)


def test_hostile_labels_stay_data_in_json(tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile_product(), encoding="utf-8")
    run = darklint("check", str(path), "-f", f"json:{tmp_path / 'out.json'}", "-f", "console")
    assert_no_traceback(run)
    assert run.returncode == 1
    raw = (tmp_path / "out.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    assert "\x1b" not in raw and "\n second line" not in raw  # control characters escaped
    assert all(f["product"] == HOSTILE_LABEL for f in data["findings"])
    actions = [
        s["action"] for f in data["findings"] for p in f["evidence"]["paths"] for s in p["steps"]
    ]
    assert HOSTILE_LABEL in actions  # the label comes back exactly, as a string
    assert "\x1b" not in run.stdout, "a terminal escape reached the console"


# -- atomic outputs -----------------------------------------------------------------------------------


def _rewrite(path: str, text: str, times: int) -> None:
    from darklint.report.write import write_atomic

    for _ in range(times):
        write_atomic(path, text)


def test_write_atomic_never_shows_a_reader_half_a_file(tmp_path: Path) -> None:
    """Two processes rewrite one file with different contents while a reader polls it."""
    import multiprocessing

    target = tmp_path / "out.json"
    texts = [json.dumps({"writer": n, "pad": str(n) * 200_000}) for n in (1, 2)]
    target.write_text(texts[0], encoding="utf-8")
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_rewrite, args=(str(target), t, 60)) for t in texts]
    for writer in writers:
        writer.start()
    reads = 0
    while any(w.is_alive() for w in writers):
        assert target.read_text(encoding="utf-8") in texts
        reads += 1
    for writer in writers:
        writer.join()
        assert writer.exitcode == 0
    assert reads > 0 and target.read_text(encoding="utf-8") in texts
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"], "temporary files left behind"


def test_concurrent_runs_writing_the_same_report_leave_a_valid_file(tmp_path: Path) -> None:
    shutil.copy(GOOD, tmp_path / "a.yaml")
    shutil.copy(HOSTILE / "cycles.yaml", tmp_path / "b.yaml")
    out = tmp_path / "reports" / "out.json"
    expected = {}
    for name in ("a.yaml", "b.yaml"):
        single = darklint("check", str(tmp_path / name), "-f", "json")
        expected[name] = json.loads(single.stdout)
    for _ in range(10):
        with ThreadPoolExecutor(max_workers=2) as pool:
            runs = list(
                pool.map(
                    lambda name: darklint("check", str(tmp_path / name), "-f", f"json:{out}"),
                    ("a.yaml", "b.yaml"),
                )
            )
        assert all(r.returncode == 1 and "Traceback" not in r.output for r in runs)
        assert json.loads(out.read_text(encoding="utf-8")) in expected.values()
    assert [p.name for p in out.parent.iterdir()] == ["out.json"], "temporary files left behind"


def test_a_failed_write_keeps_the_previous_report(tmp_path: Path, monkeypatch) -> None:
    from darklint.report.write import write_atomic

    target = tmp_path / "out.json"
    target.write_text('{"previous": true}', encoding="utf-8")

    class Boom(Exception):
        pass

    def failing_replace(src: str, dst: str) -> None:
        raise Boom

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(Boom):
        write_atomic(str(target), '{"new": true}')
    monkeypatch.undo()
    assert json.loads(target.read_text(encoding="utf-8")) == {"previous": True}
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_concurrent_baseline_writes_leave_a_loadable_baseline(tmp_path: Path) -> None:
    from darklint.baseline import load_baseline

    shutil.copy(GOOD, tmp_path / "a.yaml")
    shutil.copy(HOSTILE / "cycles.yaml", tmp_path / "b.yaml")
    target = tmp_path / "baselines" / "base.json"

    def entries_of(text: str) -> list:
        return json.loads(text)["entries"]

    expected = []
    for name in ("a.yaml", "b.yaml"):
        single = target.parent / f"single-{name}.json"  # paths in it are relative to it
        run = darklint("baseline", name, "-o", str(single), cwd=tmp_path)
        assert run.returncode == 0, run.output
        expected.append(entries_of(single.read_text(encoding="utf-8")))
    for _ in range(5):
        with ThreadPoolExecutor(max_workers=2) as pool:
            runs = list(
                pool.map(
                    lambda name: darklint("baseline", name, "-o", str(target), cwd=tmp_path),
                    ("a.yaml", "b.yaml"),
                )
            )
        assert all(r.returncode == 0 and "Traceback" not in r.output for r in runs)
        assert entries_of(target.read_text(encoding="utf-8")) in expected
        assert load_baseline(str(target)) is not None
    left = sorted(p.name for p in target.parent.iterdir())
    assert left == ["base.json", "single-a.yaml.json", "single-b.yaml.json"], "temporary files"
