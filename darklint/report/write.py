"""Write output files atomically, and only where an output belongs.

A reader never sees half a report, and a failed run never destroys the previous file: the
text goes to a temporary file in the same directory, which then replaces the target. Output
paths may come from a configuration file in a pull request, so a target is refused when it
exists and is not a regular file (a device such as ``/dev/null``, a directory, a pipe), and
when it is one of the run's inputs (a flow file, the configuration, the baseline read, a rule
file): a report must never replace what the user wrote.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Collection, Iterable, Iterator
from typing import TextIO


class OutputRefused(OSError):
    """A target darklint will not write; ``strerror`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.strerror = reason


def file_identities(paths: Iterable[str | os.PathLike[str]]) -> set[tuple[int, int]]:
    """(device, inode) of each path that exists: what :func:`write_atomic` compares targets
    with, so a hard link, a symlink or another spelling of an input is recognised too."""
    found = set()
    for path in paths:
        with contextlib.suppress(OSError, ValueError):
            info = os.stat(path)
            found.add((info.st_dev, info.st_ino))
    return found


def check_target(path: str, inputs: Collection[tuple[int, int]] = ()) -> None:
    """Raise :class:`OutputRefused` unless ``path`` may be written: it does not exist yet, or
    it is a regular file that is not one of ``inputs`` (from :func:`file_identities`)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise OutputRefused(error.strerror or str(error)) from None
    if not stat.S_ISREG(info.st_mode):
        raise OutputRefused(
            "not a regular file; darklint writes reports only to regular files "
            "(leave the path out to print to standard output)"
        )
    if (info.st_dev, info.st_ino) in inputs:
        raise OutputRefused("it is an input of this run; choose another output file")


def write_atomic(path: str, text: str, inputs: Collection[tuple[int, int]] = ()) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same directory and a rename,
    after :func:`check_target`. Text that cannot be encoded (a file name that is not UTF-8)
    is written as backslash escapes rather than failing."""
    with atomic_output(path, inputs) as out:
        out.write(text)


@contextlib.contextmanager
def atomic_output(path: str, inputs: Collection[tuple[int, int]] = ()) -> Iterator[TextIO]:
    """A text file to write an output into piece by piece: a temporary file in the target's
    directory that replaces ``path`` only when the block ends without an error (a report
    streamed as files finish is never seen half-written, and a failed run leaves the previous
    file). The same checks as :func:`write_atomic`, before and after writing."""
    check_target(path, inputs)
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".darklint-", suffix=".tmp", dir=directory)
    try:
        os.chmod(temp, _file_mode(path))
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        check_target(path, inputs)  # still true after the (slow) write: no swap in between
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _file_mode(path: str) -> int:
    """The mode the output should have: the existing file's, else what the umask allows
    (mkstemp creates 0600, which would hide a report from the rest of a team)."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
