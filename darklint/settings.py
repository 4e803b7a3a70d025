"""Settings: the configuration file, the profile and the command line merged in one place.

Every command that lints (``check``, ``baseline``) resolves its settings here, so they agree
on which rules run, at which severity, with which parameters. Layers, later ones winning:

1. the catalog: every rule at its own severity and parameters;
2. the profile (``--profile`` or ``profile:``): which rules, severities, parameters, effort;
3. the configuration file: ``select`` replaces the selection, ``extend-select`` adds to it,
   ``ignore`` removes from it, ``rules:`` sets a rule's severity and parameters, ``effort:``
   sets weights, and the scalar keys (``fail-on``, ``jobs``...) set their value;
4. the command line: ``--select`` replaces the selection again (so ``--select DL101`` runs
   DL101 even when the file ignores it), ``--extend-select`` adds, ``--ignore`` removes, and a
   flag given beats the file's key. ``--rules`` adds rule directories to the file's.

DL001 (a file that cannot be linted) always runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field, replace
from datetime import date
from pathlib import Path
from typing import Any

from darklint.catalog import Rule, RuleFileError, find_rule, load_rules, matches, nearest_rule
from darklint.classes import dataclass
from darklint.config import Config, ConfigError, find_config, load_config, suggest
from darklint.engagement import Engagement
from darklint.engine import INVALID_FILE, LintOptions, validate_rules
from darklint.graph.effort import EffortWeights
from darklint.load import DEFAULT_MAX_BYTES
from darklint.pathfilter import GlobError, PathFilter

DEFAULT_FAIL_ON = "error"
DEFAULT_FORMATS = ("console",)
#: The result cache's directory, beside the configuration file (or here without one).
DEFAULT_CACHE_DIR = ".darklint_cache"


class SettingsError(ValueError):
    """Settings that cannot be used: a bad configuration, flag or rule file (exit code 2)."""


@dataclass(frozen=True)
class CommandLine:
    """What was typed. Empty or None means "not given", so the configuration can decide."""

    config: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    profile: str | None = None
    #: Repeated ``--profile``: composed in order, later ones winning (see darklint.profiles).
    profiles: tuple[str, ...] = ()
    fail_on: str | None = None
    formats: tuple[str, ...] = ()
    rule_dirs: tuple[str, ...] = ()
    baseline: str | None = None
    jobs: int | None = None
    max_bytes: int | None = None
    force_exclude: bool = False
    cache: bool = True  # False with --no-cache
    cache_dir: str | None = None
    engagement: Engagement = field(default_factory=Engagement)  # --title, --scope, --author
    docs_url: str | None = None
    output_format: str | None = None
    #: The day the law is judged on (``--as-of``); None means today.
    as_of: date | None = None
    #: Whether to assess every provision (``--assess``), not only report findings.
    assess: bool = False


@dataclass(frozen=True)
class Settings:
    """What a lint run uses, resolved: the one object the commands read."""

    rules: tuple[Rule, ...]  # selected, with profile and configuration overrides applied
    all_rules: tuple[Rule, ...]  # the whole catalog, for DL001 metadata and ignore matching
    weights: EffortWeights = field(default_factory=EffortWeights)
    fail_on: str = DEFAULT_FAIL_ON
    formats: tuple[str, ...] = DEFAULT_FORMATS
    #: Processes; None: as many as the free cores and the number of files justify.
    jobs: int | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    baseline: str | None = None
    profile: str | None = None
    config: Path | None = None
    path_filter: PathFilter | None = None
    force_exclude: bool = False
    #: Where results of earlier runs are kept; None when the cache is off.
    cache_dir: Path | None = None
    engagement: Engagement = field(default_factory=Engagement)
    #: Where darklint's documentation is published (``docs-url``); None: the bundled copy.
    docs_url: str | None = None
    #: The console report's form: full, concise or grouped (``output-format``).
    output_format: str = "full"
    as_of: date = field(default_factory=date.today)
    assess: bool = False
    #: The composed profile, for reports that list its provisions (the assessment).
    profile_data: Any = field(default=None, compare=False, repr=False)

    def lint_options(self) -> LintOptions:
        return LintOptions(
            self.rules,
            self.all_rules,
            self.weights,
            self.max_bytes,
            as_of=self.as_of,
            assess=self.assess,
        )

    def summary(self) -> dict[str, Any]:
        """The settings reporters may show (``ReportContext.settings``)."""
        return {
            "config": str(self.config) if self.config else None,
            "profile": self.profile,
            "as_of": self.as_of.isoformat(),
            "fail_on": self.fail_on,
            "baseline": self.baseline,
            "rules": [r.id for r in self.rules],
            "effort": self.weights.as_settings(),
            "docs_url": self.docs_url,
        }


def resolve(command_line: CommandLine, cwd: Path | None = None) -> Settings:
    """Merge catalog, profile, configuration file and flags; SettingsError when they clash."""
    try:
        return _resolve(command_line, Path.cwd() if cwd is None else cwd)
    except (ConfigError, RuleFileError) as error:
        raise SettingsError(str(error)) from None


def _resolve(cli: CommandLine, cwd: Path) -> Settings:
    path = Path(cli.config) if cli.config else find_config(cwd)
    config = load_config(path) if path is not None else None
    file = config or Config(path=cwd / "darklint.yaml")

    all_rules = load_rules([*file.rule_dirs, *cli.rule_dirs])
    validate_rules(all_rules)
    docs_url = docs_url_setting(cli, file)
    if docs_url:  # every help link of the run, selected rules and DL001 alike
        all_rules = [replace(rule, docs_url=docs_url) for rule in all_rules]
    names = cli.profiles or ((cli.profile,) if cli.profile else ())
    try:
        profile = profile_layer(all_rules, names or ((file.profile,) if file.profile else ()))
    except SettingsError as error:
        if names or config is None or config.profile is None:
            raise
        raise SettingsError(f"{config.where('profile')}: {error}") from None

    chosen = choose(profile.pool, profile.enabled, file, cli)
    chosen = overridden(chosen, all_rules, file)
    try:  # each layer's weights are validated where they are written; merged here
        weights = EffortWeights.from_settings({**profile.effort, **file.effort})
    except ValueError as error:
        raise SettingsError(f"effort: {error}") from None

    formats = tuple(cli.formats) or file.formats or DEFAULT_FORMATS
    if not cli.formats and config is not None and config.formats:
        check_format_names(config)
    path_filter = None
    if config is not None and (config.include or config.exclude):
        try:
            path_filter = PathFilter.from_globs(config.root, config.include, config.exclude)
        except GlobError as error:
            raise SettingsError(
                f"{config.where('exclude' if config.exclude else 'include')}: {error}"
            ) from None
    return Settings(
        rules=tuple(sorted(chosen, key=lambda r: r.id)),
        all_rules=tuple(all_rules),
        weights=weights,
        fail_on=cli.fail_on or file.fail_on or DEFAULT_FAIL_ON,
        formats=formats,
        jobs=cli.jobs or file.jobs,
        max_bytes=cli.max_bytes or file.max_bytes or DEFAULT_MAX_BYTES,
        baseline=cli.baseline or file.baseline,
        profile=profile.name,
        config=config.path if config else None,
        path_filter=path_filter,
        force_exclude=cli.force_exclude,
        cache_dir=cache_directory(cli, file),
        engagement=cli.engagement.over(file.report),
        docs_url=docs_url,
        output_format=cli.output_format or file.output_format or "full",
        as_of=cli.as_of or date.today(),
        assess=cli.assess,
        profile_data=profile.profile,
    )


def docs_url_setting(cli: CommandLine, file: Config) -> str | None:
    """``--docs-url``, else the configuration's ``docs-url``, else None (the bundled docs)."""
    from darklint.links import check_docs_url

    if not cli.docs_url:
        return file.docs_url
    try:
        return check_docs_url(cli.docs_url)
    except ValueError as error:
        raise SettingsError(f"--docs-url: {error}") from None


def cache_directory(cli: CommandLine, file: Config) -> Path | None:
    """The result cache's directory: ``--cache-dir``, else ``.darklint_cache`` beside the
    configuration file (or in the current directory without one); None with ``--no-cache``."""
    if cli.cache is False:
        return None
    return Path(cli.cache_dir) if cli.cache_dir else file.root / DEFAULT_CACHE_DIR


# -- the profile ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileLayer:
    """What a profile contributes: every rule as it configures it (what selectors pick from),
    the rules it turns on, and its effort weights."""

    name: str
    pool: tuple[Rule, ...]
    enabled: tuple[Rule, ...]
    effort: Mapping[str, float]
    profile: Any = None  # the composed darklint.profiles.Profile


def profile_layer(all_rules: Sequence[Rule], names: Sequence[str] | str | None) -> ProfileLayer:
    """Apply the profiles (``recommended`` when none is named), composed in order, with
    :mod:`darklint.profiles`."""
    from darklint.profiles import ProfileError, apply_profile, configure_rules, load_profiles

    if isinstance(names, str):
        names = (names,)
    try:
        profile = load_profiles(tuple(names or ()))
        pool = configure_rules(all_rules, profile)
        enabled = apply_profile(all_rules, profile)
    except ProfileError as error:
        raise SettingsError(str(error)) from None
    return ProfileLayer(profile.name, tuple(pool), tuple(enabled), dict(profile.effort), profile)


# -- selection --------------------------------------------------------------------------------


def choose(
    candidates: Sequence[Rule], base: Sequence[Rule], config: Config, cli: CommandLine
) -> list[Rule]:
    """The selected rules after the configuration's and the command line's selectors.

    ``base`` is the profile's selection; ``candidates`` every rule selectors may pick from.
    """
    pool = {r.id: r for r in candidates}
    chosen = [r.id for r in base]
    layers = (
        (config.select, config.extend_select, config.ignore, config),
        (cli.select or None, cli.extend_select, cli.ignore, None),
    )
    for select, extend, ignore, source in layers:
        check_selectors(pool.values(), select or (), "select", source)
        check_selectors(pool.values(), extend, "extend-select", source)
        check_selectors(pool.values(), ignore, "ignore", source)
        if select is not None:
            chosen = [i for i in pool if any(matches(pool[i], s) for s in select)]
        chosen += [i for i in pool if i not in chosen and any(matches(pool[i], s) for s in extend)]
        chosen = [i for i in chosen if not any(matches(pool[i], s) for s in ignore)]
    if INVALID_FILE in pool and INVALID_FILE not in chosen:
        chosen.append(INVALID_FILE)
    return [pool[i] for i in chosen]


def check_selectors(
    rules: Iterable[Rule], selectors: Sequence[str], key: str, config: Config | None
) -> None:
    """A selector that picks no rule is a typo, not a silent no-op."""
    rules = list(rules)
    for selector in selectors:
        if not any(matches(r, selector) for r in rules):
            hint = did_you_mean(nearest_rule(rules, selector))
            if config is None:
                raise SettingsError(
                    f"--{key}: no rule matches '{selector}'{hint}; see `darklint rules`"
                )
            raise SettingsError(f"{config.where(key)}: no rule matches '{selector}'{hint}")


def overridden(chosen: Sequence[Rule], all_rules: Sequence[Rule], config: Config) -> list[Rule]:
    """Apply the configuration's ``rules:`` table; every entry must name a real rule."""
    from darklint.checks import get_check

    changes: dict[str, tuple[str | None, Mapping[str, Any]]] = {}
    for setting in config.rules:
        key = f"rules.{setting.key}"
        rule = find_rule(all_rules, setting.key)
        if rule is None:
            hint = did_you_mean(nearest_rule(all_rules, setting.key))
            raise SettingsError(f"{config.where(key)}: no such rule{hint}; see `darklint rules`")
        if rule.id in changes:
            raise SettingsError(f"{config.where(key)}: {rule.id} is configured twice")
        if setting.params:
            spec = get_check(rule.function)
            if spec is None:  # DL001 and DL007 are the engine's own: nothing to tune
                raise SettingsError(f"{config.where(key + '.params')}: {rule.id} has no parameters")
            for name in setting.params:
                if name not in spec.defaults:
                    accepted = ", ".join(sorted(spec.defaults)) or "none"
                    raise SettingsError(
                        f"{config.where(f'{key}.params.{name}')}: {rule.id} has no parameter "
                        f"'{name}'{suggest(name, spec.defaults)} (accepted: {accepted})"
                    )
            try:
                spec.check_params({**rule.params, **setting.params})
            except ValueError as error:
                raise SettingsError(f"{config.where(key + '.params')}: {error}") from None
        changes[rule.id] = (setting.severity, setting.params)
    out = []
    for rule in chosen:
        severity, params = changes.get(rule.id, (None, {}))
        if params:
            rule = rule.with_params(params)
        out.append(replace(rule, severity=severity) if severity else rule)
    return out


def did_you_mean(word: str | None) -> str:
    return f"; did you mean '{word}'?" if word else ""


def check_format_names(config: Config) -> None:
    from darklint.report import REPORTERS

    for spec in config.formats or ():
        name = spec.partition(":")[0]
        if name not in REPORTERS:
            raise SettingsError(
                f"{config.where('format')}: unknown format '{name}'{suggest(name, REPORTERS)}; "
                f"choose from {', '.join(sorted(REPORTERS))}"
            )
