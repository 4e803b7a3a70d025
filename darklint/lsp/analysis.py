"""Lint an editor's buffer as ``darklint check`` would lint the file it stands for.

Settings are resolved for the document's own directory (the nearest ``darklint.yaml``,
``.darklint.yaml`` or ``pyproject.toml``, its profile, rules and include/exclude globs), so
the editor shows the findings CI will report. Settings are kept per configuration file and
read again when that file changes.
"""

from __future__ import annotations

import os
from dataclasses import field
from pathlib import Path

import yaml

from darklint.catalog import Rule
from darklint.classes import dataclass
from darklint.config import find_config
from darklint.engine import lint_text
from darklint.findings import Finding
from darklint.load import DEFAULT_MAX_BYTES
from darklint.load.yamlnodes import compose
from darklint.lsp.spans import LineIndex, NodeSpans, Span, location_span, node_spans
from darklint.settings import CommandLine, Settings, SettingsError, resolve


@dataclass(frozen=True)
class Located:
    """A finding, the range it underlines, and the steps of its evidence paths (where each
    is, and what to call it: "easiest cancel path, step 2: offer (retention_offer +2)")."""

    span: Span
    finding: Finding
    evidence: tuple[tuple[Span, str], ...] = ()


#: Evidence steps attached to one diagnostic at most: enough to walk a path, not a flood.
MAX_EVIDENCE = 40


@dataclass
class Analysis:
    """What one version of a document holds: its findings, each with the range it covers."""

    text: str
    index: LineIndex
    findings: list[Located] = field(default_factory=list)
    #: Every rule of the catalog in effect (for hover and completion of rule ids).
    rules: tuple[Rule, ...] = ()
    #: Why the document could not be linted at all (a broken configuration file).
    settings_error: str | None = None
    #: The largest document read (``max-bytes`` of the configuration).
    max_bytes: int = DEFAULT_MAX_BYTES


class SettingsCache:
    """Resolved settings per configuration file, read again when the file changes."""

    def __init__(self) -> None:
        self._known: dict[object, Settings | SettingsError] = {}

    def get(self, directory: Path) -> Settings:
        """Settings for a file in ``directory``; raises SettingsError for a bad configuration."""
        config = find_config(directory)
        try:
            stamp = (str(config), os.stat(config).st_mtime_ns) if config else str(directory)
        except OSError:
            stamp = (str(config), None)
        known = self._known.get(stamp)
        if known is None:
            try:
                known = resolve(CommandLine(config=str(config) if config else None), cwd=directory)
            except SettingsError as error:
                known = error
            self._known[stamp] = known
        if isinstance(known, SettingsError):
            raise known
        return known


def parse(text: str, max_bytes: int) -> yaml.Node | None:
    """The document's YAML nodes, or None when it is too big or not YAML."""
    if len(text) > max_bytes or len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        return None
    root, problem = compose(text, "")
    return None if problem is not None else root


def analyse(text: str, path: str, settings: SettingsCache) -> Analysis:
    """Lint a buffer with the settings of its path; findings get the span of their node."""
    index = LineIndex(text)
    try:
        resolved = settings.get(Path(path).parent)
    except SettingsError as error:
        return Analysis(text, index, settings_error=str(error))
    analysis = Analysis(text, index, rules=resolved.all_rules, max_bytes=resolved.max_bytes)
    if resolved.path_filter and not resolved.path_filter.accepts(path):
        return analysis  # `darklint check` of the directory would pass it over
    report = lint_text(text, path, resolved.lint_options(), explicit=False)
    if report is None or not report.findings:
        return analysis  # not a darklint file (another tool's YAML), or nothing found
    wanted = {f.location.line - 1 for f in report.findings}
    wanted |= {s.location.line - 1 for f in report.findings for p in f.paths for s in p.steps}
    spans = node_spans(parse(text, resolved.max_bytes), wanted)
    analysis.findings = [
        Located(location_span(f.location, spans, index), f, evidence(f, spans, index))
        for f in report.findings
    ]
    return analysis


def evidence(finding: Finding, spans: NodeSpans, index: LineIndex) -> tuple[tuple[Span, str], ...]:
    """The steps of a finding's evidence paths, in order, each with a short description."""
    out = []
    for path in finding.paths:
        for number, step in enumerate(path.steps, start=1):
            note = f" ({step.note})" if step.note else ""
            label = f"{path.title}, step {number}: {step.flow}.{step.step}{note}"
            out.append((location_span(step.location, spans, index), label))
    return tuple(out[:MAX_EVIDENCE])
