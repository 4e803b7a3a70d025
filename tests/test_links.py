"""darklint links only to what the project owns: help links and the schema's $id come from one
setting, docs-url, and default to the documentation inside the installed package or the
checkout. `explain` writes URLs out when its output is not a terminal."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import EXAMPLES, ROOT

from darklint.catalog import load_rules
from darklint.links import bundled_docs_url, rule_anchor
from darklint.schema import flow_schema

URL = re.compile(r"""(?:https?|file)://[^\s<>"'`)\]|]+""")
#: Hosts nobody owns: examples in documentation.
PLACEHOLDER_HOSTS = re.compile(r"(^|\.)(example\.(com|org|net)|[^.]+\.(example|invalid|test))$")
#: The repository's text files that speak for the project.
PROJECT_FILES = [
    "README.md",
    "action.yml",
    ".pre-commit-hooks.yaml",
    "pyproject.toml",
    *(str(p.relative_to(ROOT)) for p in sorted((ROOT / "docs").glob("*.md"))),
    *(str(p.relative_to(ROOT)) for p in sorted((ROOT / "darklint").rglob("*.py"))),
    *(str(p.relative_to(ROOT)) for p in sorted((ROOT / "darklint" / "templates").glob("*"))),
    *(str(p.relative_to(ROOT)) for p in sorted((ROOT / "rules").rglob("*.yaml"))),
    *(str(p.relative_to(ROOT)) for p in sorted((ROOT / "schema").glob("*.json"))),
]


def darklint(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "darklint", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def claims_the_project(url: str) -> bool:
    """A link that names darklint on a host that is not a placeholder: a host or an account
    the project would have to own (darklint.dev, github.com/darklint, pypi.org/project/darklint)."""
    try:
        parsed = urlparse(url)
        host = parsed.hostname or ""
    except ValueError:  # a pattern that looks like a URL (a regular expression in code)
        return "darklint" in url.lower()
    if parsed.scheme == "file" or PLACEHOLDER_HOSTS.search(host):
        return False
    return "darklint" in url.lower()


def test_the_check_itself_catches_the_links_darklint_had():
    for url in (
        "https://darklint.dev/rules/DL101",
        "https://github.com/darklint/darklint",
        "https://pypi.org/project/darklint/",
    ):
        assert claims_the_project(url), url
    assert not claims_the_project("https://git.example.com/tools/darklint/-/blob/main")
    assert not claims_the_project("https://www.ftc.gov/legal-library/browse/rules")


@pytest.mark.parametrize("name", PROJECT_FILES)
def test_no_file_links_to_a_host_the_project_does_not_own(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    assert not [u for u in URL.findall(text) if claims_the_project(u)]


def test_no_output_links_to_a_host_the_project_does_not_own(tmp_path):
    outputs = {
        name: tmp_path / f"out.{name}"
        for name in ("json", "sarif", "junit", "markdown", "html", "gitlab")
    }
    args = [f"-f{name}:{path}" for name, path in outputs.items()]
    result = darklint("check", "--no-cache", str(EXAMPLES), "-f", "github", *args)
    assert result.returncode == 1
    texts = [result.stdout, *(p.read_text(encoding="utf-8") for p in outputs.values())]
    assert not [u for text in texts for u in URL.findall(text) if claims_the_project(u)]
    assert not [u for u in URL.findall(flow_schema_text()) if claims_the_project(u)]


def flow_schema_text() -> str:
    return json.dumps(flow_schema())


def test_by_default_help_links_open_the_bundled_rule_reference():
    rule = next(r for r in load_rules() if r.id == "DL101")
    assert rule.help_uri == f"{bundled_docs_url()}/docs/rules.md#dl101-cancel-harder-than-signup"
    page = Path(urlparse(rule.help_uri).path)
    assert page.is_file(), "the link opens a page that exists"
    assert f"## DL101 {rule.name}" in page.read_text(encoding="utf-8")
    assert rule_anchor(rule.id, rule.name) == "dl101-cancel-harder-than-signup"
    assert "$id" not in flow_schema(), "without docs-url the schema claims no address"


def test_a_teams_own_rule_has_no_link_into_darklints_reference():
    custom = EXAMPLES / "custom-rules"
    rules = [r for r in load_rules([custom / "rules"]) if not r.builtin]
    assert rules and all(r.help_uri == "" for r in rules)


DOCS_URL = "https://git.example.com/tools/darklint/-/blob/main"


def test_docs_url_sets_help_links_schema_id_and_the_sarif_tool_page(tmp_path):
    (tmp_path / "darklint.yaml").write_text(f"docs-url: {DOCS_URL}/\n", encoding="utf-8")
    flow = EXAMPLES / "streaming-phone-cancel.yaml"
    result = darklint("check", "--no-cache", str(flow), "-f", "json", cwd=tmp_path)
    findings = json.loads(result.stdout)["findings"]
    assert {f["help_uri"].split("#")[0] for f in findings} == {f"{DOCS_URL}/docs/rules.md"}
    sarif = json.loads(
        darklint("check", "--no-cache", str(flow), "-f", "sarif", cwd=tmp_path).stdout
    )
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == DOCS_URL
    assert {r["helpUri"] for r in driver["rules"]} >= {
        f"{DOCS_URL}/docs/rules.md#dl101-cancel-harder-than-signup"
    }
    schema = json.loads(darklint("schema", cwd=tmp_path).stdout)
    assert schema["$id"] == f"{DOCS_URL}/schema/darklint-flow-v1.json"
    flag = json.loads(darklint("schema", "--docs-url", "https://docs.example.org/dl").stdout)
    assert flag["$id"] == "https://docs.example.org/dl/schema/darklint-flow-v1.json"


def test_the_flag_beats_the_configuration_and_a_bad_url_is_a_usage_error(tmp_path):
    (tmp_path / "darklint.yaml").write_text(f"docs-url: {DOCS_URL}\n", encoding="utf-8")
    flow = EXAMPLES / "streaming-phone-cancel.yaml"
    other = "https://docs.example.org/darklint"
    result = darklint(
        "check", "--no-cache", str(flow), "-f", "json", "--docs-url", other, cwd=tmp_path
    )
    assert json.loads(result.stdout)["findings"][0]["help_uri"].startswith(f"{other}/docs/")
    bad = darklint("check", str(flow), "--docs-url", "docs.example.org", cwd=tmp_path)
    assert bad.returncode == 2 and "--docs-url: must be an absolute" in bad.stderr
    (tmp_path / "darklint.yaml").write_text("docs-url: not a url\n", encoding="utf-8")
    broken = darklint("check", str(flow), cwd=tmp_path)
    assert broken.returncode == 2 and "docs-url: must be an absolute" in broken.stderr


def test_explain_writes_urls_out_without_padding_when_piped():
    result = darklint("explain", "DL101")
    assert result.returncode == 0
    rule = next(r for r in load_rules() if r.id == "DL101")
    for reference in rule.references:
        assert reference.url in result.stdout.replace("\n   ", "")
    assert [line for line in result.stdout.splitlines() if line != line.rstrip()] == []
