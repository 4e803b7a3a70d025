"""A progress bar while many files are linted, for people at a terminal only.

A bar helps a person waiting on a large directory; in a CI log, a pipe or a file it is noise
(and escape codes). So it appears only when standard error is a terminal, ``CI`` is not set,
``-q`` was not given, and more than :data:`THRESHOLD` files are linted. Rich is imported only
once a bar is actually drawn: the non-terminal path stays as lean as before.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TextIO

#: Files above which a bar is worth drawing; below it linting is over before one could help.
THRESHOLD = 20


def wanted(quiet: bool, stream: TextIO | None = None, env: Mapping[str, str] | None = None) -> bool:
    """Whether a bar may be drawn: a terminal, not CI, not quiet, not a dumb terminal."""
    stream = sys.stderr if stream is None else stream
    env = os.environ if env is None else env
    if quiet or env.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    if env.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


class TerminalProgress:
    """A transient rich progress bar on standard error, sized once the file count is known."""

    def __init__(self, threshold: int = THRESHOLD) -> None:
        self.threshold = threshold
        self._bar: Any = None
        self._task: Any = None

    def start(self, total: int) -> None:
        if total <= self.threshold:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self._bar = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
            # reports are written to standard output while files are linted: never through
            # the bar's console (that is standard error, and would re-wrap them)
            redirect_stdout=False,
        )
        self._bar.start()
        self._task = self._bar.add_task("Linting flows", total=total)

    def advance(self, path: str) -> None:
        if self._bar is not None:
            self._bar.update(self._task, advance=1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


@contextmanager
def progress_bar(quiet: bool) -> Iterator[TerminalProgress | None]:
    """A bar for :func:`darklint.engine.lint_paths` when :func:`wanted`, else None."""
    if not wanted(quiet):
        yield None
        return
    bar = TerminalProgress()
    try:
        yield bar
    finally:
        bar.close()
