"""The flow format, version 1, as plain frozen objects.

These dataclasses are the single source of truth for the format: the loader validates YAML
nodes against their fields (``darklint.load.validate``) and the JSON Schema printed by
``darklint schema`` is derived from them (``darklint.schema``). A field's ``metadata`` holds
its documentation; ``internal`` fields are filled by the loader, never read from YAML.

Every object keeps the :class:`Location` of the YAML node it came from, so any finding about
it can point at the exact file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Channel = Literal["web", "app", "email", "chat", "phone", "sms", "mail", "in_person"]
FlowKind = Literal["signup", "cancel", "refund", "purchase", "fee", "support", "other"]
StepKind = Literal[
    "screen",
    "payment",
    "retention_offer",
    "survey",
    "confirmation",
    "notice",
    "wait",
    "agent",
    "handover",
]
Outcome = Literal[
    "subscribed",
    "purchased",
    "cancelled",
    "refunded",
    "resolved",
    "retained",
    "abandoned",
    "refused",
]
Fact = Literal["price", "renewal_terms", "trial_terms", "cancellation_fee", "total_price", "fees"]
Requirement = Literal["account", "login", "reason", "id_document", "printed_form", "signature"]
Emphasis = Literal["primary", "secondary", "link", "hidden"]
Actor = Literal["customer", "business", "system"]
OptionKind = Literal["add_on", "consent", "marketing", "data_sharing"]
Renewal = Literal["monthly", "yearly", "weekly", "none"]
Audience = Literal["new_customers", "existing_customers", "everyone"]
NoticeEvent = Literal["trial_ends", "renewal", "price_change"]
Hours = Literal["always", "business"]

#: Channels where the customer acts online; web and app count as one online channel.
ONLINE_CHANNELS: frozenset[str] = frozenset({"web", "app"})
#: Step kinds that the effort model and the channel rules treat as transparent.
TRANSPARENT_STEP_KINDS: frozenset[str] = frozenset({"handover", "notice"})


def doc(text: str, **extra: object) -> dict[str, object]:
    """Field metadata: the documentation shown in the JSON Schema and error messages."""
    return {"doc": text, **extra}


INTERNAL = {"internal": True}


@dataclass(frozen=True, order=True)
class Location:
    """Where a YAML node starts: 1-based line and column, as editors count them."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


NOWHERE = Location("", 0, 0)


@dataclass(frozen=True)
class Fee:
    """A charge attached to an action. A surcharge unless ``pass_through``."""

    name: str = field(metadata=doc("What the fee is called on the bill."))
    amount: float | None = field(
        default=None, metadata=doc("The amount; required unless pass_through is true.")
    )
    currency: str | None = field(
        default=None, metadata=doc("ISO 4217 code; defaults to the subscription's currency.")
    )
    pass_through: bool = field(
        default=False, metadata=doc("A cost passed on at cost (postage), not a charge.")
    )
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)


@dataclass(frozen=True)
class Option:
    """A choice the customer can toggle on a step (an add-on, a consent)."""

    label: str = field(metadata=doc("The option's text as the customer sees it."))
    price: float | None = field(default=None, metadata=doc("What the option costs, if anything."))
    currency: str | None = field(default=None, metadata=doc("ISO 4217 code of the price."))
    prechecked: bool = field(default=False, metadata=doc("Ticked before the customer acts."))
    kind: OptionKind | None = field(
        default=None, metadata=doc("add_on | consent | marketing | data_sharing")
    )
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)


@dataclass(frozen=True)
class Timer:
    """A countdown shown to the customer."""

    seconds: float = field(metadata=doc("Length of the countdown in seconds."))
    real_deadline: bool = field(metadata=doc("True when the offer really ends at zero."))
    resets: bool = field(default=False, metadata=doc("True when it starts again on reload."))
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)


@dataclass(frozen=True)
class Action:
    """A way out of a step: an edge of the flow graph."""

    label: str = field(metadata=doc("The button or link text."))
    to: str = field(metadata=doc("Id of the next step, or flow.step in another flow."))
    emphasis: Emphasis = field(
        default="secondary", metadata=doc("primary | secondary | link | hidden")
    )
    by: Actor = field(default="customer", metadata=doc("customer | business | system"))
    deliberate: bool = field(
        default=True, metadata=doc("False for a slip, a forgotten item, an expired card.")
    )
    fees: tuple[Fee, ...] = field(default=(), metadata=doc("Fees charged when taking it."))
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)
    #: Position of the action in its step, in YAML order (for deterministic tie-breaks).
    index: int = field(default=0, metadata=INTERNAL, compare=False)

    @property
    def by_customer(self) -> bool:
        """Whether the customer takes this action (and so spends effort on it)."""
        return self.by == "customer"


@dataclass(frozen=True)
class Step:
    """A screen, message, call or hand-over the customer goes through."""

    id: str = field(metadata=INTERNAL)
    kind: StepKind = field(default="screen", metadata=doc("What happens at this step."))
    text: str | None = field(default=None, metadata=doc("Copy shown on the step."))
    channel: Channel | None = field(
        default=None, metadata=doc("Channel; inherited from the flow, then the product.")
    )
    discloses: tuple[Fact, ...] = field(default=(), metadata=doc("Facts shown at this step."))
    requires: tuple[Requirement, ...] = field(
        default=(), metadata=doc("Friction: what the customer must provide here.")
    )
    options: tuple[Option, ...] = field(default=(), metadata=doc("Choices the customer toggles."))
    timer: Timer | None = field(default=None, metadata=doc("A countdown shown here."))
    wait_minutes: float | None = field(
        default=None, metadata=doc("Expected wait before a person or the system answers.")
    )
    hours: Hours = field(default="always", metadata=doc("always | business"))
    actions: tuple[Action, ...] = field(default=(), metadata=doc("Ways out of this step."))
    outcome: Outcome | None = field(
        default=None, metadata=doc("Ends the flow with this outcome; no actions then.")
    )
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)
    #: Where each key of the step was written (``keys["text"]``, ``keys["timer"]``).
    keys: dict[str, Location] = field(default_factory=dict, metadata=INTERNAL, compare=False)

    @property
    def transparent(self) -> bool:
        """Handover and notice steps add no step effort and are skipped for channel changes."""
        return self.kind in TRANSPARENT_STEP_KINDS


@dataclass(frozen=True)
class Trigger:
    """What starts a flow, and whether the customer chose it."""

    label: str | None = field(default=None, metadata=doc("What happened."))
    deliberate: bool = field(
        default=True, metadata=doc("False when the customer did not choose this situation.")
    )
    by: Actor = field(
        default="customer", metadata=doc("business = the business caused the situation.")
    )
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)


@dataclass(frozen=True)
class Flow:
    """One flow: a signup, a cancel, a refund, a purchase, a fee or a support path."""

    id: str = field(metadata=INTERNAL)
    kind: FlowKind = field(
        metadata=doc("signup | cancel | refund | purchase | fee | support | other")
    )
    start: str = field(metadata=doc("Id of the first step."))
    steps: dict[str, Step] = field(metadata=doc("Step id -> step, in display order."))
    trigger: Trigger | None = field(default=None, metadata=doc("What starts the flow."))
    channel: Channel | None = field(default=None, metadata=doc("Default channel of its steps."))
    processing_days: float | None = field(
        default=None, metadata=doc("Days from request to money back (refund flows).")
    )
    account_needed: bool = field(
        default=False, metadata=doc("True when the goods truly need an account.")
    )
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)
    #: Where each key of the flow was written (``keys["start"]``, ``keys["processing_days"]``).
    keys: dict[str, Location] = field(default_factory=dict, metadata=INTERNAL, compare=False)


@dataclass(frozen=True)
class Trial:
    """A free or cheap trial period."""

    days: float = field(metadata=doc("Length of the trial in days."))
    converts_to_paid: bool = field(
        default=True, metadata=doc("True when the trial turns into a paid subscription.")
    )
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)


@dataclass(frozen=True)
class Offer:
    """A price only some customers can get."""

    audience: Audience = field(metadata=doc("new_customers | existing_customers | everyone"))
    price: float = field(metadata=doc("The offer price per period."))
    existing_customers_eligible: bool | None = field(
        default=None, metadata=doc("Whether existing customers can get it too.")
    )
    currency: str | None = field(default=None, metadata=doc("ISO 4217 code of the price."))
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)


@dataclass(frozen=True)
class Notice:
    """Something the business tells the customer ahead of an event."""

    event: NoticeEvent = field(metadata=doc("trial_ends | renewal | price_change"))
    days_before: float = field(metadata=doc("How many days before the event."))
    channel: Channel | None = field(default=None, metadata=doc("How the notice is sent."))
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)


@dataclass(frozen=True)
class Subscription:
    """A subscription or membership."""

    renews: Renewal = field(metadata=doc("monthly | yearly | weekly | none"))
    price: float | None = field(default=None, metadata=doc("What an existing customer pays."))
    currency: str | None = field(default=None, metadata=doc("ISO 4217 code; default currency."))
    trial: Trial | None = field(default=None, metadata=doc("A trial period."))
    price_locked: bool = field(default=False, metadata=doc("True = the price never changes."))
    offers: tuple[Offer, ...] = field(default=(), metadata=doc("Prices only some can get."))
    notices: tuple[Notice, ...] = field(default=(), metadata=doc("What the business tells, when."))
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)


@dataclass(frozen=True)
class IgnoreEntry:
    """A finding the authors accept, with their reason."""

    rule: str = field(metadata=doc("Rule id or name, e.g. DL108."))
    flow: str | None = field(default=None, metadata=doc("Only in this flow."))
    step: str | None = field(default=None, metadata=doc("Only at this step."))
    reason: str | None = field(default=None, metadata=doc("Why the finding is accepted."))
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)


@dataclass(frozen=True)
class Product:
    """One flow file: a product and its flows."""

    darklint: Literal[1] = field(metadata=doc("Format version; must be 1."))
    product: str = field(metadata=doc("Display name of the product."))
    flows: dict[str, Flow] = field(metadata=doc("Flow id -> flow."))
    channel: Channel = field(default="web", metadata=doc("Default channel of every step."))
    subscription: Subscription | None = field(
        default=None, metadata=doc("Present when the product has a subscription.")
    )
    ignore: tuple[IgnoreEntry, ...] = field(
        default=(), metadata=doc("Findings the authors accept, each with a reason.")
    )
    path: str = field(default="", metadata=INTERNAL)
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)
    keys: dict[str, Location] = field(default_factory=dict, metadata=INTERNAL, compare=False)

    def channel_of(self, flow: Flow, step: Step) -> str:
        """The channel a step is on: step, else flow, else product (default web)."""
        return step.channel or flow.channel or self.channel

    def fee_currency(self, currency: str | None) -> str | None:
        """The currency of a fee or option: its own, else the subscription's."""
        if currency:
            return currency
        return self.subscription.currency if self.subscription else None
