"""Outputs written as files finish: the same text as a report rendered from the whole run, a
result from the cache written as JSON without building its findings, and one output that
cannot be written leaves the others written."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import write_corpus
from darklint.assess import assessment_matrix
from darklint.engine import discover, lint_paths, lint_stream
from darklint.report import REPORTERS, ReportContext, reporter
from darklint.report import stream as stream_module
from darklint.report.stream import Sink, open_writer, write_streamed
from darklint.settings import CommandLine, resolve

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stream")
    shutil.copytree(ROOT / "examples", folder / "examples")
    write_corpus(folder / "generated", 12, seed=5)
    broken = folder / "generated" / "zz-broken.yaml"  # DL001: a file that cannot be linted
    broken.write_text("darklint: 1\nproduct: Broken\nflows: [\n", encoding="utf-8")
    other = folder / "generated" / "aa-other-tool.yaml"  # skipped: another tool's YAML
    other.write_text("jobs:\n  build: {runs-on: ubuntu-latest}\n", encoding="utf-8")
    return folder


def streamed_text(folder: Path, name: str, out: Path, assess: bool = False, **looks: object) -> str:
    """One output written file by file, as `darklint check` writes it."""
    settings = resolve(CommandLine(assess=assess), cwd=folder)
    options = settings.lint_options()
    if name == "html":
        options = dataclasses.replace(options, keep_products=True)
    files, explicit = discover(["examples", "generated"])
    position = {path: number for number, path in enumerate(files)}
    context = ReportContext(rules=tuple(settings.rules), settings=settings.summary(), **looks)
    sink = Sink(str(out), set(), print)
    writer = open_writer(name, sink, context, position)
    results = lint_stream(sorted(files), explicit, options, want_report=True)

    def finish(tally) -> ReportContext:
        if not assess:
            return context
        from darklint.cli import tally_as_report

        matrix = assessment_matrix(tally_as_report(tally), settings)
        return dataclasses.replace(context, assessment=matrix)

    write_streamed(results, [writer], position, finish, verdicts=assess)
    sink.close()
    assert sink.error is None
    return out.read_text(encoding="utf-8")


def rendered_text(folder: Path, name: str, assess: bool = False, **looks: object) -> str:
    """The same output rendered from the whole run at once."""
    settings = resolve(CommandLine(assess=assess), cwd=folder)
    options = settings.lint_options()
    if name == "html":
        options = dataclasses.replace(options, keep_products=True)
    report = lint_paths(["examples", "generated"], options)
    context = ReportContext(rules=tuple(settings.rules), settings=settings.summary(), **looks)
    if assess:
        context = dataclasses.replace(context, assessment=assessment_matrix(report, settings))
    return reporter(name)(report, context)


@pytest.mark.parametrize("name", [n for n in REPORTERS if n != "html"])
def test_a_streamed_output_is_the_whole_runs_report(
    project: Path, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    monkeypatch.setattr(stream_module, "SPOOL_MEMORY", 4096)  # spools move to files early
    assert streamed_text(project, name, tmp_path / name) == rendered_text(project, name)


@pytest.mark.parametrize(
    "looks",
    [
        {"verbose": True, "show_ignored": True},
        {"output_format": "concise", "show_ignored": True},
        {"output_format": "grouped"},
        {"statistics": True, "verbose": True},
        {"quiet": True, "color": True},
    ],
    ids=["verbose", "concise", "grouped", "statistics", "quiet-colour"],
)
def test_every_console_form_streamed_is_the_whole_runs(
    project: Path, looks: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    streamed = streamed_text(project, "console", tmp_path / "console", **looks)
    assert streamed == rendered_text(project, "console", **looks)


def test_a_markdown_comment_cut_at_its_size_limit_streamed(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from darklint.report import markdown

    monkeypatch.chdir(project)
    monkeypatch.setattr(markdown, "MAX_CHARS", 6000)
    streamed = streamed_text(project, "markdown", tmp_path / "markdown")
    assert "more finding(s); see the full report" in streamed
    assert streamed == rendered_text(project, "markdown")


def test_sarif_streamed_with_rules_known_only_from_findings(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no rules in the context, every rule's descriptor comes from the findings (then
    the ignored findings) in report order, and each result's ruleIndex points at it: an
    ignored finding of a rule not yet seen waits for the end of the run."""
    from darklint.report.sarif import SarifWriter

    monkeypatch.chdir(project)
    settings = resolve(CommandLine(), cwd=project)
    options = settings.lint_options()
    report = lint_paths(["examples", "generated"], options)
    assert report.ignored
    context = ReportContext(rules=())
    sink = Sink(str(tmp_path / "sarif"), set(), print)
    writer = SarifWriter(sink, context)
    files, explicit = discover(["examples", "generated"])
    position = {path: number for number, path in enumerate(files)}
    write_streamed(
        lint_stream(sorted(files), explicit, options), [writer], position, lambda t: context
    )
    sink.close()
    assert (tmp_path / "sarif").read_text(encoding="utf-8") == reporter("sarif")(report, context)

    # An ignored finding of a rule that a later file's findings name, and one that no
    # finding names: both wait for the end, and get the indexes the whole report gives.
    from darklint.engine import FileReport, RunReport
    from darklint.results import FileResult, RunTally

    one = report.ignored[0]

    def moved(rule: str, path: str):
        location = dataclasses.replace(one.location, path=path)
        return dataclasses.replace(one, rule_id=rule, location=location)

    first = FileReport("a.yaml", findings=[moved("X1", "a.yaml")], ignored=[moved("X3", "a.yaml")])
    second = FileReport("b.yaml", findings=[moved("X2", "b.yaml")], ignored=[moved("X1", "b.yaml")])
    sink = Sink(str(tmp_path / "made"), set(), print)
    writer = SarifWriter(sink, context)
    first_ignored = FileReport("a.yaml", ignored=[moved("X2", "a.yaml")])
    tally = RunTally()
    for number, made in enumerate((first_ignored, first, second)):
        made = dataclasses.replace(made, path=f"{number}-{made.path}")
        tally.add(number, made.path, FileResult.of(made).summary)
        writer.add(FileResult.of(made))
        if number == 0:
            assert isinstance(writer.ignored[-1], list)  # X2 is not known yet
    writer.finish(tally, context)
    sink.close()
    whole = RunReport(
        files=[
            dataclasses.replace(m, path=f"{n}-{m.path}")
            for n, m in enumerate((first_ignored, first, second))
        ]
    )
    assert (tmp_path / "made").read_text(encoding="utf-8") == reporter("sarif")(whole, context)


def test_the_assessment_ends_a_streamed_json_report(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    text = streamed_text(project, "json", tmp_path / "json", assess=True)
    assert '"assessment": {' in text
    assert text == rendered_text(project, "json", assess=True)


@pytest.mark.parametrize("name", ["json", "sarif"])
def test_a_rerun_writes_json_or_sarif_from_the_cache_without_building_findings(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    from darklint import cache as cache_module
    from darklint.cache import ResultCache
    from darklint.report.jsonout import JsonWriter
    from darklint.report.sarif import SarifWriter

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.chdir(project)
    settings = resolve(CommandLine(), cwd=project)
    options = settings.lint_options()
    context = ReportContext(rules=tuple(settings.rules))
    files, explicit = discover(["generated"])
    make = {"json": JsonWriter, "sarif": SarifWriter}[name]

    def run(out: Path) -> None:
        store = ResultCache(tmp_path / "cache", options)
        sink = Sink(str(out), set(), print)
        writer = make(sink, context)
        results = lint_stream(
            files, explicit, options, open_cache=lambda: store, want_report=False, texts={name}
        )
        position = {p: n for n, p in enumerate(files)}
        write_streamed(results, [writer], position, lambda tally: context)
        sink.close()

    run(tmp_path / "first")

    def refuse(data: bytes) -> None:
        raise AssertionError("a finding was decoded from the cache")

    with monkeypatch.context() as patch:
        patch.setattr(cache_module, "decode_report", refuse)
        run(tmp_path / "second")
    first = (tmp_path / "first").read_bytes()
    assert first == (tmp_path / "second").read_bytes() and b'"DL' in first

    # SARIF locates files from the working directory: from another, its text is not used
    store = ResultCache(tmp_path / "cache", options)
    keys = [store.key_for(p, False) for p in files]
    stored = [r for r in store.fetch(keys, files, False, {"sarif"}).values() if r is not None]
    assert stored and all(r.sarif is not None for r in stored) == (name == "sarif")
    monkeypatch.setattr(cache_module, "_here", lambda: b"/elsewhere\0")
    found = store.fetch(keys, files, False, {"json", "sarif"})
    assert len(found) == len(files) and not any(r and r.sarif for r in found.values())
    store.close()


def test_json_text_missing_from_the_cache_is_stored_by_the_next_json_run(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache filled by a run without JSON output holds no JSON text: the first JSON run
    builds the findings and stores their text, and the run after copies it."""
    from darklint import cache as cache_module
    from darklint.cache import ResultCache
    from darklint.report.jsonout import JsonWriter
    from darklint.report.sarif import SarifWriter

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.chdir(project)
    settings = resolve(CommandLine(), cwd=project)
    options = settings.lint_options()
    context = ReportContext(rules=tuple(settings.rules))
    files, explicit = discover(["generated"])
    position = {p: n for n, p in enumerate(files)}

    def run(name: str, make, want_report: bool) -> bytes:
        store = ResultCache(tmp_path / "cache", options)
        sink = Sink(str(tmp_path / name), set(), print)
        writer = make(sink, context)
        results = lint_stream(
            files,
            explicit,
            options,
            open_cache=lambda: store,
            want_report=want_report,
            texts={writer.reads},
        )
        write_streamed(results, [writer], position, lambda tally: context)
        sink.close()
        return (tmp_path / name).read_bytes()

    run("first.sarif", SarifWriter, True)
    second = run("second.json", JsonWriter, False)  # findings decoded: no text stored yet

    def refuse(data: bytes) -> None:
        raise AssertionError("a finding was decoded from the cache")

    monkeypatch.setattr(cache_module, "decode_report", refuse)
    assert run("third.json", JsonWriter, False) == second


def test_an_output_that_cannot_be_written_leaves_the_others_written(project: Path) -> None:
    (project / "a-directory").mkdir(exist_ok=True)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "darklint",
            "check",
            "generated",
            "--no-cache",
            "-f",
            "json:a-directory",
            "-f",
            "sarif:out.sarif",
            "-f",
            "github",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )
    assert run.returncode == 2
    assert "cannot write a-directory" in run.stderr
    assert (project / "out.sarif").read_text(encoding="utf-8").startswith("{")
    assert run.stdout.startswith("::")
    assert not [p for p in project.iterdir() if p.name.startswith(".darklint-")]


@pytest.mark.parametrize("kernel_file", [True, False], ids=["O_TMPFILE", "tempfile"])
def test_a_spool_gives_back_what_it_was_given(
    kernel_file: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from darklint.report.stream import Spool

    if not kernel_file:  # a system without O_TMPFILE: the file comes from tempfile
        from types import SimpleNamespace

        without = SimpleNamespace(**{k: getattr(os, k) for k in dir(os) if k != "O_TMPFILE"})
        monkeypatch.setattr(stream_module, "os", without)
    monkeypatch.setattr(stream_module, "SPOOL_MEMORY", 10)
    monkeypatch.setattr(stream_module, "COPY_CHUNK", 7)
    spool = Spool(b",\n")
    pieces = [b"", "é\u2028x".encode(), memoryview(b"abc")[1:], b"0123456789" * 3]
    for piece in pieces:
        spool.append(piece)
    out: list[bytes] = []
    spool.copy_to(out.append)
    assert b"".join(out) == b",\n".join(bytes(p) for p in pieces if p)
    assert not spool.empty


@pytest.mark.parametrize("compiled", [False, True], ids=["stdlib", "msgspec"])
@pytest.mark.parametrize("depth", [1, 2, 4])
def test_items_are_the_lines_a_whole_document_gives_them(depth: int, compiled: bool) -> None:
    import json

    from darklint.jsontext import items

    for values in (
        [{"a": 1.5, "b": [1, {"c": "é <x> \u2028"}]}, {"x": [], "y": {}}, None, "s"],
        [{"path": "caf\udce9.yaml"}],  # a file name that is not UTF-8 (msgspec refuses it)
    ):
        document: object = values
        for _ in range(depth - 1):
            document = [document]
        lines = json.dumps(document, indent=2, ensure_ascii=False).split("\n")
        expected = "\n".join(lines[depth:-depth]).encode("utf-8", "backslashreplace")
        assert items(values, depth, compiled) == expected
    assert items([], depth, compiled) == b""
