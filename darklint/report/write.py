"""Write output files atomically: a reader never sees half a report, and a failed run never
destroys the previous file."""

from __future__ import annotations

import contextlib
import os
import tempfile


def write_atomic(path: str, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same directory and a rename."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".darklint-", suffix=".tmp", dir=directory)
    try:
        os.chmod(temp, _file_mode(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
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
