"""Reading YAML safely into position-carrying nodes.

darklint never constructs Python objects from YAML tags: files are *composed* into nodes with
libyaml (``yaml.CSafeLoader``, the C parser) and only the standard scalar tags are ever turned
into values. Every node keeps its line and column, which is how findings point at the exact
place in the file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import field
from typing import Any

import yaml

from darklint.classes import dataclass
from darklint.model import Location
from darklint.safetext import clip

try:  # libyaml is the fast path; the pure-Python loader is kept as a fallback.
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

_STR_TAG, _SEQ_TAG, _MAP_TAG = (
    _BaseLoader.DEFAULT_SCALAR_TAG,
    _BaseLoader.DEFAULT_SEQUENCE_TAG,
    _BaseLoader.DEFAULT_MAPPING_TAG,
)
#: First characters of a plain scalar that some implicit resolver (int, bool, null, ...) may
#: match; a plain scalar starting with any other character is text.
_RESOLVED_STARTS = frozenset(k for k in _BaseLoader.yaml_implicit_resolvers if k is not None)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader, with the tag of most nodes found without its resolvers.

    The composer asks :meth:`resolve` for the tag of every node: a Python call that tries the
    regular expressions of each implicit resolver for the scalar's first character. Most of a
    flow file is words (``label``, ``screen``, ids and copy) that start with a character no
    resolver starts with, and mappings and lists, whose tag never depends on their place
    (no path resolvers are registered): their tags are answered at once, the same tags.
    """

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0] and (not value or value[0] in _RESOLVED_STARTS):
                return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]
            return _STR_TAG
        return _MAP_TAG if kind is yaml.MappingNode else _SEQ_TAG


if None in _BaseLoader.yaml_implicit_resolvers or _BaseLoader.yaml_path_resolvers:
    _Loader = _BaseLoader  # pragma: no cover - resolvers that need every scalar, or the path

#: Tags that only describe plain data. Anything else (``!!python/object``, ``!custom``) would
#: ask a YAML loader to build an object, and is reported instead.
SAFE_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary")
)

_constructor = yaml.constructor.SafeConstructor()


@dataclass(frozen=True)
class YamlProblem:
    """A problem found while reading the YAML text itself."""

    message: str
    location: Location


def location_of(node: yaml.Node, path: str) -> Location:
    """The 1-based position where a node starts."""
    mark = node.start_mark
    return Location(path, mark.line + 1, mark.column + 1)


def compose(text: str, path: str) -> tuple[yaml.Node | None, YamlProblem | None]:
    """Compose one YAML document into nodes, or say where and why it is not YAML."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path, 1, 1)
        what = error.problem or error.context or "cannot be read"
        if mark and 0 <= mark.index < len(text) and text[mark.index] == "\t":
            what += " (a tab: YAML indents with spaces only)"
        return None, YamlProblem(f"not valid YAML: {what}", where)
    except yaml.YAMLError as error:
        return None, YamlProblem(f"not valid YAML: {error}", Location(path, 1, 1))
    except RecursionError:
        return None, YamlProblem(
            "not valid YAML: nested too deeply to read; flatten the structure",
            Location(path, 1, 1),
        )
    finally:
        loader.dispose()
    return node, None


class BadScalar(ValueError):
    """A scalar whose text does not fit its explicit tag (``!!int abc``, ``!!bool maybe``)."""


def scalar_value(node: yaml.ScalarNode) -> object:
    """The plain value of a scalar with a standard tag (str, int, float, bool, null...).

    Raises :class:`BadScalar` when an explicit tag does not fit the text. The constructor's
    caches are emptied each time, so no node outlives the file it came from.
    """
    try:
        return _constructor.construct_object(node, deep=True)
    except Exception as error:  # PyYAML's constructors raise ValueError, KeyError, ...
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise BadScalar(f"'{node.value}' is not a valid {tag} value") from error
    finally:
        _constructor.constructed_objects.clear()
        _constructor.recursive_objects.clear()


def unsafe_tag(node: yaml.Node) -> str | None:
    """The tag of a node if it is not a plain-data tag, else None."""
    return None if node.tag in SAFE_TAGS else node.tag


#: Characters of a scalar that count as one node when aliases are measured.
SCALAR_UNIT = 100
#: Subtree sizes stop growing here, so a billion laughs never becomes a huge integer.
_SIZE_CEILING = 2**62


def alias_growth(root: yaml.Node, cap: int) -> int:
    """How many nodes aliases add when every alias is read in full (capped just above ``cap``).

    Counts each distinct node once with memoised subtree sizes, so a billion-laughs file is
    measured in time linear in its text, before any validation walks it. An alias that refers
    to a node containing itself counts as growth without bound. A long scalar counts one node
    per :data:`SCALAR_UNIT` characters: three thousand aliases of one megabyte of text are
    three gigabytes to read, quote and hash, however few nodes they are.
    """
    sizes: dict[int, int] = {}
    distinct = 0
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            children = []
        if children_done:
            open_nodes.discard(key)
            own = (
                1
                if children or not isinstance(node.value, str)
                else 1 + len(node.value) // SCALAR_UNIT
            )
            distinct += own
            sizes[key] = min(_SIZE_CEILING, own + sum(sizes[id(c)] for c in children))
            continue
        if key in open_nodes:  # reached again from inside itself: a recursive alias
            return cap + 1
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)
    return min(cap + 1, max(0, sizes[id(root)] - distinct))


#: Characters without which no node can carry a tag outside SAFE_TAGS: '!' starts every
#: explicit tag, and the others begin the plain scalars the resolver tags otherwise ('<<' is
#: merge, '=' is value). Read off the loader, so the shortcut below stays exact.
_TAG_SIGNS = frozenset(
    {"!"}
    | {
        first
        for first, resolvers in _Loader.yaml_implicit_resolvers.items()
        if any(tag not in SAFE_TAGS for tag, _ in resolvers)
    }
)


def may_have_unsafe_tags(text: str) -> bool:
    """False when no node of this text can have an unsafe tag, so :func:`unsafe_tags` need
    not walk the tree (a plain flow file has no '!', '<', '=', '&' or '*')."""
    return "" in _TAG_SIGNS or any(sign in text for sign in _TAG_SIGNS)


def may_alias(text: str) -> bool:
    """False when the text has no alias, so no node is shared and :func:`alias_growth` is 0:
    an alias is written ``*name`` and names an anchor written ``&name``."""
    return "*" in text and "&" in text


def each_node(root: yaml.Node) -> Iterator[yaml.Node]:
    """Every node of a tree in document order, each shared (aliased) node once: a walk is
    linear in the text, even for an alias bomb."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend((value, key))


def unsafe_tags(root: yaml.Node) -> list[tuple[str, yaml.Node]]:
    """Every node in the tree whose tag would construct an object, each shared node once."""
    return [(tag, node) for node in each_node(root) if (tag := unsafe_tag(node)) is not None]


# -- plain data: configuration, rule and profile files ----------------------------------------

#: A configuration, rule or profile file is a few levels deep and a few thousand values; more
#: is an alias bomb (a few lines that expand to billions of values).
MAX_DEPTH, MAX_NODES = 32, 100_000


class PlainDataError(ValueError):
    """A YAML file that is not plain data within bounds; the message names file, line, key."""


def where(path: object, key: str, lines: Mapping[str, int]) -> str:
    """``file:line: key`` for a message about a key (no line when it is not known)."""
    line = lines.get(key)
    location = f"{path}:{line}" if line else str(path)
    return f"{location}: {key}" if key else location


def compose_plain(text: str, source: str) -> yaml.Node | None:
    """One YAML document composed into nodes (None when empty); PlainDataError when it is
    not YAML. Nodes only: no object is built, so an alias bomb costs nothing yet."""
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise PlainDataError(f"{source}{line}: not valid YAML: {error.problem or error}") from None
    except yaml.YAMLError as error:
        raise PlainDataError(f"{source}: not valid YAML: {error}") from None
    except RecursionError:
        raise PlainDataError(f"{source}: not valid YAML: nested too deeply to read") from None
    finally:
        loader.dispose()


def read_plain(text: str, source: str, tags: frozenset[str] = SAFE_TAGS) -> Any:
    """A YAML file as dicts, lists and scalars (None when empty), within the bounds above:
    what darklint reads rule files and profiles with."""
    node = compose_plain(text, source)
    return None if node is None else PlainReader(source, {}, tags).read(node)


@dataclass
class PlainReader:
    """Nodes to dicts, lists and scalars, recording the line of every dotted key.

    Every alias is read in full, so the reader counts what it reads and stops at
    :data:`MAX_NODES` values or :data:`MAX_DEPTH` levels; keys must be plain scalars and
    unique, and only ``tags`` may appear (never one that would build an object)."""

    source: str
    lines: dict[str, int]
    tags: frozenset[str] = SAFE_TAGS
    nodes: int = field(default=0)

    def fail(self, key: str, problem: str) -> PlainDataError:
        return PlainDataError(f"{where(self.source, key, self.lines)}: {problem}")

    def read(self, node: yaml.Node, key: str = "", depth: int = 0) -> Any:
        if key:
            self.lines.setdefault(key, node.start_mark.line + 1)
        self.nodes += 1
        if depth > MAX_DEPTH or self.nodes > MAX_NODES:
            raise self.fail(key, "nested or repeated too deeply to read (an alias bomb?)")
        if node.tag not in self.tags:
            raise self.fail(key, f"YAML tag {node.tag} is not allowed")
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in self.tags:
                    raise self.fail(key, "keys must be plain words")
                name = str(self.scalar(key_node, key))
                dotted = f"{key}.{name}" if key else name
                if name in out:
                    line = key_node.start_mark.line + 1
                    raise PlainDataError(f"{self.source}:{line}: {dotted}: duplicate key")
                self.lines.setdefault(dotted, key_node.start_mark.line + 1)
                out[name] = self.read(value_node, dotted, depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.read(item, key, depth + 1) for item in node.value]
        return self.scalar(node, key)

    def scalar(self, node: yaml.Node, key: str) -> Any:
        if node.tag == _STR_TAG and isinstance(node, yaml.ScalarNode):
            return node.value  # what the constructor makes of text, without calling it
        try:
            return scalar_value(node)  # empties the constructor's cache after each node
        except (yaml.YAMLError, ValueError, TypeError):  # !!int abc, !!bool maybe
            raise self.fail(key, f"{clip(repr(node.value))} is not a valid value") from None
