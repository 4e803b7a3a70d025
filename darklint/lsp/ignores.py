"""The edit that accepts a finding: an ``ignore:`` entry for its rule, flow and step.

The entry goes where a person would write it: after the last entry of the file's ``ignore:``
list, in that list's style and indentation, or in a new ``ignore:`` list at the end of the
file. Its ``reason`` is a placeholder to replace with who accepted the finding, when and why
(an entry without a reason suppresses nothing, DL006). The edit is offered to the editor,
which applies it to the buffer; nothing here writes a file.
"""

from __future__ import annotations

import json
import re

import yaml

from darklint.classes import dataclass

REASON_PLACEHOLDER = "TODO: who accepted this finding, when and why"

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
#: Words YAML 1.1 reads as booleans or null: quoted, so they stay text.
_RESERVED = frozenset(["y", "n", "yes", "no", "on", "off", "true", "false", "null"])


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``new_text`` (offsets in code points)."""

    start: int
    end: int
    new_text: str


def scalar(value: str) -> str:
    """A value as YAML: plain when that reads back as the same text, else double-quoted."""
    if _PLAIN.fullmatch(value) and value.lower() not in _RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted ones


def entry_fields(rule: str, flow: str | None, step: str | None) -> list[tuple[str, str]]:
    fields = [("rule", scalar(rule))]
    if flow is not None:
        fields.append(("flow", scalar(flow)))
    if step is not None:
        fields.append(("step", scalar(step)))
    return [*fields, ("reason", scalar(REASON_PLACEHOLDER))]


def block_entry(fields: list[tuple[str, str]], dash: int, gap: int) -> str:
    """``- rule: ...`` and its other keys, the marker at column ``dash``, keys ``gap`` after."""
    lines = [
        f"{' ' * dash}-{' ' * (gap - 1)}{k}: {v}" if i == 0 else f"{' ' * (dash + gap)}{k}: {v}"
        for i, (k, v) in enumerate(fields)
    ]
    return "\n".join(lines) + "\n"


def add_ignore_entry(
    text: str, root: yaml.Node | None, rule: str, flow: str | None, step: str | None
) -> Edit | None:
    """The edit that adds an ignore entry, or None when the file's top level is not a block
    mapping (then there is no right place to put one)."""
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        return None
    fields = entry_fields(rule, flow, step)
    found = next(
        ((k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "ignore"),
        None,
    )
    if found is None:
        separator = "" if not text or text.endswith(("\n", "\r")) else "\n"
        return Edit(len(text), len(text), f"{separator}ignore:\n{block_entry(fields, 2, 2)}")
    key, value = found
    if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null"):
        # `ignore:` or `ignore: ~`: the list starts on the next line
        body = block_entry(fields, 2, 2).rstrip("\n")
        return Edit(key.end_mark.index, value.end_mark.index, f":\n{body}")
    if not isinstance(value, yaml.SequenceNode):
        return None  # not a list: the loader reports it; nothing sensible to add to
    if value.flow_style:
        closing = value.end_mark.index - 1  # the ']'
        inline = "{" + ", ".join(f"{k}: {v}" for k, v in fields) + "}"
        return Edit(closing, closing, (", " if value.value else "") + inline)
    dash = value.start_mark.column
    gap = max(2, value.value[0].start_mark.column - dash) if value.value else 2
    offset = after_last_line(text, value.value[-1] if value.value else value)
    separator = "" if offset == 0 or text[offset - 1] in "\r\n" else "\n"
    return Edit(offset, offset, separator + block_entry(fields, dash, gap))


def after_last_line(text: str, node: yaml.Node) -> int:
    """The offset where the line after a node's last line begins (the end of the text when
    that line is the last)."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    end = node.end_mark.index
    if end > 0 and text[end - 1] in "\r\n":  # a block scalar ends at the start of a line
        return end
    breaks = [i for i in (text.find("\n", end), text.find("\r", end)) if i >= 0]
    if not breaks:
        return len(text)
    first = min(breaks)
    return first + (2 if text.startswith("\r\n", first) else 1)
