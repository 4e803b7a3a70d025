"""Money as every darklint output shows it: one formatter for messages, diagrams and reports.

A reader comparing the console, the SARIF log, the JSON report and the HTML report's diagrams
must see the same amount written the same way, so all of them call :func:`money`. The form is
the ISO 4217 code, a space, and the amount: whole amounts without decimals, others with two,
thousands grouped (``EUR 9.50``, ``USD 75``, ``GBP 1,200``). An amount whose currency the flow
file does not give says so rather than showing a bare number that reads like any currency.
"""

from __future__ import annotations

from darklint.model import Fee, Product

#: Shown after an amount whose currency the flow file does not give.
NO_CURRENCY = "(currency not stated)"
#: Shown for a fee passed on at cost, whose amount the flow file cannot know.
AT_COST = "passed on at cost"


def amount_text(amount: float) -> str:
    """'9.50', '75', '1,200', '-3.25': two decimals unless the amount is whole."""
    value = float(amount)
    if value.is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def money(amount: float | None, currency: str | None) -> str:
    """'EUR 9.50'; '35 (currency not stated)' without a currency; at cost without an amount."""
    if amount is None:
        return "an amount at cost"
    number = amount_text(amount)
    return f"{currency} {number}" if currency else f"{number} {NO_CURRENCY}"


def fee_money(product: Product, fee: Fee) -> str:
    """A fee's amount in the fee's currency, else the subscription's: 'EUR 5'."""
    if fee.amount is None:
        return AT_COST
    return money(fee.amount, product.fee_currency(fee.currency))
