"""The effort model: what a path costs the customer, in integer tenths.

Defaults follow the catalog: 1 per customer action; per non-outcome step +2 for a retention
offer or survey, +2 per ``requires`` item, +5 off web/app, + wait_minutes / 10; +3 per change
of channel. Handover and notice steps add nothing and are skipped for channel changes. Integer
tenths keep comparisons exact. The weights are one product-wide setting (``effort:`` in a
configuration or profile), so every rule sees the same easiest paths.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields

from darklint.classes import dataclass
from darklint.model import ONLINE_CHANNELS, Action, Step

#: The most effort one wait adds, in tenths (a wait of about 190 years at the default weight).
MAX_WAIT_COST = 10**9


@dataclass(frozen=True)
class EffortWeights:
    """Weights in tenths of effort; build from user settings with :meth:`from_settings`."""

    action: int = 10
    retention_offer: int = 20
    survey: int = 20
    requirement: int = 20
    offline_channel: int = 50
    wait_per_minute: int = 1
    channel_change: int = 30

    @classmethod
    def from_settings(cls, settings: Mapping[str, float]) -> EffortWeights:
        """Weights from an ``effort:`` mapping in effort units (``retention_offer: 2``).

        Raises ValueError naming the key, so a configuration error is reported where it is.
        """
        known = {f.name for f in fields(cls)}
        values = {}
        for key, value in settings.items():
            if key not in known:
                raise ValueError(
                    f"unknown effort weight '{key}'; known: {', '.join(sorted(known))}"
                )
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not number or not 0 <= value < float("inf"):  # also refuses .nan and .inf
                raise ValueError(f"effort weight '{key}' must be a number >= 0, got {value!r}")
            values[key] = round(value * 10)
        return cls(**values)

    def as_settings(self) -> dict[str, float]:
        """The weights in effort units, as a user writes them."""
        return {f.name: getattr(self, f.name) / 10 for f in fields(self)}


def action_cost(weights: EffortWeights, action: Action) -> int:
    """A customer action costs one click; the business's and the system's cost nothing."""
    return weights.action if action.by_customer else 0


def step_cost(
    weights: EffortWeights, step: Step, channel: str, last_channel: str | None
) -> tuple[int, str | None, list[str]]:
    """(cost of entering the step, the channel now in effect, what the cost is made of)."""
    if step.outcome is not None or step.transparent:
        return 0, last_channel, []
    cost = 0
    notes: list[str] = []
    if step.kind == "retention_offer":
        cost += weights.retention_offer
        notes.append("retention offer")
    elif step.kind == "survey":
        cost += weights.survey
        notes.append("survey")
    if step.requires:
        cost += weights.requirement * len(step.requires)
        notes.append("requires " + ", ".join(step.requires))
    if channel not in ONLINE_CHANNELS:
        cost += weights.offline_channel
        notes.append(f"off-line ({channel})")
    if step.wait_minutes:
        # Capped, so absurd waits (1e308 minutes) keep sums exact and convertible to float.
        cost += round(min(step.wait_minutes * weights.wait_per_minute, MAX_WAIT_COST))
        notes.append(f"wait {step.wait_minutes:g} min")
    if last_channel is not None and channel != last_channel:
        cost += weights.channel_change
        notes.append(f"channel change {last_channel} -> {channel}")
    return cost, channel, notes


def tenths(value: int) -> str:
    """Effort for people: 35 tenths -> '3.5'."""
    return f"{value / 10:.1f}"
