"""`lint_text`: a text buffer (an editor's unsaved file, standard input) is linted exactly as
the file it stands for, under the same limits."""

from __future__ import annotations

from conftest import EXAMPLES, FIXTURES

from darklint.engine import LintOptions, lint_file, lint_text, select_rules


def options(catalog, max_bytes: int | None = None) -> LintOptions:
    base = LintOptions(tuple(select_rules(catalog)), tuple(catalog))
    return (
        base if max_bytes is None else LintOptions(base.rules, base.all_rules, max_bytes=max_bytes)
    )


def test_text_gives_the_findings_of_the_file(catalog):
    path = EXAMPLES / "streaming-phone-cancel.yaml"
    from_file = lint_file(str(path), options(catalog))
    from_text = lint_text(path.read_text(encoding="utf-8"), str(path), options(catalog))
    assert from_text is not None and from_file is not None
    assert from_text.findings == from_file.findings
    assert {f.rule_id for f in from_text.findings} >= {"DL101", "DL102"}
    assert all(f.path == str(path) for f in from_text.findings)


def test_text_need_not_exist_on_disk(catalog, tmp_path):
    text = (EXAMPLES / "good-subscription.yaml").read_text(encoding="utf-8")
    report = lint_text(text, str(tmp_path / "unsaved.yaml"), options(catalog))
    assert report is not None and report.linted and report.findings == []


def test_text_above_the_size_limit_is_refused_before_reading(catalog):
    text = "darklint: 1\n" + "# padding\n" * 200
    report = lint_text(text, "big.yaml", options(catalog, max_bytes=1000))
    assert report is not None and not report.linted
    [finding] = report.findings
    assert finding.rule_id == "DL001" and "above the limit of 1,000" in finding.message


def test_text_with_nul_is_binary(catalog):
    report = lint_text("darklint: 1\n\x00", "nul.yaml", options(catalog))
    assert report is not None and "binary data" in report.findings[0].message


def test_other_yaml_is_skipped_unless_named(catalog):
    text = (FIXTURES / "core" / "not-darklint.yaml").read_text(encoding="utf-8")
    assert lint_text(text, "compose.yaml", options(catalog), explicit=False) is None
    named = lint_text(text, "compose.yaml", options(catalog), explicit=True)
    assert named is not None and named.findings[0].rule_id == "DL001"
