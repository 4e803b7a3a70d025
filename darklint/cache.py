"""A result cache: a file whose bytes and settings have not changed is not linted again.

A re-run after one file of a thousand changed should cost less than parsing the files at all.
The cache stores each file's result under a key made of everything that can change it: its
summary (counts, product), its :class:`~darklint.engine.FileReport` (findings, ignored
findings) and, once a JSON or SARIF report has been written, the findings as that report's
text, so a re-run writing JSON or SARIF copies text instead of rebuilding thousands of
findings (SARIF's text is used only from the working directory it was made in: it locates
files from there). The key covers:

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
code. The tag covers the key, the summary and the digests of the report and of its JSON
text; each of those is checked against its digest when it is read, so a run that needs only
the JSON text does not read the rest. A cache directory or database that is a symlink is
refused rather than followed.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from darklint import __version__
from darklint.classes import dataclass
from darklint.results import FileResult, FileSummary, JsonParts

if TYPE_CHECKING:
    from darklint.engine import FileReport, LintOptions

DATABASE = "results.sqlite3"
#: Bumped when the stored shape of a result changes (it is part of every key, and names the
#: table, so a store written by an older darklint is simply not read).
LAYOUT = 3
TABLE = f"results_v{LAYOUT}"
#: The outputs whose text for a file's findings is stored with it (a re-run writing them
#: copies the text): the JSON report's and SARIF's, each with its digest.
TEXTS = ("json", "sarif")
#: Results read from the store per query (a re-run reads its files in a few queries).
BATCH = 500
#: A result used less than this many seconds ago is not marked used again (pruning counts
#: in days; rewriting a thousand rows on every run costs more than the run's reading).
TOUCH_AFTER = 3600.0
#: Entries kept (a file's result is a few kilobytes); the least recently used go first.
MAX_ENTRIES = 20_000
#: Entries not used for this many seconds are dropped.
MAX_AGE = 14 * 24 * 3600
#: Seconds between two prunings of the store, unless a run stores this many results.
PRUNE_EVERY = 3600.0
PRUNE_AFTER_WRITING = 1000
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
        self._salted = hashlib.sha256(f"{self._salt}\0".encode())
        self._key = load_or_create_key()
        self._max_bytes = options.max_bytes
        try:  # built from type hints: a type msgspec cannot decode is a bug the tests catch
            _summary_decoder()  # (the reports' decoder is built when a report is first read)
        except (TypeError, ValueError) as error:
            raise CacheUnavailable(f"cannot decode stored reports: {error}") from None
        self._connection = self._open()
        self._stale: list[str] = []  # results read whose "used" time is old
        self._written = 0  # results stored by this run
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
        # A cache may lose its last write in a power cut (the run after lints again), never
        # its consistency: with WAL, NORMAL skips the flush to disk at every commit.
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute(
            # The large values last, the JSON text before the findings: SQLite reads a row's
            # values in order (through the pages of each large one), so pruning reads "used"
            # alone, and a run writing JSON reads the text without the findings.
            f"CREATE TABLE IF NOT EXISTS {TABLE} ("
            "key TEXT PRIMARY KEY, tag TEXT NOT NULL, summary BLOB NOT NULL, "
            "report_sha TEXT NOT NULL, json_sha TEXT NOT NULL, sarif_sha TEXT NOT NULL, "
            "used REAL NOT NULL, json BLOB, sarif BLOB, report BLOB NOT NULL)"
        )
        connection.execute("CREATE TABLE IF NOT EXISTS pruned (at REAL)")
        for older in ("results", "results_v2"):  # the layouts before this one
            connection.execute(f"DROP TABLE IF EXISTS {older}")
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
        try:  # non-blocking: a named pipe must not hang the run (it is no regular file)
            descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
        except (OSError, ValueError):
            return None
        try:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode) or info.st_size > self._max_bytes:
                return None
            data = _read_all(descriptor, self._max_bytes + 1)
        except OSError:
            return None
        finally:
            os.close(descriptor)
        digest = self._salted.copy()
        digest.update(f"{path}\0{int(explicit)}\0".encode("utf-8", "surrogateescape"))
        digest.update(data)
        return CacheKey(digest.hexdigest())

    def _tag(self, key: CacheKey, summary: bytes, report_sha: str, *text_shas: str) -> str:
        parts = (key.value.encode(), summary, report_sha.encode(), *(t.encode() for t in text_shas))
        return hmac.digest(self._key, b"\0".join(parts), "sha256").hex()

    # -- reading and writing ------------------------------------------------------------------

    def present(self, keys: Iterable[CacheKey]) -> set[str]:
        """The key values that have an entry (not yet verified: :meth:`fetch` does that)."""
        wanted = [k.value for k in keys]
        found: set[str] = set()
        try:
            for start in range(0, len(wanted), BATCH):
                batch = wanted[start : start + BATCH]
                marks = ",".join("?" * len(batch))
                rows = self._connection.execute(
                    f"SELECT key FROM {TABLE} WHERE key IN ({marks})", batch
                ).fetchall()
                found.update(value for (value,) in rows)
        except sqlite3.DatabaseError:
            return set()
        return found

    def fetch(
        self,
        keys: Sequence[CacheKey],
        paths: Sequence[str],
        report: bool = True,
        texts: Collection[str] = (),
        relint: Callable[[str], FileReport] | None = None,
    ) -> dict[str, FileResult | None]:
        """Verified results of ``keys`` (of the files ``paths``) by key value, in one query; a
        missing, forged or undecodable entry is absent. ``report``: decode the findings now,
        else only when an output asks for them (then an entry changed in between is linted
        again with ``relint``); ``texts``: read the findings' text for these outputs too
        (of :data:`TEXTS`)."""
        path_of = {k.value: p for k, p in zip(keys, paths, strict=True)}
        columns = "key, tag, summary, report_sha, json_sha, sarif_sha, used"
        columns += ", report" if report else ", NULL"
        columns += "".join(f", {name}" if name in texts else ", NULL" for name in TEXTS)
        found: dict[str, FileResult | None] = {}
        stale: list[str] = []
        marks = ",".join("?" * len(path_of))
        try:
            rows = self._connection.execute(
                f"SELECT {columns} FROM {TABLE} WHERE key IN ({marks})", list(path_of)
            ).fetchall()
        except sqlite3.DatabaseError:
            rows = []
        now = time.time()
        for value, tag, summary, report_sha, json_sha, sarif_sha, used, data, *text in rows:
            try:
                expected = self._tag(CacheKey(value), summary, report_sha, json_sha, sarif_sha)
                if not hmac.compare_digest(tag, expected):
                    continue
                shas = (json_sha, sarif_sha)
                result = self._result(path_of[value], summary, data, report_sha, text, shas)
            except (TypeError, ValueError, AttributeError, RecursionError):
                continue
            if result is not None and data is None:
                result.set_decoder(functools.partial(self._stored, value, report_sha, relint))
            found[value] = result
            if not isinstance(used, float) or used < now - TOUCH_AFTER:
                stale.append(value)
        self._stale.extend(stale)
        self.hits += len(found)
        return found

    @staticmethod
    def _result(
        path: str,
        summary: bytes,
        data: bytes | None,
        report_sha: str,
        texts: Sequence[bytes | None],
        text_shas: Sequence[str],
    ) -> FileResult | None:
        """One stored result, each part checked against the digest its tag covers."""
        if not isinstance(summary, bytes):
            raise ValueError("summary is not bytes")
        decoded = decode_summary(summary)
        if decoded is None:
            return None
        json = _parts(texts[0], text_shas[0])
        # SARIF locates files relative to the working directory: its text was made for the
        # one its digest names, and is of no use (not wrong) from another
        sarif = _parts(texts[1], text_shas[1], _here(), strict=False)
        if data is None:  # decoded when an output asks (:meth:`_stored`)
            return FileResult(path, decoded, json=json, sarif=sarif)
        if not isinstance(data, bytes) or _sha(data) != report_sha:
            raise ValueError("report does not match its digest")
        stored = decode_report(data)
        if stored is None:
            raise ValueError("a flow file's summary with no report")
        return FileResult(path, decoded, report=stored, json=json, sarif=sarif)

    def _stored(
        self, value: str, report_sha: str, relint: Callable[[str], FileReport] | None, path: str
    ) -> FileReport:
        """The findings of an entry whose tag :meth:`fetch` verified, read when an output
        first asks and checked against the digest that tag covers; linted afresh when the
        entry changed in between (another run replaced it) or cannot be read."""
        try:
            row = self._connection.execute(
                f"SELECT report FROM {TABLE} WHERE key = ?", (value,)
            ).fetchone()
            if row is None or not isinstance(row[0], bytes) or _sha(row[0]) != report_sha:
                raise ValueError("the stored report does not match its digest")
            stored = decode_report(row[0])
            if stored is None:
                raise ValueError("a flow file's summary with no report")
            return stored
        except (
            sqlite3.DatabaseError,
            sqlite3.ProgrammingError,
            TypeError,
            ValueError,
            RecursionError,
        ):
            if relint is None:
                raise
            return relint(path)

    def put_many(self, results: Iterable[tuple[CacheKey, FileResult | FileReport | None]]) -> None:
        """Store results in one transaction, then drop the least recently used above the cap."""
        now = time.time()
        rows = []
        for key, item in results:
            result = item if isinstance(item, FileResult) or item is None else FileResult.of(item)
            try:
                summary = encode_report(None if result is None else result.summary)
                data = (
                    result.packed
                    if result is not None and result.packed is not None
                    else encode_report(None if result is None else result.report)
                )
            except UnicodeEncodeError:  # a file name that is not UTF-8: linted every time
                continue
            texts = [
                None if part is None else b"\0".join(part)
                for part in ((None, None) if result is None else (result.json, result.sarif))
            ]
            shas = [
                "" if text is None else _sha(text, context)
                for text, context in zip(texts, (b"", _here()), strict=True)
            ]
            report_sha = _sha(data)
            tag = self._tag(key, summary, report_sha, *shas)
            rows.append((key.value, tag, summary, data, report_sha, *texts, *shas, now))
        if not rows:
            return
        try:
            with self._connection:
                self._connection.execute("BEGIN IMMEDIATE")
                self._connection.executemany(
                    f"INSERT OR REPLACE INTO {TABLE} (key, tag, summary, report, report_sha, "
                    "json, sarif, json_sha, sarif_sha, used) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
            self._written += len(rows)
        except sqlite3.DatabaseError:
            pass  # a cache that cannot be written only costs time on the next run

    def finish(self) -> None:
        """Mark the results read as used now (those not marked within the last hour); after
        a run that stored results, drop entries unused for :data:`MAX_AGE` and the least
        recently used above :data:`MAX_ENTRIES`, at most once every :data:`PRUNE_EVERY`
        seconds unless the run stored many (pruning reads every entry; a re-run that stored
        one result need not)."""
        if not self._stale and not self._written:
            return  # nothing to mark, and the store did not grow
        now = time.time()
        try:
            with self._connection:
                self._connection.execute("BEGIN IMMEDIATE")
                self._connection.executemany(
                    f"UPDATE {TABLE} SET used = ? WHERE key = ?", [(now, v) for v in self._stale]
                )
                if self._written >= PRUNE_AFTER_WRITING or self._prune_due(now):
                    self._connection.execute(
                        f"DELETE FROM {TABLE} WHERE used < ?", (now - MAX_AGE,)
                    )
                    self._connection.execute(
                        f"DELETE FROM {TABLE} WHERE key IN (SELECT key FROM {TABLE} "
                        "ORDER BY used DESC LIMIT -1 OFFSET ?)",
                        (MAX_ENTRIES,),
                    )
                    self._connection.execute("DELETE FROM pruned")
                    self._connection.execute("INSERT INTO pruned (at) VALUES (?)", (now,))
        except sqlite3.DatabaseError:
            pass
        self._stale = []

    def _prune_due(self, now: float) -> bool:
        """Whether the last pruning is over :data:`PRUNE_EVERY` seconds ago (or its time is
        missing, or in the future: the store is input too)."""
        row = self._connection.execute("SELECT max(at) FROM pruned").fetchone()
        at = row[0] if row else None
        return not isinstance(at, float) or not now - PRUNE_EVERY <= at <= now


def _read_all(descriptor: int, limit: int) -> bytes:
    """Up to ``limit`` bytes of an open file."""
    chunks = []
    while limit > 0:
        chunk = os.read(descriptor, min(limit, 1 << 24))
        if not chunk:
            break
        chunks.append(chunk)
        limit -= len(chunk)
    return b"".join(chunks)


def _parts(
    text: bytes | None, sha: str, context: bytes = b"", strict: bool = True
) -> JsonParts | None:
    """A stored text (findings and ignored findings, joined by a NUL) as the two parts, as
    views, not copies; checked against the digest its tag covers (made with ``context``
    before the text). A mismatch refuses the entry, or with ``strict`` off only the text."""
    if text is None:
        return None
    if not isinstance(text, bytes) or _sha(text, context) != sha:
        if strict:
            raise ValueError("stored text does not match its digest")
        return None
    cut = text.find(b"\0")
    if cut < 0:
        raise ValueError("stored text without its separator")
    view = memoryview(text)
    return JsonParts(view[:cut], view[cut + 1 :])


def _sha(data: bytes, context: bytes = b"") -> str:
    digest = hashlib.sha256(context)
    digest.update(data)
    return digest.hexdigest()


def _here() -> bytes:
    """The working directory, as what a SARIF text's digest is made with."""
    return os.getcwd().encode("utf-8", "surrogateescape") + b"\0"


# -- the stored shape ---------------------------------------------------------------------------


def encode_report(report: FileReport | FileSummary | None) -> bytes:
    """A file's report or summary as MessagePack (``nil``: a YAML file that is not a flow
    file)."""
    import msgspec

    return msgspec.msgpack.encode(report)


@functools.cache
def _decoder() -> Any:
    import msgspec

    from darklint.engine import FileReport

    return msgspec.msgpack.Decoder(FileReport | None)


@functools.cache
def _summary_decoder() -> Any:
    import msgspec

    return msgspec.msgpack.Decoder(FileSummary | None)


def decode_summary(data: bytes) -> FileSummary | None:
    """A stored summary, checked against its type like a report."""
    import msgspec

    try:
        return _summary_decoder().decode(data)
    except msgspec.DecodeError as error:
        raise ValueError(str(error)) from None


def decode_report(data: bytes) -> FileReport | None:
    """The result back, checked field by field against the dataclasses' types (msgspec), so
    stored data that does not fit is refused rather than handed to a reporter."""
    import msgspec

    try:
        return _decoder().decode(data)
    except msgspec.DecodeError as error:
        raise ValueError(str(error)) from None
