"""Format 1.1 (docs/format.md, "Additions of format 1.1"): every new key loads, is validated
with a located message, and leaves version 1 files as they were."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from darklint.load import load_file, load_text
from darklint.model import Disclosure, Fee, OpeningHours

SPEC = FIXTURES / "core" / "format-11-spec.yaml"


def problems(text: str) -> list[tuple[int, int, str]]:
    result = load_text(text, "t.yaml")
    return [(p.location.line, p.location.column, p.message) for p in result.problems]


def order(step: str, version: str = "1.1") -> str:
    """A one-flow purchase file whose `cart` step is ``step`` (indented under steps)."""
    return (
        f"darklint: {version}\nproduct: P\nflows:\n  order:\n    kind: purchase\n"
        f"    start: cart\n    steps:\n      cart:\n{step}      done: {{outcome: purchased}}\n"
    )


def test_every_key_of_format_11_loads():
    product = load_file(str(SPEC)).product
    assert product is not None and product.darklint == 1.1
    sub = product.subscription
    assert (sub.renews, sub.commitment_months, sub.trial.price) == ("monthly", 12, 1.0)
    assert sub.committed
    assert [n.consent for n in sub.notices] == [False, True]
    plans = product.flows["signup"].steps["plans"]
    assert [(d.fact, d.prominence) for d in plans.discloses] == [
        ("price", "clear"),
        ("renewal_terms", "clear"),
        ("trial_terms", "clear"),
        ("commitment", "fine_print"),
        ("how_to_cancel", "behind_link"),
    ]
    assert plans.discloses_clearly("price") and not plans.discloses_clearly("commitment")
    assert plans.prominence_of("commitment") == "fine_print"
    assert plans.prominence_of("fees") is None
    assert plans.options[0].required and plans.options[0].kind == "marketing"
    service, resort, small = product.flows["order"].steps["checkout"].actions[0].fees
    assert (service.percent, service.of, service.amount) == (15, "order", None)
    assert (resort.amount, resort.up_to, resort.per, resort.currency) == (9, 95, "night", "USD")
    assert small.of == "order" and small.per == "order"  # implied defaults
    check = product.flows["review"].steps["check"]
    assert check.wait_days == 3 and check.limited_hours
    assert check.hours == OpeningHours(("mon", "tue", "wed", "thu", "fri"), "09:00", "17:00")
    assert product.flows["review"].steps["ask"].requires == ("evidence",)
    assert product.flows["review"].steps["credit"].outcome == "credited"
    done = product.flows["cancel"].steps["done"]
    assert (done.confirmation.channel, done.confirmation.within_hours) == ("email", 24)
    # each disclosure item knows where it was written, plain or mapping
    lines = [d.location.line for d in plans.discloses]
    assert lines == sorted(lines) and len(set(lines)) == 5


def test_a_version_1_file_may_use_the_new_keys_and_defaults_stay_unknown():
    product = load_file(str(FIXTURES / "core" / "format-spec.yaml")).product
    assert product.darklint == 1
    landing = product.flows["signup"].steps["landing"]
    assert landing.discloses == (Disclosure("price"), Disclosure("renewal_terms"))
    assert landing.wait_days is None and landing.confirmation is None
    assert not landing.limited_hours
    assert product.subscription.commitment_months is None and not product.subscription.committed
    text = order(
        "        actions:\n          - {label: Go, to: done, fees: [{name: F, percent: 5}]}\n"
    )
    assert load_text(text.replace("darklint: 1.1", "darklint: 1"), "t.yaml").problems == []


def test_same_fee_written_with_and_without_of_order_is_one_fee():
    assert (
        Fee("Service fee", percent=15, of="order")
        == load_text(
            order(
                "        actions:\n          - {label: Go, to: done, fees: [{name: Service fee, percent: 15}]}\n"
            ),
            "t.yaml",
        )
        .product.flows["order"]
        .steps["cart"]
        .actions[0]
        .fees[0]
    )


@pytest.mark.parametrize("version", ["1", "1.0", "1.1"])
def test_versions_read(version):
    assert problems(order("        actions: [{label: Go, to: done}]\n", version)) == []


@pytest.mark.parametrize(
    ("version", "needle"),
    [
        ("1.2", "unsupported format version '1.2': the file needs a newer darklint"),
        ("2", "needs a newer darklint (this one reads format 1 and 1.1)"),
        ("0.9", "unsupported format version '0.9'; this darklint reads format 1 and 1.1"),
        ('"1.1"', "'darklint' of the file must be a number, got '1.1'"),
    ],
)
def test_other_versions_are_refused_with_what_to_do(version, needle):
    found = problems(order("        actions: [{label: Go, to: done}]\n", version))
    assert any(line == 1 and needle in m for line, _, m in found), found


HOURS = "        hours: {days: [mon, fri], from: %s, to: %s}\n        actions: [{label: Go, to: done}]\n"


def test_opening_hours_read_unquoted_times_and_24_00():
    # YAML 1.1 reads 17:00 as the number 1020 (base 60): the loader keeps the author's text.
    text = order(HOURS % ("08:30", "17:00"))
    hours = load_text(text, "t.yaml").product.flows["order"].steps["cart"].hours
    assert (hours.opens, hours.closes) == ("08:30", "17:00")
    week = (
        "        hours: {days: [mon, tue, wed, thu, fri, sat, sun], from: '00:00', to: '24:00'}\n"
    )
    step = load_text(order(week + "        actions: [{label: Go, to: done}]\n"), "t.yaml")
    assert not step.product.flows["order"].steps["cart"].limited_hours


@pytest.mark.parametrize(
    ("step", "line", "needle"),
    [
        (
            "        actions:\n          - {label: Go, to: done, fees: [{name: F, amount: 2, percent: 15}]}\n",
            10,
            "has both 'amount' and 'percent'",
        ),
        (
            "        actions:\n          - {label: Go, to: done, fees: [{name: F}]}\n",
            10,
            "needs an 'amount' or a 'percent'",
        ),
        (
            "        actions:\n          - label: Go\n            to: done\n            fees: [{name: F, amount: 95, up_to: 9}]\n",
            12,
            "below the amount 95",
        ),
        (
            "        actions:\n          - label: Go\n            to: done\n            fees: [{name: F, percent: 9, up_to: 95}]\n",
            12,
            "'up_to' of fee 1",
        ),
        (
            "        actions:\n          - label: Go\n            to: done\n            fees: [{name: F, amount: 9, of: booking}]\n",
            12,
            "add 'percent' or remove 'of'",
        ),
        (
            "        actions:\n          - label: Go\n            to: done\n            fees: [{name: F, percent: 9, of: bookings}]\n",
            12,
            "did you mean 'booking'?",
        ),
        (
            "        options: [{label: Wrap, kind: add_on, required: true}]\n        actions: [{label: Go, to: done}]\n",
            9,
            "required applies to options of kind consent, marketing, data_sharing",
        ),
        (
            "        confirmation: {channel: email}\n        actions: [{label: Go, to: done}]\n",
            9,
            "has a 'confirmation' but no outcome",
        ),
        (HOURS % ("'9am'", "'17:00'"), 9, "'from' of 'hours' of step 'cart' is '9am', not a time"),
        (HOURS % ("'17:00'", "'09:00'"), 9, "closing must come after opening"),
        (HOURS % ("'09:00'", "'24:30'"), 9, "'24:30', not a time"),
        (
            "        hours: {days: [mon, mon], from: '09:00', to: '17:00'}\n        actions: [{label: Go, to: done}]\n",
            9,
            "lists mon twice",
        ),
        (
            "        hours: {days: [monday], from: '09:00', to: '17:00'}\n        actions: [{label: Go, to: done}]\n",
            9,
            "did you mean 'mon'?",
        ),
        (
            "        hours: weekdays\n        actions: [{label: Go, to: done}]\n",
            9,
            "not one of: always, business, or a mapping",
        ),
        (
            "        discloses: [price, {fact: comitment, prominence: fine_print}]\n        actions: [{label: Go, to: done}]\n",
            9,
            "did you mean 'commitment'?",
        ),
        (
            "        discloses: [{fact: fees, prominence: fineprint}]\n        actions: [{label: Go, to: done}]\n",
            9,
            "did you mean 'fine_print'?",
        ),
        (
            "        discloses: [{fact: fees, prominance: fine_print}]\n        actions: [{label: Go, to: done}]\n",
            9,
            "did you mean 'prominence'?",
        ),
        (
            "        discloses: [pirce]\n        actions: [{label: Go, to: done}]\n",
            9,
            "did you mean 'price'?",
        ),
        (
            "        requires: [evidense]\n        actions: [{label: Go, to: done}]\n",
            9,
            "did you mean 'evidence'?",
        ),
        (
            "        wait_days: -3\n        actions: [{label: Go, to: done}]\n",
            9,
            "must not be negative",
        ),
    ],
)
def test_format_11_problems_are_located_with_what_to_do(step, line, needle):
    found = problems(order(step))
    assert any(at == line and needle in m for at, _, m in found), found


def test_subscription_keys_of_11_are_validated():
    text = (
        "darklint: 1.1\nproduct: P\nsubscription:\n  renews: fortnightly\n"
        "  commitment_months: twelve\n  trial: {days: 7, price: free}\n"
        "  notices: [{event: price_change, days_before: 30, consent: yes please}]\n"
        "flows:\n  s:\n    kind: signup\n    start: a\n    steps: {a: {outcome: subscribed}}\n"
    )
    found = {line: m for line, _, m in problems(text)}
    assert "quarterly" in found[4] and "half_yearly" in found[4]
    assert "must be a number" in found[5]
    assert "'price' of 'trial'" in found[6]
    assert "true or false" in found[7]
