"""Model objects and YAML nodes as plain data, and plain data as flow-file text.

darklint writes flow files as well as reading them: ``darklint import mermaid`` turns a
flowchart into one, the recorder turns a browser session into one, and ``darklint graph
--format mermaid`` carries a step's facts in annotations. All of them write the format the
loader reads, through these few functions, so what is written always loads back the same.
Only fields a user writes are kept, and only when they differ from their default: the
written file says what the flow says, and nothing the format would assume anyway.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import yaml

from darklint.load.yamlnodes import scalar_value

_STR_TAG = "tag:yaml.org,2002:str"


def to_data(value: Any) -> Any:
    """A model object (or a dict, tuple or scalar of them) as plain YAML-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            if f.metadata.get("internal"):
                continue
            item = getattr(value, f.name)
            if f.default is not dataclasses.MISSING and item == f.default:
                continue
            if f.default_factory is not dataclasses.MISSING and item == f.default_factory():
                continue
            out[str(f.metadata.get("key", f.name))] = to_data(item)  # `from`, not `opens`
        short = getattr(value, "SHORTHAND", None)
        if short is not None and list(out) == [short]:
            return out[short]  # `- price`, as people write a clear disclosure
        return out
    if isinstance(value, dict):
        return {key: to_data(item) for key, item in value.items()}
    if isinstance(value, (tuple, list)):
        return [to_data(item) for item in value]
    return value


def node_data(node: yaml.Node) -> Any:
    """A validated node tree as plain data (only plain-data tags reach here)."""
    if isinstance(node, yaml.MappingNode):
        return {key.value: node_data(item) for key, item in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [node_data(item) for item in node.value]
    if node.tag == _STR_TAG:
        return node.value
    return scalar_value(node)


def dump_yaml(data: Any, header: str = "") -> str:
    """A flow file's text: keys in the order given, unicode kept readable, mappings and
    lists of plain values on one line (``{label: Continue, to: pay}``), as people write them."""
    text = yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=None
    )
    comments = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comments + text


def inline_yaml(data: Any) -> str:
    """Data as one line of YAML flow style: ``{kind: "agent", wait_minutes: 25}``.

    Keys are the format's own names; every string is a JSON string (valid YAML) with
    non-ASCII, control and markup characters escaped, so a label can neither break the line
    nor put markup into a tool that shows the comment it sits in.
    """
    if isinstance(data, dict):
        return "{" + ", ".join(f"{key}: {inline_yaml(item)}" for key, item in data.items()) + "}"
    if isinstance(data, list):
        return "[" + ", ".join(inline_yaml(item) for item in data) + "]"
    text = json.dumps(data, ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
