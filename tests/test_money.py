"""Money is written one way in every output: console, JSON, SARIF, HTML and its diagrams."""

from __future__ import annotations

import json
import os
import re

import pytest
from click.testing import CliRunner
from conftest import ROOT

from darklint.cli import main
from darklint.model import Fee, Product, Subscription
from darklint.money import fee_money, money


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        (9.5, "EUR", "EUR 9.50"),
        (75, "USD", "USD 75"),
        (75.0, "USD", "USD 75"),
        (14.99, "GBP", "GBP 14.99"),
        (1200, "EUR", "EUR 1,200"),
        (0, "EUR", "EUR 0"),
        (12, None, "12 (currency not stated)"),
        (None, "EUR", "an amount at cost"),
    ],
)
def test_money(amount, currency, shown):
    assert money(amount, currency) == shown


def test_a_fee_without_a_currency_takes_the_subscriptions():
    product = Product(
        darklint="1.0",
        product="P",
        flows={},
        subscription=Subscription(renews="monthly", currency="USD"),
    )
    assert fee_money(product, Fee(name="Cancellation fee", amount=75)) == "USD 75"
    assert fee_money(product, Fee(name="Booking", amount=9.5, currency="EUR")) == "EUR 9.50"
    assert fee_money(product, Fee(name="Postage", pass_through=True)) == "passed on at cost"
    bare = Product(darklint="1.0", product="P", flows={})
    assert fee_money(bare, Fee(name="Fee", amount=12)) == "12 (currency not stated)"


def test_every_output_writes_the_same_amounts(tmp_path):
    """The airline's EUR 9.50 booking fee and the bank's USD 35 fee (currency from the
    subscription) read the same in each output; no '9.5 EUR' and no bare amount anywhere."""
    files = ["examples/airline-booking.yaml", "examples/bank-account.yaml"]
    outputs = {name: tmp_path / f"report.{name}" for name in ("json", "sarif", "html")}
    args = ["check", *files, "-q"]
    for name, path in outputs.items():
        args += ["-f", f"{name}:{path}"]
    previous = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, [*args, "-f", "console"], catch_exceptions=False)
    finally:
        os.chdir(previous)
    texts = {name: path.read_text(encoding="utf-8") for name, path in outputs.items()}
    texts["console"] = result.output
    json.loads(texts["json"])
    for name, text in texts.items():
        assert "EUR 9.50" in text, name
        assert "USD 35" in text, name
        assert not re.search(r"\b9\.5 ?EUR|\b35 USD|EUR 9\.5\b", text), name
    # The diagram labels its fees with the same words.
    assert "fee: Booking fee EUR 9.50" in texts["html"]
    assert "fee: Returned payment fee USD 35" in texts["html"]


@pytest.mark.parametrize(
    ("fee", "shown"),
    [
        (Fee("Service fee", percent=15, of="order"), "15% of the order"),
        (Fee("Service fee", percent=7.5, of="order"), "7.5% of the order"),
        (
            Fee("Early termination", percent=50, of="remaining_contract"),
            "50% of the remaining contract",
        ),
        (Fee("Resort fee", amount=9, up_to=95, per="night", currency="USD"), "USD 9-95 per night"),
        (Fee("Booking fee", amount=2.5, per="ticket", currency="GBP"), "GBP 2.50 per ticket"),
        (Fee("Service fee", amount=9, up_to=9, currency="USD"), "USD 9"),
        (Fee("Card fee", percent=2, of="booking", per="person"), "2% of the booking per person"),
    ],
)
def test_format_11_fees_read_as_people_say_them(fee, shown):
    assert fee_money(Product(1, "P", {}), fee) == shown
