"""The rule catalog: rules are data (``rules/*.yaml``), checks are code.

Each rule file names a check function and its parameters, and carries everything a person
needs: severity, category, summary, fix, documentation and references. Built-in rules ship
inside the wheel (``darklint/_rules``); in a checkout they are read from ``rules/``. Teams add
their own rule files with ``--rules DIR``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field, replace
from pathlib import Path
from typing import Any

from darklint.classes import dataclass
from darklint.findings import SEVERITIES
from darklint.law import Provision, Reference

CATEGORIES = ("structure", "leaving", "renewals", "fees", "refunds", "pressure", "people")
RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*\d{3}$")
RULE_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_REQUIRED = ("id", "name", "severity", "category", "summary", "check", "docs")
_ALLOWED = (*_REQUIRED, "fix", "references")


class RuleFileError(ValueError):
    """A rule file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Rule:
    """A rule as data: metadata, the check it runs and that check's parameters."""

    id: str
    name: str
    severity: str
    category: str
    summary: str
    function: str
    params: Mapping[str, Any]
    docs: str
    fix: str = ""
    references: tuple[Reference, ...] = ()
    source: str = ""
    builtin: bool = True
    #: The provision a profile cites for this rule (set when a profile is applied).
    provision: str = field(default="", compare=False)
    #: The provisions behind it, with status and dates (:class:`darklint.law.Provision`).
    provisions: tuple[Provision, ...] = field(default=(), compare=False)

    #: The ``docs-url`` setting, where the rule reference is published (None: the bundled copy).
    docs_url: str | None = field(default=None, compare=False)

    @property
    def help_uri(self) -> str:
        """The rule's documentation: its section of the rule reference; a team's own rule
        has none there."""
        if not self.builtin:
            return ""
        from darklint.links import rule_help_uri

        return rule_help_uri(self.id, self.name, self.docs_url)

    def with_params(self, overrides: Mapping[str, Any]) -> Rule:
        return replace(self, params={**self.params, **overrides})


def builtin_rules_dir() -> Path:
    """Where the built-in rules are: inside the installed package, or the checkout's rules/."""
    packaged = Path(__file__).with_name("_rules")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


def parse_rule(text: str, source: str, builtin: bool) -> Rule:
    """One rule from a rule file's text; raises RuleFileError with a plain message."""
    from darklint.load.yamlnodes import PlainDataError, read_plain

    try:  # bounded: a rule or profile file may come from a pull request
        data = read_plain(text, source)
    except PlainDataError as error:
        raise RuleFileError(str(error)) from None
    if not isinstance(data, dict):
        raise RuleFileError(f"{source}: a rule file is a mapping with keys {', '.join(_REQUIRED)}")
    missing = [k for k in _REQUIRED if k not in data]
    if missing:
        raise RuleFileError(f"{source}: missing key(s) {', '.join(missing)}")
    unknown = [k for k in data if k not in _ALLOWED]
    if unknown:
        raise RuleFileError(f"{source}: unknown key(s) {', '.join(map(str, unknown))}")
    rule_id, name = str(data["id"]), str(data["name"])
    if not RULE_ID.match(rule_id):
        raise RuleFileError(f"{source}: id '{rule_id}' must look like DL101 or ACME001")
    if not RULE_NAME.match(name):
        raise RuleFileError(f"{source}: name '{name}' must be lower-case words joined by '-'")
    if data["severity"] not in SEVERITIES:
        raise RuleFileError(f"{source}: severity must be one of {', '.join(SEVERITIES)}")
    check = data["check"]
    if not isinstance(check, dict) or not isinstance(check.get("function"), str):
        raise RuleFileError(f"{source}: 'check' needs a 'function' name (and optional 'with')")
    params = check.get("with") or {}
    if not isinstance(params, dict):
        raise RuleFileError(f"{source}: 'check.with' must be a mapping of parameters")
    refs = []
    for ref in data.get("references") or []:
        if not isinstance(ref, dict) or "title" not in ref or "url" not in ref:
            raise RuleFileError(f"{source}: each reference needs a 'title' and a 'url'")
        refs.append(Reference(str(ref["title"]), str(ref["url"])))
    return Rule(
        id=rule_id,
        name=name,
        severity=data["severity"],
        category=str(data["category"]),
        summary=str(data["summary"]).strip(),
        function=check["function"],
        params=params,
        docs=str(data["docs"]),
        fix=str(data.get("fix") or "").strip(),
        references=tuple(refs),
        source=source,
        builtin=builtin,
    )


def rule_files(directory: str | os.PathLike[str]) -> list[Path]:
    path = Path(directory)
    if not path.is_dir():
        raise RuleFileError(f"{directory}: not a directory of rule files")
    return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_rules(extra_dirs: Sequence[str | os.PathLike[str]] = ()) -> list[Rule]:
    """Built-in rules, then the rules of each extra directory; ids and names must be unique."""
    rules: list[Rule] = []
    sources = [(builtin_rules_dir(), True)] + [(d, False) for d in extra_dirs]
    for directory, builtin in sources:
        for path in rule_files(directory):
            rules.append(parse_rule(path.read_text(encoding="utf-8"), str(path), builtin))
    seen: dict[str, Rule] = {}
    for rule in rules:
        for key in (rule.id, rule.name):
            if key in seen:
                raise RuleFileError(f"{rule.source}: '{key}' is already used by {seen[key].source}")
            seen[key] = rule
    return sorted(rules, key=lambda r: r.id)


def matches(rule: Rule, selector: str) -> bool:
    """Whether a selector picks a rule: its id, its name, an id prefix ('DL1') or 'ALL'."""
    selector = selector.strip()
    return (
        selector == "ALL"
        or selector == rule.name
        or (rule.id.startswith(selector.upper()) and bool(re.match(r"^[A-Za-z]+\d*$", selector)))
    )


def unknown_selectors(rules: Iterable[Rule], selectors: Iterable[str]) -> list[str]:
    """Selectors that pick no rule (a typo in --select is an error, not a silent no-op)."""
    rules = list(rules)
    return [s for s in selectors if not any(matches(r, s) for r in rules)]


def nearest_rule(rules: Iterable[Rule], word: str) -> str | None:
    """The rule id or name closest to a mistyped one (``confirmshame`` -> ``confirmshaming``,
    ``dl1O1`` -> ``DL101``), to suggest wherever a rule is named: ``explain``, ``--select``,
    ``--ignore``, the configuration and ``ignore:`` entries."""
    import difflib

    known = {key.lower(): key for rule in rules for key in (rule.id, rule.name)}
    typed = word.strip().lower().replace("_", "-")
    found = difflib.get_close_matches(typed, list(known), n=1, cutoff=0.6)
    return known[found[0]] if found else None


def find_rule(rules: Iterable[Rule], key: str) -> Rule | None:
    """A rule by exact id (any case) or name."""
    for rule in rules:
        if key.upper() == rule.id or key == rule.name:
            return rule
    return None
