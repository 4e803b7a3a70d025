"""Shared test helpers: lint a file with the real catalog and read `# expect:` markers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from darklint.catalog import load_rules
from darklint.engine import LintOptions, lint_file, select_rules

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
EXPECT = re.compile(r"#\s*expect:\s*((?:[A-Z]+\d{3}[\s,]*)+)")
PARAMS = re.compile(r"^#\s*params:\s*(\{.*\})\s*$")


@pytest.fixture(scope="session")
def catalog():
    return load_rules()


def expected_markers(path: Path) -> set[tuple[str, int]]:
    """(rule id, line) for every `# expect: DL101 DL105` comment in a file."""
    out = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = EXPECT.search(line)
        if match:
            out |= {(rule, number) for rule in re.findall(r"[A-Z]+\d{3}", match.group(1))}
    return out


def fixture_params(path: Path) -> dict:
    """Parameters from a first-line `# params: {...}` comment, else none."""
    first = path.read_text(encoding="utf-8").splitlines()[:1]
    match = PARAMS.match(first[0]) if first else None
    return yaml.safe_load(match.group(1)) if match else {}


def lint(path: Path, rules, params_for: dict[str, dict] | None = None):
    """Lint one file with the whole catalog (parameters overridden per rule id)."""
    params_for = params_for or {}
    chosen = [r.with_params(params_for.get(r.id, {})) for r in select_rules(rules)]
    options = LintOptions(tuple(chosen), tuple(rules))
    return lint_file(str(path), options, explicit=True)


@pytest.fixture(autouse=True, scope="session")
def _private_cache_key(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The result cache keeps its secret in the user's cache directory: give the test run a
    directory of its own (inherited by the darklint processes the tests start)."""
    import os

    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))


#: Debian's Chromium, as CI installs it, started the way this machine's closed network needs.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_browser(reason: str) -> None:
    """Skip a browser test locally, but fail it in CI (DARKLINT_REQUIRE_BROWSER=1), where a
    skipped browser test would hide that the report or the recorder was never looked at."""
    import os

    if os.environ.get("DARKLINT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (DARKLINT_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium driven by Playwright, shared by the browser tests of one module.

    Not for the whole session: Playwright's synchronous API keeps an event loop running in
    this thread while it is open, and the language server's tests need to run their own."""
    if not Path(CHROMIUM).exists():
        require_browser(f"Chromium not installed at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_browser("Playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
