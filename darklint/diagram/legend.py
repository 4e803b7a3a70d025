"""What each style of a flow diagram means, for the legend beside the diagrams.

Every class the SVG drawing puts on a box or an arrow has one entry here, and the report's
legend lists exactly the entries whose class appears in its diagrams: nothing drawn goes
unexplained and nothing explained is absent. The legend draws its samples with the same
classes, so a sample always looks like what it explains.
"""

from __future__ import annotations

from collections.abc import Iterable

from darklint.classes import dataclass


@dataclass(frozen=True)
class LegendEntry:
    """One style: the class that draws it, what the sample shows, and what it means."""

    style: str  # the class on the box or arrow ("em-link", "ch-phone", "hl")
    sample: str  # "box", "line", or "both" (a box and a line)
    text: str


#: Channel classes and the words the legend uses for them.
CHANNEL_NAMES = {
    "web": "web",
    "app": "app",
    "email": "email",
    "chat": "chat",
    "phone": "phone",
    "sms": "SMS",
    "mail": "post",
    "in_person": "in person",
}

#: In the order the legend lists them: boxes, then lines, then the paths behind findings.
ENTRIES: tuple[LegendEntry, ...] = (
    *(
        LegendEntry(
            f"ch-{key}",
            "box",
            f"a step on the {name} channel" if key != "in_person" else "a step in person",
        )
        for key, name in CHANNEL_NAMES.items()
    ),
    LegendEntry("start", "box", "“start ▼” and a heavy border: where the flow starts"),
    LegendEntry("outcome", "box", "rounded ends: an outcome, where the flow ends"),
    LegendEntry("external", "box", "dashed box: a step of another flow that an action leads to"),
    LegendEntry("flagged", "box", "rule id under a step: a finding at that step (links to it)"),
    LegendEntry("em-primary", "line", "heavy line: the action the screen pushes (primary button)"),
    LegendEntry("em-secondary", "line", "thin line: an ordinary button"),
    LegendEntry("em-link", "line", "dotted line: a text link"),
    LegendEntry("em-hidden", "line", "sparse pale dots: a hidden action, hard to find"),
    LegendEntry("back", "line", "open arrowhead: goes back to an earlier step (a loop)"),
    LegendEntry("jump", "line", "short arrow naming a step (“→ step”): leads to a step far away"),
    LegendEntry("hl", "both", "red: the path behind a finding, its steps and the actions taken"),
    LegendEntry(
        "cmp",
        "both",
        "blue: a path shown only for comparison (the signup a cancel path is measured "
        "against); not a finding",
    ),
)

_BY_STYLE = {entry.style: entry for entry in ENTRIES}


def legend(styles: Iterable[str]) -> tuple[LegendEntry, ...]:
    """The entries for the styles in use, in legend order; KeyError for an unexplained one."""
    used = set(styles)
    unknown = used - _BY_STYLE.keys()
    if unknown:
        raise KeyError(f"no legend entry for diagram styles: {', '.join(sorted(unknown))}")
    return tuple(entry for entry in ENTRIES if entry.style in used)
