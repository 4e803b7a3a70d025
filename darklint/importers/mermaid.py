"""Read a Mermaid flowchart (a ``.mmd`` file or fenced blocks in Markdown) as a flow file.

Mermaid's grammar has no maintained Python parser, so darklint reads an exact, documented
subset of it (docs/mermaid.md) and reports everything else at its file, line and column
instead of guessing: a silently dropped arrow would be a missing way out of a flow.

The chart becomes YAML *nodes* positioned in the chart, then the flow-file validator reads
them, so a wrong kind or a misspelt key in an annotation is reported exactly where it is
written, with the same messages as in a flow file. In the chart:

- a ``subgraph`` is a flow (no subgraph: the whole chart is one flow); its first node is
  the start, nodes are steps and labelled arrows are actions;
- ``-->`` is an action of secondary emphasis, ``==>`` primary, ``-.->`` a text link;
- a node class named like a step kind, outcome, channel or hours value sets it
  (``call:::agent``, ``class call phone``);
- ``%% darklint:`` comments carry the rest, in the flow format's own keys, as YAML flow
  mappings: ``%% darklint: step call {wait_minutes: 25, hours: business}``,
  ``%% darklint: flow cancel {kind: cancel}``, ``%% darklint: link {fees: [...]}`` (for the
  arrows of the statement just before) and ``%% darklint: product {product: Acme}``.
"""

from __future__ import annotations

import html
import re
import typing
from dataclasses import field
from pathlib import PurePath

import yaml

from darklint import model
from darklint.classes import dataclass
from darklint.load.validate import INVALID, Validator
from darklint.load.yamlnodes import compose, location_of, may_alias, unsafe_tags
from darklint.model import Location

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"

#: Node classes that set a step key: class name -> (key, value).
CLASS_KEYS: dict[str, tuple[str, str]] = {
    **{value: ("kind", value) for value in typing.get_args(model.StepKind)},
    **{value: ("outcome", value) for value in typing.get_args(model.Outcome)},
    **{value: ("channel", value) for value in typing.get_args(model.Channel)},
    **{value: ("hours", value) for value in typing.get_args(model.Hours)},
}
#: Arrows a chart may draw: far beyond any product's flows, short of a '&' explosion.
MAX_LINKS = 100_000
ARROW_EMPHASIS = {"-->": "secondary", "==>": "primary", "-.->": "link"}

_HEADER = re.compile(r"(?:flowchart|graph)(?:\s+(TB|TD|BT|RL|LR))?\s*;?\s*$")
_ID = re.compile(r"[A-Za-z0-9_]+(?:-(?=[A-Za-z0-9_])[A-Za-z0-9_]+)*")
_SAFE_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*\Z")
#: Words Mermaid reads as keywords where a node id could stand.
RESERVED = frozenset(
    [
        "end",
        "subgraph",
        "graph",
        "flowchart",
        "style",
        "linkStyle",
        "classDef",
        "class",
        "click",
        "call",
        "href",
        "default",
        "direction",
        "accTitle",
        "accDescr",
    ]
)
#: Shapes by opening bracket, longest first: (open, close).
_SHAPES = [
    ("([", "])"),
    ("[[", "]]"),
    ("[(", ")]"),
    ("((", "))"),
    ("{{", "}}"),
    ("[/", "/]"),
    ("[\\", "\\]"),
    ("[", "]"),
    ("(", ")"),
    ("{", "}"),
    (">", "]"),
]
_PLAIN_ARROW = re.compile(r"(-{2,}>|={2,}>|-\.+->)")
#: Arrows with their label between the lines: opener -> the closer that ends the label.
_WORDED = {"--": "-->", "==": "==>", "-.": ".->"}
_NO_ARROW = re.compile(r"(<-+|<=+|-{3,}(?!>)|={3,}(?!>)|-\.+-(?!>)|-{2,}[ox]\b|={2,}[ox]\b)")
_ENTITY = re.compile(r"#(\w+);")
_ANNOTATION = re.compile(r"%%\s*darklint:\s*(.*)$")
_TARGET = re.compile(r"(product|link|flow|step)\b\s*(?:([A-Za-z0-9_-]+)\s*)?")
_FENCE = re.compile(r"^(\s{0,3})(`{3,}|~{3,})\s*mermaid\s*$")
_IGNORED = ("classDef", "style", "linkStyle", "accTitle", "accDescr", "direction")


class MermaidError(Exception):
    """A problem in the chart, at a position."""

    def __init__(self, message: str, location: Location) -> None:
        super().__init__(message)
        self.message = message
        self.location = location


@dataclass
class _Node:
    id: str
    location: Location
    subgraph: str | None
    classes: list[tuple[str, Location]] = field(default_factory=list)


@dataclass
class _Link:
    source: str
    target: str
    label: str | None
    arrow: str
    location: Location
    annotation: yaml.MappingNode | None = None


@dataclass
class _Subgraph:
    id: str
    location: Location
    nodes: list[str] = field(default_factory=list)


@dataclass
class _Annotation:
    node: yaml.MappingNode
    location: Location


@dataclass
class Chart:
    """What the flowcharts of one file say, in the order they say it."""

    path: str
    nodes: dict[str, _Node] = field(default_factory=dict)
    links: list[_Link] = field(default_factory=list)
    subgraphs: dict[str, _Subgraph] = field(default_factory=dict)
    product: _Annotation | None = None
    flows: dict[str, _Annotation] = field(default_factory=dict)
    steps: dict[str, _Annotation] = field(default_factory=dict)
    problems: list[tuple[str, Location]] = field(default_factory=list)
    charts: int = 0


# -- reading lines -----------------------------------------------------------------------------


def mermaid_blocks(text: str, markdown: bool) -> list[tuple[int, list[str]]]:
    """(number of the first line, lines) of each chart: the whole file, or each fenced
    ```mermaid block of a Markdown file."""
    lines = text.split("\n")
    if not markdown:
        return [(1, lines)]
    blocks = []
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        index += 1
        if not match:
            continue
        fence, first, body = match.group(2), index + 1, []
        while index < len(lines) and not lines[index].strip().startswith(fence):
            body.append(lines[index])
            index += 1
        index += 1
        blocks.append((first, body))
    return blocks


def decode(label: str) -> str:
    """A Mermaid label as text: entity codes (``#quot;``, ``#35;``) decoded, spaces joined."""

    def entity(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.isdigit():
            number = int(name)
            return chr(number) if 0 < number < 0x110000 else match.group(0)
        decoded = html.unescape(f"&{name};")
        return match.group(0) if decoded.startswith("&") else decoded

    label = re.sub(r"<br\s*/?>", " ", label, flags=re.IGNORECASE)
    return " ".join(_ENTITY.sub(entity, label).split())


class _Reader:
    """Reads the statements of one chart into a :class:`Chart`."""

    def __init__(self, chart: Chart, first_line: int) -> None:
        self.chart = chart
        self.first_line = first_line
        self.subgraph: _Subgraph | None = None
        self.last_links: list[_Link] = []

    def at(self, line: int, column: int) -> Location:
        return Location(self.chart.path, self.first_line + line, column + 1)

    def read(self, lines: list[str]) -> None:
        started = False
        in_front_matter = False
        for number, raw in enumerate(lines):
            stripped = raw.strip()
            indent = len(raw) - len(raw.lstrip())
            if not started and number == 0 and stripped == "---":
                in_front_matter = True
                continue
            if in_front_matter:
                in_front_matter = stripped != "---"
                continue
            if not stripped:
                continue
            try:
                if stripped.startswith("%%"):
                    self.comment(stripped, number, indent)
                elif not started:
                    if not _HEADER.match(stripped):
                        raise MermaidError(
                            "a darklint chart starts with 'flowchart TD' (or 'graph', with "
                            "TB, TD, BT, RL or LR); other Mermaid diagrams are not flows",
                            self.at(number, indent),
                        )
                    started = True
                else:
                    self.statement(stripped.rstrip(";").rstrip(), number, indent)
            except MermaidError as error:
                self.chart.problems.append((error.message, error.location))
        if in_front_matter:
            self.chart.problems.append(
                ("the front matter that starts on line 1 never ends with '---'", self.at(0, 0))
            )
        if self.subgraph is not None:
            self.chart.problems.append(
                (f"subgraph '{self.subgraph.id}' is never closed; add 'end'",
                 self.subgraph.location)
            )  # fmt: skip
        if not started and not self.chart.problems:
            self.chart.problems.append(("the chart is empty; start it with 'flowchart TD'",
                                        self.at(0, 0)))  # fmt: skip

    # -- comments and annotations ----------------------------------------------------------

    def comment(self, text: str, line: int, indent: int) -> None:
        match = _ANNOTATION.match(text)
        if match is None:
            return  # a plain comment, or a %%{init: ...}%% directive: nothing for a flow
        body = match.group(1)
        body_column = indent + match.start(1)
        where = self.at(line, body_column)
        target = _TARGET.match(body)
        if target is None:
            raise MermaidError(
                "an annotation names what it is about: '%% darklint: step ID {...}', "
                "'flow ID {...}', 'link {...}' or 'product {...}'",
                where,
            )
        what, ident = target.group(1), target.group(2)
        if (what in ("step", "flow")) != (ident is not None):
            need = "needs the id of the " + what if ident is None else "takes no id"
            raise MermaidError(f"'{what}' annotation {need}", where)
        mapping = self.annotation_mapping(body[target.end() :], line, body_column + target.end())
        annotation = _Annotation(mapping, where)
        if what == "product":
            if self.chart.product is not None:
                raise MermaidError("a second 'product' annotation; write one per file", where)
            self.chart.product = annotation
        elif what == "flow":
            self.keep(self.chart.flows, ident, annotation, "flow")
        elif what == "step":
            self.keep(self.chart.steps, ident, annotation, "step")
        else:
            if len(self.last_links) != 1:
                raise MermaidError(
                    "a 'link' annotation describes the one arrow of the statement just before "
                    f"it; that statement has {len(self.last_links)}: write one arrow per line",
                    where,
                )
            if self.last_links[0].annotation is not None:
                raise MermaidError("this arrow already has a 'link' annotation", where)
            self.last_links[0].annotation = mapping

    def keep(self, into: dict[str, _Annotation], ident: str, annotation: _Annotation, what: str):
        if ident in into:
            first = into[ident].location.line
            raise MermaidError(
                f"a second annotation for {what} '{ident}' (the first is on line {first}); "
                "merge them into one",
                annotation.location,
            )
        into[ident] = annotation

    def annotation_mapping(self, text: str, line: int, column: int) -> yaml.MappingNode:
        """The YAML flow mapping of an annotation, its nodes positioned in the chart."""
        stripped = text.lstrip()
        column += len(text) - len(stripped)
        where = self.at(line, column)
        if not stripped.startswith("{"):
            raise MermaidError(
                "write the annotation's facts as a YAML flow mapping: {kind: agent, "
                "channel: phone}",
                where,
            )
        if may_alias(stripped):
            raise MermaidError("anchors and aliases are not supported in annotations", where)
        # Padding puts every node at its line and column in the chart.
        padded = "\n" * (self.first_line + line - 1) + " " * column + stripped
        node, problem = compose(padded, self.chart.path)
        if problem is not None:
            raise MermaidError(f"annotation: {problem.message}", problem.location)
        if not isinstance(node, yaml.MappingNode):
            raise MermaidError("an annotation must be a mapping: {key: value, ...}", where)
        for tag, tagged in unsafe_tags(node):
            raise MermaidError(
                f"the YAML tag '{tag.replace('tag:yaml.org,2002:', '!!')}' would construct an "
                "object; darklint reads plain data only: remove the tag",
                location_of(tagged, self.chart.path),
            )  # fmt: skip
        return node

    # -- statements --------------------------------------------------------------------------

    def statement(self, text: str, line: int, indent: int) -> None:
        word = text.split(None, 1)[0]
        where = self.at(line, indent)
        if word == "subgraph":
            self.open_subgraph(text, line, indent)
        elif text == "end":
            if self.subgraph is None:
                raise MermaidError("'end' without a subgraph to close", where)
            self.subgraph = None
        elif word == "class":
            self.class_statement(text, line, indent)
        elif word.startswith(_IGNORED) and (word in _IGNORED or word.rstrip(":") in _IGNORED):
            return  # styling and accessibility text: nothing about the flow
        elif word in ("click", "call", "href"):
            raise MermaidError("'click' (links and callbacks) is not supported", where)
        else:
            self.last_links = self.chain(text, line, indent)

    def open_subgraph(self, text: str, line: int, indent: int) -> None:
        where = self.at(line, indent)
        if self.subgraph is not None:
            raise MermaidError(
                "nested subgraphs are not supported: each subgraph is one flow", where
            )
        rest = text[len("subgraph") :].strip()
        match = _ID.match(rest)
        tail = rest[match.end() :].strip() if match else rest
        if match is None or (tail and not self.is_title(tail)):
            raise MermaidError(
                "write a subgraph as 'subgraph ID' or 'subgraph ID [title]', where ID becomes "
                "the flow's id",
                where,
            )
        ident = match.group(0)
        if ident in self.chart.subgraphs:
            raise MermaidError(f"a second subgraph '{ident}'; flow ids are unique", where)
        self.subgraph = _Subgraph(ident, self.at(line, indent + len(text) - len(rest)))
        self.chart.subgraphs[ident] = self.subgraph

    @staticmethod
    def is_title(text: str) -> bool:
        return text.startswith("[") and text.endswith("]") and "]" not in text[1:-1]

    def class_statement(self, text: str, line: int, indent: int) -> None:
        parts = text.split()
        if len(parts) != 3:
            raise MermaidError("write 'class ID1,ID2 className'", self.at(line, indent))
        column = indent + text.index(parts[2], len("class ") + len(parts[1]))
        for ident in parts[1].split(","):
            if ident in self.chart.subgraphs:
                continue  # a class on a subgraph only styles it
            self.node(ident, line, indent + text.index(parts[1])).classes.append(
                (parts[2], self.at(line, column))
            )

    def node(self, ident: str, line: int, column: int) -> _Node:
        """The node with this id, created (in the current subgraph) at its first mention."""
        where = self.at(line, column)
        if ident in RESERVED:
            raise MermaidError(
                f"'{ident}' is a Mermaid keyword and cannot be a node id; rename the node", where
            )
        known = self.chart.nodes.get(ident)
        here = self.subgraph.id if self.subgraph else None
        if known is None:
            known = _Node(ident, where, here)
            self.chart.nodes[ident] = known
            if self.subgraph is not None:
                self.subgraph.nodes.append(ident)
        elif here is not None and known.subgraph != here:
            raise MermaidError(
                f"node '{ident}' is already in "
                + (f"subgraph '{known.subgraph}'" if known.subgraph else "no subgraph")
                + f" (line {known.location.line}); a step belongs to one flow: write links "
                "between flows outside the subgraphs",
                where,
            )
        return known

    def chain(self, text: str, line: int, indent: int) -> list[_Link]:
        """``a[x] -->|go| b & c ==> d``: the nodes and arrows of one statement."""
        position = 0
        groups: list[list[str]] = []
        arrows: list[tuple[str, str | None, int]] = []
        while True:
            group, position = self.node_group(text, position, line, indent)
            groups.append(group)
            position = _skip_space(text, position)
            if position >= len(text):
                break
            arrows.append(self.arrow(text, position, line, indent))
            position = arrows[-1][2]
        links = []
        location = self.at(line, indent)
        for (arrow, label, _), sources, targets in zip(arrows, groups, groups[1:], strict=False):
            sources, targets = list(dict.fromkeys(sources)), list(dict.fromkeys(targets))
            if len(self.chart.links) + len(links) + len(sources) * len(targets) > MAX_LINKS:
                raise MermaidError(
                    f"the chart draws more than {MAX_LINKS:,} arrows ('a & b --> c & d' "
                    "draws one per pair); no product flow has that many actions",
                    location,
                )
            links += [_Link(s, t, label, arrow, location) for s in sources for t in targets]
        self.chart.links.extend(links)
        return links

    def node_group(self, text: str, position: int, line: int, indent: int):
        names = []
        while True:
            position = _skip_space(text, position)
            name, position = self.one_node(text, position, line, indent)
            names.append(name)
            after = _skip_space(text, position)
            if after < len(text) and text[after] == "&":
                position = after + 1
                continue
            return names, position

    def one_node(self, text: str, position: int, line: int, indent: int) -> tuple[str, int]:
        column = indent + position
        match = _ID.match(text, position)
        if match is None:
            raise MermaidError(
                f"expected a node id at '{_excerpt(text[position:])}'", self.at(line, column)
            )
        ident = match.group(0)
        position = match.end()
        if text.startswith("@{", position):
            raise MermaidError(
                "the 'id@{ shape: ... }' syntax is not supported; write id[label], id(label) "
                "or id{label}",
                self.at(line, indent + position),
            )
        node = self.node(ident, line, column)
        for opener, closer in _SHAPES:
            if text.startswith(opener, position):
                position = self.shape_label(text, position + len(opener), closer, line, indent)
                break
        if text.startswith(":::", position):
            match = re.compile(r"[A-Za-z0-9_-]+").match(text, position + 3)
            if match is None:
                raise MermaidError("a class name follows ':::'", self.at(line, indent + position))
            node.classes.append((match.group(0), self.at(line, indent + position + 3)))
            position = match.end()
        return ident, position

    def shape_label(self, text: str, position: int, closer: str, line: int, indent: int) -> int:
        """Skip a node's label (it is for readers: the step's facts are in annotations)."""
        where = self.at(line, indent + position)
        if text.startswith('"', position):
            end = text.find('"', position + 1)
            if end < 0:
                raise MermaidError('the quoted label never ends: add "', where)
            if not text.startswith(closer, end + 1):
                raise MermaidError(f"expected '{closer}' after the quoted label", where)
            return end + 1 + len(closer)
        end = text.find(closer, position)
        if end < 0:
            raise MermaidError(f"the label never ends: add '{closer}'", where)
        if any(c in text[position:end] for c in '[]{}()"|'):
            raise MermaidError(
                'a label with brackets, braces, quotes or | must be quoted: id["label"]', where
            )
        return end + len(closer)

    def arrow(self, text: str, position: int, line: int, indent: int):
        where = self.at(line, indent + position)
        plain = _PLAIN_ARROW.match(text, position)
        worded = _worded_arrow(text, position) if plain is None else None
        if plain is None and worded is None:
            bad = _NO_ARROW.match(text, position)
            if bad is not None:
                raise MermaidError(
                    f"'{bad.group(0)}' is not an arrow darklint reads: an action goes one way, "
                    "written -->, ==> or -.-> (lines without a head, circles, crosses and "
                    "two-way arrows are not supported)",
                    where,
                )
            raise MermaidError(
                f"expected an arrow (-->, ==> or -.->) at '{_excerpt(text[position:])}'", where
            )
        if plain is not None:
            arrow, label, position = _arrow_kind(plain.group(1)), None, plain.end()
        else:
            assert worded is not None
            arrow, label, position = worded
        after = _skip_space(text, position)
        if after < len(text) and text[after] == "|":
            if label is not None:
                raise MermaidError("an arrow has one label: text or |label|, not both", where)
            end = text.find("|", after + 1)
            if end < 0:
                raise MermaidError("the |label| never ends: add '|'", self.at(line, indent + after))
            label = text[after + 1 : end].strip()
            if len(label) >= 2 and label[0] == '"' and label[-1] == '"':
                label = label[1:-1]
            position = end + 1
        return arrow, None if label is None else decode(label), position


def _arrow_kind(token: str) -> str:
    if token.startswith("="):
        return "==>"
    return "-.->" if "." in token else "-->"


def _worded_arrow(text: str, position: int) -> tuple[str, str, int] | None:
    """``-- label -->``, ``== label ==>``, ``-. label .->``: (arrow, label, end), found with
    one linear search (a pattern here would backtrack on a long run of dashes)."""
    opener = text[position : position + 2]
    closer = _WORDED.get(opener)
    if closer is None or text[position + 2 : position + 3] in ("-", "=", ".", ">"):
        return None
    end = text.find(closer, position + 2)
    if end < 0:
        return None
    label = text[position + 2 : end].strip().rstrip(opener[0]).strip()  # '-- go --->'
    return _arrow_kind(closer), label, end + len(closer)


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t":
        position += 1
    return position


def _excerpt(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "…"


# -- from chart to flow-file nodes ---------------------------------------------------------


def _mark(location: Location) -> yaml.Mark:
    return yaml.Mark(location.path, 0, location.line - 1, location.column - 1, None, None)


def _scalar(value: str, location: Location, tag: str = _STR) -> yaml.ScalarNode:
    mark = _mark(location)
    return yaml.ScalarNode(tag, value, mark, mark)


def _mapping(
    pairs: list[tuple[str | yaml.ScalarNode, yaml.Node]], location: Location
) -> yaml.MappingNode:
    """A mapping node; plain-text keys are placed at the mapping's own location."""
    mark = _mark(location)
    value = [(_scalar(k, location) if isinstance(k, str) else k, v) for k, v in pairs]
    return yaml.MappingNode("tag:yaml.org,2002:map", value, mark, mark)


def _take(mapping: yaml.MappingNode | None, key: str) -> yaml.Node | None:
    """Remove and return the value of ``key`` (darklint's own annotation keys such as id)."""
    if mapping is None:
        return None
    for index, (key_node, value) in enumerate(mapping.value):
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            del mapping.value[index]
            return value
    return None


def _forbid(mapping: yaml.MappingNode | None, keys: tuple[str, ...], why: str, path: str) -> None:
    for key_node, _ in mapping.value if mapping else ():
        if isinstance(key_node, yaml.ScalarNode) and key_node.value in keys:
            raise MermaidError(
                f"'{key_node.value}' cannot be annotated: {why}",
                location_of(key_node, path),
            )  # fmt: skip


def _has(mapping: yaml.MappingNode | None, key: str) -> yaml.Node | None:
    for key_node, value in mapping.value if mapping else ():
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value
    return None


def _id_from(node: yaml.Node | None, default: str, path: str, allow_dot: bool = False) -> str:
    if node is None:
        return default
    where = location_of(node, path)
    if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
        raise MermaidError("'id' must be text", where)
    if node.value.count(".") > (1 if allow_dot else 0):
        raise MermaidError(
            "an id contains no '.' (a step outside this chart is written 'flow.step')", where
        )
    return node.value


def chart_nodes(chart: Chart) -> yaml.MappingNode:
    """The chart as the node tree of a flow file (raises MermaidError on the first problem)."""
    for ident, annotation in chart.steps.items():
        if ident not in chart.nodes:
            raise MermaidError(f"annotation for step '{ident}', but no node has that id",
                               annotation.location)  # fmt: skip
    if chart.subgraphs:
        for ident, annotation in chart.flows.items():
            if ident not in chart.subgraphs:
                raise MermaidError(f"annotation for flow '{ident}', but no subgraph has that "
                                   "id", annotation.location)  # fmt: skip
        order = list(chart.subgraphs)
    elif len(chart.flows) > 1:
        second = list(chart.flows.values())[1]
        raise MermaidError("a chart without subgraphs is one flow; annotate it once",
                           second.location)  # fmt: skip
    else:
        order = [next(iter(chart.flows), "flow")]
    # Flow ids (a flow annotation may rename its subgraph), then each node's flow and step.
    flow_ids = {}
    for key in order:
        annotation = chart.flows.get(key)
        flow_ids[key] = _id_from(
            _take(annotation.node, "id") if annotation else None, key, chart.path
        )
    members: dict[str, list[str]] = {key: [] for key in order}
    step_of: dict[str, tuple[str, str]] = {}
    for node in chart.nodes.values():
        annotation = chart.steps.get(node.id)
        ident = _id_from(
            _take(annotation.node, "id") if annotation else None, node.id, chart.path, True
        )
        if "." in ident:  # a step of a flow that is not drawn here
            if annotation is not None and annotation.node.value:
                raise MermaidError(
                    f"'{ident}' is a step of another flow: describe it in that flow's chart",
                    annotation.location,
                )
            step_of[node.id] = tuple(ident.split("."))  # type: ignore[assignment]
            continue
        key = node.subgraph if chart.subgraphs else order[0]
        if key is None:
            raise MermaidError(
                f"node '{node.id}' is outside every subgraph; put it in the subgraph of its "
                "flow, or mark a step of a flow not drawn here with "
                f"'%% darklint: step {node.id} {{id: flow.step}}'",
                node.location,
            )
        members[key].append(node.id)
        step_of[node.id] = (flow_ids[key], ident)
    outgoing: dict[str, list[_Link]] = {}
    for link in chart.links:
        outgoing.setdefault(link.source, []).append(link)
    flows_pairs: list[tuple[str | yaml.ScalarNode, yaml.Node]] = []
    for key in order:
        names = members[key]
        if key in chart.subgraphs:
            where = chart.subgraphs[key].location
        else:
            where = chart.nodes[names[0]].location if names else Location(chart.path, 1, 1)
        annotation = chart.flows.get(key)
        mapping = annotation.node if annotation else _mapping([], where)
        _forbid(mapping, ("steps",), "its steps are the subgraph's nodes", chart.path)
        if _has(mapping, "start") is None and names:
            mapping.value.append((_scalar("start", where), _scalar(step_of[names[0]][1], where)))
        steps: list[tuple[str | yaml.ScalarNode, yaml.Node]] = [
            (
                _scalar(step_of[name][1], chart.nodes[name].location),
                _step_node(chart, name, flow_ids[key], step_of, outgoing),
            )
            for name in names
        ]
        if len({step.value for step, _ in steps}) != len(steps):
            raise MermaidError(f"two nodes of flow '{flow_ids[key]}' have the same step id", where)
        mapping.value.append((_scalar("steps", where), _mapping(steps, where)))
        flows_pairs.append((_scalar(flow_ids[key], where), mapping))
    first = Location(chart.path, 1, 1)
    product = chart.product.node if chart.product else _mapping([], first)
    _forbid(product, ("flows",), "the flows are the chart's subgraphs", chart.path)
    if _has(product, "darklint") is None:
        product.value.insert(0, (_scalar("darklint", first), _scalar("1", first, _INT)))
    if _has(product, "product") is None:
        name = PurePath(chart.path).stem.replace("-", " ").replace("_", " ") or "product"
        product.value.append((_scalar("product", first), _scalar(name, first)))
    product.value.append((_scalar("flows", first), _mapping(flows_pairs, first)))
    return product


def _step_node(
    chart: Chart, ident: str, flow_id: str, step_of, outgoing: dict[str, list[_Link]]
) -> yaml.MappingNode:
    node = chart.nodes[ident]
    annotation = chart.steps.get(ident)
    mapping = annotation.node if annotation else _mapping([], node.location)
    _forbid(mapping, ("actions",), "a step's actions are its arrows", chart.path)
    for name, where in node.classes:
        if name not in CLASS_KEYS:
            continue  # a styling class
        key, value = CLASS_KEYS[name]
        written = _has(mapping, key)
        if written is None:
            mapping.value.append((_scalar(key, where), _scalar(value, where)))
        elif not isinstance(written, yaml.ScalarNode) or written.value != value:
            raise MermaidError(
                f"class '{name}' says {key} '{value}', but the annotation says otherwise", where
            )
    actions = []
    for link in outgoing.get(ident, ()):
        if link.label is None or not link.label:
            raise MermaidError(
                f"the arrow from '{link.source}' to '{link.target}' has no label; label it "
                f"with the button or link text: {link.source} -->|Cancel plan| {link.target}",
                link.location,
            )
        target_flow, target_step = step_of[link.target]
        to = target_step if target_flow == flow_id else f"{target_flow}.{target_step}"
        extra = link.annotation
        _forbid(extra, ("label", "to"), "they are the arrow's label and target", chart.path)
        pairs = [("label", _scalar(link.label, link.location)), ("to", _scalar(to, link.location))]
        emphasis = ARROW_EMPHASIS[link.arrow]
        written = _has(extra, "emphasis")
        if written is None:
            if emphasis != "secondary":
                pairs.append(("emphasis", _scalar(emphasis, link.location)))
        elif not (
            isinstance(written, yaml.ScalarNode)
            and (written.value == emphasis or (emphasis == "link" and written.value == "hidden"))
        ):
            raise MermaidError(
                f"the arrow {link.arrow} draws emphasis '{emphasis}'; its annotation says "
                "otherwise (use ==> for primary, --> for secondary, -.-> for link or hidden)",
                location_of(written, chart.path),
            )  # fmt: skip
        item = _mapping(pairs, link.location)
        if extra is not None:
            item.value.extend(extra.value)
        actions.append(item)
    if actions:
        mark = _mark(node.location)
        mapping.value.append(
            (_scalar("actions", node.location),
             yaml.SequenceNode("tag:yaml.org,2002:seq", actions, mark, mark))
        )  # fmt: skip
    return mapping


# -- the whole import ------------------------------------------------------------------------


@dataclass
class ImportResult:
    """The product read from a chart, as plain data for a flow file, or the problems."""

    data: dict | None
    problems: list[tuple[str, Location]]


def read_chart(text: str, path: str) -> Chart:
    """Parse every flowchart of a ``.mmd`` file or of a Markdown file's mermaid blocks."""
    chart = Chart(path)
    markdown = PurePath(path).suffix.lower() in (".md", ".markdown")
    blocks = mermaid_blocks(text, markdown)
    for first, lines in blocks:
        body = [line for line in lines if line.strip() and not line.strip().startswith("%%")]
        if markdown and (not body or not _HEADER.match(body[0].strip())):
            continue  # a sequence diagram or another chart in the document: not a flow
        chart.charts += 1
        _Reader(chart, first).read(lines)
    if chart.charts == 0:
        chart.problems.append(
            ("no ```mermaid block with a flowchart in this Markdown file", Location(path, 1, 1))
        )
    return chart


def import_mermaid(text: str, path: str) -> ImportResult:
    """Read a chart and validate it as a flow file; every problem is located in the chart."""
    from darklint.flowdata import node_data

    chart = read_chart(text, path)
    if chart.problems:
        return ImportResult(None, chart.problems)
    try:
        root = chart_nodes(chart)
    except MermaidError as error:
        return ImportResult(None, [(error.message, error.location)])
    validator = Validator(path)
    product = validator.build(model.Product, root, "the chart", {"path": path})
    if validator.problems or product is INVALID:
        return ImportResult(None, validator.problems)
    return ImportResult(node_data(root), [])
