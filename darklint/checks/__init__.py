"""Check functions, registered by name; rules (YAML) name the function and its parameters.

A check is a small pure function ``(queries, params) -> iterable of Hit``: it reads the
product through the shared :class:`~darklint.graph.Queries` and never reads files or prints.
Built-in checks live in the modules of this package; other packages can add checks through
the ``darklint.checks`` entry point group (each entry point names a module to import, whose
``@check`` decorators register its functions).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from darklint.classes import dataclass
from darklint.findings import Hit

Params = Mapping[str, Any]
CheckFunction = Callable[[Any, Params], Iterable[Hit]]

#: Modules holding the built-in checks, imported on first use (keeps start-up lean).
BUILTIN_MODULES = (
    "structure",
    "leaving",
    "renewals",
    "fees",
    "refunds",
    "copy",
    "pressure",
    "people",
)
ENTRY_POINT_GROUP = "darklint.checks"


@dataclass(frozen=True)
class Scope:
    """Whether a check can judge a product: does its rule apply at all, and are the facts it
    needs written down? What ``darklint check --assess`` reports besides findings."""

    #: Why the rule does not apply to this product ("no subscription"); empty when it does.
    not_applicable: str = ""
    #: Facts the check needs and the file does not give ("no wait_minutes on agent step
    #: 'call'"): without them a clean result proves nothing.
    gaps: tuple[str, ...] = ()


ScopeFunction = Callable[[Any, Params], Scope]


@dataclass(frozen=True)
class CheckSpec:
    """A registered check: its function and the parameters it accepts, with defaults.

    ``reads`` names every fact of the flow format the check (and its ``scope``) may read,
    as ``Class.field`` ("Step.wait_minutes"); the skeleton every flow has (flows, steps,
    actions and their targets, outcomes, labels) needs no declaring. A test runs each check
    on recorded model objects and fails if it reads a fact it did not declare, so the list
    is what an auditor can trust: "DL106 looks at these facts and no others".
    """

    name: str
    function: CheckFunction
    defaults: Mapping[str, Any]
    doc: str
    validate: Callable[[Params], object] | None = None
    reads: tuple[str, ...] = ()
    scope: ScopeFunction | None = None

    def check_params(self, params: Params) -> None:
        """Raise ValueError naming the parameter when a rule's parameters cannot work.

        Types follow the defaults (a number where the default is a number, a list where it is
        a list); a check may add its own validation (a regular expression that compiles).
        Checked when rules load, so a typo in a custom rule is a clear error, not a traceback.
        """
        unknown = sorted(set(params) - set(self.defaults))
        if unknown:
            accepted = ", ".join(sorted(self.defaults)) or "none"
            raise ValueError(f"no parameter {', '.join(unknown)} (accepted: {accepted})")
        for key, value in params.items():
            expected = _expected_type(self.defaults[key])
            if expected is not None and not _is_type(value, expected):
                raise ValueError(f"parameter '{key}' must be {expected}, got {value!r}")
        if self.validate is not None:
            self.validate({**self.defaults, **params})


def _expected_type(default: Any) -> str | None:
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, (int, float)):
        return "a number"
    if isinstance(default, str):
        return "text"
    if isinstance(default, (tuple, list)):
        return "a list"
    return None  # None defaults (optional thresholds) accept a number or null


def _is_type(value: Any, expected: str) -> bool:
    if expected == "true or false":
        return isinstance(value, bool)
    if expected == "a number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if expected == "text":
        return isinstance(value, str)
    return isinstance(value, (tuple, list))


_REGISTRY: dict[str, CheckSpec] = {}
_loaded = False


def check(
    name: str,
    *,
    validate: Callable[[Params], object] | None = None,
    reads: tuple[str, ...] = (),
    scope: ScopeFunction | None = None,
    **defaults: Any,
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function under ``name``, accepting exactly the given parameters.

    ``validate`` optionally checks parameter values beyond their types (raising ValueError);
    ``reads`` declares the facts the check reads and ``scope`` says when its rule does not
    apply or lacks facts (see :class:`CheckSpec` and :class:`Scope`).
    """

    def register(function: CheckFunction) -> CheckFunction:
        if name in _REGISTRY and _REGISTRY[name].function is not function:
            raise ValueError(f"check function '{name}' is registered twice")
        doc = (function.__doc__ or "").strip().splitlines()
        _REGISTRY[name] = CheckSpec(
            name, function, dict(defaults), doc[0] if doc else "", validate, tuple(reads), scope
        )
        return function

    return register


def _load_all() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in BUILTIN_MODULES:
        importlib.import_module(f"darklint.checks.{module}")
    if not _may_have_plugins():
        return
    from importlib.metadata import entry_points

    for entry in entry_points(group=ENTRY_POINT_GROUP):
        entry.load()


def _may_have_plugins() -> bool:
    """Whether an installed distribution may declare a ``darklint.checks`` entry point.

    Importing importlib.metadata costs more than linting a small file, so the metadata
    folders on ``sys.path`` are read first (what importlib.metadata itself reads); only a
    mention of the group, a path entry that is not a folder (a zip) or a finder of another
    kind makes the registry ask importlib.metadata.
    """
    from importlib.machinery import PathFinder

    if any(
        hasattr(finder, "find_distributions") and finder is not PathFinder
        for finder in sys.meta_path
    ):
        return True
    for entry in sys.path:
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                return True
            continue
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8") as f:
                    if ENTRY_POINT_GROUP in f.read():
                        return True
            except (OSError, UnicodeDecodeError):
                continue
    return False


def registry() -> Mapping[str, CheckSpec]:
    """Every registered check, built-in and from entry points."""
    _load_all()
    return _REGISTRY


def get_check(name: str) -> CheckSpec | None:
    if not _loaded:  # asked once per rule per file: skip the call once everything is loaded
        _load_all()
    return _REGISTRY.get(name)
