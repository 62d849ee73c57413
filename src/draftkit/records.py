"""Frozen record classes that cost little to declare: `@record` for `@dataclass(frozen=True)`.

Python 3.11's dataclass compiles six methods from source for every frozen class
(`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`): about
0.4 ms a class, a quarter of a `draftkit status` run, spent before any work. A record
is still a dataclass — `dataclasses.fields`, `replace`, `asdict` and `is_dataclass`
work, and `field(default_factory=…, compare=False, repr=False, init=False)` mean what
they mean there — but its methods are shared functions reading the class's field table,
and its `__init__` is compiled when the class is first instantiated, so a class that a
command never instantiates costs nothing more.

Equal semantics, with two limits checked at declaration: no `InitVar`, no `kw_only`. A
record's `__dataclass_params__` says `frozen=False` (the methods are not dataclass's), so
records and `@dataclass(frozen=True)` classes do not inherit from each other.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import Any, Callable, TypeVar

T = TypeVar("T", bound=type)

_MISSING = dataclasses.MISSING
FrozenInstanceError = dataclasses.FrozenInstanceError


def record(cls: T | None = None, /, *, eq: bool = True) -> Any:
    """Declare a frozen record; `eq=False` keeps identity equality and hashing."""

    def wrap(cls: T) -> T:
        return _make(cls, eq)

    return wrap if cls is None else wrap(cls)


def _make(cls: T, eq: bool) -> T:
    if cls.__dict__.get("__doc__") is None:
        cls.__doc__ = cls.__name__  # dataclass would compute a signature for it (inspect: slow)
    dataclasses.dataclass(cls, init=False, repr=False, eq=False)
    fields = dataclasses.fields(cls)
    initvar = getattr(dataclasses, "_FIELD_INITVAR", None)
    if any(getattr(f, "_field_type", None) is initvar for f in cls.__dataclass_fields__.values()):
        raise TypeError(f"{cls.__name__}: a record takes no InitVar")
    if any(f.kw_only is True for f in fields):
        raise TypeError(f"{cls.__name__}: a record takes no kw_only field")
    defaulted = False
    for f in fields:
        if f.init and (f.default is not _MISSING or f.default_factory is not _MISSING):
            defaulted = True
        elif f.init and defaulted:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    cls.__init__ = _lazy_init(cls)  # type: ignore[misc]
    cls.__setattr__ = _frozen_setattr  # type: ignore[method-assign,assignment]
    cls.__delattr__ = _frozen_delattr  # type: ignore[method-assign,assignment]
    shown = tuple(f.name for f in fields if f.repr)
    cls.__record_shown__ = shown  # type: ignore[attr-defined]
    if "__repr__" not in cls.__dict__:
        cls.__repr__ = _repr  # type: ignore[method-assign,assignment]
    if eq:
        compared = _getter(tuple(f.name for f in fields if f.compare))
        hashed = _getter(tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)))

        def __eq__(self: Any, other: Any) -> Any:
            if other.__class__ is self.__class__:
                return compared(self) == compared(other)
            return NotImplemented

        def __hash__(self: Any) -> int:
            return hash(hashed(self))

        if "__eq__" not in cls.__dict__:
            cls.__eq__ = __eq__  # type: ignore[method-assign,assignment]
        if cls.__dict__.get("__hash__") is None:
            cls.__hash__ = __hash__  # type: ignore[method-assign,assignment]
    return cls


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple]:
    """A C-level reader of `names` that always returns a tuple."""
    if len(names) > 1:
        return attrgetter(*names)
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda item: (one(item),)
    return lambda item: ()


def _repr(self: Any) -> str:
    # A record holding itself cannot be made (frozen), so no recursion guard is needed.
    inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_shown__)
    return f"{type(self).__qualname__}({inner})"


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _lazy_init(owner: type) -> Callable[..., None]:
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if owner.__dict__.get("__init__") is __init__:  # first instance: compile the real one
            owner.__init__ = _compiled_init(owner)  # type: ignore[misc]
        owner.__init__(self, *args, **kwargs)  # type: ignore[misc]

    __init__.__qualname__ = f"{owner.__qualname__}.__init__"
    return __init__


def _compiled_init(owner: type) -> Callable[..., None]:
    """The `__init__` dataclass would write: parameters in field order with their
    defaults, factories called for what was not given, then `__post_init__`."""
    names: dict[str, Any] = {"__set": object.__setattr__, "__missing": _MISSING}
    params, body = [], []
    for index, f in enumerate(dataclasses.fields(owner)):
        default, factory = f"__d{index}", f"__f{index}"
        names[default], names[factory] = f.default, f.default_factory
        has_default = f.default is not _MISSING
        has_factory = f.default_factory is not _MISSING
        if f.init:
            params.append(f.name + (f"={default}" if has_default else "=__missing" if has_factory else ""))
            value = f"{factory}() if {f.name} is __missing else {f.name}" if has_factory else f.name
        elif has_factory:
            value = f"{factory}()"
        elif has_default:
            value = default
        else:
            continue
        body.append(f"  __set(self, {f.name!r}, {value})")
    if hasattr(owner, "__post_init__"):
        body.append("  self.__post_init__()")
    source = f"def __init__(self, {', '.join(params)}):\n" + ("\n".join(body) or "  pass") + "\n"
    exec(compile(source, f"<record {owner.__qualname__}>", "exec"), names)
    made = names["__init__"]
    made.__qualname__ = f"{owner.__qualname__}.__init__"
    return made
