"""Check functions, registered by name; rules (YAML) name the function and its parameters.

A check is a small pure function ``(queries, params) -> iterable of Hit``: it reads the
product through the shared :class:`~darklint.graph.Queries` and never reads files or prints.
Built-in checks live in the modules of this package; other packages can add checks through
the ``darklint.checks`` entry point group (each entry point names a module to import, whose
``@check`` decorators register its functions).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

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
class CheckSpec:
    """A registered check: its function and the parameters it accepts, with defaults."""

    name: str
    function: CheckFunction
    defaults: Mapping[str, Any]
    doc: str


_REGISTRY: dict[str, CheckSpec] = {}
_loaded = False


def check(name: str, **defaults: Any) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function under ``name``, accepting exactly the given parameters."""

    def register(function: CheckFunction) -> CheckFunction:
        if name in _REGISTRY and _REGISTRY[name].function is not function:
            raise ValueError(f"check function '{name}' is registered twice")
        doc = (function.__doc__ or "").strip().splitlines()
        _REGISTRY[name] = CheckSpec(name, function, dict(defaults), doc[0] if doc else "")
        return function

    return register


def _load_all() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in BUILTIN_MODULES:
        importlib.import_module(f"darklint.checks.{module}")
    from importlib.metadata import entry_points

    for entry in entry_points(group=ENTRY_POINT_GROUP):
        entry.load()


def registry() -> Mapping[str, CheckSpec]:
    """Every registered check, built-in and from entry points."""
    _load_all()
    return _REGISTRY


def get_check(name: str) -> CheckSpec | None:
    return registry().get(name)
