"""The Jinja environment for the heading/closing templates: sandboxed, strict, and the
only importer of `jinja2`.

Templates receive metadata only (strings, dates) and get per-language filters for dates
and ordinals. Member and clause text never reaches Jinja as a template.
"""

from __future__ import annotations

import functools
import math
import re
import signal
import threading
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Iterator, Mapping

from draftkit.errors import InputError, Location
from draftkit.languages import language as language_data


def long_date(day: date, language: str) -> str:
    """Return '30 November 2021' (en), '1er décembre 2021' (fr), '2021年11月30日' (zh)…"""
    return language_data(language).dates.long(day.day, day.month, day.year)


def date_range(start: date | None, end: date | None, language: str) -> str:
    """Return '26-30 November 2021', '30 November-2 December 2021', '26 a 30 de noviembre de
    2021', '2021年11月26日至30日', or one date.

    What both dates share is written once: the end of the first date where the language
    writes the day first, the start of the second where it writes the year first; dates in
    different years are written whole.
    """
    if start is None or end is None or start == end:
        day = start or end
        return long_date(day, language) if day else ""
    dash = language_data(language).dates.range_dash
    first, last = long_date(start, language), long_date(end, language)
    if start.year != end.year:
        return f"{first}{dash}{last}"
    if language_data(language).dates.pattern.startswith("{year}"):
        shared = len(_common_prefix(first, last))
        return f"{first}{dash}{last[shared:]}"
    shared = len(_common_prefix(first[::-1], last[::-1]))
    return f"{first[: len(first) - shared]}{dash}{last}"


def _common_prefix(a: str, b: str) -> str:
    """The start `a` and `b` share, cut back so that it does not end inside a number or a word."""
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    while size and size < len(a) and _joined(a[size - 1], a[size]):
        size -= 1
    return a[:size]


def _joined(left: str, right: str) -> bool:
    """Whether two characters belong to one word or number (a Han character is a word alone)."""
    return left.isalnum() and right.isalnum() and not _is_han(left) and not _is_han(right)


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def ordinal(value: Any, language: str, form: str = "default") -> str:
    """Return '143rd' / '143e' ('1re' in French: the Assembly is feminine) / '143.ª' / '143-я'."""
    text = str(value).strip()
    if not text.isdigit():
        return text
    return language_data(language).ordinal(int(text), form)


def ordinal_words(value: Any, language: str, form: str = "default") -> str:
    """Return the ordinal in words as the language's data writes it ('ordinal_words' in its
    language.yaml): 'seventy-fourth', 'soixante-quatorzième', 'septuagésimo cuarto',
    'семьдесят четвертая' and 'الرابعة والسبعون' (form 'feminine'), '七十四'; the number as
    given when it is not a whole number, and the ordinal in figures for the form 'figures'
    or where the data has no words for it."""
    text = str(value).strip()
    if not text.isdigit():
        return text
    words = None if form == "figures" else language_data(language).ordinal_in_words(int(text), form)
    return words if words is not None else ordinal(value, language, "default" if form == "figures" else form)


def upper_first(text: Any) -> str:
    """'seventy-fourth session' → 'Seventy-fourth session' (the rest untouched, unlike `capitalize`)."""
    text = str(text)
    return text[:1].upper() + text[1:]


def and_list(items: Any, language: str) -> str:
    """'A, B and C' / « A, B et C »: the language's list comma and its final 'and'."""
    names = [str(i) for i in items if str(i)]
    if len(names) < 2:
        return "".join(names)
    from draftkit.render.heading import _heading_labels

    labels = _heading_labels(language)
    comma = language_data(language).punctuation.list_comma
    final = str(labels.get("and", " and "))
    return comma.join(names[:-1]) + final + names[-1]


#: The budget of one template rendering: a heading is a few lines made in milliseconds.
TEMPLATE_SECONDS = 1.0
TEMPLATE_OUTPUT_CHARS = 100_000
#: The largest string, list or number (in digits) a template's arithmetic may make.
TEMPLATE_VALUE_SIZE = 100_000
TEMPLATE_NUMBER_DIGITS = 100
#: The memory a rendering may take beyond what the process holds (where the system enforces
#: it): the checks above cannot foresee every method (`replace`, `expandtabs`, `%`, `~`).
TEMPLATE_MEMORY = 256 * 1024 * 1024


class TemplateBudget(Exception):
    """A template went over its budget (time, output size, arithmetic)."""


def render_template(source: str, name: Path | str, context: Mapping[str, Any], language: str) -> str:
    """Render trusted template `source` with `context`; raise `InputError` at the template line.

    Undefined names are errors (StrictUndefined) and the sandbox refuses attribute
    tricks, so a project's own template cannot reach into Python. Rendering is bounded:
    `TEMPLATE_SECONDS` of time, `TEMPLATE_OUTPUT_CHARS` of output, and no arithmetic
    making a value beyond `TEMPLATE_VALUE_SIZE` items or `TEMPLATE_NUMBER_DIGITS` digits;
    a template going past one, or failing in any other way (`1/0`), is an `InputError`.
    """
    import jinja2

    env = _environment(language)
    deadline = env.deadline
    try:
        template = env.from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(f"template error: {exc.message}", where=Location(Path(name), exc.lineno or 0),
                         fix="see the line format described at the top of the built-in templates") from None
    except (RecursionError, MemoryError):
        raise InputError("template error: the template is nested too deeply", where=Path(name)) from None
    try:
        with _alarm(deadline), _memory_cap(TEMPLATE_MEMORY):
            out: list[str] = []
            size = 0
            for piece in template.generate(**context):
                size += len(piece)
                if size > TEMPLATE_OUTPUT_CHARS:
                    raise TemplateBudget(f"its output passed {TEMPLATE_OUTPUT_CHARS:,} characters")
                _check_time(deadline)
                out.append(piece)
            return "".join(out)
    except TemplateBudget as exc:
        raise InputError(f"template stopped: {exc}", where=_template_line(exc, name),
                         fix="a heading template makes a few short lines; simplify it") from None
    except jinja2.TemplateError as exc:
        raise InputError(f"template error: {exc}", where=_template_line(exc, name),
                         fix=f"available names: {', '.join(sorted(context))}") from None
    except RecursionError:
        raise InputError("template error: it calls itself without end", where=Path(name)) from None
    except MemoryError as exc:
        raise InputError(f"template stopped: it needed more than {TEMPLATE_MEMORY // (1024 * 1024)} MB of memory",
                         where=_template_line(exc, name), fix="a heading template makes a few short lines; simplify it") from None
    except Exception as exc:  # noqa: BLE001 - `1/0`, `[].pop()`: the template's fault, not draftkit's
        raise InputError(f"template error: {type(exc).__name__}: {exc}", where=_template_line(exc, name),
                         fix="correct the expression on that line") from None


def _template_line(exc: BaseException, name: Path | str) -> Location:
    """The template line where `exc` was raised (Jinja names template frames '<template>')."""
    line = 0
    trace = exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return Location(Path(name), line)


def _check_time(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise TemplateBudget(f"it ran longer than {TEMPLATE_SECONDS:g} s")


@contextmanager
def _alarm(deadline: float) -> Iterator[None]:
    """Interrupt a template that loops without calling anything (`{% for %}` in
    `{% for %}`), where Unix allows it: a timer signal in the main thread. Elsewhere the
    checks on every call, range step and output piece still bound it."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise TemplateBudget(f"it ran longer than {TEMPLATE_SECONDS:g} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, max(deadline - time.monotonic(), 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _memory_cap(extra: int) -> Iterator[None]:
    """Let the process's address space grow by at most `extra` bytes for the block, where the
    system enforces it (Linux: RLIMIT_AS, from the size /proc gives): an allocation past it is
    a MemoryError there, instead of the machine's memory. Elsewhere the block runs uncapped."""
    try:
        import resource

        with open("/proc/self/statm", "rb") as statm:
            in_use = int(statm.read().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = in_use + extra
        if soft != resource.RLIM_INFINITY and soft <= cap or hard != resource.RLIM_INFINITY and hard < cap:
            yield  # already capped tighter (a test's limit, the user's ulimit)
            return
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, OSError, ValueError, IndexError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _environment(language: str) -> Any:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    class BoundedSandbox(SandboxedEnvironment):
        """Jinja's sandbox whose arithmetic, calls and filters cannot make huge values;
        every operation, call and range step checks the clock."""

        intercepted_binops = frozenset({"*", "**", "+", "//", "%", "/"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            _check_time(self.deadline)
            if operator == "**" and _is_number(left) and _is_number(right):
                digits = abs(float(right)) * math.log10(max(abs(float(left)), 2))
                if digits > TEMPLATE_NUMBER_DIGITS:
                    raise TemplateBudget(f"'**' would make a number of about {digits:,.0f} digits")
            if operator == "*":
                for sized, count in ((left, right), (right, left)):
                    if isinstance(sized, (str, list, tuple)) and _is_number(count) \
                            and len(sized) * count > TEMPLATE_VALUE_SIZE:
                        raise TemplateBudget(f"'*' would make a value of {len(sized) * count:,} items")
            return _bounded(super().call_binop(context, operator, left, right), f"'{operator}'")

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's
            _check_time(__self.deadline)
            # str.format comes wrapped by the sandbox: its string is the wrapped method's owner
            owner = getattr(__obj, "__self__", None) or getattr(getattr(__obj, "__wrapped__", None), "__self__", None)
            _refuse_sizes(getattr(__obj, "__name__", "a call"), owner, args, kwargs)
            return _bounded(super().call(__context, __obj, *args, **kwargs), "a call")

    env = BoundedSandbox(
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is plain text lines, escaped by the writers
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.deadline = time.monotonic() + TEMPLATE_SECONDS  # type: ignore[attr-defined]
    env.filters["longdate"] = lambda day: long_date(day, language) if day else ""
    env.filters["ordinal"] = lambda value, form="default": ordinal(value, language, form)
    env.filters["ordinal_words"] = lambda value, form="default": ordinal_words(value, language, form)
    env.filters["upper_first"] = upper_first
    env.filters["and_list"] = lambda items: and_list(items, language)
    env.filters = {name: _bounded_filter(name, function) for name, function in env.filters.items()}
    env.globals = {"daterange": lambda start, end: date_range(start, end, language),
                   "range": lambda *bounds: _timed_range(env.deadline, *bounds),  # type: ignore[attr-defined]
                   "dict": dict, "namespace": env.globals["namespace"]}  # no lipsum(n=10**6), no cycler
    return env


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


#: A format width or precision of 6 digits or more ('%1000000d', '{:>1000000}').
_HUGE_WIDTH = re.compile(r"[%:][^%:{}]*?\d{6,}")


def _refuse_sizes(name: str, owner: Any, args: tuple, kwargs: Mapping[str, Any]) -> None:
    """Refuse a call or filter asked for a huge size ('a'.ljust(10**9), center(10**9),
    '%1000000000d'|format) before it allocates it."""
    for value in (*args, *kwargs.values()):
        if _is_number(value) and abs(value) > TEMPLATE_VALUE_SIZE:
            raise TemplateBudget(f"{name} was given {value:,}, beyond {TEMPLATE_VALUE_SIZE:,}")
    formats = [owner] if name in ("format", "format_map") and isinstance(owner, str) else []
    if name == "format" and args and isinstance(args[0], str):
        formats.append(args[0])
    if any(_HUGE_WIDTH.search(text) for text in formats):
        raise TemplateBudget("a format asks for a width of a million characters or more")


def _bounded(value: Any, what: str) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > TEMPLATE_NUMBER_DIGITS * 3.33:
        raise TemplateBudget(f"{what} made a number of more than {TEMPLATE_NUMBER_DIGITS} digits")
    if isinstance(value, (str, list, tuple)) and len(value) > TEMPLATE_VALUE_SIZE:
        raise TemplateBudget(f"{what} made a value of {len(value):,} items")
    return value


def _bounded_filter(name: str, function: Any) -> Any:
    """`function` as a filter that refuses huge sizes (kept Jinja's pass-context marks)."""

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        values = tuple(a for a in args if not isinstance(a, (jinja2_runtime_types())))
        _refuse_sizes(f"the filter {name}", None, values, kwargs)
        if name == "format" and values and isinstance(values[0], str) and _HUGE_WIDTH.search(values[0]):
            raise TemplateBudget("a format asks for a width of a million characters or more")
        return _bounded(function(*args, **kwargs), f"the filter {name}")

    return bounded


def jinja2_runtime_types() -> tuple[type, ...]:
    """What Jinja passes a filter before its value (context, environment, eval context)."""
    from jinja2.environment import Environment
    from jinja2.nodes import EvalContext
    from jinja2.runtime import Context

    return (Context, Environment, EvalContext)


def _timed_range(deadline: float, *bounds: int) -> Iterator[int]:
    """Jinja's `range` (at most 100,000 numbers), checking the clock as it counts."""
    from jinja2.sandbox import safe_range

    for index, number in enumerate(safe_range(*bounds)):
        if index % 1000 == 0:
            _check_time(deadline)
        yield number
