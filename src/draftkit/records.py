"""Frozen record classes that cost little to declare: `@record` for `@dataclass(frozen=True)`.

Python 3.11's dataclass compiles six methods from source for every frozen class
(`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`): about
0.4 ms a class, a quarter of a `draftkit status` run, spent before any work. A record
is still a dataclass — `dataclasses.fields`, `replace`, `asdict` and `is_dataclass`
work, and `field(default_factory=…, compare=False, repr=False, init=False)` mean what
they mean there — but its methods are shared functions reading the class's field table,
and its own `__init__` is compiled only once the class has made `COMPILE_AFTER`
instances (until then a shared one reads the table), so a class that a command uses
little costs nothing more.

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


#: Instances a record makes through the shared `__init__` before its own is compiled:
#: compiling costs about what 70 shared-`__init__` instances do, and most classes a
#: command touches make fewer.
COMPILE_AFTER = 64


def _lazy_init(owner: type) -> Callable[..., None]:
    """The shared `__init__` (dataclass's semantics, fields read from a table) until the
    class has made `COMPILE_AFTER` instances, then the compiled one."""
    fields = dataclasses.fields(owner)
    names = tuple(f.name for f in fields if f.init)
    accepted = frozenset(names)
    defaults = {f.name: f.default for f in fields if f.init and f.default is not _MISSING}
    factories = {f.name: f.default_factory for f in fields if f.init and f.default_factory is not _MISSING}
    derived = tuple((f.name, f.default_factory if f.default_factory is not _MISSING else (lambda v=f.default: v))
                    for f in fields if not f.init and (f.default is not _MISSING or f.default_factory is not _MISSING))
    order = tuple(f.name for f in fields)
    post_init = hasattr(owner, "__post_init__")
    made = [0]
    title = f"{owner.__qualname__}.__init__()"

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if owner.__dict__.get("__init__") is not __init__:  # compiled since (a subclass calling up)
            owner.__init__(self, *args, **kwargs)  # type: ignore[misc]
            return
        made[0] += 1
        if made[0] > COMPILE_AFTER:
            owner.__init__ = _compiled_init(owner)  # type: ignore[misc]
            owner.__init__(self, *args, **kwargs)  # type: ignore[misc]
            return
        if len(args) > len(names):
            raise TypeError(f"{title} takes {len(names) + 1} positional arguments but {len(args) + 1} were given")
        values = dict(zip(names, args))
        for key in kwargs:
            if key in values:
                raise TypeError(f"{title} got multiple values for argument {key!r}")
            if key not in accepted:
                raise TypeError(f"{title} got an unexpected keyword argument {key!r}")
        values.update(kwargs)
        if len(values) < len(names):
            missing = [name for name in names if name not in values and name not in defaults and name not in factories]
            if missing:
                raise TypeError(f"{title} missing {len(missing)} required argument{'s' if len(missing) > 1 else ''}: "
                                + ", ".join(map(repr, missing)))
            for name in names:
                if name not in values:
                    values[name] = defaults[name] if name in defaults else factories[name]()
        for name, make in derived:
            values[name] = make()
        self.__dict__.update((name, values[name]) for name in order if name in values)
        if post_init:
            self.__post_init__()

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
