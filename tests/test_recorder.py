"""The recorder, on a real web app in a real browser.

Acme Stream (tests/webapp.py) is served on 127.0.0.1 in a dark and a fixed version, and its
sign-up and cancel are walked with Playwright in Debian's headless Chromium, as a product
team's end-to-end tests would. The recorded flow files are linted: the dark cancel gives
DL101, DL108 and DL501 (among others) with evidence marked observed, the fixed one nothing.
The pytest plugin is run as a team would run it, in its own pytest process. Without Chromium
these tests are skipped with a reason, unless DARKLINT_REQUIRE_BROWSER=1 (CI): then they fail.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import recording_walks
import webapp
import yaml
from click.testing import CliRunner
from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, lint

from darklint.cli import main
from darklint.load import load_file
from darklint.record import Recorder


def record(browser, version: str, directory: Path) -> Path:
    recorder = Recorder()
    with webapp.serve(version) as base:
        recording_walks.walk_all(browser.new_page, recorder.record, base, version)
    [path] = recorder.write(directory)
    return Path(path)


@pytest.fixture(scope="module")
def recorded(browser, tmp_path_factory):
    return {
        version: record(browser, version, tmp_path_factory.mktemp(version))
        for version in ("dark", "fixed")
    }


def test_dark_cancel_is_recorded_with_what_the_page_showed(recorded):
    product = load_file(str(recorded["dark"])).product
    assert product.product == "Acme Stream"
    assert list(product.flows) == ["signup", "cancel"]  # three tests, one file
    signup = product.flows["signup"]
    assert signup.start == "pricing"
    assert signup.steps["signup"].kind == "payment"  # a card number field
    assert "kind" in signup.steps["signup"].observed
    [news] = signup.steps["signup"].options
    assert (news.label, news.prechecked) == (
        "Email me news and offers",
        False,
    )  # ticked by the test
    cancel = product.flows["cancel"]
    [account_exit] = cancel.steps["account"].actions
    assert (account_exit.label, account_exit.emphasis) == ("Cancel plan", "secondary")  # outlined
    offer = cancel.steps["offer"]
    actions = {a.label: a for a in offer.actions}
    assert actions["Keep my discount"].emphasis == "primary"  # filled
    assert actions["No thanks, I don't like saving money"].emphasis == "link"  # small text
    assert actions["No thanks, I don't like saving money"].observed == ("label", "to", "emphasis")
    [box] = offer.options
    assert (box.label, box.prechecked, box.kind) == (
        "Keep me updated with offers",
        True,
        "marketing",
    )
    assert box.observed == ("label", "prechecked")  # kind is the overlay's
    assert offer.timer is not None and 590 <= offer.timer.seconds <= 600
    assert offer.text.startswith("Wait! Don't go.")
    assert offer.kind == "retention_offer" and "kind" not in offer.observed  # declared
    phone = cancel.steps["phone"]  # declared in the overlay
    assert (phone.kind, phone.channel, phone.wait_minutes, phone.observed) == (
        "agent", "phone", 25, ())  # fmt: skip
    assert cancel.steps["kept"].outcome == "retained"


def test_dark_cancel_gives_dl101_dl108_dl501_with_observed_evidence(recorded, catalog):
    findings = {f.rule_id: f for f in lint(recorded["dark"], catalog).findings}
    assert {"DL101", "DL108", "DL501"} <= set(findings)
    shaming = {(p.step, p.item): p for p in findings["DL501"].provenance}
    link = shaming[("offer", "action 'No thanks, I don't like saving money'")]
    assert "label" in link.observed and "emphasis" in link.observed
    exit_hidden = {(p.step, p.item): p for p in findings["DL108"].provenance}
    assert exit_hidden[("offer", "step")].declared == ("kind",)
    harder = {p.step: p for p in findings["DL101"].provenance if p.item == "step"}
    assert harder["account"].observed == ("text",)
    assert "wait_minutes" in harder["phone"].declared


def test_fixed_version_gives_no_findings(recorded, catalog):
    report = lint(recorded["fixed"], catalog)
    assert report.findings == []
    cancel = load_file(str(recorded["fixed"])).product.flows["cancel"]
    emphasis = {a.label: a.emphasis for a in cancel.steps["confirm"].actions}
    assert emphasis == {"Cancel my plan": "primary", "Keep my plan": "secondary"}


def test_emphasis_is_read_from_computed_style(browser):
    page = browser.new_page()
    try:
        recording = Recorder().record(page, product="P", flow="f", kind="other")
        page.goto(
            "data:text/html,<header><nav><a href='#top'>Help</a></nav></header><main>"
            "<button style='background:#047857;color:#fff;border:0;padding:10px'>Filled</button>"
            "<button style='background:#fff;color:#047857;border:2px solid #047857;"
            "padding:10px'>Outlined</button>"
            "<button style='background:#f3f4f6;color:#111;border:0;padding:10px'>Pale</button>"
            "<a href='#x' style='color:#2563eb'>Text link</a>"
            "<a href='#y' style='font-size:6px'>Tiny</a>"
            "<button style='color:#fefefe;background:#fff;border:0'>Invisible</button>"
            "<button style='display:none'>Gone</button>"
            "<div role='timer'>1:02:03</div>"
            "<label><input type='checkbox' checked> Ticked as served</label>"
            "</main>".replace("#", "%23")
        )
        page.get_by_label("Ticked as served").uncheck()
        state = page.evaluate("() => window.__darklintState()")
        page.get_by_role("link", name="Help").click()  # site navigation: not part of a flow
        page.get_by_role("link", name="Text link").click()
        recording.stop()
    finally:
        page.close()
    assert [(c.name, c.emphasis) for c in recording.clicks] == [("Text link", "link")]
    shown = {w["name"]: w["emphasis"] for w in state["ways"]}
    assert shown == {
        "Filled": "primary", "Outlined": "secondary", "Pale": "secondary", "Text link": "link",
        "Tiny": "hidden", "Invisible": "hidden", "Gone": "hidden",
    }  # fmt: skip
    assert state["timer"] == 3723
    assert state["options"] == [{"label": "Ticked as served", "prechecked": True}]


PLUGIN_SUITE = """
import sys
sys.path.insert(0, {tests!r})

import pytest
from playwright.sync_api import sync_playwright

import recording_walks
import webapp

VERSION = {version!r}


@pytest.fixture(scope="module")
def base():
    with webapp.serve(VERSION) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path={chromium!r}, args={args!r})
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()


def test_signup(page, darklint_recorder, base):
    recording_walks.signup(page, darklint_recorder, base)


def test_cancel(page, darklint_recorder, base):
    recording_walks.cancel(page, darklint_recorder, base, VERSION)


def test_keep_the_offer(page, darklint_recorder, base):
    recording_walks.keep(page, darklint_recorder, base, VERSION)
"""


def run_suite(tmp_path: Path, version: str) -> tuple[subprocess.CompletedProcess, Path]:
    suite = tmp_path / "test_acme_e2e.py"
    suite.write_text(
        PLUGIN_SUITE.format(tests=str(ROOT / "tests"), version=version, chromium=CHROMIUM,
                            args=CHROMIUM_ARGS),
        encoding="utf-8",
    )  # fmt: skip
    out = tmp_path / "recorded"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(suite), "-q", "-p", "no:cacheprovider",
         "--darklint-record", str(out), "--rootdir", str(tmp_path)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    return result, out


def test_the_pytest_plugin_writes_a_flow_file_that_darklint_check_lints(browser, tmp_path):
    result, out = run_suite(tmp_path, "dark")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed" in result.stdout
    target = out / "acme-stream.yaml"
    assert f"darklint: recorded flows written to {target}" in result.stdout
    text = target.read_text(encoding="utf-8")
    assert "test_acme_e2e.py::test_cancel" in text  # the header names the tests
    assert yaml.safe_load(text)["flows"]["cancel"]["start"] == "account"
    checked = CliRunner().invoke(main, ["check", str(out), "-f", "json", "--no-cache"])
    assert checked.exit_code == 1
    findings = json.loads(checked.stdout)["findings"]
    rules = {f["rule"] for f in findings}
    assert {"DL101", "DL108", "DL501"} <= rules
    for finding in findings:
        assert any(item["observed"] for item in finding["evidence"]["provenance"]), finding


def test_the_plugin_reports_an_overlay_that_breaks_the_file(browser, tmp_path):
    broken = tmp_path / "broken.overlay.yaml"
    broken.write_text("flows:\n  cancel:\n    steps:\n      phone: {kind: operator}\n",
                      encoding="utf-8")  # fmt: skip
    suite_text = PLUGIN_SUITE + textwrap.dedent(f"""
        recording_walks.OVERLAY = {str(broken)!r}
    """)
    suite = tmp_path / "test_broken.py"
    suite.write_text(suite_text.format(tests=str(ROOT / "tests"), version="dark",
                                       chromium=CHROMIUM, args=CHROMIUM_ARGS), encoding="utf-8")  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(suite), "-q", "-p", "no:cacheprovider", "-k",
         "cancel", "--darklint-record", str(tmp_path / "out"), "--rootdir", str(tmp_path)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 1
    assert "recorded flows not written" in result.stdout
    assert "'kind' of step 'phone' is 'operator'" in result.stdout
    assert not (tmp_path / "out").exists()


def diff(*args) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["diff", *map(str, args), "-f", "json"])
    return result.exit_code, json.loads(result.stdout)


def test_diff_of_design_and_recording_names_the_added_steps_and_their_effort(recorded):
    code, data = diff(ROOT / "tests/fixtures/recorded/acme-design.yaml", recorded["dark"])
    assert code == 1 and data["harder_to_leave"] == ["cancel"]
    cancel = next(f for f in data["flows"] if f["kind"] == "cancel")
    assert cancel["steps_added"] == ["call", "phone"]
    assert cancel["steps_matched"]["done"] == "cancelled"  # matched by outcome, not id
    effort = next(e for e in data["effort"] if e["kind"] == "cancel")
    assert effort["design"] == 4.0 and effort["recorded"] == 15.5
    assert [(s["step"], s["effort"]) for s in effort["added_steps"]] == [
        ("call", 1.0), ("phone", 10.5)]  # fmt: skip
    assert {"DL108", "DL501"} <= {f["rule"] for f in data["findings"]["new"]}


def test_diff_of_the_two_versions(recorded):
    code, data = diff(recorded["dark"], recorded["fixed"])
    assert code == 0  # the fix is easier to leave and adds no finding
    gone = {f["rule"] for f in data["findings"]["gone"]}
    assert {"DL101", "DL108", "DL501"} <= gone
    effort = next(e for e in data["effort"] if e["kind"] == "cancel")
    assert effort["recorded"] < effort["design"]
    code, data = diff(recorded["fixed"], recorded["dark"])
    assert code == 1
    cancel = next(f for f in data["flows"] if f["kind"] == "cancel")
    assert cancel["steps_added"] == ["call", "phone"]
    assert cancel["steps_matched"]["confirm"] == "offer"  # the page after "Cancel plan"
    assert {"step": "offer", "label": "No thanks, I don't like saving money"} in cancel[
        "actions_added"
    ]


def test_overlay_typos_are_reported_at_their_own_lines(tmp_path):
    from darklint.record.build import RecordingError, read_overlay

    overlay = tmp_path / "acme.overlay.yaml"
    overlay.write_text(
        "flows:\n  cancel:\n    steps:\n      phone:\n        chanel: phone\n"
        "        actions:\n          - {label: Agent cancels the plan, too: cancelled}\n",
        encoding="utf-8",
    )
    with pytest.raises(RecordingError) as raised:
        read_overlay(str(overlay))
    message = str(raised.value)
    assert (
        f"{overlay}:5:9: unknown key 'chanel' in step 'phone'; did you mean 'channel'?" in message
    )
    assert f"{overlay}:7:45: unknown key 'too' in action 1 of step 'phone'" in message
    overlay.write_text("flows: {cancel: {steps: {x: {kind: !!python/object:os.system a}}}}\n",
                       encoding="utf-8")  # fmt: skip
    with pytest.raises(RecordingError, match="would construct an object"):
        read_overlay(str(overlay))
