"""The JSON Schema of format v1 (``darklint schema``) and the loader agree.

The schema is derived from the model dataclasses, as the loader is, so the two should accept
and reject the same files. These tests hold them to it: every example and fixture the loader
accepts validates against the schema, and a set of bad files (tests/fixtures/schema-agreement)
is rejected by both. The only disagreements allowed are the ones JSON Schema cannot see, which
live in the YAML text rather than in the data: duplicate keys (YAML keeps the last one), tags
that would construct objects, and merge keys.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from darklint import model
from darklint.cli import main
from darklint.load import load_text
from darklint.load.validate import _CROSS_FIELD, fields_of
from darklint.schema import CROSS_FIELD, flow_schema, schema_text

ROOT = Path(__file__).resolve().parent.parent
CHECKED_IN = ROOT / "schema" / "darklint-flow-v1.json"
BAD_FILES = sorted((ROOT / "tests" / "fixtures" / "schema-agreement").glob("*.yaml"))
GOOD_FILES = sorted((ROOT / "examples").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "fixtures" / "rules").glob("*/pass*.yaml")
)
ALL_FLOW_FILES = sorted(
    {*GOOD_FILES, *(ROOT / "tests" / "fixtures").rglob("*.yaml")} - set(BAD_FILES)
)
#: Loader problems about the YAML text itself, which parsed data no longer shows.
YAML_LEVEL = ("duplicate key", "YAML tag", "merge keys")
#: Loader problems that protect it from hostile files; such files are not parsed again here.
RESOURCE_LIMITS = ("too many nodes", "too deeply")
MAX_FIXTURE_BYTES = 256 * 1024


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = flow_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def schema_errors(validator: Draft202012Validator, text: str) -> list[str]:
    return [e.message for e in validator.iter_errors(yaml.safe_load(text))]


def test_checked_in_schema_is_current():
    assert CHECKED_IN.read_text(encoding="utf-8") == schema_text(), (
        f"{rel(CHECKED_IN)} is stale; regenerate it with: "
        f"darklint schema --output {rel(CHECKED_IN)}"
    )


def test_schema_command_prints_and_writes_the_schema(tmp_path):
    runner = CliRunner()
    printed = runner.invoke(main, ["schema"])
    assert printed.exit_code == 0 and printed.output == schema_text()
    target = tmp_path / "sub" / "flow.schema.json"
    written = runner.invoke(main, ["schema", "--output", str(target)])
    assert written.exit_code == 0 and written.output == ""
    assert target.read_text(encoding="utf-8") == schema_text()
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".darklint-")]


def test_schema_shape():
    schema = flow_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["darklint"]["enum"] == [1, 1.1]  # format 1.1 reads 1 too
    assert schema["required"] == ["darklint", "product", "flows"]
    for name, definition in [("(root)", schema), *schema["$defs"].items()]:
        assert definition["additionalProperties"] is False, name
        assert definition["type"] == "object", name
    flows = schema["properties"]["flows"]
    assert flows["propertyNames"] == {"pattern": "^[^.]+$"}
    assert flows["additionalProperties"] == {"$ref": "#/$defs/Flow"}
    action = schema["$defs"]["Action"]["properties"]
    assert action["emphasis"]["enum"] == ["primary", "secondary", "link", "hidden"]
    assert action["emphasis"]["default"] == "secondary"
    assert action["label"]["description"] == "The button or link text."
    assert schema["$defs"]["Step"]["properties"]["outcome"]["enum"][-1] is None


def model_classes() -> list[type]:
    """Every dataclass a flow file describes, found from Product down."""
    found: list[type] = []
    todo = [model.Product]
    while todo:
        cls = todo.pop()
        if cls in found:
            continue
        found.append(cls)
        for spec in fields_of(cls).values():
            for candidate in _dataclasses_in(spec.type):
                todo.append(candidate)
    return sorted(found, key=lambda c: c.__name__)


def _dataclasses_in(tp) -> list[type]:
    if dataclasses.is_dataclass(tp):
        return [tp]
    return [c for arg in typing.get_args(tp) for c in _dataclasses_in(arg)]


@pytest.mark.parametrize("cls", model_classes(), ids=lambda c: c.__name__)
def test_schema_fields_are_the_loaders_fields(cls):
    schema = flow_schema()
    definition = schema if cls is model.Product else schema["$defs"][cls.__name__]
    specs = fields_of(cls)
    assert list(definition["properties"]) == list(specs)
    assert definition.get("required", []) == [s.name for s in specs.values() if s.required]


def test_every_cross_field_check_of_the_loader_is_in_the_schema():
    assert set(_CROSS_FIELD) <= set(CROSS_FIELD), "a loader check has no schema counterpart"


@pytest.mark.parametrize("path", GOOD_FILES, ids=rel)
def test_examples_and_passing_fixtures_validate(path, validator):
    text = path.read_text(encoding="utf-8")
    assert load_text(text, str(path)).product is not None
    assert schema_errors(validator, text) == []


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_bad_files_are_rejected_by_loader_and_schema(path, validator):
    text = path.read_text(encoding="utf-8")
    loaded = load_text(text, str(path))
    assert loaded.product is None and loaded.problems, "the loader accepted it"
    assert schema_errors(validator, text), "the schema accepted it"


def test_every_fixture_gets_the_same_verdict(validator):
    """Over every flow file in the repository: accepted by the loader <=> valid by the schema,
    except for problems that only exist in the YAML text."""
    disagreements = []
    for path in ALL_FLOW_FILES:
        if path.stat().st_size > MAX_FIXTURE_BYTES:
            continue  # size limits are the loader's business, not a schema's
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # not text: nothing for a schema to judge
        loaded = load_text(text, str(path))
        messages = [p.message for p in loaded.problems]
        if any(k in m for m in messages for k in RESOURCE_LIMITS):
            continue  # an alias bomb or deep nesting: do not hand it to a plain YAML parser
        try:
            data = yaml.safe_load(text)
        except (yaml.YAMLError, RecursionError):
            continue  # not YAML at all
        if not isinstance(data, dict) or "darklint" not in data:
            continue  # not a flow file
        schema_ok = not list(validator.iter_errors(data))
        if schema_ok == (loaded.product is not None):
            continue
        if schema_ok and messages and all(any(k in m for k in YAML_LEVEL) for m in messages):
            continue
        disagreements.append(f"{rel(path)}: loader {messages[:2]}, schema valid={schema_ok}")
    assert not disagreements, "\n".join(disagreements)


def test_schema_text_is_stable_json():
    assert json.loads(schema_text()) == flow_schema()
    assert schema_text() == schema_text()
