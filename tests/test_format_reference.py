"""docs/format.md, the format reference, is generated from the model and never stale: every
key of every object is there with its values, default, meaning and an example."""

from __future__ import annotations

import re

from conftest import ROOT

from darklint.docgen import COMMAND
from darklint.docgen import main as docgen
from darklint.formatdoc import current_format_reference
from darklint.model import Outcome
from darklint.schema import flow_schema

REFERENCE = ROOT / "docs" / "format.md"


def sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (\w+)\n", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_checked_in_format_reference_is_current():
    written = REFERENCE.read_text(encoding="utf-8") if REFERENCE.is_file() else ""
    assert written == current_format_reference(), (
        f"docs/format.md is stale: the model changed. Regenerate it with `{COMMAND}` "
        "(or `darklint docs`) from the checkout and commit the result."
    )


def test_every_key_of_every_object_has_a_full_row():
    schema = flow_schema()
    found = sections(current_format_reference())
    objects = {"Product": schema, **schema["$defs"]}
    assert set(objects) <= set(found)
    for name, spec in objects.items():
        rows = {
            m.group(1): m.group(0)
            for m in re.finditer(r"^\| `([^`]+)` \|(.*)\|$", found[name], flags=re.M)
        }
        assert set(rows) == set(spec["properties"]), name
        for key, row in rows.items():
            cells = [c.strip() for c in row.strip("|").split(" | ")]
            assert len(cells) == 5, row
            _, values, default, meaning, example = cells
            assert values and default and meaning and example, f"{name}.{key}: {row}"


def test_values_nowhere_else_in_the_docs_are_listed():
    step = sections(current_format_reference())["Step"]
    outcome_row = next(line for line in step.splitlines() if line.startswith("| `outcome`"))
    for value in Outcome.__args__:
        assert f"`{value}`" in outcome_row


def test_docgen_check_reports_a_stale_format_reference(tmp_path, capsys):
    rules, page = tmp_path / "rules.md", tmp_path / "format.md"
    assert docgen(["-o", str(rules), "--format-output", str(page)]) == 0
    assert page.read_text(encoding="utf-8") == current_format_reference()
    assert docgen(["-o", str(rules), "--format-output", str(page), "--check"]) == 0
    page.write_text(page.read_text(encoding="utf-8").replace("Step", "Stop"), encoding="utf-8")
    assert docgen(["-o", str(rules), "--format-output", str(page), "--check"]) == 1
    assert "format.md is stale" in capsys.readouterr().err
