"""The machine-readable reports, checked by the tools that consume them.

Every report is produced by the real command line (``darklint check -f name:path``, all
formats in one run) on the flow files in tests/fixtures/report/: a product with a DL101 and a
DL301 finding and an ignored DL301, a product whose labels attack the reports, and a file that
cannot be linted. The JSON report of the same run is the reference the others must agree with.

- SARIF: validated against the official SARIF 2.1.0 JSON Schema (tests/data).
- JUnit: parsed by junitparser and by xml.etree.
- GitHub: every line matches the documented workflow-command syntax and unescapes back to
  the finding.
- GitLab: the keys Code Quality requires, its severities, unique fingerprints.
- Markdown: rendered by markdown-it-py (CommonMark with tables and autolinks, as GitHub and
  GitLab render comments): no tag, link or mention comes from a label.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft4Validator

from darklint.cli import main

ROOT = Path(__file__).resolve().parent.parent
REPORT_FIXTURES = "tests/fixtures/report"
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
FORMATS = ("json", "sarif", "junit", "github", "gitlab", "markdown")
HOSTILE_FILE = f"{REPORT_FIXTURES}/hostile.yaml"
BROKEN_FILE = f"{REPORT_FIXTURES}/broken.yaml"
STREAMING_FILE = f"{REPORT_FIXTURES}/streaming.yaml"


def run_check(paths: list[str], out_dir: Path, *extra: str) -> tuple[int, dict[str, str]]:
    """Run ``darklint check`` from the repository root with every format written to a file."""
    args = ["check", *paths, *extra]
    for name in FORMATS:
        args += ["-f", f"{name}:{out_dir / ('report.' + name)}"]
    previous = os.getcwd()
    os.chdir(ROOT)  # paths in reports are relative to the working directory
    try:
        result = CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(previous)
    outputs = {name: (out_dir / f"report.{name}").read_text(encoding="utf-8") for name in FORMATS}
    return result.exit_code, outputs


#: Where the runs below say darklint's documentation is published (help links point there).
DOCS_URL = "https://docs.example.org/darklint"
RULES_PAGE = f"{DOCS_URL}/docs/rules.md#"


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[int, dict[str, str]]:
    return run_check([REPORT_FIXTURES], tmp_path_factory.mktemp("reports"), "--docs-url", DOCS_URL)


@pytest.fixture(scope="module")
def reference(run) -> dict:
    """The JSON report of the same run: the findings every other format must show."""
    return json.loads(run[1]["json"])


def test_run_lints_every_fixture_and_exits_2_for_the_broken_file(run, reference):
    exit_code, _ = run
    assert exit_code == 2
    rules = {(f["path"], f["rule"]) for f in reference["findings"]}
    assert (STREAMING_FILE, "DL101") in rules
    assert (STREAMING_FILE, "DL301") in rules
    assert (HOSTILE_FILE, "DL301") in rules
    assert (BROKEN_FILE, "DL001") in rules
    assert [f["rule"] for f in reference["ignored"]] == ["DL301"]
    assert reference["summary"]["failed_files"] == [BROKEN_FILE]


# -- SARIF ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif(run) -> dict:
    return json.loads(run[1]["sarif"])


def test_sarif_validates_against_the_official_schema(sarif):
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(Draft4Validator(schema).iter_errors(sarif), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    assert sarif["version"] == "2.1.0"


def test_sarif_driver_describes_every_rule_that_ran(sarif):
    from darklint.catalog import load_rules
    from darklint.engine import select_rules

    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "darklint"
    assert driver["version"]
    assert driver["informationUri"] == DOCS_URL
    expected = {r.id: r for r in select_rules(load_rules())}
    assert [d["id"] for d in driver["rules"]] == sorted(expected)
    for descriptor in driver["rules"]:
        rule = expected[descriptor["id"]]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"].startswith(rule.summary)
        assert rule.summary in descriptor["help"]["text"]
        assert descriptor["help"]["markdown"].startswith(f"**{rule.id} {rule.name}**")
        assert descriptor["helpUri"] == f"{RULES_PAGE}{rule.id.lower()}-{rule.name}"
        level = {"error": "error", "warning": "warning", "info": "note"}[rule.severity]
        assert descriptor["defaultConfiguration"]["level"] == level
        assert descriptor["properties"]["tags"] == [rule.category]


def test_sarif_results_match_the_findings(sarif, reference):
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = [r for r in run["results"] if "suppressions" not in r]
    assert len(results) == len(reference["findings"])
    for result, finding in zip(results, reference["findings"], strict=True):
        assert result["ruleId"] == finding["rule"]
        assert rules[result["ruleIndex"]]["id"] == finding["rule"]
        assert (
            result["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[finding["severity"]]
        )
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact == {"uri": finding["path"], "uriBaseId": "%SRCROOT%"}
        assert "\\" not in artifact["uri"] and not artifact["uri"].startswith("/")
        region = location["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding["line"], finding["column"])
        assert result["partialFingerprints"] == {"darklintFingerprint/v1": finding["fingerprint"]}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")


def test_sarif_ignored_findings_are_suppressed_results(sarif, reference):
    suppressed = [r for r in sarif["runs"][0]["results"] if "suppressions" in r]
    (ignored,) = reference["ignored"]
    (result,) = suppressed
    assert result["ruleId"] == ignored["rule"] == "DL301"
    assert result["suppressions"] == [
        {"kind": "inSource", "status": "accepted", "justification": ignored["ignored_reason"]}
    ]
    assert result["partialFingerprints"]["darklintFingerprint/v1"] == ignored["fingerprint"]


def test_sarif_execution_successful_only_when_every_file_was_linted(sarif, tmp_path):
    (invocation,) = sarif["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == BROKEN_FILE
    _, outputs = run_check([STREAMING_FILE], tmp_path)
    clean = json.loads(outputs["sarif"])["runs"][0]["invocations"][0]
    assert clean == {"executionSuccessful": True}


def test_sarif_message_brackets_cannot_form_embedded_links(sarif):
    (hostile,) = [
        r
        for r in sarif["runs"][0]["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == HOSTILE_FILE
    ]
    text = hostile["message"]["text"]
    assert "\\[click\\](javascript:alert(1))" in text
    assert not re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", text)


def test_sarif_help_of_a_hostile_rule_file_keeps_no_unsafe_link_or_tag(tmp_path):
    """Rule files come from anyone: a custom rule with a javascript: reference and raw HTML."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "ACME001.yaml").write_text(
        "id: ACME001\n"
        "name: acme-hostile-docs\n"
        "severity: warning\n"
        "category: fees\n"
        "summary: A rule whose documentation attacks the report.\n"
        "check: {function: fee_on_non_deliberate_action}\n"
        "references:\n"
        "  - {title: Safe, url: 'https://example.org/safe'}\n"
        "  - {title: Evil, url: 'javascript:alert(1)'}\n"
        "docs: |\n"
        "  ## What it does\n"
        "  <script>alert(1)</script> and [a link](javascript:alert(2)) and <img src=x>.\n"
        "  [ref]: javascript:alert(3)\n",
        encoding="utf-8",
    )
    _, outputs = run_check([STREAMING_FILE], tmp_path, "--rules", str(rules))
    driver = json.loads(outputs["sarif"])["runs"][0]["tool"]["driver"]
    (descriptor,) = [d for d in driver["rules"] if d["id"] == "ACME001"]
    markdown = descriptor["help"]["markdown"]
    from markdown_it import MarkdownIt  # what a viewer makes of it: text, never tags or links

    tokens = [t for b in MarkdownIt("commonmark").parse(markdown) for t in [b, *(b.children or [])]]
    assert not {t.type for t in tokens} & {"html_block", "html_inline", "image"}
    assert [t.attrGet("href") for t in tokens if t.type == "link_open"] == [
        "https://example.org/safe"
    ]
    assert "[Safe](https://example.org/safe)" in markdown
    assert "javascript:" not in descriptor["help"]["text"]


# -- JUnit ------------------------------------------------------------------------------------


def test_junit_parses_with_junitparser_one_suite_per_file(run, reference):
    from junitparser import Error, Failure, JUnitXml

    xml = JUnitXml.fromstring(run[1]["junit"])
    suites = {suite.name: suite for suite in xml}
    assert set(suites) == {STREAMING_FILE, HOSTILE_FILE, BROKEN_FILE}
    ran = {d["id"] for d in json.loads(run[1]["sarif"])["runs"][0]["tool"]["driver"]["rules"]}
    for path in (STREAMING_FILE, HOSTILE_FILE):
        cases = {case.name.split()[0]: case for case in suites[path]}
        assert set(cases) == ran, "one test case per rule that ran on the file"
        for case in cases.values():
            assert case.classname == path
        for finding in [f for f in reference["findings"] if f["path"] == path]:
            case = cases[finding["rule"]]
            assert case.name == f"{finding['rule']} {finding['name']}"
            failures = [r for r in case.result if isinstance(r, Failure)]
            assert finding["message"] in [f.message for f in failures]
            assert all(f.type == finding["severity"] for f in failures)
        assert cases["DL001"].is_passed
    (broken,) = list(suites[BROKEN_FILE])
    assert broken.name == "DL001 invalid-flow-file"
    assert all(isinstance(r, Error) for r in broken.result) and broken.result


def test_junit_counts_agree_with_the_cases(run):
    root = ET.fromstring(run[1]["junit"])
    assert root.tag == "testsuites"
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for suite in root.iter("testsuite"):
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
        assert int(suite.get("errors")) == sum(1 for c in cases if c.find("error") is not None)
        for key in totals:
            totals[key] += int(suite.get(key))
    assert {key: int(root.get(key)) for key in totals} == totals


def test_junit_lists_ignored_findings_with_their_reason(run, reference):
    root = ET.fromstring(run[1]["junit"])
    (ignored,) = reference["ignored"]
    outs = [e.text for e in root.iter("system-out")]
    assert any(ignored["ignored_reason"] in text and "ignored:" in text for text in outs)


# -- GitHub workflow commands -----------------------------------------------------------------

#: The documented syntax: ::level file=F,line=L,col=C,title=T::message, where property values
#: have '%', CR, LF, ':' and ',' escaped and the message '%', CR and LF.
COMMAND = re.compile(
    r"^::(?P<level>error|warning|notice) "
    r"file=(?P<file>[^,:\r\n]+),line=(?P<line>[1-9]\d*),col=(?P<col>[1-9]\d*),"
    r"title=(?P<title>[^,:\r\n]+)::(?P<message>[^\r\n]*)$"
)


def unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    return unescape_data(text.replace("%3A", ":").replace("%2C", ","))


def test_github_lines_follow_the_workflow_command_syntax(run, reference):
    lines = run[1]["github"].splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == len(reference["findings"])
    for line in lines:
        if line.startswith("::"):
            assert COMMAND.match(line), line
        else:
            assert line.startswith("darklint: "), f"stray output line: {line!r}"
    for line, finding in zip(commands, reference["findings"], strict=True):
        match = COMMAND.match(line)
        level = {"error": "error", "warning": "warning", "info": "notice"}[finding["severity"]]
        assert match["level"] == level
        assert unescape_property(match["file"]) == finding["path"]
        assert (int(match["line"]), int(match["col"])) == (finding["line"], finding["column"])
        assert unescape_property(match["title"]) == f"{finding['rule']} {finding['name']}"
        message = unescape_data(match["message"])
        assert message.split("\nHow to fix: ")[0] == finding["message"]


def test_github_hostile_label_cannot_inject_a_command(run):
    text = run[1]["github"]
    hostile = [line for line in text.splitlines() if "injected" in line]
    assert len(hostile) == 1 and hostile[0].startswith("::error file=tests/fixtures/report/hostile")
    assert "100%25 off" in hostile[0] and "%0A::error file=x::injected" in hostile[0]


def test_github_property_escaping_round_trips():
    from darklint.report.github import escape_data, escape_property

    for text in ["a:b,c", "100% done\r\n::error::x", "%0A stays literal", "plain"]:
        assert unescape_property(escape_property(text)) == text
        assert unescape_data(escape_data(text)) == text
        assert not re.search(r"[,:\r\n]", escape_property(text))


# -- GitLab Code Quality ----------------------------------------------------------------------


def test_gitlab_report_has_the_required_keys(run, reference):
    issues = json.loads(run[1]["gitlab"])
    assert isinstance(issues, list) and len(issues) == len(reference["findings"])
    for issue, finding in zip(issues, reference["findings"], strict=True):
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert isinstance(issue["description"], str) and finding["message"] in issue["description"]
        assert issue["check_name"] == finding["rule"]
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == finding["path"]
        assert issue["location"]["lines"]["begin"] == finding["line"] >= 1
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_stay_unique_for_copies_of_a_file(tmp_path):
    """darklint's fingerprint follows a product, not a file: two copies of one product must
    still give GitLab distinct fingerprints."""
    flows = tmp_path / "flows"
    flows.mkdir()
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(ROOT / STREAMING_FILE, flows / name)
    _, outputs = run_check([str(flows)], tmp_path)
    issues = json.loads(outputs["gitlab"])
    findings = json.loads(outputs["json"])["findings"]
    assert len({f["fingerprint"] for f in findings}) < len(findings)
    assert len({i["fingerprint"] for i in issues}) == len(issues)


# -- Markdown ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def markdown_html(run) -> str:
    from markdown_it import MarkdownIt

    # GitHub-like: tables, strikethrough, autolinked URLs, raw HTML allowed (as in comments).
    renderer = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(
        ["table", "strikethrough", "linkify"]
    )
    return renderer.render(run[1]["markdown"])


def test_markdown_summary_counts_by_severity(run, reference):
    text = run[1]["markdown"]
    summary = reference["summary"]
    for severity, key in (("error", "errors"), ("warning", "warnings"), ("info", "info")):
        assert f"| {severity} | {summary[key]} |" in text
    assert f"| ignored | {summary['ignored']} |" in text


def test_markdown_findings_table_has_one_row_per_finding(run, reference, markdown_html):
    rows = [
        re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        for row in re.findall(r"<tr>(.*?)</tr>", markdown_html, flags=re.S)
    ]
    findings = [r for r in rows if len(r) == 4]
    assert len(findings) == len(reference["findings"])
    for (where, rule, severity, _), finding in zip(findings, reference["findings"], strict=True):
        assert where == f"{finding['path']}:{finding['line']}"
        anchor = f"{finding['rule'].lower()}-{finding['name']}"
        assert f'<a href="{RULES_PAGE}{anchor}">{finding["rule"]}</a>' in rule
        assert severity == finding["severity"]


def test_markdown_hostile_label_stays_text(run, markdown_html):
    source = run[1]["markdown"]
    for raw in ("<script", "<img", "javascript:", "@everyone"):
        assert raw not in source, raw
    assert not re.search(
        r"(?<!\\)\]\(", source.split("### Findings")[1].replace(f"]({RULES_PAGE}", "")
    ), "a Markdown link built from a label"
    for tag in ("<script", "<img", "<b>"):
        assert tag not in markdown_html, tag
    hrefs = re.findall(r'href="([^"]*)"', markdown_html)
    assert hrefs and all(h.startswith(RULES_PAGE) for h in hrefs), hrefs
    # The label is still there for a reader, as text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown_html


def test_markdown_escaping_keeps_pipes_inside_the_cell():
    from darklint.report.markdown import md_text

    cell = md_text("a | b\nc [x](https://evil.example) www.evil.example @team")
    assert "\n" not in cell
    assert not re.search(r"(?<!\\)\|", cell)
    assert "https://" not in cell and "www." not in cell and "@team" not in cell


def test_markdown_stays_under_the_comment_size_limit(tmp_path):
    from darklint.engine import FileReport, RunReport
    from darklint.findings import Finding
    from darklint.model import Location
    from darklint.report import ReportContext
    from darklint.report.markdown import MAX_CHARS, render

    findings = [
        Finding(
            "DL101",
            "cancel-harder-than-signup",
            "error",
            "leaving",
            "x" * 300,
            Location("flows/a.yaml", line, 1),
        )
        for line in range(1, 1001)
    ]
    text = render(RunReport(files=[FileReport("flows/a.yaml", "A", findings)]), ReportContext())
    assert len(text) <= MAX_CHARS
    assert re.search(r"and \d+ more finding", text)


def test_junit_stays_well_formed_with_control_characters_in_a_label(tmp_path):
    """YAML's "\\x01" escape can put characters XML 1.0 forbids into a label."""
    flow = tmp_path / "control.yaml"
    text = (ROOT / HOSTILE_FILE).read_text(encoding="utf-8")
    flow.write_text(text.replace("Guest forgot a charger", "Guest \\x01forgot\\x0b"), "utf-8")
    _, outputs = run_check([str(flow)], tmp_path)
    assert "\x01" in json.loads(outputs["json"])["findings"][0]["message"]
    root = ET.fromstring(outputs["junit"])
    assert root.find(".//failure") is not None
