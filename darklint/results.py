"""One file's result on its way to the outputs, and the tally of a run.

Outputs are written as files finish (:mod:`darklint.report.stream`), so a run never holds
every finding at once. What travels from the engine to the outputs is a :class:`FileResult`:
the file's :class:`~darklint.engine.FileReport`, or, for a result read back from the cache,
the means to decode it, plus what an output needs without any finding object: the counts
(:class:`FileSummary`) and, when known, the file's findings already written as JSON text. A
re-run that writes JSON from the cache then never builds a finding at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import TYPE_CHECKING, Any, NamedTuple

from darklint.classes import dataclass

if TYPE_CHECKING:
    from darklint.engine import FileReport


class FileSummary(NamedTuple):
    """What the summaries and the exit code need of one file: no finding objects."""

    product: str | None
    linted: bool
    flows: int
    steps: int
    errors: int
    warnings: int
    info: int
    ignored: int

    @classmethod
    def of(cls, report: FileReport) -> FileSummary:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in report.findings:
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
        return cls(
            report.product,
            report.linted,
            report.flows,
            report.steps,
            counts["error"],
            counts["warning"],
            counts["info"],
            len(report.ignored),
        )


class JsonParts(NamedTuple):
    """A file's findings and ignored findings as a JSON document writes them (the JSON
    report's findings, or SARIF's results), in UTF-8: each item indented for its place in the
    document, items joined by ``,\\n``; empty when there are none. Bytes, so a re-run copies
    them from the cache to the output without decoding."""

    findings: bytes | memoryview
    ignored: bytes | memoryview


class FileResult:
    """One file's result: its report (decoded on first use when it came from the cache), its
    summary, and its findings as JSON text once an output or the cache has made them."""

    __slots__ = ("_decode", "_report", "json", "packed", "path", "sarif", "summary")

    def __init__(
        self,
        path: str,
        summary: FileSummary,
        report: FileReport | None = None,
        decode: Callable[[str], FileReport] | None = None,
        json: JsonParts | None = None,
        sarif: JsonParts | None = None,
        packed: bytes | None = None,
    ) -> None:
        self.path = path
        #: The report as the cache stores it (MessagePack), when a worker process made it.
        self.packed = packed
        self.summary = summary
        self.json = json
        #: Its results as the SARIF log writes them, likewise.
        self.sarif = sarif
        self._report = report
        self._decode = decode

    @classmethod
    def of(cls, report: FileReport) -> FileResult:
        return cls(report.path, FileSummary.of(report), report=report)

    def set_decoder(self, decode: Callable[[str], FileReport]) -> None:
        """How to get the report when it is first asked for (given the file's path)."""
        self._decode = decode

    @property
    def report(self) -> FileReport:
        """The file's report with every finding, decoded now if it came from the cache."""
        if self._report is None:
            assert self._decode is not None, "a result with neither report nor decoder"
            self._report = self._decode(self.path)
            self._decode = None
        return self._report


@dataclass
class RunTally:
    """What the end of every output needs about the whole run, without its findings: the
    files in the order they were found, with their summaries, and the totals."""

    #: (position found, path, summary) of each flow file, linted or not.
    entries: list[tuple[int, str, FileSummary]] = field(default_factory=list)
    #: (position found, path) of each YAML file that is not a flow file.
    skipped_entries: list[tuple[int, str]] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    info: int = 0
    ignored: int = 0
    #: Per file, the assessment's verdicts (only with ``--assess``): path -> rule -> verdict.
    verdicts: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, position: int, path: str, summary: FileSummary | None) -> None:
        """Count one file (None: a YAML file that is not a flow file, skipped)."""
        if summary is None:
            self.skipped_entries.append((position, path))
            return
        self.entries.append((position, path, summary))
        self.errors += summary.errors
        self.warnings += summary.warnings
        self.info += summary.info
        self.ignored += summary.ignored

    @property
    def files(self) -> list[tuple[str, FileSummary]]:
        """The flow files in the order they were found (outputs list failed files so)."""
        return [(path, summary) for _, path, summary in sorted(self.entries)]

    @property
    def skipped(self) -> list[str]:
        return [path for _, path in sorted(self.skipped_entries)]

    @property
    def findings(self) -> int:
        return self.errors + self.warnings + self.info

    @property
    def failed_files(self) -> list[str]:
        return [path for path, summary in self.files if not summary.linted]

    @property
    def products(self) -> int:
        return sum(1 for _, _, summary in self.entries if summary.product is not None)

    def severity_counts(self) -> dict[str, int]:
        return {"error": self.errors, "warning": self.warnings, "info": self.info}
