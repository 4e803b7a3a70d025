"""``dataclass`` without code compiled at import: darklint's data classes start for free.

On Python 3.10 and 3.11 the standard decorator writes each class's ``__init__``,
``__repr__``, ``__eq__``, ``__hash__`` (and, when frozen, ``__setattr__`` and
``__delattr__``) as source text and compiles it with ``exec``: about half a millisecond a
class. darklint has over a hundred data classes, and creating them was half of what
``darklint check -f json one.yaml`` spends on top of importing PyYAML and click.

This decorator declares the fields with the standard one (so ``dataclasses.fields``,
``replace``, ``asdict``, msgspec, pickling and the JSON Schema see an ordinary dataclass,
with the same ``__dataclass_params__``) and compiles nothing at import: comparison, ordering,
hashing, ``repr`` and immutability are shared functions that read the class's field names,
with the values the standard methods give (the same hash, the same repr), and ``__init__`` is
compiled the first time the class is instantiated, so a class a run never builds costs
nothing. A frozen ``__init__`` stores with ``object.__setattr__`` bound once, not looked up
per field. Options darklint does not use (``slots``, ``kw_only``, ``InitVar``) are handed
to the standard decorator unchanged.
"""

from __future__ import annotations

import dataclasses
import inspect  # imported by dataclasses anyway
import operator
import reprlib
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, overload

T = TypeVar("T")

#: The parameter default of a field with a ``default_factory`` (as the standard one does).
_FACTORY = object()


@overload
def dataclass(cls: type[T], /) -> type[T]: ...


@overload
def dataclass(
    *,
    init: bool = True,
    repr: bool = True,
    eq: bool = True,
    order: bool = False,
    unsafe_hash: bool = False,
    frozen: bool = False,
    **other: Any,
) -> Callable[[type[T]], type[T]]: ...


def dataclass(
    cls: type[T] | None = None,
    /,
    *,
    init: bool = True,
    repr: bool = True,
    eq: bool = True,
    order: bool = False,
    unsafe_hash: bool = False,
    frozen: bool = False,
    **other: Any,
) -> Any:
    """``dataclasses.dataclass`` with the same meaning and no ``exec`` at import."""

    def wrap(cls: type[T]) -> type[T]:
        if other or _needs_standard(cls):
            return dataclasses.dataclass(  # type: ignore[call-overload, no-any-return]
                cls,
                init=init,
                repr=repr,
                eq=eq,
                order=order,
                unsafe_hash=unsafe_hash,
                frozen=frozen,
                **other,
            )
        return _declare(cls, init, repr, eq, order, unsafe_hash, frozen)

    return wrap if cls is None else wrap(cls)


def _needs_standard(cls: type) -> bool:
    """Whether the class uses something only the standard decorator implements: an
    ``InitVar`` or ``KW_ONLY`` annotation, or a base class that is a dataclass."""
    if any(dataclasses.is_dataclass(base) for base in cls.__mro__[1:]):
        return True
    for annotation in inspect.get_annotations(cls).values():
        text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
        if "InitVar" in text or "KW_ONLY" in text:
            return True
    return False


def _declare(
    cls: type[T],
    init: bool,
    repr: bool,
    eq: bool,
    order: bool,
    unsafe_hash: bool,
    frozen: bool,
) -> type[T]:
    if order and not eq:
        raise ValueError("eq must be true if order is true")
    own = cls.__dict__
    explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
    undocumented = not cls.__doc__
    if undocumented:  # the standard decorator would compute a signature with inspect
        cls.__doc__ = cls.__name__
    cls = dataclasses.dataclass(cls, init=False, repr=False, eq=False)
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    for name, value in (
        ("init", init),
        ("repr", repr),
        ("eq", eq),
        ("order", order),
        ("unsafe_hash", unsafe_hash),
        ("frozen", frozen),
    ):
        setattr(params, name, value)
    fields = dataclasses.fields(cls)
    if undocumented:
        cls.__doc__ = f"{cls.__name__}({', '.join(f.name for f in fields if f.init)})"
    if any(getattr(f, "kw_only", False) for f in fields):  # kw_only=True on a field
        raise TypeError(f"{cls.__name__}: kw_only fields need dataclasses.dataclass")
    if init and "__init__" not in own:
        cls.__init__ = _first_init(cls, frozen)  # type: ignore[misc]
    if repr and "__repr__" not in own:
        cls.__repr__ = _repr  # type: ignore[assignment]
        cls.__dataclass_repr_fields__ = tuple(f.name for f in fields if f.repr)  # type: ignore[attr-defined]
    compared = _tuple_of(tuple(f.name for f in fields if f.compare))
    if eq:
        cls.__dataclass_compared__ = staticmethod(compared)  # type: ignore[attr-defined]
        if "__eq__" not in own:
            cls.__eq__ = _eq  # type: ignore[assignment]
    if order:
        for name, method in (("__lt__", _lt), ("__le__", _le), ("__gt__", _gt), ("__ge__", _ge)):
            if name in own:
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
            setattr(cls, name, method)
    if frozen:
        for name, method in (("__setattr__", _frozen_setattr), ("__delattr__", _frozen_delattr)):
            if name in own:
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
            setattr(cls, name, method)
    if not explicit_hash:
        if unsafe_hash or (eq and frozen):
            hashed = _tuple_of(
                tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
            )
            cls.__dataclass_hashed__ = staticmethod(hashed)  # type: ignore[attr-defined]
            cls.__hash__ = _hash  # type: ignore[assignment]
        elif eq:
            cls.__hash__ = None  # type: ignore[assignment]
    return cls


def _tuple_of(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The object's values of ``names`` as a tuple, as the standard methods compare them."""
    if len(names) > 1:
        return attrgetter(*names)  # type: ignore[return-value]
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


# -- the shared methods ---------------------------------------------------------------------


@reprlib.recursive_repr()
def _repr(self: Any) -> str:
    names = type(self).__dataclass_repr_fields__
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
    return f"{type(self).__qualname__}({shown})"


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        compared = self.__dataclass_compared__
        return compared(self) == compared(other)
    return NotImplemented


def _ordering(compare: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Any]:
    """An ordering method comparing the fields' tuples with ``compare``, as the standard
    ``__lt__``, ``__le__``, ``__gt__`` and ``__ge__`` do."""

    def method(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            compared = self.__dataclass_compared__
            return compare(compared(self), compared(other))
        return NotImplemented

    return method


_lt, _le, _gt, _ge = (_ordering(op) for op in (operator.lt, operator.le, operator.gt, operator.ge))


def _hash(self: Any) -> int:
    return hash(self.__dataclass_hashed__(self))


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


# -- __init__, compiled on first use ----------------------------------------------------------


def _first_init(cls: type, frozen: bool) -> Callable[..., None]:
    """A stand-in ``__init__`` that compiles the real one, installs it and calls it."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if cls.__dict__.get("__init__") is __init__:
            cls.__init__ = _compile_init(cls, frozen)  # type: ignore[misc]
        cls.__init__(self, *args, **kwargs)  # type: ignore[misc]

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


def _compile_init(cls: type, frozen: bool) -> Callable[..., None]:
    """The ``__init__`` the standard decorator would write: parameters in field order, a
    default's value or a factory's call, ``__post_init__`` last."""
    names: dict[str, Any] = {"_dl_factory": _FACTORY, "_dl_set": object.__setattr__}
    parameters: list[str] = []
    body: list[str] = []
    for f in dataclasses.fields(cls):
        factory = f.default_factory is not dataclasses.MISSING
        if factory:
            names[f"_dl_factory_{f.name}"] = f.default_factory
        if f.init:
            if factory:
                parameters.append(f"{f.name}=_dl_factory")
                value = f"_dl_factory_{f.name}() if {f.name} is _dl_factory else {f.name}"
            elif f.default is not dataclasses.MISSING:
                names[f"_dl_default_{f.name}"] = f.default
                parameters.append(f"{f.name}=_dl_default_{f.name}")
                value = f.name
            else:
                parameters.append(f.name)
                value = f.name
        elif factory:
            value = f"_dl_factory_{f.name}()"
        else:
            continue  # a class attribute holds its default, as with the standard decorator
        body.append(
            f"    _dl_set(self, {f.name!r}, {value})" if frozen else f"    self.{f.name} = {value}"
        )
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    source = f"def __init__(self, {', '.join(parameters)}):\n" + ("\n".join(body) or "    pass")
    exec(source, names)  # field names only, from the class's own declaration
    function = names["__init__"]
    function.__qualname__ = f"{cls.__qualname__}.__init__"
    return function  # type: ignore[no-any-return]
