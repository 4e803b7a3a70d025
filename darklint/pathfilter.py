"""``include`` / ``exclude`` globs: which files found in directories are linted.

A repository's YAML is not all flows: CI workflows, drafts, generated fixtures. A team names
what to skip (``exclude: [drafts, "**/*.draft.yaml"]``) or what to keep (``include:
[flows]``) once, in its configuration, instead of on every command line.

Patterns follow .gitignore habits people already know: a pattern without ``/`` matches the
name of the file or of any directory above it (``drafts`` skips everything under a ``drafts``
directory); a pattern with ``/`` matches the path relative to the configuration file's
directory (``flows/legacy/*.yaml``); ``*`` and ``?`` stay within one path segment, ``**``
crosses segments, ``[abc]`` is a character class. A directory that is excluded is not walked.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import field
from pathlib import Path
from typing import Any

from darklint.classes import dataclass


class GlobError(ValueError):
    """A glob that cannot be used; the message says why."""


def glob_regex(pattern: str) -> Any:
    """A glob as a regular expression over ``/``-separated paths, compiled by RE2.

    Globs come from a configuration, which may come from a pull request; translated to a
    backtracking engine, ``*a*a*a*a*b`` takes exponential time on a long file name. RE2
    matches in time linear in the path whatever the glob (call ``fullmatch``)."""
    import re2

    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1 : end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    options = re2.Options()
    options.log_errors = False
    try:
        return re2.compile("".join(out), options)
    except re2.error as error:
        reason = error.args[0] if error.args else error
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise GlobError(f"glob '{pattern}' cannot be used: {reason}") from None


@dataclass(frozen=True)
class Glob:
    """One pattern, compiled; ``anchored`` when it names a path rather than a name."""

    text: str
    regex: Any = field(compare=False)
    anchored: bool

    @classmethod
    def parse(cls, text: str) -> Glob:
        cleaned = text.strip().removeprefix("./").strip("/")
        anchored = "/" in cleaned
        return cls(text, glob_regex(cleaned), anchored)

    def matches(self, parts: Sequence[str]) -> bool:
        """Whether the pattern covers the path (given as segments) or a directory above it."""
        if not self.anchored:
            return any(self._fullmatch(part) for part in parts)
        return any(self._fullmatch("/".join(parts[: n + 1])) for n in range(len(parts)))

    def _fullmatch(self, text: str) -> bool:
        try:
            return self.regex.fullmatch(text) is not None
        except UnicodeEncodeError:  # a name that is not UTF-8: its odd bytes match no letter
            return (
                self.regex.fullmatch(
                    text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
                )
                is not None
            )


@dataclass(frozen=True)
class PathFilter:
    """Include and exclude globs, relative to ``base`` (the configuration's directory)."""

    base: Path
    include: tuple[Glob, ...] = ()
    exclude: tuple[Glob, ...] = ()

    @classmethod
    def from_globs(cls, base: Path, include: Sequence[str], exclude: Sequence[str]) -> PathFilter:
        return cls(
            base.resolve(),
            tuple(Glob.parse(g) for g in include),
            tuple(Glob.parse(g) for g in exclude),
        )

    def __bool__(self) -> bool:
        return bool(self.include or self.exclude)

    def parts(self, path: str) -> tuple[str, ...]:
        """The path's segments relative to the base; outside it, the segments as given."""
        full = os.path.abspath(path)
        try:
            relative = os.path.relpath(full, self.base)
        except ValueError:  # another drive on Windows
            relative = full
        if relative.startswith(".."):
            relative = path
        return tuple(p for p in Path(relative).as_posix().split("/") if p not in ("", "."))

    def accepts(self, path: str) -> bool:
        """Whether a file is linted: matched by an include (when there are any), no exclude."""
        parts = self.parts(path)
        if self.include and not any(g.matches(parts) for g in self.include):
            return False
        return not any(g.matches(parts) for g in self.exclude)

    def prunes(self, directory: str) -> bool:
        """Whether a directory is excluded outright, so walking it can be skipped."""
        parts = self.parts(directory)
        return bool(parts) and any(g.matches(parts) for g in self.exclude)
