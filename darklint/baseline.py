"""Baselines: adopt darklint on existing flows and fail only on new findings.

``darklint baseline`` records today's findings in a JSON file; ``darklint check --baseline``
then drops every finding recorded there, so CI fails only on what a change introduces. A
finding is recognised by its fingerprint (rule, product, flow, step and evidence, never line
numbers), so moving lines, adding comments or reordering steps keeps it recognised, while a
change in what the finding is about makes it new. Identical findings share a fingerprint;
the baseline counts them, so a second copy of a known problem is still new.

Entries whose findings are gone are reported as fixed, so the file shrinks as flows improve.
DL001 (a file that cannot be linted) is never recorded nor dropped: it cannot be ignored.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

from darklint import __version__
from darklint.classes import dataclass
from darklint.engine import INVALID_FILE, RunReport
from darklint.findings import Finding
from darklint.jsontext import pretty
from darklint.safetext import clip

BASELINE_VERSION = 1
DEFAULT_BASELINE = "darklint-baseline.json"
#: A baseline is a few bytes per finding; anything bigger is not one darklint wrote.
MAX_BASELINE_BYTES = 64 * 1024 * 1024
#: Identical findings one entry may count; a larger count was not written by darklint.
MAX_COUNT = 1_000_000_000


class BaselineError(ValueError):
    """A baseline file that cannot be read; the message names the file."""


@dataclass(frozen=True)
class BaselineEntry:
    """Known findings with one fingerprint; the other fields are there for people reading."""

    fingerprint: str
    rule: str
    product: str
    flow: str | None
    step: str | None
    message: str
    path: str  # relative to the baseline file's directory, with forward slashes
    count: int = 1

    def describe(self) -> str:
        where = "/".join(clip(p) for p in (self.product, self.flow, self.step) if p)
        return f"{clip(self.rule)} in {where} ({clip(self.path)})"


@dataclass(frozen=True)
class Baseline:
    path: str
    entries: tuple[BaselineEntry, ...]


# -- writing ----------------------------------------------------------------------------------


def entries_for(findings: Iterable[Finding], base: Path) -> list[BaselineEntry]:
    """One entry per fingerprint, counting findings that share it; DL001 is left out."""
    first: dict[str, Finding] = {}
    counts: Counter[str] = Counter()
    for finding in sorted(findings, key=Finding.sort_key):
        if finding.rule_id == INVALID_FILE:
            continue
        fingerprint = finding.fingerprint()
        first.setdefault(fingerprint, finding)
        counts[fingerprint] += 1
    entries = [
        BaselineEntry(
            fingerprint=fp,
            rule=f.rule_id,
            product=f.product,
            flow=f.flow,
            step=f.step,
            message=f.message,
            path=relative(f.location.path, base),
            count=counts[fp],
        )
        for fp, f in first.items()
    ]
    return sorted(entries, key=lambda e: (e.path, e.rule, e.product, e.fingerprint))


def render(entries: Sequence[BaselineEntry], now: datetime | None = None) -> str:
    """The baseline file's text: stable key order and sorted entries, so diffs stay small."""
    generated = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    data = {
        "version": BASELINE_VERSION,
        "generated": generated,
        "darklint": __version__,
        "entries": [asdict(e) for e in entries],
    }
    return pretty(data)


def relative(path: str, base: Path) -> str:
    """A finding's file relative to the baseline's directory: the same in every checkout."""
    full = os.path.abspath(path)
    try:
        return Path(os.path.relpath(full, base.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(full).as_posix()


# -- reading ----------------------------------------------------------------------------------


def load_baseline(path: str) -> Baseline:
    """Read a baseline file written by ``darklint baseline``."""
    from darklint.load import read_text

    if not os.path.lexists(path):
        raise BaselineError(
            f"{path}: baseline file not found; create it with `darklint baseline FILE... -o {path}`"
        )
    text, problem = read_text(
        path, MAX_BASELINE_BYTES, "a baseline file", "regenerate it with `darklint baseline`"
    )
    if problem is not None:
        raise BaselineError(f"{path}: cannot read the baseline: {problem.message}")
    try:
        data = json.loads(text or "")
    except json.JSONDecodeError as error:
        raise BaselineError(f"{path}:{error.lineno}: not a baseline (invalid JSON)") from None
    except (ValueError, RecursionError):  # a 5,000-digit number, nesting 100,000 deep
        raise BaselineError(
            f"{path}: not a baseline (numbers too long or nesting too deep to read)"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise BaselineError(f"{path}: not a baseline: expected an object with 'entries'")
    if data.get("version") != BASELINE_VERSION:
        raise BaselineError(
            f"{path}: baseline version {clip(repr(data.get('version')))} is not supported "
            f"(expected {BASELINE_VERSION}); regenerate it with `darklint baseline`"
        )
    entries = []
    for index, raw in enumerate(data["entries"]):
        try:
            entries.append(_entry(raw))
        except (TypeError, ValueError) as error:
            raise BaselineError(f"{path}: entries[{index}]: {error}") from None
    return Baseline(path, tuple(entries))


def _entry(raw: object) -> BaselineEntry:
    if not isinstance(raw, dict):
        raise ValueError("each entry is an object")
    fingerprint, rule, count = raw.get("fingerprint"), raw.get("rule"), raw.get("count", 1)
    if not isinstance(fingerprint, str) or not fingerprint:
        raise ValueError("'fingerprint' must be a non-empty string")
    if not isinstance(rule, str) or not rule:
        raise ValueError("'rule' must be a rule id")
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
        raise ValueError(f"'count' must be a whole number from 1 to {MAX_COUNT:,}")

    def text(key: str) -> str | None:
        value = raw.get(key)
        return None if value is None else str(value)

    return BaselineEntry(
        fingerprint=fingerprint,
        rule=rule,
        product=text("product") or "",
        flow=text("flow"),
        step=text("step"),
        message=text("message") or "",
        path=text("path") or "",
        count=count,
    )


# -- applying ---------------------------------------------------------------------------------


def apply_baseline(report: RunReport, baseline: Baseline, rules_run: Iterable[str]) -> None:
    """Move known findings into each file's ``baselined`` list; record fixed entries.

    An entry is judged fixed only when its rule ran and its product (or file) was linted in
    this run: checking one changed file, as pre-commit does, does not mark the rest fixed.
    """
    remaining: Counter[str] = Counter()
    for entry in baseline.entries:
        remaining[entry.fingerprint] += entry.count
    for file_report in report.files:
        kept: list[Finding] = []
        for finding in file_report.findings:
            fingerprint = finding.fingerprint()
            if finding.rule_id != INVALID_FILE and remaining[fingerprint] > 0:
                remaining[fingerprint] -= 1
                file_report.baselined.append(finding)
            else:
                kept.append(finding)
        file_report.findings = kept
    ran = set(rules_run)
    base = Path(baseline.path).parent
    products = {f.product for f in report.files if f.product}
    paths = {relative(f.path, base) for f in report.files}
    fixed = []
    for entry in baseline.entries:
        left = min(remaining[entry.fingerprint], entry.count)
        if left and entry.rule in ran and (entry.product in products or entry.path in paths):
            remaining[entry.fingerprint] -= left
            fixed.append(entry if left == entry.count else _with_count(entry, left))
    report.baseline_fixed = fixed


def _with_count(entry: BaselineEntry, count: int) -> BaselineEntry:
    return BaselineEntry(**{**asdict(entry), "count": count})


def fixed_note(report: RunReport, baseline_path: str, limit: int = 10) -> str:
    """``fixed: 2 entries can be removed: ...``, or "" when nothing in the baseline is fixed."""
    fixed = report.baseline_fixed
    if not fixed:
        return ""
    shown = "; ".join(e.describe() for e in fixed[:limit])
    more = f"; and {len(fixed) - limit} more" if len(fixed) > limit else ""
    noun = "entry" if len(fixed) == 1 else "entries"
    return (
        f"fixed: {len(fixed)} baseline {noun} can be removed: {shown}{more}. "
        f"Refresh {baseline_path} with `darklint baseline`."
    )
