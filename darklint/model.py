"""The flow format, versions 1 and 1.1, as plain frozen objects.

These dataclasses are the single source of truth for the format: the loader validates YAML
nodes against their fields (``darklint.load.validate``) and the JSON Schema printed by
``darklint schema`` is derived from them (``darklint.schema``). A field's ``metadata`` holds
its documentation; ``internal`` fields are filled by the loader, never read from YAML.

Every object keeps the :class:`Location` of the YAML node it came from, so any finding about
it can point at the exact file, line and column.
"""

from __future__ import annotations

import typing
from dataclasses import field
from typing import Literal

from darklint.classes import dataclass

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
    "credited",
]
Fact = Literal[
    "price",
    "renewal_terms",
    "trial_terms",
    "cancellation_fee",
    "total_price",
    "fees",
    "commitment",
    "how_to_cancel",
]
Prominence = Literal["clear", "fine_print", "behind_link", "tooltip"]
Requirement = Literal[
    "account", "login", "reason", "id_document", "printed_form", "signature", "evidence"
]
Emphasis = Literal["primary", "secondary", "link", "hidden"]
Actor = Literal["customer", "business", "system"]
OptionKind = Literal["add_on", "consent", "marketing", "data_sharing"]
Renewal = Literal["monthly", "yearly", "weekly", "quarterly", "half_yearly", "none"]
Audience = Literal["new_customers", "existing_customers", "everyone"]
NoticeEvent = Literal["trial_ends", "renewal", "price_change"]
Hours = Literal["always", "business"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[str, ...] = typing.get_args(Weekday)
FeeBasis = Literal["order", "remaining_contract", "booking"]
FeeUnit = Literal["order", "night", "month", "year", "item", "person", "ticket"]
#: Format versions this darklint reads; 1.1 only adds optional keys to 1.
FORMAT_VERSIONS = ("1", "1.1")

#: Months in one renewal period, to tell a minimum term longer than the period.
PERIOD_MONTHS: dict[str, float] = {
    "weekly": 0.25,
    "monthly": 1,
    "quarterly": 3,
    "half_yearly": 6,
    "yearly": 12,
}

#: Channels where the customer acts online; web and app count as one online channel.
ONLINE_CHANNELS: frozenset[str] = frozenset({"web", "app"})
#: Step kinds that the effort model and the channel rules treat as transparent.
TRANSPARENT_STEP_KINDS: frozenset[str] = frozenset({"handover", "notice"})


def doc(text: str, **extra: object) -> dict[str, object]:
    """Field metadata: the documentation shown in the JSON Schema and error messages.

    ``key="from"`` names the YAML key when it cannot be the field's name (a Python keyword);
    ``values=(1, 1.1)`` lists the only values a number field takes (the format version, which
    the loader checks before anything else).
    """
    return {"doc": text, **extra}


INTERNAL = {"internal": True}

#: A BCP 47 language tag's shape: a language subtag, then subtags of 1 to 8 letters or digits.
LANGUAGE_TAG = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"


def observed_field() -> tuple[str, ...]:
    """Provenance: which keys of an item were read from the running product (a recording)."""
    return field(
        default=(),
        metadata=doc(
            "Keys of this item read from the running product by darklint's recorder; every "
            "other key was declared by the file's authors. Left out: all declared."
        ),
    )


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
        default=None,
        metadata=doc(
            "The amount (the lowest, with up_to); exactly one of amount and percent unless "
            "pass_through is true."
        ),
    )
    currency: str | None = field(
        default=None, metadata=doc("ISO 4217 code; defaults to the subscription's currency.")
    )
    pass_through: bool = field(
        default=False, metadata=doc("A cost passed on at cost (postage), not a charge.")
    )
    percent: float | None = field(
        default=None, metadata=doc("A share instead of an amount: 15 = 15% (format 1.1).")
    )
    of: FeeBasis | None = field(
        default=None,
        metadata=doc("What percent is a share of: order (default) | remaining_contract | booking"),
    )
    up_to: float | None = field(
        default=None, metadata=doc("The highest amount when it varies; at least amount.")
    )
    per: FeeUnit = field(
        default="order",
        metadata=doc("order (default) | night | month | year | item | person | ticket"),
    )
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)

    @property
    def basis(self) -> str:
        """What a percent fee is a share of (the order unless the file says otherwise)."""
        return self.of or "order"


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
    required: bool = field(
        default=False,
        metadata=doc(
            "True = the customer cannot go on without ticking it (consent, marketing and "
            "data_sharing options only)."
        ),
    )
    observed: tuple[str, ...] = observed_field()
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
    observed: tuple[str, ...] = observed_field()
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)
    #: Position of the action in its step, in YAML order (for deterministic tie-breaks).
    index: int = field(default=0, metadata=INTERNAL, compare=False)

    @property
    def by_customer(self) -> bool:
        """Whether the customer takes this action (and so spends effort on it)."""
        return self.by == "customer"


@dataclass(frozen=True)
class Disclosure:
    """A fact shown at a step, and how prominently. A plain ``discloses`` item is a clear one."""

    #: A plain scalar in the YAML list is this field alone (``- price``).
    SHORTHAND = "fact"

    fact: Fact = field(metadata=doc("The fact shown."))
    prominence: Prominence = field(
        default="clear", metadata=doc("clear (default) | fine_print | behind_link | tooltip")
    )
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)

    @property
    def clear(self) -> bool:
        """Only a clear disclosure counts as disclosed ("clear and conspicuous")."""
        return self.prominence == "clear"

    def __str__(self) -> str:
        """'price', or 'commitment (fine print)': as messages and diffs show it."""
        if self.clear:
            return self.fact
        return f"{self.fact} ({self.prominence.replace('_', ' ')})"


@dataclass(frozen=True)
class OpeningHours:
    """Opening hours as days and times (format 1.1), instead of ``always`` or ``business``."""

    days: tuple[Weekday, ...] = field(metadata=doc("Open days: mon tue wed thu fri sat sun."))
    opens: str = field(metadata=doc("Opening time, HH:MM (24-hour clock).", key="from"))
    closes: str = field(metadata=doc("Closing time, HH:MM; 24:00 is midnight.", key="to"))
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)

    def __str__(self) -> str:
        """'Mon-Fri 09:00-17:00': opening hours as people read them."""
        return f"{_days_text(self.days)} {self.opens}-{self.closes}"

    @property
    def limited(self) -> bool:
        """Limited unless open all seven days from 00:00 to 24:00."""
        return not (
            set(self.days) == set(WEEKDAYS) and self.opens == "00:00" and self.closes == "24:00"
        )


def _days_text(days: tuple[str, ...]) -> str:
    """'Mon-Fri', 'Mon, Wed, Sat', 'every day': runs of three or more days with a dash."""
    open_days = [d in days for d in WEEKDAYS]
    if all(open_days):
        return "every day"
    runs: list[str] = []
    index = 0
    while index < len(WEEKDAYS):
        if not open_days[index]:
            index += 1
            continue
        end = index
        while end + 1 < len(WEEKDAYS) and open_days[end + 1]:
            end += 1
        first, last = WEEKDAYS[index].title(), WEEKDAYS[end].title()
        if end == index:
            runs.append(first)
        elif end == index + 1:
            runs.append(f"{first}, {last}")
        else:
            runs.append(f"{first}-{last}")
        index = end + 1
    return ", ".join(runs)


@dataclass(frozen=True)
class Confirmation:
    """The business confirms the outcome in a durable record (an email, a letter)."""

    channel: Channel | None = field(default=None, metadata=doc("How it is sent."))
    within_hours: float | None = field(
        default=None, metadata=doc("Hours until it is sent; left out = sent, timing unknown.")
    )
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)


@dataclass(frozen=True)
class Step:
    """A screen, message, call or hand-over the customer goes through."""

    id: str = field(metadata=INTERNAL)
    kind: StepKind = field(default="screen", metadata=doc("What happens at this step."))
    text: str | None = field(default=None, metadata=doc("Copy shown on the step."))
    channel: Channel | None = field(
        default=None, metadata=doc("Channel; inherited from the flow, then the product.")
    )
    discloses: tuple[Disclosure, ...] = field(
        default=(),
        metadata=doc("Facts shown at this step: a fact, or {fact, prominence} (format 1.1)."),
    )
    requires: tuple[Requirement, ...] = field(
        default=(), metadata=doc("Friction: what the customer must provide here.")
    )
    options: tuple[Option, ...] = field(default=(), metadata=doc("Choices the customer toggles."))
    timer: Timer | None = field(default=None, metadata=doc("A countdown shown here."))
    wait_minutes: float | None = field(
        default=None, metadata=doc("Expected wait before a person or the system answers.")
    )
    hours: Hours | OpeningHours = field(
        default="always",
        metadata=doc("always | business | {days, from, to} opening hours (format 1.1)"),
    )
    actions: tuple[Action, ...] = field(default=(), metadata=doc("Ways out of this step."))
    outcome: Outcome | None = field(
        default=None, metadata=doc("Ends the flow with this outcome; no actions then.")
    )
    wait_days: float | None = field(
        default=None,
        metadata=doc("Calendar days waited in the background (a review); no effort (1.1)."),
    )
    confirmation: Confirmation | None = field(
        default=None, metadata=doc("The business confirms the outcome (outcome steps, 1.1).")
    )
    language: str | None = field(
        default=None,
        metadata=doc(
            "BCP 47 tag of this step's copy; default the product's.", pattern=LANGUAGE_TAG
        ),
    )
    observed: tuple[str, ...] = observed_field()
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)
    #: Where each key of the step was written (``keys["text"]``, ``keys["timer"]``).
    keys: dict[str, Location] = field(default_factory=dict, metadata=INTERNAL, compare=False)

    @property
    def transparent(self) -> bool:
        """Handover and notice steps add no step effort and are skipped for channel changes."""
        return self.kind in TRANSPARENT_STEP_KINDS

    @property
    def limited_hours(self) -> bool:
        """Open only part of the time: business hours, or opening hours short of 24/7."""
        if isinstance(self.hours, OpeningHours):
            return self.hours.limited
        return self.hours == "business"

    def discloses_clearly(self, fact: str) -> bool:
        """Whether the step shows the fact with prominence ``clear`` (what rules count)."""
        return any(d.fact == fact and d.clear for d in self.discloses)

    def prominence_of(self, fact: str) -> str | None:
        """How prominently the step shows the fact (the clearest listing), None if not at all."""
        found = [d.prominence for d in self.discloses if d.fact == fact]
        if not found:
            return None
        return "clear" if "clear" in found else found[0]


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
    price: float = field(
        default=0, metadata=doc("What the trial costs: above 0 for a paid trial (1.1).")
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
    consent: bool = field(
        default=False,
        metadata=doc("price_change: true = the new price applies only if the customer agrees."),
    )
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)


@dataclass(frozen=True)
class Subscription:
    """A subscription or membership."""

    renews: Renewal = field(
        metadata=doc("monthly | yearly | weekly | quarterly | half_yearly | none")
    )
    price: float | None = field(default=None, metadata=doc("What an existing customer pays."))
    currency: str | None = field(default=None, metadata=doc("ISO 4217 code; default currency."))
    trial: Trial | None = field(default=None, metadata=doc("A trial period."))
    price_locked: bool = field(default=False, metadata=doc("True = the price never changes."))
    offers: tuple[Offer, ...] = field(default=(), metadata=doc("Prices only some can get."))
    notices: tuple[Notice, ...] = field(default=(), metadata=doc("What the business tells, when."))
    commitment_months: float | None = field(
        default=None,
        metadata=doc("A minimum term in months, billed each period (annual, paid monthly; 1.1)."),
    )
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)
    #: Where each key of the subscription was written (``keys["commitment_months"]``).
    keys: dict[str, Location] = field(default_factory=dict, metadata=INTERNAL, compare=False)

    @property
    def committed(self) -> bool:
        """Whether the customer owes more than one renewal period (a minimum term)."""
        period = PERIOD_MONTHS.get(self.renews)
        return (
            self.commitment_months is not None
            and period is not None
            and self.commitment_months > period
        )


@dataclass(frozen=True)
class IgnoreEntry:
    """A finding the authors accept, with their reason."""

    rule: str = field(metadata=doc("Rule id or name, e.g. DL108."))
    flow: str | None = field(default=None, metadata=doc("Only in this flow."))
    step: str | None = field(default=None, metadata=doc("Only at this step."))
    reason: str | None = field(default=None, metadata=doc("Why the finding is accepted."))
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)


#: First words that mark a reason as still to be written: the editor's quick fix writes "TODO:
#: who accepted this finding, when and why", and teams write FIXME, TBD or XXX the same way.
PLACEHOLDER_WORDS = frozenset({"todo", "fixme", "tbd", "xxx"})


def placeholder_reason(reason: str) -> bool:
    """Whether ``reason`` is a placeholder (its first word TODO, FIXME, TBD or XXX)."""
    words = reason.split(None, 1)
    return bool(words) and words[0].rstrip(":.,;!?-").lower() in PLACEHOLDER_WORDS


def gives_reason(reason: str | None) -> bool:
    """Whether an ignore entry's ``reason`` is one. A blank reason is none, and so is a
    placeholder: otherwise accepting the editor's quick fix would silence a finding before
    anybody had written down why (DL006 reports both; such an entry ignores nothing)."""
    return bool(reason and reason.strip()) and not placeholder_reason(reason)


@dataclass(frozen=True)
class Product:
    """One flow file: a product and its flows."""

    darklint: float = field(metadata=doc("Format version: 1, or 1.1.", values=(1, 1.1)))
    product: str = field(metadata=doc("Display name of the product."))
    flows: dict[str, Flow] = field(metadata=doc("Flow id -> flow."))
    channel: Channel = field(default="web", metadata=doc("Default channel of every step."))
    subscription: Subscription | None = field(
        default=None, metadata=doc("Present when the product has a subscription.")
    )
    ignore: tuple[IgnoreEntry, ...] = field(
        default=(), metadata=doc("Findings the authors accept, each with a reason.")
    )
    language: str = field(
        default="en",
        metadata=doc("BCP 47 tag of the product's copy (en, de, pt-BR).", pattern=LANGUAGE_TAG),
    )
    path: str = field(default="", metadata=INTERNAL)
    location: Location = field(default=NOWHERE, metadata=INTERNAL, compare=False)
    keys: dict[str, Location] = field(default_factory=dict, metadata=INTERNAL, compare=False)

    @property
    def format_11(self) -> bool:
        """Whether the file declares format 1.1. Its authors then write with 1.1's words, so
        a fact 1.1 can state but the file leaves out (a confirmation, how to cancel) is
        absent; in a version 1 file it is unknown, and gives no finding."""
        return self.darklint >= 1.1

    def channel_of(self, flow: Flow, step: Step) -> str:
        """The channel a step is on: step, else flow, else product (default web)."""
        return step.channel or flow.channel or self.channel

    def language_of(self, step: Step) -> str:
        """The language a step's copy is in: the step's own, else the product's."""
        return step.language or self.language

    def fee_currency(self, currency: str | None) -> str | None:
        """The currency of a fee or option: its own, else the subscription's."""
        if currency:
            return currency
        return self.subscription.currency if self.subscription else None
