"""The law as dated data: a provision's status, the date it applies from, and what that means
for a finding on a given day.

An auditor asks two questions: "does this product meet rulebook X today?" and "will it next
year?". A provision enacted but not yet in force (the UK subscription regime, Australia's
unfair trading ban) must not fail today's build, but must not vanish either: its finding is
*upcoming*. A provision that was vacated or is only proposed (the FTC's 2024 click-to-cancel
rule, a bill) is a *benchmark*: useful for what "simple" looks like, never cited as binding.
This module decides which, from each provision's ``status``, ``in_force_from`` and ``until``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from darklint.classes import dataclass

#: A provision's legal status, as a profile states it.
STATUSES = ("in_force", "adopted", "proposed", "vacated", "guidance", "policy")
#: Statuses a law profile may use; ``policy`` is for a team's or darklint's own principles.
LAW_STATUSES = STATUSES[:-1]
#: Statuses that bind from their date on.
BINDING = ("in_force", "adopted")
#: Statuses that never bind: the finding is labelled a benchmark.
BENCHMARK = ("proposed", "vacated")

#: What a finding's basis is on the day of the run, from the strongest to the weakest.
IN_FORCE, POLICY, GUIDANCE, UPCOMING, BENCHMARK_LABEL = (
    "in force",
    "policy",
    "guidance",
    "upcoming",
    "benchmark",
)


@dataclass(frozen=True)
class Reference:
    """A title and where to read it: a rule's sources, a provision's official text."""

    title: str
    url: str


@dataclass(frozen=True)
class Provision:
    """One provision a profile cites for a rule, with its status and dates."""

    text: str
    status: str
    source: Reference | None = None
    in_force_from: date | None = None
    #: The day it stopped applying (vacated, repealed), when known.
    until: date | None = None
    references: tuple[Reference, ...] = ()
    #: The profile that cites it (several profiles may be composed).
    profile: str = ""

    def applies_on(self, day: date) -> bool:
        """Whether the provision binds (or, for guidance and policy, speaks) on ``day``.

        A vacated provision applied between its date and its vacatur, so a run "as of" that
        window judges it as law; an adopted provision without a date does not apply yet.
        """
        if self.until is not None and day >= self.until:
            return False
        if self.status in ("guidance", "policy"):
            return self.in_force_from is None or day >= self.in_force_from
        if self.in_force_from is None:
            return self.status == "in_force"
        return day >= self.in_force_from and (self.status in BINDING or self.until is not None)

    def when(self) -> str:
        """'in force from 2027-07-01', 'vacated 2025-07-08', 'proposed': for people."""
        words = {
            "in_force": "in force",
            "adopted": "adopted",
            "proposed": "proposed",
            "vacated": "vacated",
            "guidance": "guidance",
            "policy": "policy",
        }[self.status]
        if self.status == "vacated" and self.until is not None:
            return f"vacated {self.until.isoformat()}"
        if self.in_force_from is not None and self.status != "proposed":
            return f"{words}, from {self.in_force_from.isoformat()}"
        if self.status == "adopted":
            return "adopted, start date not yet set"
        return words


@dataclass(frozen=True)
class Standing:
    """What the provisions behind a finding amount to on the day of the run."""

    label: str  # in force | policy | guidance | upcoming | benchmark
    #: The earliest date a not-yet-binding provision starts (upcoming), else None.
    starts: date | None = None
    as_of: date | None = None

    @property
    def binding(self) -> bool:
        return self.label in (IN_FORCE, POLICY, GUIDANCE)

    def note(self) -> str:
        """How a message is prefixed: '' for binding law, else what the finding is."""
        if self.label == UPCOMING:
            when = (
                f"in force from {self.starts.isoformat()}" if self.starts else "start date not set"
            )
            return f"upcoming ({when}): "
        if self.label == BENCHMARK_LABEL:
            return "benchmark (the provision is not binding): "
        return ""


def standing(provisions: Sequence[Provision], day: date) -> Standing | None:
    """The standing of a finding whose rule cites these provisions, on ``day``.

    The strongest provision decides: any binding one makes the finding law; otherwise
    guidance or policy speak; otherwise a provision that starts later makes it upcoming; what
    is left (proposed, vacated) is a benchmark. No provisions: no standing (darklint's own
    defaults, a team's own rule).
    """
    if not provisions:
        return None
    applying = [p for p in provisions if p.applies_on(day)]
    if any(p.status in (*BINDING, *BENCHMARK) for p in applying):
        return Standing(IN_FORCE, as_of=day)
    if any(p.status == "policy" for p in applying):
        return Standing(POLICY, as_of=day)
    if applying:
        return Standing(GUIDANCE, as_of=day)
    later = [p for p in provisions if p.status in BINDING]
    if later:
        dates = [p.in_force_from for p in later if p.in_force_from and p.in_force_from > day]
        return Standing(UPCOMING, min(dates) if dates else None, day)
    later_guidance = [p for p in provisions if p.status in ("guidance", "policy")]
    if later_guidance and all(p.until is None for p in later_guidance):
        dates = [p.in_force_from for p in later_guidance if p.in_force_from]
        return Standing(UPCOMING, min(dates) if dates else None, day)
    return Standing(BENCHMARK_LABEL, as_of=day)


def provision_dict(provision: Provision) -> dict[str, object]:
    """A provision as plain data (JSON, SARIF properties, the HTML report)."""
    return {
        "text": provision.text,
        "status": provision.status,
        "in_force_from": provision.in_force_from.isoformat() if provision.in_force_from else None,
        "until": provision.until.isoformat() if provision.until else None,
        "source": (
            {"title": provision.source.title, "url": provision.source.url}
            if provision.source
            else None
        ),
        "profile": provision.profile,
    }


def standing_dict(
    standing_: Standing | None, provisions: Sequence[Provision]
) -> dict[str, object] | None:
    """What a finding's legal basis amounts to, as plain data; None without provisions."""
    if standing_ is None and not provisions:
        return None
    return {
        "standing": standing_.label if standing_ else None,
        "as_of": standing_.as_of.isoformat() if standing_ and standing_.as_of else None,
        "in_force_from": (standing_.starts.isoformat() if standing_ and standing_.starts else None),
        "provisions": [provision_dict(p) for p in provisions],
    }
