"""Load flow files: read bytes, compose YAML nodes, validate them and build a Product.

Every problem becomes a :class:`LoadProblem` with file, line and column; nothing here raises
for bad input, so one broken file never stops the others from being linted.
"""

from __future__ import annotations

import os
import stat
from dataclasses import field

import yaml

from darklint.classes import dataclass
from darklint.load.direct import build_product
from darklint.load.targets import TargetOutline, target_outline
from darklint.load.validate import INVALID, BudgetExceeded, Validator
from darklint.load.yamlnodes import (
    SCALAR_UNIT,
    alias_growth,
    compose,
    location_of,
    may_alias,
    may_have_unsafe_tags,
    unsafe_tags,
)
from darklint.model import FORMAT_VERSIONS, Location, Product

#: Files above this size are not read. A flow file is kilobytes; the cap is where darklint still
#: keeps its promise for any file it accepts, the check and every output format in under 5 s
#: and 500 MB (docs/performance.md, "A file at the size cap"). --max-bytes or `max-bytes:`
#: raises it for whoever accepts the time.
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
#: What a flow file over the limit is told to do.
TOO_BIG = (
    "split it into one file per product, or raise the limit with --max-bytes N (or "
    "`max-bytes: N` in the configuration) and accept a longer run"
)
FORMAT_VERSION = 1  # the version `darklint init` writes and messages suggest
#: Nodes that anchors and aliases may add when read in full. Reusing a block of steps or fees
#: adds hundreds; an alias bomb adds billions from a few lines, and is refused before any work.
MAX_ALIAS_GROWTH = 100_000


@dataclass(frozen=True)
class LoadProblem:
    """Why a file could not be linted, and where."""

    message: str
    location: Location


@dataclass
class LoadResult:
    """A product, or the problems that kept the file from becoming one."""

    path: str
    product: Product | None = None
    problems: list[LoadProblem] = field(default_factory=list)
    #: False for a YAML file that is not a darklint file (skipped when found in a directory).
    is_flow_file: bool = True
    text: str = ""
    #: For a file that did not load: its step ids and targets, so that unknown targets are
    #: reported in the same run as its other problems (DL002 next to DL001).
    targets: TargetOutline | None = None


def read_text(
    path: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    what: str = "a flow file",
    too_big: str = TOO_BIG,
) -> tuple[str | None, LoadProblem | None]:
    """The file's text as UTF-8 (a BOM is allowed), or the reason it cannot be read.

    Only regular files are read, and at most ``max_bytes`` of them: ``what`` and
    ``too_big`` word the advice for other kinds of file (a baseline)."""
    start = Location(path, 1, 1)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block the run forever
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "a pipe, device or socket"
            return None, LoadProblem(f"not a regular file but {kind}; name {what}", start)
        size = info.st_size
        if size > max_bytes:
            return None, LoadProblem(
                f"file is {size:,} bytes, above the limit of {max_bytes:,}; {too_big}", start
            )
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
        if len(data) > max_bytes:  # grew since stat
            return None, LoadProblem(f"file is above the limit of {max_bytes:,} bytes", start)
    except OSError as error:
        return None, LoadProblem(f"cannot read the file: {error.strerror or error}", start)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return None, LoadProblem(
            f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8",
            Location(path, line, column),
        )
    problem = binary_problem(text, path)
    return (None, problem) if problem else (text, None)


def binary_problem(text: str, path: str) -> LoadProblem | None:
    """A NUL character: binary data, not a flow file."""
    if "\x00" in text:
        return LoadProblem("binary data, not a YAML text file", Location(path, 1, 1))
    return None


def declares_darklint(text: str) -> bool:
    """Whether some line starts with ``darklint:``: a broken file that was meant for us."""
    return any(line.startswith("darklint:") for line in text.splitlines())


def load_text(text: str, path: str) -> LoadResult:
    """Compose, validate and build one product from a file's text."""
    result = LoadResult(path, text=text)
    node, problem = compose(text, path)
    if problem is not None:
        result.problems.append(LoadProblem(problem.message, problem.location))
        result.is_flow_file = declares_darklint(text)
        return result
    if node is None:
        result.is_flow_file = False
        result.problems.append(
            LoadProblem(
                "the file is empty; a flow file starts with 'darklint: 1'", Location(path, 1, 1)
            )
        )
        return result
    if not isinstance(node, yaml.MappingNode):
        result.is_flow_file = declares_darklint(text)
        result.problems.append(
            LoadProblem(
                "the top level must be a mapping that starts with 'darklint: 1', "
                f"not a {'list' if isinstance(node, yaml.SequenceNode) else 'single value'}",
                location_of(node, path),
            )
        )
        return result
    for tag, tagged in unsafe_tags(node) if may_have_unsafe_tags(text) else ():
        result.problems.append(
            LoadProblem(
                f"the YAML tag '{tag.replace('tag:yaml.org,2002:', '!!')}' would construct an "
                "object; darklint reads plain data only: remove the tag",
                location_of(tagged, path),
            )
        )
    version_node = _top_level_value(node, "darklint")
    if version_node is None:
        result.is_flow_file = False
        result.problems.insert(
            0, LoadProblem("missing 'darklint: 1' at the top of the file", location_of(node, path))
        )
        return result
    version_problem = _version_problem(version_node)
    if version_problem is not None:
        result.problems.append(LoadProblem(version_problem, location_of(version_node, path)))
        return result
    if may_alias(text) and alias_growth(node, MAX_ALIAS_GROWTH) > MAX_ALIAS_GROWTH:
        result.problems.append(
            LoadProblem(
                f"anchors and aliases expand the file by more than {MAX_ALIAS_GROWTH:,} nodes "
                f"(a long text counts one per {SCALAR_UNIT} characters: an alias bomb, or an "
                "alias inside itself); write the flows out without nested aliases",
                location_of(node, path),
            )
        )
        return result
    if not result.problems:
        product = build_product(node, path)  # None: something for the validator to explain
        if product is not None:
            result.product = product
            return result
    validator = Validator(path)
    try:
        product = validator.build(Product, node, "the file", {"path": path})
    except BudgetExceeded:
        result.problems.append(
            LoadProblem(
                "the file expands to too many nodes (anchors and aliases repeated); "
                "write the flows out without nested aliases",
                location_of(node, path),
            )
        )
        return result
    except RecursionError:
        result.problems.append(
            LoadProblem("the file is nested too deeply to validate", location_of(node, path))
        )
        return result
    result.problems.extend(LoadProblem(m, loc) for m, loc in validator.problems)
    if product is not INVALID and not result.problems:
        result.product = product
    else:
        result.targets = target_outline(node, path)
    return result


def load_file(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadResult:
    """Load one file from disk; never raises for bad content."""
    text, problem = read_text(path, max_bytes)
    if problem is not None:
        return LoadResult(path, problems=[problem])
    assert text is not None
    return load_text(text, path)


def load_buffer(text: str, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadResult:
    """Load a text that is not (or not yet) on disk: an editor's buffer, standard input.

    The same limits apply as to a file: above ``max_bytes`` (as UTF-8) or with a NUL
    character, the text is refused before YAML reads it.
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        problem = LoadProblem(
            f"text is {size:,} bytes, above the limit of {max_bytes:,}; {TOO_BIG}",
            Location(path, 1, 1),
        )
        return LoadResult(path, problems=[problem], is_flow_file=declares_darklint(text))
    problem = binary_problem(text, path)
    if problem is not None:
        return LoadResult(path, problems=[problem])
    return load_text(text, path)


def _version_problem(node: yaml.Node) -> str | None:
    """Why the ``darklint:`` value is not a version this darklint reads, else None.

    A newer version (1.2, 2) gets "needs a newer darklint" rather than a list of the keys this
    darklint does not know, which is what such a file would otherwise produce.
    """
    text = node.value if isinstance(node, yaml.ScalarNode) else None
    if text in FORMAT_VERSIONS or text == "1.0":  # its type is the validator's to check
        return None
    readable = " and ".join(FORMAT_VERSIONS)
    if text is not None and _newer(text):
        return (
            f"unsupported format version '{text}': the file needs a newer darklint (this one "
            f"reads format {readable}); upgrade darklint (pip install -U darklint)"
        )
    shown = text if text is not None else "?"
    return (
        f"unsupported format version '{shown}'; this darklint reads format {readable}: "
        f"write 'darklint: {FORMAT_VERSION}' (or 'darklint: 1.1')"
    )


def _newer(text: str) -> bool:
    """Whether a version number is above every version this darklint reads (1.2, 2, 2.0)."""
    major, _, minor = text.partition(".")
    if not (major.isascii() and major.isdigit()) or (minor and not minor.isdigit()):
        return False
    newest_major, _, newest_minor = FORMAT_VERSIONS[-1].partition(".")
    return (int(major), int(minor or 0)) > (int(newest_major), int(newest_minor or 0))


def _top_level_value(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    return None
