"""Checks for fees (DL3xx): surcharges for mistakes, drip pricing, fees to leave."""

from __future__ import annotations

from collections.abc import Iterator

from darklint.checks import Params, check
from darklint.checks.common import fee_text
from darklint.findings import Hit
from darklint.graph import Queries


@check("fee_on_non_deliberate_action")
def fee_on_non_deliberate_action(q: Queries, params: Params) -> Iterator[Hit]:
    """A surcharge on an act the customer did not choose: a slip, a forgotten item, an
    expired card. Flows the business caused (trigger by: business) are DL603's."""
    for flow in q.product.flows.values():
        trigger = flow.trigger
        if trigger is not None and trigger.by == "business":
            continue
        trigger_slip = trigger is not None and not trigger.deliberate
        for step in flow.steps.values():
            for action in step.actions:
                if trigger_slip:
                    why = f"the flow starts with something the customer did not choose ('{trigger.label or flow.id}')"
                elif not action.deliberate:
                    why = f"'{action.label}' is not a deliberate act of the customer"
                elif action.by == "system":
                    why = f"'{action.label}' is done by the system, not chosen by the customer"
                else:
                    continue
                for fee in action.fees:
                    if fee.pass_through:
                        continue
                    yield Hit(
                        f"surcharge {fee_text(q, fee)} on '{action.label}' at step '{step.id}': "
                        f"{why}. Nobody should pay a fine for an honest mistake: drop the "
                        "surcharge (passing on a real cost at cost is fine)",
                        fee.location,
                        flow=flow.id,
                        step=step.id,
                        facts=(("fee", fee_text(q, fee)), ("action", action.label)),
                        subject=f"{action.label}/{fee.name}",
                    )
