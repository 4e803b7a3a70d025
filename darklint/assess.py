"""Assessment: for each rule and product, not only "found something" but one of four verdicts.

A rule that reports nothing cannot tell "complies" from "the file never said": a product whose
support step has no ``wait_minutes`` passes DL106 silently. An auditor filling a regulator's
questionnaire needs to know which. So each check declares its scope (:class:`Scope`, next to
its registration) and the assessment says:

- **fails**: the rule found something;
- **passes**: the rule ran and the facts it needs were written down;
- **not assessable**: facts the rule needs are missing, named so they can be filled in;
- **does not apply**: the product has nothing the rule is about (no subscription, no refund).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from darklint.classes import dataclass

FAILS, PASSES, NOT_ASSESSABLE, NOT_APPLICABLE = (
    "fails",
    "passes",
    "not assessable",
    "does not apply",
)
VERDICTS = (FAILS, NOT_ASSESSABLE, PASSES, NOT_APPLICABLE)


@dataclass(frozen=True)
class Verdict:
    """One rule's verdict on one product, with what explains it."""

    verdict: str
    #: Why: the number of findings, the missing facts, or why the rule does not apply.
    details: tuple[str, ...] = ()


def assess_rule(spec: Any, queries: Any, params: Mapping[str, Any], findings: int) -> Verdict:
    """The verdict of one check on one product, given how many findings it produced.

    Findings decide first (a rule that found the pattern fails whatever else is missing);
    then the check's scope: out of scope, or facts missing; otherwise it passes. A check
    registered without a scope (a plugin's) can only fail or pass.
    """
    if findings:
        return Verdict(FAILS, (f"{findings} finding{'s' if findings > 1 else ''}",))
    if spec.scope is None:
        return Verdict(PASSES)
    scope = spec.scope(queries, params)
    if scope.not_applicable:
        return Verdict(NOT_APPLICABLE, (scope.not_applicable,))
    if scope.gaps:
        return Verdict(NOT_ASSESSABLE, tuple(scope.gaps))
    return Verdict(PASSES)


# -- the matrix: provision x product -----------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One provision of the chosen profiles (or a rule without one) and its verdicts."""

    rule: str
    rule_name: str
    #: The provision (darklint.law.Provision); None for a rule at darklint's own defaults.
    provision: Any
    #: What the provision amounts to on the day of the run: in force, upcoming, benchmark...
    standing: str
    cells: tuple[Verdict, ...]


@dataclass(frozen=True)
class Matrix:
    """Every provision of the chosen profiles against every product linted."""

    profile: str
    as_of: str
    #: (product name, file) per column.
    products: tuple[tuple[str, str], ...]
    rows: tuple[Row, ...]

    def counts(self) -> dict[str, int]:
        """How many cells have each verdict, in the order reports show them."""
        counts = dict.fromkeys(VERDICTS, 0)
        for row in self.rows:
            for cell in row.cells:
                counts[cell.verdict] = counts.get(cell.verdict, 0) + 1
        return counts


def assessment_matrix(report: Any, settings: Any) -> Matrix:
    """The matrix of a run with ``--assess``: rows from the rules run (one per provision they
    cite), columns from the products linted, cells from each file's recorded verdicts."""
    from darklint.law import standing

    files = [f for f in sorted(report.files, key=lambda f: f.path) if f.linted and f.product]
    rows = []
    for rule in sorted(settings.rules, key=lambda r: r.id):
        if rule.category == "structure":
            continue
        cells = tuple(f.verdicts.get(rule.id, Verdict(NOT_APPLICABLE, ("not run",))) for f in files)
        for provision in rule.provisions or (None,):
            if provision is None:
                label = "darklint default" if rule.builtin else "your own rule"
            else:
                found = standing((provision,), settings.as_of)
                label = found.label if found else ""
                if found and found.starts:
                    label += f" (from {found.starts.isoformat()})"
            rows.append(Row(rule.id, rule.name, provision, label, cells))
    return Matrix(
        profile=settings.profile or "recommended",
        as_of=settings.as_of.isoformat(),
        products=tuple((f.product or "", f.path) for f in files),
        rows=tuple(rows),
    )
