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
from dataclasses import field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from darklint.catalog import RULE_ID, Reference, Rule, builtin_rules_dir
from darklint.classes import dataclass
from darklint.config import suggest
from darklint.findings import SEVERITIES
from darklint.graph.effort import EffortWeights
from darklint.law import LAW_STATUSES, STATUSES, Provision

DEFAULT_PROFILE = "recommended"
#: Rules of this category stay on in every profile: a broken flow cannot be judged by any law.
ALWAYS_ON_CATEGORY = "structure"
ENABLE_CHOICES = ("listed", "all")
#: ``law``: a rulebook of provisions with status, dates and official sources. ``policy``: a
#: team's or darklint's own principles, which apply from today and need no official source.
KINDS = ("law", "policy")
_REQUIRED = ("name", "title", "description", "rulebook")
_ALLOWED = (*_REQUIRED, "kind", "extends", "enable", "rules", "effort", "references")
_PROVISION_KEYS = ("provision", "status", "in_force_from", "until", "source", "references")
_RULE_KEYS = (*_PROVISION_KEYS, "also", "severity", "params")
#: How deep ``extends:`` may chain (a user profile on a company profile on a built-in).
MAX_EXTENDS = 8
#: A profile is a few kilobytes; a larger file is refused before it is read.
MAX_PROFILE_BYTES = 1024 * 1024


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the profile file, line and key."""


@dataclass(frozen=True)
class ProfileRule:
    """What a profile says about one rule: the provisions behind it and what it changes."""

    provisions: tuple[Provision, ...]
    severity: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def provision(self) -> str:
        """The provisions' texts in one line, as tables and findings show them."""
        return " ".join(p.text for p in self.provisions)


@dataclass(frozen=True)
class Conflict:
    """Two composed profiles set the same parameter or severity of a rule differently; the
    later one wins, and this records it so `darklint rules` can say so."""

    rule: str
    key: str
    earlier: str  # profile name
    earlier_value: object
    later: str
    later_value: object

    def __str__(self) -> str:
        return (
            f"{self.rule} {self.key}: {self.later} sets {self.later_value!r}, replacing "
            f"{self.earlier}'s {self.earlier_value!r}"
        )


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
    kind: str = "law"
    #: The profiles this one is made of, base first (itself last); one name when alone.
    layers: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()

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


def _is_path(name: str) -> bool:
    return name.endswith((".yaml", ".yml")) or os.sep in name or "/" in name


def load_profiles(names: Sequence[str | os.PathLike[str]]) -> Profile:
    """Several profiles composed in order (``--profile eu --profile germany``); one is itself.

    Later profiles win where they set the same parameter or severity of a rule (recorded in
    :attr:`Profile.conflicts`); provisions accumulate, so a finding cites every rulebook
    behind its rule; the selection is the union.
    """
    profiles = [load_profile(n) for n in names]
    if not profiles:
        return load_profile(DEFAULT_PROFILE)
    return profiles[0] if len(profiles) == 1 else compose_profiles(profiles)


def load_profile(name: str | os.PathLike[str], _chain: tuple[str, ...] = ()) -> Profile:
    """A built-in profile by name, or a profile file by path (``--profile ./audit.yaml``).

    An unknown name is an error listing the known profiles, so a typo is never a silent
    fallback to some other rulebook. A profile that ``extends:`` another is composed on top
    of it.
    """
    text_name = os.fspath(name)
    if _is_path(text_name):
        path = Path(text_name)
        if not path.is_file():
            raise ProfileError(f"{text_name}: no such profile file")
    else:
        path = profiles_dir() / f"{text_name}.yaml"
        if not path.is_file():
            known = ", ".join(list_profiles()) or "none"
            raise ProfileError(
                f"unknown profile '{text_name}'; known profiles: {known} "
                "(or give the path of a profile file)"
            )
    key = str(path.resolve())
    if key in _chain:
        raise ProfileError(f"{path}: extends itself through {' -> '.join(_chain)}")
    if len(_chain) >= MAX_EXTENDS:
        raise ProfileError(f"{path}: 'extends' chains more than {MAX_EXTENDS} profiles deep")
    try:
        if path.stat().st_size > MAX_PROFILE_BYTES:
            raise ProfileError(f"{path}: larger than {MAX_PROFILE_BYTES:,} bytes; not a profile")
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ProfileError(f"{path}: cannot read the profile: {error}") from None
    profile, extends = _parse(text, str(path))
    if not _is_path(text_name) and profile.name != text_name:
        raise ProfileError(f"{path}: name '{profile.name}' must match the file name")
    if not extends:
        return profile
    bases = []
    for base in extends:
        target = base if not _is_path(base) else str(path.parent / base)
        try:
            bases.append(load_profile(target, (*_chain, key)))
        except ProfileError as error:
            raise ProfileError(f"{path}: extends: {error}") from None
    composed = compose_profiles([*bases, profile])
    return replace(
        composed,
        name=profile.name,
        title=profile.title,
        description=profile.description,
        rulebook=profile.rulebook,
        source=profile.source,
        kind=profile.kind,
    )


def parse_profile(text: str, source: str) -> Profile:
    """One profile from a profile file's text, without following ``extends:``; checks its
    shape, not the catalog (that is :func:`apply_profile`'s job, since custom rules may be
    loaded later)."""
    return _parse(text, source)[0]


@dataclass(frozen=True)
class _Located:
    """A profile file's data and the line of each dotted key, for messages."""

    source: str
    data: Any
    lines: Mapping[str, int]

    def where(self, key: str) -> str:
        """``file:line`` of a key, or of its nearest written parent (a missing key is
        reported where its mapping is)."""
        probe = key
        while probe and probe not in self.lines:
            probe = probe.rpartition(".")[0]
        line = self.lines.get(probe)
        return f"{self.source}:{line}" if line else self.source


def _read(text: str, source: str) -> _Located:
    """The file as plain data, read within the bounds every rule and profile file gets."""
    from darklint.load.yamlnodes import PlainDataError, PlainReader, compose_plain

    lines: dict[str, int] = {}
    try:  # bounded: a profile file may come from a pull request
        node = compose_plain(text, source)
        data = None if node is None else PlainReader(source, lines).read(node)
    except PlainDataError as error:
        raise ProfileError(str(error)) from None
    return _Located(source, data, lines)


def _parse(text: str, source: str) -> tuple[Profile, tuple[str, ...]]:
    doc = _read(text, source)
    data = doc.data
    if not isinstance(data, dict):
        raise ProfileError(
            f"{doc.where('')}: a profile is a mapping with keys {', '.join(_REQUIRED)}"
        )
    missing = [k for k in _REQUIRED if k not in data]
    if missing:
        raise ProfileError(f"{doc.where('')}: missing key(s) {', '.join(missing)}")
    for key in data:
        if key not in _ALLOWED:
            raise _fail(
                doc,
                str(key),
                f"unknown key{suggest(str(key), _ALLOWED)} (allowed: {', '.join(_ALLOWED)})",
            )
    kind = data.get("kind", "law")
    if kind not in KINDS:
        raise _fail(doc, "kind", f"must be one of {', '.join(KINDS)}")
    enable = data.get("enable", "listed")
    if enable not in ENABLE_CHOICES:
        raise _fail(doc, "enable", f"must be one of {', '.join(ENABLE_CHOICES)}")
    effort = data.get("effort") or {}
    if not isinstance(effort, dict):
        raise _fail(doc, "effort", "must be a mapping of weights")
    try:
        EffortWeights.from_settings(effort)
    except ValueError as error:
        raise _fail(doc, "effort", str(error)) from None
    extends = data.get("extends") or ()
    if isinstance(extends, str):
        extends = (extends,)
    if not isinstance(extends, (list, tuple)) or not all(isinstance(e, str) and e for e in extends):
        raise _fail(
            doc, "extends", "names a profile (or a list of them): a built-in name or a file"
        )
    for key in ("name", "title", "description"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise _fail(doc, key, "must be text")
    name = data["name"].strip()
    references = data.get("references") or []
    if not isinstance(references, list):
        raise _fail(doc, "references", "must be a list of {title, url}")
    profile = Profile(
        name=name,
        title=data["title"].strip(),
        description=" ".join(data["description"].split()),
        rulebook=_reference(doc, data["rulebook"], "rulebook"),
        rules=_profile_rules(doc, data.get("rules") or {}, kind, name),
        enable=enable,
        effort=effort,
        references=tuple(_reference(doc, r, f"references.{i}") for i, r in enumerate(references)),
        source=source,
        kind=kind,
        layers=(name,),
    )
    return profile, tuple(extends)


def _fail(doc: _Located, key: str, message: str) -> ProfileError:
    return ProfileError(
        f"{doc.where(key)}: {key}: {message}" if key else f"{doc.where(key)}: {message}"
    )


def _reference(doc: _Located, value: object, key: str) -> Reference:
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("title"), str)
        or not isinstance(value.get("url"), str)
    ):
        raise _fail(doc, key, "needs a 'title' and a 'url'")
    unknown = [str(k) for k in value if k not in ("title", "url")]
    if unknown:
        raise _fail(doc, f"{key}.{unknown[0]}", "unknown key (allowed: title, url)")
    url = value["url"].strip()
    scheme = url.split("/", 1)[0].partition(":")
    if scheme[1] and scheme[0].lower() not in ("http", "https"):
        raise _fail(doc, f"{key}.url", "must be an http(s) address or a relative link")
    return Reference(" ".join(value["title"].split()), url)


def _date(doc: _Located, value: object, key: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _fail(doc, key, f"must be a date written YYYY-MM-DD, got {value!r}")


def _provision(doc: _Located, entry: dict, key: str, kind: str, profile: str) -> Provision:
    text = entry.get("provision")
    if not isinstance(text, str) or not text.strip():
        raise _fail(doc, f"{key}.provision", "must cite the provision behind the rule, in words")
    default_status = "in_force" if kind == "law" else "policy"
    status = entry.get("status", None if kind == "law" else default_status)
    allowed = LAW_STATUSES if kind == "law" else STATUSES
    if status not in allowed:
        problem = "is required" if status is None else f"'{status}' is not a status"
        raise _fail(doc, f"{key}.status", f"{problem}; one of {', '.join(allowed)}")
    start = _date(doc, entry.get("in_force_from"), f"{key}.in_force_from")
    until = _date(doc, entry.get("until"), f"{key}.until")
    if kind == "law":
        if status == "in_force" and start is None:
            raise _fail(
                doc, f"{key}.in_force_from", "an in_force provision needs the date it applies from"
            )
        if status == "adopted" and "in_force_from" not in entry:
            raise _fail(
                doc, f"{key}.in_force_from", "write the start date, or null while none is set"
            )
        if "source" not in entry:
            raise _fail(doc, f"{key}.source", "cite the official publication: {title, url}")
    if start and until and until <= start:
        raise _fail(doc, f"{key}.until", "must be after in_force_from")
    source = _reference(doc, entry["source"], f"{key}.source") if entry.get("source") else None
    refs = entry.get("references") or []
    if not isinstance(refs, list):
        raise _fail(doc, f"{key}.references", "must be a list of {title, url}")
    return Provision(
        text=" ".join(text.split()),
        status=status,
        source=source,
        in_force_from=start,
        until=until,
        references=tuple(_reference(doc, r, f"{key}.references.{i}") for i, r in enumerate(refs)),
        profile=profile,
    )


def _profile_rules(doc: _Located, value: object, kind: str, profile: str) -> dict[str, ProfileRule]:
    if not isinstance(value, dict):
        raise _fail(doc, "rules", "must map rule ids to {provision: ..., status: ..., source: ...}")
    rules: dict[str, ProfileRule] = {}
    for rule_id, entry in value.items():
        key = f"rules.{rule_id}"
        if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
            raise _fail(doc, key, "a rule id looks like DL101 or ACME001")
        if not isinstance(entry, dict):
            raise _fail(doc, key, "must be a mapping with a 'provision'")
        for name in entry:
            if name not in _RULE_KEYS:
                raise _fail(
                    doc,
                    f"{key}.{name}",
                    f"unknown key{suggest(str(name), _RULE_KEYS)} "
                    f"(allowed: {', '.join(_RULE_KEYS)})",
                )
        provisions = [_provision(doc, entry, key, kind, profile)]
        also = entry.get("also") or []
        if not isinstance(also, list):
            raise _fail(doc, f"{key}.also", "must be a list of further provisions")
        for index, extra in enumerate(also):
            where = f"{key}.also.{index}"
            if not isinstance(extra, dict):
                raise _fail(doc, where, "must be a mapping with a 'provision'")
            for name in extra:
                if name not in _PROVISION_KEYS:
                    raise _fail(
                        doc,
                        f"{where}.{name}",
                        f"unknown key (allowed: {', '.join(_PROVISION_KEYS)})",
                    )
            provisions.append(_provision(doc, extra, where, kind, profile))
        severity = entry.get("severity")
        if severity is not None and severity not in SEVERITIES:
            raise _fail(doc, f"{key}.severity", f"must be one of {', '.join(SEVERITIES)}")
        params = entry.get("params") or {}
        if not isinstance(params, dict):
            raise _fail(doc, f"{key}.params", "must be a mapping of parameters")
        rules[rule_id] = ProfileRule(tuple(provisions), severity, params)
    return rules


def compose_profiles(profiles: Sequence[Profile]) -> Profile:
    """Profiles on top of each other, base first: the later one wins on a rule's parameters
    and severity (each such clash is recorded), provisions and references accumulate, the
    selection is the union and effort weights merge with the later one winning."""
    rules: dict[str, ProfileRule] = {}
    owner: dict[tuple[str, str], str] = {}
    conflicts: list[Conflict] = []
    for profile in profiles:
        for rule_id, entry in profile.rules.items():
            old = rules.get(rule_id)
            if old is None:
                rules[rule_id] = entry
                for param in entry.params:
                    owner[(rule_id, param)] = profile.name
                if entry.severity:
                    owner[(rule_id, "severity")] = profile.name
                continue
            for param, value in entry.params.items():
                if param in old.params and old.params[param] != value:
                    conflicts.append(
                        Conflict(
                            rule_id,
                            param,
                            owner[(rule_id, param)],
                            old.params[param],
                            profile.name,
                            value,
                        )
                    )
                owner[(rule_id, param)] = profile.name
            severity = old.severity
            if entry.severity:
                if old.severity and old.severity != entry.severity:
                    conflicts.append(
                        Conflict(
                            rule_id,
                            "severity",
                            owner[(rule_id, "severity")],
                            old.severity,
                            profile.name,
                            entry.severity,
                        )
                    )
                owner[(rule_id, "severity")] = profile.name
                severity = entry.severity
            provisions = old.provisions + tuple(
                p for p in entry.provisions if p not in old.provisions
            )
            rules[rule_id] = ProfileRule(provisions, severity, {**old.params, **entry.params})
    layers = tuple(dict.fromkeys(layer for p in profiles for layer in p.layers))
    references = tuple(dict.fromkeys(r for p in profiles for r in (p.rulebook, *p.references)))
    return Profile(
        name="+".join(layers),
        title=" + ".join(p.title for p in profiles),
        description=" ".join(p.description for p in profiles),
        rulebook=profiles[0].rulebook,
        rules=rules,
        enable="all" if any(p.enable == "all" for p in profiles) else "listed",
        effort={k: v for p in profiles for k, v in p.effort.items()},
        references=references,
        source=", ".join(p.source for p in profiles),
        kind="law" if any(p.kind == "law" for p in profiles) else "policy",
        layers=layers,
        conflicts=tuple(conflicts),
    )


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
                provisions=entry.provisions,
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


@dataclass(frozen=True)
class ProvisionRow:
    """One line of a profile's table: a rule and one provision behind it, with its status,
    date and official source (rules at darklint's defaults have no provision)."""

    rule: str
    name: str
    severity: str
    thresholds: str
    provision: str
    status: str  # "in force, from 2026-06-19", "vacated 2025-07-08", "" without a provision
    source: Reference | None = None


def profile_rows(rules: Sequence[Rule], profile: Profile) -> list[ProvisionRow]:
    """One row per provision of each rule a profile turns on, in id order: the table behind
    `darklint rules --profile` and the rule reference."""
    chosen = sorted(apply_profile(rules, profile), key=lambda r: r.id)
    rows = []
    for rule in chosen:
        limits = thresholds(rule) or "-"
        if not rule.provisions:
            text = provision_text(rule, profile)
            rows.append(ProvisionRow(rule.id, rule.name, rule.severity, limits, text, ""))
            continue
        for provision in rule.provisions:
            rows.append(
                ProvisionRow(
                    rule.id,
                    rule.name,
                    rule.severity,
                    limits,
                    provision.text,
                    provision.when(),
                    provision.source,
                )
            )
    return rows
