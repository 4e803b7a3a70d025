"""Format 1.1 in the rules: the new thresholds of the profiles, messages that speak of money
and time as people do, and the version rule that keeps every format 1 file's findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, FIXTURES, fixture_params, lint

from darklint.catalog import load_rules
from darklint.profiles import apply_profile, load_profile

RULES = load_rules()
RULE_FIXTURES = FIXTURES / "rules"
NEW_RULES = ("DL109", "DL206", "DL208", "DL404", "DL506")


def chosen(profile: str) -> dict:
    return {r.id: r for r in apply_profile(RULES, load_profile(profile))}


def test_uk_confirms_a_cancellation_within_24_hours_and_cites_s261():
    rule = chosen("uk")["DL109"]
    assert rule.params["max_hours"] == 24 and "s.261" in rule.provision


def test_eu_makes_credit_instead_of_a_refund_an_error_and_cites_art_13():
    rule = chosen("eu")["DL404"]
    assert rule.severity == "error" and "Art. 13(1)" in rule.provision
    assert {r.id: r for r in RULES}["DL404"].severity == "warning"  # the catalog default


def findings(path: Path, rule: str, params: dict | None = None) -> list[str]:
    report = lint(path, RULES, {rule: params or {}})
    return [f.message for f in report.findings if f.rule_id == rule]


@pytest.mark.parametrize(
    ("fixture", "rule", "words"),
    [
        (
            "DL302/fail-percent-service-fee-at-payment.yaml",
            "DL302",
            "'Service fee' (15% of the order)",
        ),
        ("DL302/fail-fees-in-fine-print.yaml", "DL302", "(USD 1.99-5.99)"),
        ("DL302/fail-fees-in-fine-print.yaml", "DL302", "shown only in fine print at step 'menu'"),
        ("DL304/fail-etf-in-fine-print.yaml", "DL304", "(50% of the remaining contract)"),
        ("DL304/fail-etf-in-fine-print.yaml", "DL304", "only in fine print at step 'plans'"),
        ("DL206/fail-annual-paid-monthly-fine-print.yaml", "DL206", "a 12-month term"),
        ("DL206/fail-weekly-billed-monthly-term.yaml", "DL206", "only in a tooltip"),
        ("DL208/fail-behind-link.yaml", "DL208", "only behind a link at step 'plans'"),
        ("DL205/fail-renewal-terms-in-fine-print.yaml", "DL205", "which are not clear disclosures"),
        (
            "DL403/fail-review-plus-processing.yaml",
            "DL403",
            "take 17 days to reach the customer (a 3-day wait at step 'review' and 14 days of processing)",
        ),
        ("DL107/fail-weekday-opening-hours.yaml", "DL107", "open only Mon-Fri 09:00-17:00"),
        ("DL201/fail-paid-trial.yaml", "DL201", "(a paid trial at USD 1)"),
        ("DL109/fail-uk-confirmed-after-two-days.yaml", "DL109", "only within 48 hours"),
        ("DL404/fail-credit-easier.yaml", "DL404", "store credit takes effort 1.0 but money back"),
    ],
)
def test_messages_say_money_and_time_as_people_do(fixture, rule, words):
    path = RULE_FIXTURES / fixture
    found = findings(path, rule, fixture_params(path))
    assert any(words in m for m in found), found


def test_a_fact_in_fine_print_shows_in_the_evidence():
    report = lint(RULE_FIXTURES / "DL206/fail-annual-paid-monthly-fine-print.yaml", RULES)
    (finding,) = [f for f in report.findings if f.rule_id == "DL206"]
    assert ("shown", "commitment only in fine print at step 'plans'") in finding.facts
    assert ("commitment", "12 months, billed every month") in finding.facts


def test_confirmation_shows_in_the_evidence():
    path = RULE_FIXTURES / "DL109/fail-uk-confirmed-after-two-days.yaml"
    report = lint(path, RULES, {"DL109": {"max_hours": 24}})
    (finding,) = [f for f in report.findings if f.rule_id == "DL109"]
    assert finding.facts == (("confirmation", "by email within 48 hours"),)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_new_rules_stay_silent_on_format_1_files(path):
    """Format 1 files cannot state a confirmation or how to cancel: absent is unknown there,
    so the new rules add nothing to what a format 1 file reported before."""
    if path.read_text(encoding="utf-8").find("darklint: 1.1") >= 0:
        pytest.skip("a format 1.1 file")
    report = lint(path, RULES)
    assert not [f for f in report.findings if f.rule_id in NEW_RULES]


def test_the_same_flow_declared_11_states_what_it_leaves_out(tmp_path):
    text = (RULE_FIXTURES / "DL109/pass-version-1-file.yaml").read_text(encoding="utf-8")
    declared = tmp_path / "declared.yaml"
    declared.write_text(text.replace("darklint: 1\n", "darklint: 1.1\n"), encoding="utf-8")
    assert findings(declared, "DL109")
