"""Reporters: each turns a :class:`~darklint.engine.RunReport` into one output format.

Reporters are looked up by name and imported only when used, so ``darklint check -f json``
never imports rich or jinja2. A reporter is a function ``render(report, context) -> str``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import field
from typing import Any

from darklint.classes import dataclass
from darklint.engagement import Engagement

#: Output format name -> module whose ``render`` produces it.
REPORTERS: dict[str, str] = {
    "console": "darklint.report.console",
    "json": "darklint.report.jsonout",
    "sarif": "darklint.report.sarif",
    "junit": "darklint.report.junit",
    "github": "darklint.report.github",
    "gitlab": "darklint.report.gitlab",
    "markdown": "darklint.report.markdown",
    "html": "darklint.report.html",
    "evidence": "darklint.report.evidence",
}


#: The forms of the console report (``--output-format``, ``output-format:``).
CONSOLE_FORMS = ("full", "concise", "grouped")


@dataclass(frozen=True)
class ReportContext:
    """What reporters may show besides findings: the rules run, the settings, the versions."""

    rules: tuple[Any, ...] = ()
    show_ignored: bool = False
    verbose: bool = False
    fail_on: str = "error"
    profile: str = "recommended"
    settings: dict[str, Any] = field(default_factory=dict)
    color: bool = False  # console only: ANSI colours (a terminal, and NO_COLOR not set)
    width: int = 100  # console only: columns available
    output_format: str = "full"  # console only: full | concise | grouped
    statistics: bool = False  # console only: counts per rule instead of the findings
    quiet: bool = False  # console only: findings, no summary line
    engagement: Engagement = field(default_factory=Engagement)  # html: title, scope, author
    #: The provision x product matrix of ``--assess`` (:class:`darklint.assess.Matrix`).
    assessment: Any = None


def reporter(name: str) -> Callable[..., str]:
    """The render function of an output format; ValueError for an unknown one."""
    if name not in REPORTERS:
        known = ", ".join(sorted(REPORTERS))
        raise ValueError(f"unknown output format '{name}'; known formats: {known}")
    return importlib.import_module(REPORTERS[name]).render
