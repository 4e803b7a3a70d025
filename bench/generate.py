"""Seeded generator of realistic darklint flow files.

The benchmark (``bench/run.py``) lints corpora made here, and other tooling (report rendering,
fuzzing) may import it for varied, valid input. Everything is driven by a
:class:`random.Random`, so the same seed always gives the same files.

A generated product looks like the bundled examples: a signup with prices, options, a
countdown now and then and a payment step; a cancel flow with retention offers, surveys, loops
back to an offer and sometimes a phone call in business hours or a fee to leave; refunds with
a parcel handed over to a carrier; fees for a forgotten item; purchases with delivery fees;
support flows that reach a person, or a policy; subscription notices, offers and ignore
entries. Most files hold a few dark patterns, as real products do.

Public helpers:

- :func:`product` builds one product as plain data; :func:`to_yaml` writes it out.
- :func:`write_corpus` writes ``count`` product files into a directory.
- :func:`big_product` builds one product with exactly ``steps`` steps, made of many flows of
  the same kinds (a company's whole catalogue of flows in one file), plus one long cancel
  maze of about a tenth of the steps.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

Data = dict[str, Any]
Steps = dict[str, Data]

CHANNELS_ONLINE = ("web", "app")
CURRENCIES = ("EUR", "USD", "GBP")
BRANDS = (
    "Acme", "Beacon", "Harbour", "IronWorks", "Lumen", "Northwind", "Orbit", "Pioneer",
    "Quill", "Riverside", "Summit", "Tandem", "Umbra", "Vista", "Willow", "Zenith",
)  # fmt: skip
TRADES = (
    ("Stream", "streaming"), ("Fitness", "gym"), ("Broadband", "telecom"), ("News", "news"),
    ("Cloud", "software"), ("Bank", "bank"), ("Air", "airline"), ("Insurance", "insurance"),
    ("Foods", "delivery"), ("Dating", "dating"), ("Hotels", "hotel"), ("Optics", "optician"),
)  # fmt: skip
CONFIRMSHAMING = (
    "No thanks, I don't like saving money",
    "No, I prefer to pay full price",
    "I'll stay uninformed",
    "No thanks, I don't care about my health",
)
NEUTRAL_NO = ("No thanks", "Continue to cancel", "Not now", "Skip")
SURVEY_TEXT = (
    "Tell us why you are leaving.",
    "What could we have done better?",
    "Help us improve: why do you want to cancel?",
)
OFFER_TEXT = (
    "Stay for {price} a month for the next 3 months.",
    "Before you go: 50% off your next 6 months.",
    "Pause your plan instead of cancelling.",
    "Switch to our basic plan for {price}.",
)


def _money(rng: random.Random, low: float, high: float) -> float:
    """A price as shops write them: 4.99, 12, 45.5."""
    value = rng.uniform(low, high)
    return round(value) if rng.random() < 0.4 else round(value, 2)


def _action(label: str, to: str, **extra: Any) -> Data:
    return {"label": label, "to": to, **extra}


class _Flows:
    """Flow builders for one product; they share the product's random generator and currency."""

    def __init__(self, rng: random.Random, currency: str, price: float) -> None:
        self.rng = rng
        self.currency = currency
        self.price = price

    # -- helpers ----------------------------------------------------------------------------

    def screens(self, prefix: str, count: int, then: str) -> tuple[Steps, str]:
        """A chain of ``count`` plain screens ending in ``then``; (steps, first step id)."""
        steps: Steps = {}
        ids = [f"{prefix}-{i + 1}" for i in range(count)]
        for index, ident in enumerate(ids):
            target = ids[index + 1] if index + 1 < count else then
            step: Data = {"actions": [_action(f"Continue ({index + 1} of {count})", target)]}
            if self.rng.random() < 0.3:
                step["text"] = f"Please review the details on page {index + 1}."
            steps[ident] = step
        return steps, (ids[0] if ids else then)

    # -- flow kinds -------------------------------------------------------------------------

    def signup(self, extra: int = 0, trial: bool = False) -> Data:
        rng = self.rng
        discloses = ["price"]
        if rng.random() < 0.7:
            discloses.append("renewal_terms")
        if trial:
            discloses.append("trial_terms")
        if rng.random() < 0.3:
            discloses.append("cancellation_fee")
        landing: Data = {
            "text": f"Premium: {self.currency} {self.price:g} a month. Cancel any time.",
            "discloses": discloses,
            "actions": [_action("Start now", "plan", emphasis="primary")],
        }
        if rng.random() < 0.3:
            landing["actions"].append(_action("Maybe later", "left", emphasis="link"))
        plan: Data = {"actions": [_action("Continue", "details", emphasis="primary")]}
        options = []
        if rng.random() < 0.5:
            options.append(
                {
                    "label": "Add device protection",
                    "price": _money(rng, 1, 5),
                    "prechecked": rng.random() < 0.4,
                    "kind": "add_on",
                }
            )
        if rng.random() < 0.6:
            options.append(
                {"label": "Email me offers", "prechecked": rng.random() < 0.5, "kind": "marketing"}
            )
        if options:
            plan["options"] = options
        if rng.random() < 0.2:
            plan["timer"] = {"seconds": rng.choice((300, 600, 900)), "real_deadline": False}
            if rng.random() < 0.5:
                plan["timer"]["resets"] = True
        plan["actions"].append(_action("Back", "landing", emphasis="link"))
        filler, first = self.screens("info", extra, "pay")
        details: Data = {
            "text": "Your details",
            "actions": [_action("Continue to payment", first, emphasis="primary")],
        }
        if rng.random() < 0.5:
            details["requires"] = ["account"]
        pay_action = _action("Pay and start", "member", emphasis="primary")
        if rng.random() < 0.25:
            pay_action["fees"] = [
                {"name": "Service fee", "amount": _money(rng, 1, 4), "currency": self.currency}
            ]
        pay: Data = {"kind": "payment", "actions": [pay_action]}
        if rng.random() < 0.5:
            pay["discloses"] = ["total_price"]
        steps: Steps = {"landing": landing, "plan": plan, "details": details, **filler}
        steps["pay"] = pay
        steps["member"] = {"outcome": "subscribed"}
        if any(a["to"] == "left" for a in landing["actions"]):
            steps["left"] = {"outcome": "abandoned"}
        flow: Data = {"kind": "signup", "start": "landing", "steps": steps}
        if rng.random() < 0.3:
            flow["channel"] = rng.choice(CHANNELS_ONLINE)
        return flow

    def cancel(self, extra: int = 0, support: str | None = None) -> Data:
        """Cancel with 0-3 retention offers, loops back to the first offer, a survey, and
        sometimes a phone call in business hours, an ID check or a fee to leave."""
        rng = self.rng
        offers = rng.choice((0, 1, 1, 2, 2, 3))
        steps: Steps = {}
        order: list[str] = ["manage"]
        order += [f"offer-{i + 1}" for i in range(offers)]
        if rng.random() < 0.6:
            order.append("survey")
        phone = rng.random() < 0.3
        if phone:
            order.append("call")
        filler, first = self.screens("confirm-page", extra, "done")
        order.append("confirm")
        steps["manage"] = {
            "text": f"Your plan: {self.currency} {self.price:g} a month.",
            "actions": [_action("Cancel plan", order[1], emphasis=rng.choice(("link", "hidden")))],
        }
        if support:
            steps["manage"]["actions"].append(_action("Talk to us", support))
        for index in range(offers):
            ident, following = order[index + 1], order[index + 2]
            no_label = rng.choice(CONFIRMSHAMING if rng.random() < 0.3 else NEUTRAL_NO)
            offer: Data = {
                "kind": "retention_offer",
                "text": rng.choice(OFFER_TEXT).format(price=f"{self.price / 2:g}"),
                "actions": [
                    _action("Keep my discount", "kept", emphasis="primary"),
                    _action(no_label, following, emphasis=rng.choice(("link", "secondary"))),
                ],
            }
            steps[ident] = offer
        if "survey" in order:
            survey: Data = {
                "kind": "survey",
                "text": rng.choice(SURVEY_TEXT),
                "actions": [_action("Send and continue", order[order.index("survey") + 1])],
            }
            if rng.random() < 0.5:
                survey["requires"] = ["reason"]
            if offers and rng.random() < 0.5:  # the survey sends the customer round again
                survey["actions"].append(_action("See our offer again", "offer-1"))
            steps["survey"] = survey
        if phone:
            steps["call"] = {
                "kind": "agent",
                "channel": "phone",
                "wait_minutes": rng.choice((2, 5, 15, 25, 40)),
                "hours": rng.choice(("business", "always")),
                "actions": [_action("Agent cancels the plan", "confirm", by="business")],
            }
        confirm_action = _action("Confirm cancellation", first, emphasis="primary")
        if rng.random() < 0.2:
            confirm_action["fees"] = [
                {"name": "Early termination charge", "amount": _money(rng, 20, 120)}
            ]
        confirm: Data = {"actions": [confirm_action]}
        if rng.random() < 0.15:
            confirm["requires"] = [rng.choice(("id_document", "login", "signature"))]
        steps["confirm"] = confirm
        steps.update(filler)
        steps["done"] = {"outcome": "cancelled"}
        steps["kept"] = {"outcome": "retained"}
        return {"kind": "cancel", "start": "manage", "steps": steps}

    def refund(self, extra: int = 0) -> Data:
        rng = self.rng
        filler, first = self.screens("check", extra, "parcel")
        form: Data = {
            "text": "Which items do you want to return?",
            "actions": [_action("Request refund", first)],
        }
        if rng.random() < 0.3:
            form["requires"] = [rng.choice(("account", "login", "reason"))]
        steps: Steps = {
            "orders": {"actions": [_action("Return an item", "form")]},
            "form": form,
            **filler,
            "parcel": {
                "kind": "handover",
                "channel": "mail",
                "actions": [_action("Drop the parcel at a carrier", "received")],
            },
            "received": {
                "kind": "notice",
                "channel": "email",
                "text": "We have your parcel.",
                "actions": [_action("Refund issued", "refunded", by="business")],
            },
            "refunded": {"outcome": "refunded"},
        }
        if rng.random() < 0.3:
            steps["form"]["actions"].append(_action("Ask an agent", "agent"))
            steps["agent"] = {
                "kind": "agent",
                "channel": rng.choice(("chat", "phone", "email")),
                "wait_minutes": rng.choice((1, 5, 20)),
                "actions": [
                    _action("Agent approves", "parcel", by="business"),
                    _action("Agent cites the policy", "refused", by="business"),
                ],
            }
            steps["refused"] = {"outcome": "refused"}
        if rng.random() < 0.25:  # a rule, not a person, turns some requests down
            steps["form"]["actions"].append(_action("Check eligibility", "policy", by="system"))
            steps["policy"] = {
                "text": "Refunds are not possible after 14 days: this is our policy.",
                "outcome": "refused",
            }
        return {
            "kind": "refund",
            "start": "orders",
            "processing_days": rng.choice((3, 5, 7, 14, 21, 30)),
            "steps": steps,
        }

    def fee(self, extra: int = 0) -> Data:
        rng = self.rng
        item = rng.choice(("phone charger", "umbrella", "laptop", "jacket"))
        filler, first = self.screens("form-page", extra, "choose")
        mail: Data = _action("Mail it to me", "returned")
        fees: list[Data] = [{"name": "Postage", "pass_through": True}]
        if rng.random() < 0.6:
            fees.insert(
                0, {"name": "Service fee", "amount": _money(rng, 3, 15), "currency": self.currency}
            )
        mail["fees"] = fees
        return {
            "kind": "fee",
            "trigger": {"label": f"Customer left a {item} behind", "deliberate": False},
            "start": "found",
            "steps": {
                "found": {
                    "kind": "notice",
                    "channel": "email",
                    "text": f"We found your {item}.",
                    "actions": [_action("Open the form", first)],
                },
                **filler,
                "choose": {"actions": [_action("Pick it up", "returned"), mail]},
                "returned": {"outcome": "resolved"},
            },
        }

    def purchase(self, extra: int = 0) -> Data:
        rng = self.rng
        filler, first = self.screens("extras", extra, "delivery")
        basket: Data = {
            "text": f"Basket: {self.currency} {_money(rng, 10, 200):g}",
            "discloses": ["price"],
            "actions": [_action("Checkout", first, emphasis="primary")],
        }
        if rng.random() < 0.4:
            basket["options"] = [
                {
                    "label": "Add gift wrap",
                    "price": _money(rng, 1, 6),
                    "prechecked": rng.random() < 0.5,
                    "kind": "add_on",
                }
            ]
        delivery_action = _action("Continue to payment", "pay", emphasis="primary")
        if rng.random() < 0.5:
            delivery_action["fees"] = [{"name": "Delivery", "amount": _money(rng, 2, 9)}]
        delivery: Data = {"actions": [delivery_action]}
        if rng.random() < 0.4:
            delivery["requires"] = ["account"]
        return {
            "kind": "purchase",
            "start": "catalog",
            "steps": {
                "catalog": {"actions": [_action("Add to basket", "basket")]},
                "basket": basket,
                **filler,
                "delivery": delivery,
                "pay": {
                    "kind": "payment",
                    "actions": [_action("Place order", "bought", emphasis="primary")],
                },
                "bought": {"outcome": "purchased"},
            },
        }

    def support(self, extra: int = 0) -> Data:
        rng = self.rng
        ours = rng.random() < 0.4
        filler, first = self.screens("faq", extra, "desk")
        desk: Data = {
            "kind": "agent",
            "channel": rng.choice(("chat", "phone", "email")),
            "wait_minutes": rng.choice((1, 3, 10, 30)),
            "actions": [_action("Agent fixes it", "fixed", by="business")],
        }
        if rng.random() < 0.3:
            desk["actions"].append(_action("Agent cites the policy", "refused", by="business"))
        steps: Steps = {
            "report": {"actions": [_action("Report the problem", first)]},
            **filler,
            "desk": desk,
            "fixed": {"outcome": "resolved"},
        }
        if len(desk["actions"]) > 1:
            steps["refused"] = {"outcome": "refused"}
        flow: Data = {"kind": "support", "start": "report", "steps": steps}
        if ours:
            flow["trigger"] = {"label": "We shipped the wrong item", "by": "business"}
        return flow


def _subscription(rng: random.Random, currency: str, price: float, trial: bool) -> Data:
    sub: Data = {"renews": rng.choice(("monthly", "monthly", "yearly", "weekly"))}
    sub["price"], sub["currency"] = price, currency
    if trial:
        sub["trial"] = {"days": rng.choice((7, 14, 30)), "converts_to_paid": True}
    notices = []
    if trial and rng.random() < 0.7:
        notices.append({"event": "trial_ends", "days_before": rng.choice((1, 3, 7))})
    if rng.random() < 0.6:
        notices.append({"event": "renewal", "days_before": rng.choice((3, 7, 15, 30))})
    if rng.random() < 0.6:
        notices.append({"event": "price_change", "days_before": rng.choice((7, 30))})
    for notice in notices:
        notice["channel"] = "email"
    if notices:
        sub["notices"] = notices
    if rng.random() < 0.3:
        sub["offers"] = [
            {
                "audience": "new_customers",
                "price": round(price / 2, 2),
                "existing_customers_eligible": rng.random() < 0.5,
            }
        ]
    return sub


def product(rng: random.Random, index: int = 0) -> Data:
    """One realistic product as plain data (what a flow file holds)."""
    brand, (trade, _) = rng.choice(BRANDS), rng.choice(TRADES)
    currency = rng.choice(CURRENCIES)
    price = _money(rng, 4, 60)
    flows_of = _Flows(rng, currency, price)
    data: Data = {"darklint": 1, "product": f"{brand} {trade} {index}"}
    if rng.random() < 0.2:
        data["channel"] = "app"
    subscribed = rng.random() < 0.75
    trial = subscribed and rng.random() < 0.4
    if subscribed:
        data["subscription"] = _subscription(rng, currency, price, trial)
    flows: Data = {}
    support = "help" if rng.random() < 0.5 else None
    if subscribed:
        flows["signup"] = flows_of.signup(rng.choice((0, 0, 1, 2)), trial)
        if rng.random() < 0.95:
            flows["cancel"] = flows_of.cancel(rng.choice((0, 0, 1)), support and "help.report")
    if rng.random() < 0.5 or not subscribed:
        flows["shop"] = flows_of.purchase(rng.choice((0, 1)))
    if rng.random() < 0.5:
        flows["refund"] = flows_of.refund(rng.choice((0, 1)))
    if rng.random() < 0.3:
        flows["lost-item"] = flows_of.fee()
    if support or rng.random() < 0.3:
        flows["help"] = flows_of.support(rng.choice((0, 1)))
    data["flows"] = flows
    if "cancel" in flows and rng.random() < 0.15:
        data["ignore"] = [
            {"rule": "DL108", "flow": "cancel", "reason": "Reviewed by legal on 2026-10-01"}
        ]
    return data


_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*( [A-Za-z0-9_.()-]+)*$")
#: Words YAML 1.1 reads as booleans or null, so never written plain.
_RESERVED = frozenset(["y", "yes", "n", "no", "true", "false", "on", "off", "null", "~"])


def _scalar(value: Any) -> str:
    """A scalar as YAML: plain when that reads back as the same text, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED and ": " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _is_leaf(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


def _flat(value: Any) -> bool:
    """Whether a mapping or list holds only scalars (written on one line, as people do)."""
    items = value.values() if isinstance(value, dict) else value
    return all(_is_leaf(v) for v in items)


def _block(value: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if _is_leaf(item) or (isinstance(item, list) and _flat(item)):
                out.append(f"{pad}{key}: {_flow(item)}")
            elif isinstance(item, dict) and not item:
                out.append(f"{pad}{key}: {{}}")
            else:
                out.append(f"{pad}{key}:")
                _block(item, indent + 2, out)
        return
    for item in value:
        if _is_leaf(item) or _flat(item):
            out.append(f"{pad}- {_flow(item)}")
        else:
            inner: list[str] = []
            _block(item, indent + 2, inner)
            out.append(f"{pad}- {inner[0].lstrip()}")
            out.extend(inner[1:])


def to_yaml(data: Data) -> str:
    """A product as a flow file, written as people write them: block mappings, actions and
    lists of scalars on one line each (``- {label: Continue, to: pay}``), keys in order.

    A small writer of its own: fast and linear on a product of 100,000 steps."""
    out = ["# Generated by bench/generate.py for the darklint benchmark."]
    _block(data, 0, out)
    return "\n".join(out) + "\n"


def write_corpus(directory: str | Path, count: int, seed: int = 0) -> list[Path]:
    """Write ``count`` product files (``product-0001.yaml`` ...) and return their paths."""
    rng = random.Random(seed)
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"product-{index + 1:04d}.yaml"
        path.write_text(to_yaml(product(rng, index + 1)), encoding="utf-8")
        paths.append(path)
    return paths


def count_steps(data: Data) -> int:
    """Steps in a product."""
    return sum(len(flow["steps"]) for flow in data["flows"].values())


def _maze(rng: random.Random, size: int) -> Data:
    """One long cancel flow: ``size`` steps of screens, offers every few steps, each offer
    looping back a few steps; an offer's 'keep' ends the flow retained."""
    steps: Steps = {}
    ids = [f"m{i}" for i in range(size - 2)]
    for index, ident in enumerate(ids):
        following = ids[index + 1] if index + 1 < len(ids) else "done"
        if index % 7 == 3:
            back = ids[max(0, index - rng.randint(1, 6))]
            steps[ident] = {
                "kind": "retention_offer",
                "text": rng.choice(OFFER_TEXT).format(price="9.99"),
                "actions": [
                    _action("Keep my plan", "kept", emphasis="primary"),
                    _action("No thanks", following, emphasis="link"),
                    _action("Tell me more", back),
                ],
            }
        else:
            steps[ident] = {"actions": [_action("Continue", following)]}
    steps["done"] = {"outcome": "cancelled"}
    steps["kept"] = {"outcome": "retained"}
    return {"kind": "cancel", "start": ids[0], "steps": steps}


def big_product(steps: int, seed: int = 0) -> Data:
    """One product with exactly ``steps`` steps (at least 100): many flows of every kind,
    cancel flows that jump into support flows, and one long cancel maze (a tenth of it)."""
    if steps < 100:
        raise ValueError("a big product has at least 100 steps")
    rng = random.Random(seed)
    currency, price = "EUR", 12.99
    flows_of = _Flows(rng, currency, price)
    data: Data = {"darklint": 1, "product": f"Catalogue of {steps} steps"}
    data["subscription"] = _subscription(rng, currency, price, trial=True)
    flows: Data = {"maze": _maze(rng, steps // 10)}
    total = len(flows["maze"]["steps"])
    builders: list[tuple[str, Callable[[int], Data]]] = [
        ("signup", lambda extra: flows_of.signup(extra, trial=True)),
        ("cancel", flows_of.cancel),  # built with its support flow below
        ("refund", flows_of.refund),
        ("fee", flows_of.fee),
        ("purchase", flows_of.purchase),
        ("support", flows_of.support),
    ]
    while True:
        name, build = rng.choice(builders)
        extra = rng.choice((0, 0, 1, 3))
        if name == "cancel":  # 'Talk to us' goes to a support flow of its own
            help_id = f"support-{len(flows) + 1}"
            made = {f"cancel-{len(flows)}": flows_of.cancel(extra, f"{help_id}.report")}
            made[help_id] = flows_of.support(rng.choice((0, 1)))
        else:
            made = {f"{name}-{len(flows)}": build(extra)}
        size = sum(len(flow["steps"]) for flow in made.values())
        if total + size > steps - 5:  # keep room for the last flow, padded to the exact count
            break
        flows.update(made)
        total += size
    flows[f"purchase-{len(flows)}"] = flows_of.purchase(steps - total - 5)  # 5 steps + padding
    data["flows"] = flows
    if count_steps(data) != steps:  # pragma: no cover - a bug in the builders
        raise AssertionError(f"built {count_steps(data)} steps, wanted {steps}")
    return data


#: What :func:`scaled_product` can grow, each on its own.
DIMENSIONS = ("steps", "flows", "fees", "options")


def scaled_product(dimension: str, size: int, seed: int = 0) -> Data:
    """A product in which one thing grows with ``size`` and the rest stays small, so the
    benchmark can check that 10x of it costs about 10x the time:

    - ``steps``: a signup and one cancel maze of ``size`` steps (few flows, many steps);
    - ``flows``: ``size`` small purchase flows beside a signup and a cancel (many flows);
    - ``fees``: a purchase flow of ``size`` steps, each action charging a fee, some of them
      disclosed late (every fee needs its own disclosure search: DL302's worst case);
    - ``options``: a signup whose plan step offers ``size`` options, a third of them ticked.
    """
    if dimension not in DIMENSIONS:
        raise ValueError(f"dimension must be one of {', '.join(DIMENSIONS)}")
    rng = random.Random(seed)
    flows_of = _Flows(rng, "EUR", 12.99)
    data: Data = {"darklint": 1, "product": f"{size} {dimension}"}
    data["subscription"] = _subscription(rng, "EUR", 12.99, trial=True)
    flows: Data = {"signup": flows_of.signup(0, trial=True)}
    if dimension == "steps":
        flows["cancel"] = _maze(rng, size)
    else:
        flows["cancel"] = flows_of.cancel(0, None)
    if dimension == "flows":
        for index in range(size):
            flows[f"shop-{index}"] = flows_of.purchase(0)
    elif dimension == "fees":
        steps: Steps = {}
        for index in range(size):
            following = f"s{index + 1}" if index + 1 < size else "paid"
            fee = {"name": f"Fee {index}", "amount": _money(rng, 1, 9)}
            steps[f"s{index}"] = {
                "discloses": ["total_price"] if index % 5 == 4 else [],
                "actions": [_action("Continue", following, fees=[fee])],
            }
        steps["paid"] = {"outcome": "purchased"}
        flows["checkout"] = {"kind": "purchase", "start": "s0", "steps": steps}
    elif dimension == "options":
        plan = flows["signup"]["steps"]["plan"]
        plan["options"] = [
            {
                "label": f"Add extra {index}",
                "price": _money(rng, 1, 5),
                "prechecked": index % 3 == 0,
                "kind": "add_on",
            }
            for index in range(size)
        ]
    data["flows"] = flows
    return data
