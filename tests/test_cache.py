"""The result cache: a re-run reuses results only when nothing that decides them changed, and
a cache that was tampered with, truncated or planted by a pull request is never believed."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from darklint import cache as cache_module
from darklint.cache import DATABASE, TABLE, CacheUnavailable, ResultCache
from darklint.engine import lint_paths
from darklint.settings import CommandLine, resolve

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FORMATS = ("json", "sarif", "junit", "gitlab", "markdown", "github", "console")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the examples in a project of its own, with a key directory of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    folder = tmp_path / "project"
    (folder / "flows").mkdir(parents=True)
    for path in sorted(EXAMPLES.glob("*.yaml")):  # enough files for a run to use the cache
        shutil.copy(path, folder / "flows" / path.name)
    return folder


def count(project: Path) -> int:
    return len(list((project / "flows").iterdir()))


def run_lint(folder: Path, command_line: CommandLine | None = None) -> tuple[list, ResultCache]:
    """Lint ``flows/`` with the cache as `darklint check` would; findings and the cache used."""
    settings = resolve(command_line or CommandLine(), cwd=folder)
    assert settings.cache_dir == folder / ".darklint_cache"
    options = settings.lint_options()
    store = ResultCache(settings.cache_dir, options)
    old = os.getcwd()
    os.chdir(folder)
    try:
        report = lint_paths(["flows"], options, jobs=1, open_cache=lambda: store)
    finally:
        os.chdir(old)
    return report.findings, store


def cli(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "darklint", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_a_rerun_reuses_every_result_and_gives_the_same_findings(project: Path) -> None:
    first, store = run_lint(project)
    assert (store.hits, store.misses) == (0, count(project))
    second, store = run_lint(project)
    assert (store.hits, store.misses) == (count(project), 0)
    assert second == first and len(first) > 0
    assert (project / ".darklint_cache" / ".gitignore").read_text().strip().endswith("*")


def test_a_changed_file_alone_is_linted_again(project: Path) -> None:
    run_lint(project)
    flow = project / "flows" / "streaming-phone-cancel-fixed.yaml"
    flow.write_text(flow.read_text() + "# edited\n")
    _, store = run_lint(project)
    assert (store.hits, store.misses) == (count(project) - 1, 1)


@pytest.mark.parametrize(
    "command_line",
    [
        CommandLine(select=("DL101",)),
        CommandLine(profile="eu"),
        CommandLine(max_bytes=5_000_000),
    ],
    ids=["selection", "profile", "size-limit"],
)
def test_other_settings_are_other_keys(project: Path, command_line: CommandLine) -> None:
    run_lint(project)
    _, store = run_lint(project, command_line)
    assert store.hits == 0


def test_a_changed_configuration_parameter_is_another_key(project: Path) -> None:
    run_lint(project)
    (project / "darklint.yaml").write_text("rules:\n  DL101: {params: {allowance: 5}}\n")
    _, store = run_lint(project)
    assert store.hits == 0


def test_a_changed_rule_file_or_profile_file_is_another_key(project: Path) -> None:
    rules = project / "house-rules"
    rules.mkdir()
    rule = rules / "house.yaml"
    shutil.copy(next((EXAMPLES / "custom-rules" / "rules").glob("*.yaml")), rule)
    config = project / "darklint.yaml"
    config.write_text("rule-dirs: [house-rules]\n")
    run_lint(project)
    rule.write_text(rule.read_text().replace("severity: warning", "severity: error"))
    _, store = run_lint(project)
    assert store.hits == 0

    profile = project / "house-profile.yaml"
    shutil.copy(ROOT / "rules" / "profiles" / "eu.yaml", profile)
    config.write_text(f"rule-dirs: [house-rules]\nprofile: {profile}\n")
    run_lint(project)
    head, rules_part = profile.read_text().split("\nrules:", 1)
    assert "Art. 11a" in rules_part  # the provision DL101 cites
    profile.write_text(head + "\nrules:" + rules_part.replace("Art. 11a", "Article 11a", 1))
    _, store = run_lint(project)
    assert store.hits == 0


def test_another_darklint_version_is_another_key(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_lint(project)
    monkeypatch.setattr(cache_module, "__version__", "99.0")
    _, store = run_lint(project)
    assert store.hits == 0


# -- the cache is input too -----------------------------------------------------------------------


def database(project: Path) -> Path:
    return project / ".darklint_cache" / DATABASE


@pytest.mark.parametrize("column", ["report", "summary", "json", "sarif"])
def test_an_edited_entry_is_not_believed(project: Path, column: str) -> None:
    """Rewriting any part of a stored result (the findings, the counts, the JSON text) breaks
    its tag or its digest: the file is linted again, and every output is what a run without
    the cache writes."""
    expected = cli(project, "check", "flows", "-f", "json", "-f", "sarif:out.sarif")
    first = (expected.stdout, (project / "out.sarif").read_text())
    with sqlite3.connect(database(project)) as connection:
        rows = connection.execute(f"SELECT key, {column} FROM {TABLE}").fetchall()
        edited_any = False
        for key, data in rows:
            if column == "summary":  # one error fewer: counts are what a summary holds
                edited = data[:-4] + bytes([data[-4] ^ 1]) + data[-3:]
            else:
                edited = data.replace(b"flows/", b"flowz/")
            edited_any |= edited != data
            connection.execute(f"UPDATE {TABLE} SET {column} = ? WHERE key = ?", (edited, key))
        assert edited_any
    second = cli(project, "check", "flows", "-f", "json", "-f", "sarif:out.sarif")
    assert (second.stdout, (project / "out.sarif").read_text()) == first
    findings, store = run_lint(project)  # reads the findings of every entry: none edited
    assert findings == unlinted(project) and store.hits in (0, count(project))


def unlinted(project: Path) -> list:
    """The findings of ``flows/`` linted without the cache."""
    options = resolve(CommandLine(), cwd=project).lint_options()
    old = os.getcwd()
    os.chdir(project)
    try:
        return lint_paths(["flows"], options, jobs=1).findings
    finally:
        os.chdir(old)


def test_parts_moved_between_entries_are_not_believed(project: Path) -> None:
    """Each entry's tag covers its own key and the digests of its own parts: another file's
    genuine JSON and SARIF text and findings, moved in with their digests, are refused."""
    expected = cli(project, "check", "flows", "-f", "json", "-f", "sarif:out.sarif")
    first = (expected.stdout, (project / "out.sarif").read_text())
    with sqlite3.connect(database(project)) as connection:
        rows = connection.execute(
            f"SELECT key, json, json_sha, sarif, sarif_sha, report, report_sha FROM {TABLE} "
            "ORDER BY key"
        ).fetchall()
        for (key, *_), (_, *parts) in zip(rows, rows[1:] + rows[:1], strict=True):
            connection.execute(
                f"UPDATE {TABLE} SET json = ?, json_sha = ?, sarif = ?, sarif_sha = ?, "
                "report = ?, report_sha = ? WHERE key = ?",
                (*parts, key),
            )
    second = cli(project, "check", "flows", "-f", "json", "-f", "sarif:out.sarif")
    assert (second.stdout, (project / "out.sarif").read_text()) == first


def test_a_cache_planted_with_another_key_is_not_believed(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A pull request that commits a .darklint_cache made on the attacker's machine (right
    keys, their own secret, "no findings" as every result) changes nothing."""
    from darklint.engine import FileReport

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "attacker"))
    options = resolve(CommandLine(), cwd=project).lint_options()
    planted = ResultCache(project / ".darklint_cache", options)
    monkeypatch.chdir(project)
    keys = [planted.key_for(f"flows/{p.name}", False) for p in (project / "flows").iterdir()]
    planted.put_many((k, FileReport(path=f"flows/{i}")) for i, k in enumerate(keys) if k)
    planted.close()

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    findings, store = run_lint(project)
    assert store.hits == 0 and findings


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty"])
def test_a_damaged_store_is_rebuilt(project: Path, damage: str) -> None:
    first, _ = run_lint(project)
    path = database(project)
    data = path.read_bytes()
    path.write_bytes({"truncated": data[:1500], "garbage": os.urandom(4096), "empty": b""}[damage])
    second, store = run_lint(project)
    assert second == first and store.hits == 0
    third, store = run_lint(project)
    assert third == first and store.hits == count(project)


def test_a_symlinked_cache_is_refused_and_the_run_goes_on(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / ".darklint_cache").symlink_to(elsewhere)
    with pytest.raises(CacheUnavailable):
        run_lint(project)
    run = cli(project, "check", "flows", "-f", "json")
    assert run.returncode == 1 and "running without the cache" in run.stderr
    assert list(elsewhere.iterdir()) == []


def test_no_cache_writes_nothing_and_cache_dir_moves_it(project: Path, tmp_path: Path) -> None:
    run = cli(project, "check", "flows", "--no-cache", "-q")
    assert run.returncode == 1
    assert not (project / ".darklint_cache").exists()
    run = cli(project, "check", "flows", "--cache-dir", str(tmp_path / "c"), "-q")
    assert run.returncode == 1 and (tmp_path / "c" / DATABASE).is_file()
    assert not (project / ".darklint_cache").exists()


def test_every_output_is_the_same_from_the_cache(project: Path) -> None:
    for name in FORMATS:
        cold = cli(project, "check", "flows", "-f", name, "--no-cache")
        cli(project, "check", "flows", "-f", name)  # fills the cache
        warm = cli(project, "check", "flows", "-f", name)
        assert (warm.returncode, warm.stdout) == (cold.returncode, cold.stdout), name


def test_concurrent_runs_share_one_store(project: Path) -> None:
    """Four runs at once on an empty cache: each gives the full, correct output."""
    expected = cli(project, "check", "flows", "-f", "json", "--no-cache").stdout
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "darklint", "check", "flows", "-f", "json"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(out == expected for out, _ in outputs)
    assert all(run.returncode == 1 for run in runs)
    assert cli(project, "check", "flows", "-f", "json").stdout == expected


def test_the_store_is_pruned_by_age_and_size_at_most_once_an_hour(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries unused for two weeks go, then the least recently used above the cap; a run
    that stores a result prunes only when the last pruning is an hour old (or its time is
    missing or in the future: the store is input too)."""
    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 3)
    run_lint(project)  # the first pruning is due at once: down to the cap
    assert rows(project, "1") == 3

    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 1000)
    weeks_ago = time.time() - 30 * 86400
    with sqlite3.connect(database(project)) as connection:
        for name in ("old-1", "old-2"):
            connection.execute(
                f"INSERT INTO {TABLE} (key, tag, summary, report_sha, json_sha, sarif_sha, "
                "used, report) VALUES (?, '', x'c0', '', '', '', ?, x'c0')",
                (name, weeks_ago),
            )
    flows = sorted((project / "flows").iterdir())
    flows[0].write_text(flows[0].read_text() + "# edited\n")
    run_lint(project)  # stores results, but the last pruning was moments ago
    assert rows(project, "key LIKE 'old-%'") == 2
    with sqlite3.connect(database(project)) as connection:
        connection.execute("UPDATE pruned SET at = at + 10 * 86400")
    flows[0].write_text(flows[0].read_text() + "# edited again\n")
    run_lint(project)
    assert rows(project, "key LIKE 'old-%'") == 0
    assert rows(project, "1") >= count(project)  # every current file's result stays


def rows(project: Path, where: str) -> int:
    with sqlite3.connect(database(project)) as connection:
        return connection.execute(f"SELECT count(*) FROM {TABLE} WHERE {where}").fetchone()[0]


def test_the_decoder_covers_every_field_of_a_report() -> None:
    """The stored shape is the report's own dataclasses: a field of a type the decoder cannot
    read would turn the cache off for every user, so it fails here first."""
    from darklint.cache import _decoder

    _decoder()


def test_a_small_run_does_not_open_the_cache(project: Path) -> None:
    """One small file lints faster than the store opens: nothing is written for it."""
    run = cli(project, "check", "flows/streaming-phone-cancel.yaml", "-q")
    assert run.returncode == 1
    assert not (project / ".darklint_cache").exists()


def test_a_result_a_worker_cannot_encode_comes_back_as_its_report() -> None:
    """A file name that is not UTF-8 cannot be MessagePack: the worker hands the report
    itself back (it is linted every time, never stored); others come back as bytes that
    decode to the same report."""
    from darklint.engine import FileReport, pack_result, unpack_result
    from darklint.report.jsonout import json_parts

    plain = FileReport(path="flows/ok.yaml", product="Shop", flows=1, steps=2)
    packed = pack_result(plain, True)
    assert isinstance(packed, tuple)
    result = unpack_result(packed)
    assert result.report == plain and result.json == json_parts(plain)
    assert result.summary.product == "Shop" and result.packed is not None
    odd = FileReport(path="flows/caf\udce9.yaml", product="Shop")
    assert pack_result(odd, True) is odd
