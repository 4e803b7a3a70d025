"""Every output is the same whichever way the run was made: one process or several, linted
afresh or read back from the result cache, JSON encoded in C or by the standard library."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import write_corpus
from darklint.jsontext import pretty

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("console", "json", "sarif", "junit", "github", "gitlab", "markdown", "html")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example gallery and 60 generated products, in one project."""
    folder = tmp_path_factory.mktemp("same-output")
    shutil.copytree(ROOT / "examples", folder / "examples")
    write_corpus(folder / "generated", 60, seed=18)
    return folder


def outputs(
    folder: Path, tag: str, *flags: str, names: tuple[str, ...] = FORMATS
) -> dict[str, bytes]:
    """Run `darklint check` once with every format (of ``names``) written to a file; the
    files' bytes."""
    out = folder / f"out-{tag}"
    out.mkdir()
    formats = [arg for name in names for arg in ("-f", f"{name}:{out / name}")]
    run = subprocess.run(
        [sys.executable, "-m", "darklint", "check", *flags, *formats, "examples", "generated"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1767225600"},
    )
    assert run.returncode in (1, 2), run.stderr[-2000:]
    return {name: (out / name).read_bytes() for name in names}


def test_parallel_and_cached_runs_write_the_same_bytes(corpus: Path) -> None:
    reference = outputs(corpus, "one-process", "--jobs", "1", "--no-cache")
    assert all(reference.values())
    parallel = outputs(corpus, "two-processes", "--jobs", "2", "--cache-dir", "cache")
    cached = outputs(corpus, "from-cache", "--jobs", "2", "--cache-dir", "cache")
    for name in FORMATS:
        assert parallel[name] == reference[name], name
        assert cached[name] == reference[name], name


@pytest.mark.parametrize("names", [("json",), ("sarif",), ("json", "sarif")])
def test_results_handed_back_as_bytes_write_the_same_text(
    corpus: Path, names: tuple[str, ...]
) -> None:
    """Outputs that read only the findings' text take results from worker processes as bytes
    (the form a cached result has), with the cache or without: the same text as one process
    writes, and the text stored from such a run reads back the same."""
    tag = "-".join(names)
    reference = outputs(corpus, f"one-{tag}", "--jobs", "1", "--no-cache", names=names)
    cache = f"cache-{tag}"
    parallel = outputs(corpus, f"two-{tag}", "--jobs", "2", "--cache-dir", cache, names=names)
    cached = outputs(corpus, f"back-{tag}", "--jobs", "2", "--cache-dir", cache, names=names)
    uncached = outputs(corpus, f"bare-{tag}", "--jobs", "2", "--no-cache", names=names)
    with_objects = (*names, "console", "junit")  # outputs that read findings: no bytes
    console = outputs(corpus, f"objects-{tag}", "--jobs", "2", "--no-cache", names=with_objects)
    for name in names:
        assert reference[name], name
        assert parallel[name] == reference[name], name
        assert cached[name] == reference[name], name
        assert uncached[name] == reference[name], name
        assert console[name] == reference[name], name


def test_the_compiled_encoder_writes_what_the_standard_library_writes(corpus: Path) -> None:
    reference = outputs(corpus, "for-json", "--no-cache")
    for name in ("json", "sarif", "gitlab"):
        data = json.loads(reference[name])
        assert pretty(data) == json.dumps(data, indent=2, ensure_ascii=False) + "\n", name


def test_small_and_large_texts_come_out_alike() -> None:
    """Small data is written by the standard library, large by msgspec: the same text."""
    from darklint import jsontext

    row = {"rule": "DL101", "effort": 1.5, "note": "é \u2028 <tag>", "none": None, "ok": True}
    small = {"findings": [row] * 3}
    large = {"findings": [row] * 1000}
    assert jsontext._at_most(small, jsontext.SMALL) and not jsontext._at_most(large, 2_000)
    for data in (small, large):
        assert pretty(data) == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
