"""Configuration files: find one, read it, and check every key before anything runs.

A team keeps its darklint settings next to its flows, in ``darklint.yaml``, ``.darklint.yaml``
or a ``[tool.darklint]`` table in ``pyproject.toml``; darklint finds the nearest one by walking
up from the working directory, as Ruff and yamllint do. A mistake in a configuration silently
changes what CI enforces, so the file is validated strictly: an unknown key (with the nearest
known one suggested), a wrong type or a bad value is a :class:`ConfigError` naming the file,
the line when there is one, and the key. Checks that need the rule catalog (rule ids, rule
parameters) happen in :mod:`darklint.settings`, which merges this file with the command line.

Paths in a configuration (``rule-dirs``, ``baseline``, output files in ``format``, the
``include`` / ``exclude`` globs) are relative to the configuration file, so the same file works
from any directory of the repository. The files darklint writes (``baseline``, ``format``
outputs) must stay inside that directory, symlinks resolved: a configuration may come from a
pull request, and must not make darklint write elsewhere (docs/security.md).
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field
from pathlib import Path
from typing import Any

import yaml

from darklint.classes import dataclass
from darklint.engagement import KEYS as ENGAGEMENT_KEYS
from darklint.engagement import Engagement, read_engagement
from darklint.findings import SEVERITIES
from darklint.load.yamlnodes import PlainDataError, PlainReader, compose_plain, where

#: File names searched in each directory, in this order; the first found wins.
YAML_NAMES = ("darklint.yaml", ".darklint.yaml")
PYPROJECT = "pyproject.toml"

KEYS = (
    "select",
    "ignore",
    "extend-select",
    "profile",
    "fail-on",
    "rules",
    "effort",
    "include",
    "exclude",
    "rule-dirs",
    "baseline",
    "jobs",
    "max-bytes",
    "format",
    "report",
    "docs-url",
    "output-format",
)
RULE_KEYS = ("severity", "params")

try:  # libyaml is the fast path; the pure-Python loader is kept as a fallback.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class ConfigError(ValueError):
    """A configuration that cannot be used; the message names the file, line and key."""


@dataclass(frozen=True)
class RuleSetting:
    """A per-rule override from the ``rules:`` table: a severity and parameters."""

    key: str  # as written (an id or a name), resolved against the catalog later
    severity: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    """A validated configuration file. ``None`` means the file does not set the key."""

    path: Path
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    profile: str | None = None
    fail_on: str | None = None
    rules: tuple[RuleSetting, ...] = ()
    effort: Mapping[str, float] = field(default_factory=dict)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    rule_dirs: tuple[str, ...] = ()  # absolute
    baseline: str | None = None  # absolute
    jobs: int | None = None
    max_bytes: int | None = None
    formats: tuple[str, ...] | None = None  # output files made absolute
    report: Engagement = field(default_factory=Engagement)  # title, scope, author
    docs_url: str | None = None  # where darklint's documentation is published
    output_format: str | None = None  # the console report: full, concise or grouped
    #: Line of each dotted key in a YAML file, so later errors can point at it too.
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def root(self) -> Path:
        """The directory that relative paths and globs in the file are relative to."""
        return self.path.parent

    def where(self, key: str) -> str:
        """``file:line: key`` for a message about a key (no line for TOML files)."""
        return where(self.path, key, self.lines)


# -- finding the file -------------------------------------------------------------------------


def find_config(start: Path) -> Path | None:
    """The nearest configuration file in ``start`` or a directory above it, or None.

    In one directory ``darklint.yaml`` wins over ``.darklint.yaml``, which wins over a
    ``pyproject.toml`` with a ``[tool.darklint]`` table; a ``pyproject.toml`` without the
    table is passed over (most Python projects have one).
    """
    start = start.resolve()
    for directory in (start, *start.parents):
        for name in YAML_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _mentions_darklint(pyproject):
            return pyproject
    return None


def _mentions_darklint(path: Path) -> bool:
    """A cheap look before parsing: an unrelated, even broken, pyproject.toml is skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "darklint" not in text:
        return False
    try:
        return isinstance(pyproject_table(path, text), dict)
    except ConfigError:
        return "tool.darklint" in text  # looks like ours: report the error rather than skip


def load_config(path: str | Path) -> Config:
    """Read and validate one configuration file (YAML, or TOML with ``[tool.darklint]``)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a directory, not a configuration file") from None
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise ConfigError(f"{path}: cannot read the configuration: {reason}") from None
    path = path.resolve()
    lines: dict[str, int] = {}
    if path.suffix == ".toml":
        data = pyproject_table(path, text)
        if data is None:
            raise ConfigError(f"{path}: has no [tool.darklint] table")
    else:
        data = _yaml_mapping(path, text, lines)
    return _validate(path, data, lines)


# -- reading ----------------------------------------------------------------------------------


def pyproject_table(path: Path, text: str) -> dict[str, Any] | None:
    """The ``[tool.darklint]`` table of a TOML file, or None when it has none."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    tool = data.get("tool")
    table = tool.get("darklint") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: tool.darklint: must be a table ([tool.darklint])")
    return table


def _yaml_mapping(path: Path, text: str, lines: dict[str, int]) -> dict[str, Any]:
    """The YAML file as plain data, refusing duplicate keys and object-building tags."""
    try:
        node = compose_plain(text, str(path))
        if node is None:  # an empty file, or one with only comments: every default applies
            return {}
        if not isinstance(node, yaml.MappingNode):
            raise ConfigError(f"{path}: a configuration is a mapping of keys (select, fail-on...)")
        return PlainReader(str(path), lines, PLAIN_TAGS).read(node)
    except PlainDataError as error:
        raise ConfigError(str(error)) from None


#: Tags of plain data; anything else (``!!python/object``, ``!custom``) would build an object.
PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "map", "seq")
)


# -- validating -------------------------------------------------------------------------------


def _validate(path: Path, data: Mapping[str, Any], lines: Mapping[str, int]) -> Config:
    def err(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{where(path, key, lines)}: {problem}")

    for key in data:
        if key not in KEYS:
            raise err(key, unknown_key(key, KEYS))
    values: dict[str, Any] = {"path": path, "lines": dict(lines)}
    for key, value in data.items():
        attribute = key.replace("-", "_")
        values["formats" if key == "format" else attribute] = _READERS[key](value, key, path, err)
    return Config(**values)


Err = Callable[[str, str], ConfigError]


def unknown_key(key: str, known: Sequence[str]) -> str:
    """``unknown key; did you mean 'fail-on'?``, listing the known keys when none is near."""
    hint = suggest(key, known)
    return f"unknown key{hint}" if hint else f"unknown key; known keys: {', '.join(known)}"


def suggest(word: str, choices: Any) -> str:
    """``; did you mean 'fail-on'?`` for a typo, or nothing."""
    normalised = word.replace("_", "-").lower()
    found = difflib.get_close_matches(normalised, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{found[0]}'?" if found else ""


def _words(value: Any, key: str, path: Path, err: Err) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise err(key, f"must be a list of words, e.g. {key}: [DL1, DL201], got {value!r}")
    return tuple(v.strip() for v in value)


def _severity(value: Any, key: str, path: Path, err: Err) -> str:
    if value not in SEVERITIES:
        raise err(key, f"must be one of {', '.join(SEVERITIES)}, got {value!r}")
    return value


def _output_format(value: Any, key: str, path: Path, err: Err) -> str:
    from darklint.report import CONSOLE_FORMS

    if value not in CONSOLE_FORMS:
        hint = suggest(str(value), CONSOLE_FORMS)
        raise err(key, f"must be one of {', '.join(CONSOLE_FORMS)}, got {value!r}{hint}")
    return value


def _name(value: Any, key: str, path: Path, err: Err) -> str:
    if not isinstance(value, str) or not value.strip():
        raise err(key, f"must be a name, got {value!r}")
    return value.strip()


def _count(value: Any, key: str, path: Path, err: Err) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise err(key, f"must be a whole number of at least 1, got {value!r}")
    return value


def _paths(value: Any, key: str, path: Path, err: Err) -> tuple[str, ...]:
    words = _words(value, key, path, err)
    resolved = tuple(str((path.parent / w).resolve()) for w in words)
    for word, full in zip(words, resolved, strict=True):
        if not Path(full).is_dir():
            raise err(key, f"'{word}' is not a directory (relative to {path.parent})")
    return resolved


def _file(value: Any, key: str, path: Path, err: Err) -> str:
    return _inside(path, _name(value, key, path, err), key, err)


def _inside(path: Path, target: str, key: str, err: Err) -> str:
    """A file the configuration names, resolved; it must lie inside the configuration's
    directory, since darklint writes there (output files, the baseline) and a configuration
    may come from a pull request. A path elsewhere can still be given on the command line."""
    resolved = (path.parent / target).resolve()
    if not resolved.is_relative_to(path.parent):
        raise err(
            key,
            f"'{target}' is outside {path.parent}; a configuration names files inside its "
            "own directory (give other paths on the command line)",
        )
    return str(resolved)


def _globs(value: Any, key: str, path: Path, err: Err) -> tuple[str, ...]:
    return _words(value, key, path, err)


def _formats(value: Any, key: str, path: Path, err: Err) -> tuple[str, ...]:
    specs = (value,) if isinstance(value, str) else _words(value, key, path, err)
    out = []
    for spec in specs:
        name, sep, target = spec.partition(":")
        if not name.strip() or (sep and not target.strip()):
            raise err(key, f"'{spec}' must be a format name, or name:file (sarif:out.sarif)")
        out.append(f"{name}:{_inside(path, target, key, err)}" if target else name)
    return tuple(out)


def _effort(value: Any, key: str, path: Path, err: Err) -> dict[str, float]:
    from darklint.graph.effort import EffortWeights

    if not isinstance(value, dict):
        raise err(key, f"must be a mapping of weights, e.g. effort: {{survey: 2}}, got {value!r}")
    try:
        EffortWeights.from_settings(value)
    except ValueError as error:
        bad = next((k for k in value if str(k) in str(error)), None)
        raise err(f"{key}.{bad}" if bad else key, str(error)) from None
    return dict(value)


def _rules(value: Any, key: str, path: Path, err: Err) -> tuple[RuleSetting, ...]:
    if not isinstance(value, dict):
        raise err(key, "must map rule ids to settings, e.g. DL101: {severity: warning}")
    out = []
    for rule, setting in value.items():
        here = f"{key}.{rule}"
        if not isinstance(setting, dict):
            raise err(here, f"must be a mapping with {' and/or '.join(RULE_KEYS)}")
        for name in setting:
            if name not in RULE_KEYS:
                raise err(f"{here}.{name}", unknown_key(name, RULE_KEYS))
        severity = setting.get("severity")
        if "severity" in setting:
            _severity(severity, f"{here}.severity", path, err)
        params = setting.get("params", {})
        if not isinstance(params, dict):
            raise err(f"{here}.params", f"must be a mapping of parameters, got {params!r}")
        out.append(RuleSetting(str(rule), severity, params))
    return tuple(out)


def _engagement(value: Any, key: str, path: Path, err: Err) -> Engagement:
    try:
        return read_engagement(value, key, lambda name: unknown_key(name, ENGAGEMENT_KEYS))
    except ValueError as error:
        where_key, _, problem = str(error).partition(": ")
        raise err(where_key, problem) from None


def _docs_url(value: Any, key: str, path: Path, err: Err) -> str:
    from darklint.links import check_docs_url

    try:
        return check_docs_url(value if isinstance(value, str) else "")
    except ValueError as error:
        raise err(key, str(error)) from None


_READERS: dict[str, Callable[[Any, str, Path, Err], Any]] = {
    "select": _words,
    "ignore": _words,
    "extend-select": _words,
    "profile": _name,
    "fail-on": _severity,
    "rules": _rules,
    "effort": _effort,
    "include": _globs,
    "exclude": _globs,
    "rule-dirs": _paths,
    "baseline": _file,
    "jobs": _count,
    "max-bytes": _count,
    "format": _formats,
    "report": _engagement,
    "docs-url": _docs_url,
    "output-format": _output_format,
}
