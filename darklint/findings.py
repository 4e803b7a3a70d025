"""Findings: the plain data every check produces and every reporter reads.

A check yields :class:`Hit` objects (what it saw, where, and the evidence); the engine turns
each into a :class:`Finding` by attaching the rule's id, name, severity and category. Reporters
only ever see findings, so console, JSON, SARIF and HTML all tell the same story.
"""

from __future__ import annotations

import hashlib
from dataclasses import field

from darklint.classes import dataclass
from darklint.law import Provision, Standing
from darklint.model import Location

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
#: What an evidence path is to its finding: the path that shows the pattern, or a path shown
#: for contrast (the signup a cancel path is compared with), which is no offence itself.
OFFENDING, COMPARISON = "offending", "comparison"


@dataclass(frozen=True)
class EvidenceStep:
    """One step of a path shown as evidence: where the customer is and what it costs them."""

    flow: str
    step: str
    kind: str
    channel: str
    action: str | None  # label of the action taken out of this step (None at the end)
    effort: int  # tenths of effort this step and its action add
    location: Location
    note: str = ""  # what made it costly: "retention_offer +2", "phone +5", "wait 25 min"


@dataclass(frozen=True)
class EvidencePath:
    """A path through a product's flows, shown next to another to make a comparison visible."""

    title: str  # "easiest cancel path"
    steps: tuple[EvidenceStep, ...]
    effort: int | None = None  # total effort in tenths, when effort is what is compared
    role: str = OFFENDING  # or COMPARISON: drawn and listed apart from the offending path

    def nodes(self) -> tuple[tuple[str, str], ...]:
        """(flow, step) pairs in order: what diagrams highlight."""
        return tuple((s.flow, s.step) for s in self.steps)


@dataclass(frozen=True)
class Provenance:
    """Where the facts of one item of a finding's evidence come from.

    A recorded flow file says, item by item, which keys darklint's recorder read from the
    running product (``observed``); the other keys were written by the file's authors
    (``declared``: an overlay, or a hand-written file). Files without any recording carry
    no provenance: everything in them is declared.
    """

    flow: str
    step: str
    item: str  # "step", "action 'No thanks'", "option 'Email me offers'"
    observed: tuple[str, ...]
    declared: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    """What a check reports: a message at a location, with its evidence."""

    message: str
    location: Location
    flow: str | None = None
    step: str | None = None
    paths: tuple[EvidencePath, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()  # ("fee", "Service fee EUR 5"), shown as evidence
    #: What identifies the hit apart from its line: the fingerprint survives moved lines.
    subject: str = ""


@dataclass(frozen=True)
class Finding:
    """A hit with its rule: the unit every reporter, baseline and ignore works on."""

    rule_id: str
    rule_name: str
    severity: str
    category: str
    message: str
    location: Location
    product: str = ""
    flow: str | None = None
    step: str | None = None
    paths: tuple[EvidencePath, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()
    subject: str = ""
    fix: str = ""
    help_uri: str = ""
    #: The provision the active profile cites for the rule ("Bus. & Prof. Code 17602(a)(4)").
    provision: str = ""
    #: Which facts of the evidence were observed in the running product (recorded files).
    provenance: tuple[Provenance, ...] = ()
    #: What the provisions behind the finding amount to on the day of the run (in force,
    #: upcoming, benchmark...); None when the rule cites none (darklint's own defaults).
    standing: Standing | None = field(default=None, compare=False)
    #: The provisions behind it, with status, dates and official sources.
    provisions: tuple[Provision, ...] = field(default=(), compare=False)
    ignored_reason: str | None = field(default=None, compare=False)

    @property
    def path(self) -> str:
        return self.location.path

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Findings are sorted by file, line, column, rule, message."""
        loc = self.location
        return (loc.path, loc.line, loc.column, self.rule_id, self.message)

    def fingerprint(self) -> str:
        """A stable identity that survives moved lines and reordered steps.

        Built from the rule, product, flow, step and evidence (never line numbers), so a
        baseline or a code-scanning alert keeps tracking the same problem after edits.
        """
        evidence = "|".join("/".join(f"{s.flow}.{s.step}" for s in p.steps) for p in self.paths)
        parts = [
            self.rule_id,
            self.product,
            self.flow or "",
            self.step or "",
            self.subject or self.message,
            evidence,
        ]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]
