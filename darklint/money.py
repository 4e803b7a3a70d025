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


#: What a percent fee is a share of, as people say it ("15% of the order").
SHARE_OF = {
    "order": "the order",
    "remaining_contract": "the remaining contract",
    "booking": "the booking",
}


def money(
    amount: float | None,
    currency: str | None,
    *,
    up_to: float | None = None,
    per: str | None = None,
) -> str:
    """'EUR 9.50'; '35 (currency not stated)' without a currency; at cost without an amount.

    An amount that varies reads 'USD 9-95', and one charged per night, person or item says
    so: 'USD 9-95 per night' (per order, the default, says nothing).
    """
    if amount is None:
        return "an amount at cost"
    number = amount_text(amount)
    if up_to is not None and up_to != amount:
        number += f"-{amount_text(up_to)}"
    shown = f"{currency} {number}" if currency else f"{number} {NO_CURRENCY}"
    return f"{shown} {_per(per)}" if _per(per) else shown


def share(percent: float, of: str = "order", per: str | None = None) -> str:
    """'15% of the order', '50% of the remaining contract': a fee given as a percent."""
    shown = f"{float(percent):g}% of {SHARE_OF.get(of, of)}"  # 7.5%, as people write it
    return f"{shown} {_per(per)}" if _per(per) else shown


def _per(unit: str | None) -> str:
    return f"per {unit}" if unit and unit != "order" else ""


def fee_money(product: Product, fee: Fee) -> str:
    """A fee's amount in the fee's currency, else the subscription's: 'EUR 5', '15% of the
    order', 'USD 9-95 per night'."""
    if fee.percent is not None:
        return share(fee.percent, fee.basis, fee.per)
    if fee.amount is None:
        return AT_COST
    return money(fee.amount, product.fee_currency(fee.currency), up_to=fee.up_to, per=fee.per)
