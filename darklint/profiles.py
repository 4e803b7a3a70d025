"""Profiles: a named rulebook as data (``rules/profiles/<name>.yaml``).

A profile says which rules a rulebook (a law, a regulator's rule, darklint's own principles)
supports, the thresholds it sets and the provision behind each rule, so an auditor can check
a product against "the California Automatic Renewal Law" instead of against darklint's
defaults. Profiles are data for the same reason rules are: the people who know the law can
read and change them without reading Python.

Applying a profile replaces the rule selection; structure rules (DL0xx: the flow itself is
broken) and rules a team loads from its own directories stay on, because no rulebook makes a
broken file or a team's own rule irrelevant. A configuration and command-line flags are
applied after the profile and win over it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from darklint.catalog import RULE_ID, Reference, Rule, builtin_rules_dir
from darklint.findings import SEVERITIES
from darklint.graph.effort import EffortWeights

DEFAULT_PROFILE = "recommended"
#: Rules of this category stay on in every profile: a broken flow cannot be judged by any law.
ALWAYS_ON_CATEGORY = "structure"
ENABLE_CHOICES = ("listed", "all")
_REQUIRED = ("name", "title", "description", "rulebook")
_ALLOWED = (*_REQUIRED, "enable", "rules", "effort", "references")
_RULE_KEYS = ("provision", "severity", "params")


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the profile file and the key."""


@dataclass(frozen=True)
class ProfileRule:
    """What a profile says about one rule: the provision it cites and what it changes."""

    provision: str
    severity: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Profile:
    """A rulebook as data. ``enable: all`` keeps every rule on (``rules`` then only cites and
    tunes); ``enable: listed`` (the default) turns on only the rules listed."""

    name: str
    title: str
    description: str
    rulebook: Reference
    rules: Mapping[str, ProfileRule]
    enable: str = "listed"
    effort: Mapping[str, float] = field(default_factory=dict)
    references: tuple[Reference, ...] = ()
    source: str = ""

    def enables(self, rule: Rule) -> bool:
        """Whether the rule runs under this profile."""
        return (
            self.enable == "all"
            or rule.id in self.rules
            or rule.category == ALWAYS_ON_CATEGORY
            or not rule.builtin
        )


def profiles_dir() -> Path:
    """Built-in profiles live next to the built-in rules, so the wheel ships them together."""
    return builtin_rules_dir() / "profiles"


def list_profiles() -> list[str]:
    """Names of the built-in profiles, sorted."""
    directory = profiles_dir()
    if not directory.is_dir():
        return []
    return sorted(p.stem for p in directory.iterdir() if p.suffix == ".yaml" and p.is_file())


def load_profile(name: str | os.PathLike[str]) -> Profile:
    """A built-in profile by name, or a profile file by path (``--profile ./audit.yaml``).

    An unknown name is an error listing the known profiles, so a typo is never a silent
    fallback to some other rulebook.
    """
    text_name = os.fspath(name)
    path = Path(text_name)
    if text_name.endswith((".yaml", ".yml")) or os.sep in text_name or "/" in text_name:
        if not path.is_file():
            raise ProfileError(f"{text_name}: no such profile file")
        return parse_profile(path.read_text(encoding="utf-8"), str(path))
    builtin = profiles_dir() / f"{text_name}.yaml"
    if not builtin.is_file():
        known = ", ".join(list_profiles()) or "none"
        raise ProfileError(
            f"unknown profile '{text_name}'; known profiles: {known} "
            "(or give the path of a profile file)"
        )
    profile = parse_profile(builtin.read_text(encoding="utf-8"), str(builtin))
    if profile.name != text_name:
        raise ProfileError(f"{builtin}: name '{profile.name}' must match the file name")
    return profile


def parse_profile(text: str, source: str) -> Profile:
    """One profile from a profile file's text; checks its shape, not the catalog (that is
    :func:`apply_profile`'s job, since custom rules may be loaded later)."""
    from darklint.load.yamlnodes import PlainDataError, read_plain

    try:  # bounded: a rule or profile file may come from a pull request
        data = read_plain(text, source)
    except PlainDataError as error:
        raise ProfileError(str(error)) from None
    if not isinstance(data, dict):
        raise ProfileError(f"{source}: a profile is a mapping with keys {', '.join(_REQUIRED)}")
    missing = [k for k in _REQUIRED if k not in data]
    if missing:
        raise ProfileError(f"{source}: missing key(s) {', '.join(missing)}")
    unknown = [str(k) for k in data if k not in _ALLOWED]
    if unknown:
        raise ProfileError(
            f"{source}: unknown key(s) {', '.join(unknown)} (allowed: {', '.join(_ALLOWED)})"
        )
    enable = data.get("enable", "listed")
    if enable not in ENABLE_CHOICES:
        raise ProfileError(f"{source}: 'enable' must be one of {', '.join(ENABLE_CHOICES)}")
    effort = data.get("effort") or {}
    if not isinstance(effort, dict):
        raise ProfileError(f"{source}: 'effort' must be a mapping of weights")
    try:
        EffortWeights.from_settings(effort)
    except ValueError as error:
        raise ProfileError(f"{source}: effort: {error}") from None
    return Profile(
        name=str(data["name"]),
        title=str(data["title"]).strip(),
        description=str(data["description"]).strip(),
        rulebook=_reference(data["rulebook"], source, "rulebook"),
        rules=_profile_rules(data.get("rules") or {}, source),
        enable=enable,
        effort=effort,
        references=tuple(_reference(r, source, "references") for r in data.get("references") or []),
        source=source,
    )


def _reference(value: object, source: str, key: str) -> Reference:
    if not isinstance(value, dict) or "title" not in value or "url" not in value:
        raise ProfileError(f"{source}: '{key}' needs a 'title' and a 'url'")
    return Reference(str(value["title"]).strip(), str(value["url"]).strip())


def _profile_rules(value: object, source: str) -> dict[str, ProfileRule]:
    if not isinstance(value, dict):
        raise ProfileError(f"{source}: 'rules' must map rule ids to {{provision: ...}}")
    rules: dict[str, ProfileRule] = {}
    for rule_id, entry in value.items():
        where = f"{source}: rules.{rule_id}"
        if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
            raise ProfileError(f"{where}: a rule id looks like DL101 or ACME001")
        if not isinstance(entry, dict):
            raise ProfileError(f"{where}: must be a mapping with a 'provision'")
        unknown = [str(k) for k in entry if k not in _RULE_KEYS]
        if unknown:
            raise ProfileError(
                f"{where}: unknown key(s) {', '.join(unknown)} (allowed: {', '.join(_RULE_KEYS)})"
            )
        provision = entry.get("provision")
        if not isinstance(provision, str) or not provision.strip():
            raise ProfileError(f"{where}: 'provision' must cite the provision behind the rule")
        severity = entry.get("severity")
        if severity is not None and severity not in SEVERITIES:
            raise ProfileError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
        params = entry.get("params") or {}
        if not isinstance(params, dict):
            raise ProfileError(f"{where}: 'params' must be a mapping of parameters")
        rules[rule_id] = ProfileRule(" ".join(provision.split()), severity, params)
    return rules


def configure_rules(rules: Sequence[Rule], profile: Profile) -> list[Rule]:
    """Every rule with the profile's severities, parameters and provisions, none dropped.

    This is what ``--select`` picks from: a rule selected on the command line that the
    profile leaves out still runs, with the catalog's defaults.
    """
    by_id = {rule.id: rule for rule in rules}
    missing = sorted(set(profile.rules) - set(by_id))
    if missing:
        raise ProfileError(
            f"{profile.source}: rule(s) {', '.join(missing)} not in the catalog "
            "(a custom rule's directory must be loaded with --rules)"
        )
    configured = []
    for rule in rules:
        entry = profile.rules.get(rule.id)
        if entry is not None:
            _check_params(rule, entry, profile)
            rule = replace(
                rule.with_params(entry.params),
                severity=entry.severity or rule.severity,
                provision=entry.provision,
            )
        configured.append(rule)
    return configured


def apply_profile(rules: Sequence[Rule], profile: Profile) -> list[Rule]:
    """The rules a profile turns on, with its severities, parameters and provisions."""
    return [rule for rule in configure_rules(rules, profile) if profile.enables(rule)]


def profile_weights(profile: Profile) -> EffortWeights:
    """The effort weights a profile sets (the catalog's for any it leaves out)."""
    try:
        return EffortWeights.from_settings(profile.effort)
    except ValueError as error:
        raise ProfileError(f"{profile.source}: effort: {error}") from None


def _check_params(rule: Rule, entry: ProfileRule, profile: Profile) -> None:
    """A profile may only set parameters the rule's check accepts: a misspelt threshold
    would otherwise be silently ignored and the auditor would trust a rule that is off."""
    from darklint.checks import get_check

    spec = get_check(rule.function)
    if spec is None:
        return  # the rule's own file is at fault; the engine's validation names it
    try:
        spec.check_params(entry.params)
    except ValueError as error:
        raise ProfileError(
            f"{profile.source}: rules.{rule.id}.params: check '{rule.function}': {error}"
        ) from None


# -- presenting a profile ---------------------------------------------------------------------

#: Parameters that say what a check looks at rather than how strict it is; tables leave them out.
_NOT_THRESHOLDS = frozenset({"kind", "kinds", "compare_to", "targets", "patterns", "validate"})


def thresholds(rule: Rule) -> str:
    """A rule's effective thresholds for people: 'max_days 14; periods weekly, monthly'.

    The check's defaults are filled in, so a table shows what actually applies, and unset
    optional thresholds (None) are left out.
    """
    from darklint.checks import get_check

    spec = get_check(rule.function)
    params = {**(spec.defaults if spec else {}), **rule.params}
    parts = []
    for key, value in params.items():
        if key in _NOT_THRESHOLDS or value is None or callable(value):
            continue
        if isinstance(value, (list, tuple)):
            value = ", ".join(map(str, value))
        parts.append(f"{key} {value}")
    return "; ".join(parts)


def provision_text(rule: Rule, profile: Profile) -> str:
    """What a table shows in a rule's provision column under a profile."""
    if rule.provision:
        return rule.provision
    if not rule.builtin:
        return "a rule of your own (always on)"
    if rule.category == ALWAYS_ON_CATEGORY:
        return "always on: the flow itself is broken"
    return "catalog default (see `darklint explain " + rule.id + "`)"


def profile_rows(rules: Sequence[Rule], profile: Profile) -> list[tuple[str, str, str, str, str]]:
    """(id, name, severity, thresholds, provision) for each rule a profile turns on, in id
    order: the table behind `darklint rules --profile` and the rule reference."""
    chosen = sorted(apply_profile(rules, profile), key=lambda r: r.id)
    return [
        (r.id, r.name, r.severity, thresholds(r) or "-", provision_text(r, profile)) for r in chosen
    ]
