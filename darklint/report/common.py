"""Helpers the machine-readable reporters share: paths as CI tools want them, safe text.

CI systems resolve a finding's file against the repository root, with forward slashes, so
every CI format writes paths the same way; and labels come from flow files that anyone may
edit, so text bound for XML or a terminal log is cleaned of what those formats cannot carry.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from urllib.parse import quote

from darklint.engine import RunReport
from darklint.results import RunTally

#: Characters XML 1.0 forbids even when escaped (C0 controls but tab, CR, LF; surrogates;
#: U+FFFE and U+FFFF). YAML's "\x01" escape can put them in a label.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def display_path(path: str) -> str:
    """A file path relative to the working directory, with forward slashes.

    A path outside the working directory stays absolute: a relative ``../x`` would point CI
    tools at the wrong file.
    """
    if not path:
        return path
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return Path(absolute).as_posix()
    return Path(relative).as_posix()


def artifact_uri(path: str) -> tuple[str, bool]:
    """A URI for a file and whether it is relative to the working directory (%SRCROOT%)."""
    shown = display_path(path)
    if os.path.isabs(shown) or re.match(r"^[A-Za-z]:/", shown):
        return Path(shown).as_uri(), False
    return quote(shown, safe="/", errors="surrogateescape"), True  # a non-UTF-8 name: its bytes


def xml_text(text: str) -> str:
    """Text with the characters XML cannot carry replaced by U+FFFD."""
    return _XML_ILLEGAL.sub("\ufffd", text)


def severity_counts(report: RunReport) -> dict[str, int]:
    """Findings per severity, in the order reports show them."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in report.findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return counts


def summary_text(report: RunReport) -> str:
    """One line: how many findings of each severity, ignored, files and failed files."""
    return summary_line(
        severity_counts(report),
        len(report.files),
        len(report.ignored),
        len(report.baselined),
        len(report.failed_files),
    )


def tally_summary_text(tally: RunTally) -> str:
    """:func:`summary_text` from a streamed run's totals."""
    failed = len(tally.failed_files)
    return summary_line(tally.severity_counts(), len(tally.entries), tally.ignored, 0, failed)


def summary_line(counts: dict[str, int], files: int, ignored: int, known: int, failed: int) -> str:
    parts = [
        f"{counts['error']} error(s)",
        f"{counts['warning']} warning(s)",
        f"{counts['info']} info",
    ]
    line = f"darklint: {', '.join(parts)} in {files} file(s)"
    if ignored:
        line += f"; {ignored} ignored"
    if known:
        line += f"; {known} known from the baseline"
    if failed:
        line += f"; {failed} file(s) could not be linted"
    return line


def file_sha256(path: str) -> str:
    """The sha256 of a file's bytes, as ``sha256sum`` prints it; empty when unreadable."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 16), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()
