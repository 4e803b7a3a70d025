"""Outputs written as files finish, so a run holds one file's findings at a time.

``darklint check`` hands each file's result (:class:`~darklint.results.FileResult`), in the
order of the report (by path), to one writer per output, and tells each writer the run's
totals (:class:`~darklint.results.RunTally`) at the end. A format whose text opens with
totals (the JSON summary, SARIF's rules before its results) keeps its findings' text in a
:class:`Spool` (memory while small, a temporary file beyond) and writes the opening once the
totals are known. A format that needs the whole run at once (HTML draws every product; the
evidence bundle lists every input first) is written by :class:`WholeReport`, which keeps the
run's reports and renders them at the end as before.

Each output goes to standard output or to a temporary file beside its target that replaces
the target only when the run is done (:func:`darklint.report.write.atomic_output`); an
output that cannot be written is reported and the others are still written.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any, BinaryIO, Protocol, TextIO

from darklint.report import REPORTERS, ReportContext
from darklint.results import FileResult, RunTally

#: Bytes kept in memory before a spool moves to a temporary file.
SPOOL_MEMORY = 1 << 20
#: Bytes copied from a spool at a time.
COPY_CHUNK = 1 << 20


class Writer(Protocol):
    """One output, written file by file."""

    def add(self, result: FileResult) -> None:
        """One file's result, in report order (by path)."""

    def finish(self, tally: RunTally, context: ReportContext) -> None:
        """The run is over: write what needs the totals (``context`` has the assessment)."""


class Spool:
    """UTF-8 text made now and copied into an output later: in memory up to
    :data:`SPOOL_MEMORY`, then in an anonymous temporary file."""

    def __init__(self, separator: bytes = b"") -> None:
        self.separator = separator
        self.empty = True
        self._memory: list[bytes | memoryview] = []
        self._size = 0
        self._file: BinaryIO | None = None

    def append(self, data: bytes | memoryview) -> None:
        """Add a piece (nothing for an empty one), after the separator if not the first."""
        if not data:
            return
        if not self.empty:
            self._put(self.separator)
        self._put(data)
        self.empty = False

    def _put(self, data: bytes | memoryview) -> None:
        if self._file is not None:
            self._file.write(data)
            return
        self._memory.append(data)
        self._size += len(data)
        if self._size > SPOOL_MEMORY:
            self._file = anonymous_file()
            self._file.writelines(self._memory)
            self._memory = []

    def copy_to(self, out: Callable[[bytes], Any]) -> None:
        """Write everything appended, in pieces, to ``out``; then forget it."""
        if self._file is None:
            out(b"".join(self._memory))
            self._memory = []
            return
        self._file.seek(0)
        while chunk := self._file.read(COPY_CHUNK):
            out(chunk)
        self._file.close()


def anonymous_file() -> BinaryIO:
    """A temporary file without a name (gone when closed or when the process ends): on Linux
    straight from the kernel (``O_TMPFILE``), elsewhere from :mod:`tempfile`, which costs a
    re-run more to import than the spooling itself."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is not None:
        try:
            directory = os.environ.get("TMPDIR") or "/tmp"
            descriptor = os.open(directory, flag | os.O_RDWR, 0o600)
            return os.fdopen(descriptor, "w+b", buffering=COPY_CHUNK)
        except OSError:
            pass
    import tempfile

    return tempfile.TemporaryFile(buffering=COPY_CHUNK)


class Sink:
    """Where one output's text goes: standard output, or a temporary file that replaces the
    target at the end. A failure to write is remembered (``error``), not raised: the other
    outputs still get written."""

    def __init__(
        self,
        target: str | None,
        inputs: Collection[tuple[int, int]],
        echo: Callable[[str | bytes], Any],
    ) -> None:
        self.target = target
        self.error: str | None = None
        self._stack = contextlib.ExitStack()
        self._echo = echo
        self._file: TextIO | None = None
        if target is not None:
            from darklint.report.write import atomic_output

            try:
                self._file = self._stack.enter_context(atomic_output(target, inputs))
            except OSError as error:
                self.error = error.strerror or str(error)

    def write(self, text: str) -> None:
        if self.error is not None or not text:
            return
        if self._file is None:
            self._echo(text)
            return
        try:
            self._file.write(text)
        except OSError as error:
            self._fail(error)

    def write_bytes(self, data: bytes) -> None:
        """UTF-8 text already encoded (a file's findings from the cache): written as they
        are where the output is UTF-8, decoded for a terminal that is not."""
        if self.error is not None or not data:
            return
        if self._file is None:
            self._echo(data if _utf8(sys.stdout) else data.decode("utf-8"))
            return
        try:
            self._file.flush()
            self._file.buffer.write(data)
        except OSError as error:
            self._fail(error)

    def close(self) -> None:
        """Put the output in place (or, after a failure, leave the target as it was)."""
        if self.error is not None:
            self._stack.close()
            return
        try:
            self._stack.close()
        except OSError as error:
            self.error = error.strerror or str(error)

    def discard(self, error: BaseException) -> None:
        """The run failed: remove the temporary file, leave the target as it was."""
        with contextlib.suppress(BaseException):
            self._stack.__exit__(type(error), error, error.__traceback__)

    def _fail(self, error: OSError) -> None:
        self.error = error.strerror or str(error)
        with contextlib.suppress(OSError):
            self._stack.__exit__(type(error), error, None)  # removes the temporary file


def _utf8(stream: Any) -> bool:
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        return False


class WholeReport:
    """A format written from the whole run at once: its reports are kept and rendered at the
    end, in the order the files were found, as without streaming."""

    def __init__(self, name: str, sink: Sink, position: dict[str, int]) -> None:
        self.name = name
        self.sink = sink
        self.position = position
        self.reports: list[tuple[int, Any]] = []

    def add(self, result: FileResult) -> None:
        self.reports.append((self.position[result.path], result.report))

    def finish(self, tally: RunTally, context: ReportContext) -> None:
        from darklint.engine import RunReport

        report = RunReport(
            files=[r for _, r in sorted(self.reports, key=lambda item: item[0])],
            skipped=tally.skipped,
        )
        module = importlib.import_module(REPORTERS[self.name])
        self.sink.write(module.render(report, context))


def open_writer(name: str, sink: Sink, context: ReportContext, position: dict[str, int]) -> Writer:
    """The writer of an output format: its own streaming writer when it has one
    (``stream(sink, context)`` in its module), else :class:`WholeReport`."""
    module = importlib.import_module(REPORTERS[name])
    stream = getattr(module, "stream", None)
    if stream is None:
        return WholeReport(name, sink, position)
    return stream(sink, context)


def needs_findings(writers: Collection[Writer]) -> bool:
    """Whether any writer reads finding objects (so results from the cache are decoded as
    they are read); a writer that works from a text the cache keeps names it in ``reads``."""
    return any(getattr(writer, "reads", None) is None for writer in writers)


def texts_read(writers: Collection[Writer]) -> set[str]:
    """The stored texts the writers can use instead of findings (``json``, ``sarif``)."""
    return {writer.reads for writer in writers if getattr(writer, "reads", None)}  # type: ignore[attr-defined]


def write_streamed(
    results: Iterable[tuple[str, FileResult | None]],
    writers: Sequence[Writer],
    position: dict[str, int],
    finish_context: Callable[[RunTally], ReportContext],
    verdicts: bool = False,
) -> RunTally:
    """Hand each result to every writer as it comes, count it, and finish the writers with
    the totals (and the context ``finish_context`` makes of them). ``verdicts``: keep each
    file's assessment verdicts for the assessment matrix."""
    tally = RunTally()
    for path, result in results:
        tally.add(position[path], path, None if result is None else result.summary)
        if result is None:
            continue
        if verdicts:
            tally.verdicts[path] = result.report.verdicts
        for writer in writers:
            writer.add(result)
    context = finish_context(tally)
    for writer in writers:
        writer.finish(tally, context)
    return tally
