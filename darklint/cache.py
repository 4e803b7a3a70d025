"""A result cache: a file whose bytes and settings have not changed is not linted again.

A re-run after one file of a thousand changed should cost less than parsing the files at all.
The cache stores each file's :class:`~darklint.engine.FileReport` (findings, ignored findings,
counts) under a key made of everything that can change the result:

- the file's bytes and the path it is reported under (findings carry the path);
- the lint options: every selected rule with its severity, parameters and text (so a change
  to a rule file, a profile or the configuration is a different key), the effort weights and
  the size limit;
- darklint's version and the size and modification time of its own source files (so an
  edited checkout never reuses a result of the code before the edit).

One store for the whole cache (an SQLite database in ``.darklint_cache/``, with a
``.gitignore`` that keeps it out of version control): SQLite serialises concurrent writers and
detects a truncated or damaged file, which then counts as empty and is rebuilt.

**The cache is input too.** A pull request can commit a ``.darklint_cache`` directory, so a
stored result must never be trusted for what it says: every entry carries an HMAC made with a
key that lives outside the project (in the user's cache directory, created with mode 0600 on
first use). An entry whose tag does not verify, or whose data does not decode into findings,
is a miss and the file is linted as if the cache were empty. Results are plain data (MessagePack),
decoded into findings field by field and never unpickled, so reading the cache cannot run
code. A cache directory or database that is a symlink is refused rather than followed.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import sqlite3
import stat
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from darklint import __version__
from darklint.classes import dataclass

if TYPE_CHECKING:
    from darklint.engine import FileReport, LintOptions

DATABASE = "results.sqlite3"
#: Bumped when the stored shape of a result changes.
LAYOUT = 1
#: Entries kept (a file's result is a few kilobytes); the least recently used go first.
MAX_ENTRIES = 20_000
#: Entries not used for this many seconds are dropped.
MAX_AGE = 14 * 24 * 3600
#: Seconds an SQLite call waits for another darklint process holding the write lock.
BUSY_TIMEOUT = 10.0

GITIGNORE = "# Created by darklint: results of earlier runs, safe to delete.\n*\n"


class CacheUnavailable(Exception):
    """The cache cannot be used here (a symlink, no permission, a damaged store)."""


def user_key_file() -> Path:
    """Where the HMAC key lives: the user's cache directory, outside any project."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "darklint" / "cache-key"


def load_or_create_key(path: Path | None = None) -> bytes:
    """The secret that authenticates stored results; created (0600) on first use."""
    path = path or user_key_file()
    try:
        with open(path, "rb") as handle:
            key = handle.read(64)
        if len(key) >= 32:
            return key
    except OSError:
        pass
    key = os.urandom(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key)
        os.replace(temporary, path)
    except OSError as error:
        raise CacheUnavailable(f"cannot keep a cache key in {path.parent}: {error}") from None
    with open(path, "rb") as handle:  # another process may have won the race: use its key
        return handle.read(64)


def code_fingerprint() -> str:
    """darklint's version and the size and mtime of each of its source files."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*.py")):
        info = path.stat()
        digest.update(f"{path.relative_to(package)}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def options_fingerprint(options: LintOptions) -> str:
    """Everything in the lint options that can change a result, as one digest.

    The options are plain frozen data whose ``repr`` is deterministic (rules in catalog order,
    parameters as written), so the repr is the fingerprint: a field added to the options later
    is covered without touching this function.
    """
    return hashlib.sha256(repr(options).encode()).hexdigest()


@dataclass(frozen=True)
class CacheKey:
    """The key of one file's result: a digest of its bytes, path and the run's settings."""

    value: str


class ResultCache:
    """Stored results of earlier runs, keyed by file bytes, settings and darklint's code."""

    def __init__(self, directory: str | os.PathLike[str], options: LintOptions) -> None:
        self.directory = Path(directory)
        self._salt = f"{LAYOUT}\0{code_fingerprint()}\0{options_fingerprint(options)}"
        self._key = load_or_create_key()
        self._max_bytes = options.max_bytes
        try:  # built from the report's type hints: a type msgspec cannot decode is a bug
            _decoder()  # the tests catch; a user's run goes on without the cache
        except (TypeError, ValueError) as error:
            raise CacheUnavailable(f"cannot decode stored reports: {error}") from None
        self._connection = self._open()
        self.hits = 0
        self.misses = 0

    # -- the store ----------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        directory = self.directory
        try:
            if directory.is_symlink():
                raise CacheUnavailable(f"{directory} is a symlink; darklint does not follow it")
            new = not directory.exists()
            directory.mkdir(parents=True, exist_ok=True)
            if new:
                (directory / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
            database = directory / DATABASE
            if database.is_symlink() or (
                database.exists() and not stat.S_ISREG(database.stat().st_mode)
            ):
                raise CacheUnavailable(f"{database} is not a regular file")
        except OSError as error:
            raise CacheUnavailable(f"cannot use the cache in {directory}: {error}") from None
        try:
            return self._connect(database)
        except sqlite3.DatabaseError:  # truncated or overwritten: start afresh
            self._remove_store(database)
        try:
            return self._connect(database)
        except sqlite3.DatabaseError as error:
            raise CacheUnavailable(f"cannot create the cache: {error}") from None

    @staticmethod
    def _connect(database: Path) -> sqlite3.Connection:
        connection = sqlite3.connect(database, timeout=BUSY_TIMEOUT, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS results ("
            "key TEXT PRIMARY KEY, tag TEXT NOT NULL, data BLOB NOT NULL, used REAL NOT NULL)"
        )
        return connection

    @staticmethod
    def _remove_store(database: Path) -> None:
        for suffix in ("", "-wal", "-shm"):
            try:
                os.unlink(f"{database}{suffix}")
            except FileNotFoundError:
                pass
            except OSError as error:
                raise CacheUnavailable(f"cannot reset the damaged cache: {error}") from None

    def close(self) -> None:
        self._connection.close()

    # -- keys ---------------------------------------------------------------------------------

    def key_for(self, path: str, explicit: bool) -> CacheKey | None:
        """The key of a file as it is now; None when it is not a readable regular file within
        the size limit (such a file is linted every time: its DL001 costs nothing)."""
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode) or info.st_size > self._max_bytes:
                return None
            with open(path, "rb") as handle:
                data = handle.read(self._max_bytes + 1)
        except OSError:
            return None
        digest = hashlib.sha256()
        digest.update(f"{self._salt}\0{path}\0{int(explicit)}\0".encode("utf-8", "surrogateescape"))
        digest.update(data)
        return CacheKey(digest.hexdigest())

    def _tag(self, key: CacheKey, data: bytes) -> str:
        message = key.value.encode() + b"\0" + data
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    # -- reading and writing ------------------------------------------------------------------

    def get_many(self, keys: Sequence[CacheKey]) -> dict[str, FileReport | None]:
        """Verified results by key value; a missing, forged or undecodable entry is absent."""
        found: dict[str, FileReport | None] = {}
        wanted = [k.value for k in keys]
        try:
            for start in range(0, len(wanted), 500):
                batch = wanted[start : start + 500]
                marks = ",".join("?" * len(batch))
                rows = self._connection.execute(
                    f"SELECT key, tag, data FROM results WHERE key IN ({marks})", batch
                ).fetchall()
                for value, tag, data in rows:
                    if not isinstance(data, bytes) or not isinstance(tag, str):
                        continue
                    if not hmac.compare_digest(tag, self._tag(CacheKey(value), data)):
                        continue
                    try:
                        found[value] = decode_report(data)
                    except (ValueError, RecursionError):
                        continue
        except sqlite3.DatabaseError:
            return {}
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def put_many(self, results: Iterable[tuple[CacheKey, FileReport | None]]) -> None:
        """Store results in one transaction, then drop the least recently used above the cap."""
        now = time.time()
        rows = []
        for key, report in results:
            try:
                data = encode_report(report)
            except UnicodeEncodeError:  # a file name that is not UTF-8: linted every time
                continue
            rows.append((key.value, self._tag(key, data), data, now))
        try:
            with self._connection:
                self._connection.execute("BEGIN IMMEDIATE")
                self._connection.executemany(
                    "INSERT OR REPLACE INTO results (key, tag, data, used) VALUES (?, ?, ?, ?)",
                    rows,
                )
                self._connection.execute("DELETE FROM results WHERE used < ?", (now - MAX_AGE,))
                self._connection.execute(
                    "DELETE FROM results WHERE key IN (SELECT key FROM results "
                    "ORDER BY used DESC LIMIT -1 OFFSET ?)",
                    (MAX_ENTRIES,),
                )
        except sqlite3.DatabaseError:
            pass  # a cache that cannot be written only costs time on the next run

    def touch(self, keys: Iterable[CacheKey]) -> None:
        """Mark results as used now, so pruning keeps what is in use."""
        now = time.time()
        try:
            with self._connection:
                self._connection.execute("BEGIN IMMEDIATE")
                self._connection.executemany(
                    "UPDATE results SET used = ? WHERE key = ?", [(now, k.value) for k in keys]
                )
        except sqlite3.DatabaseError:
            pass


# -- the stored shape ---------------------------------------------------------------------------


def encode_report(report: FileReport | None) -> bytes:
    """A file's result as MessagePack (``nil``: a YAML file that is not a flow file)."""
    import msgspec

    return msgspec.msgpack.encode(report)


@functools.cache
def _decoder() -> Any:
    import msgspec

    from darklint.engine import FileReport

    return msgspec.msgpack.Decoder(FileReport | None)


def decode_report(data: bytes) -> FileReport | None:
    """The result back, checked field by field against the dataclasses' types (msgspec), so
    stored data that does not fit is refused rather than handed to a reporter."""
    import msgspec

    try:
        return _decoder().decode(data)
    except msgspec.DecodeError as error:
        raise ValueError(str(error)) from None
