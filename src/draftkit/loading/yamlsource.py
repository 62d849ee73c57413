"""Read YAML with the location of every value; the only module that imports `yaml`.

Values come back as plain Python (`LocatedMap`, `LocatedList`, str, int, float, bool,
None) with file:line:col attached to every mapping, list, key and list item, so later
errors can say where to look. Dates stay strings (the loaders parse them with their
own messages) and only `true`/`false` are booleans, so a delegation called `NO` or a
time `14:00` is never silently turned into something else. Duplicate keys are errors.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any

from draftkit.errors import InputError, Location
from draftkit.files import read_input
from draftkit.records import record


class LocatedMap(dict):
    """A YAML mapping that remembers where it and each of its keys were written."""

    location: Location
    key_locations: dict[str, Location]

    def where(self, key: str) -> Location:
        return self.key_locations.get(key, self.location)


class LocatedList(list):
    """A YAML sequence that remembers where it and each item were written."""

    location: Location
    item_locations: list[Location]

    def where(self, index: int) -> Location:
        return self.item_locations[index] if index < len(self.item_locations) else self.location


def _yaml() -> Any:
    """PyYAML, imported when a file must really be parsed or written (not on a cache hit:
    importing it costs more than a small command's own work)."""
    import yaml

    return yaml


@cache
def _resolver() -> type:
    """YAML 1.2-like scalars: true/false, ints, floats, null; everything else is text."""
    yaml = _yaml()

    class _Resolver(yaml.resolver.BaseResolver):
        pass

    _Resolver.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    _Resolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
    _Resolver.add_implicit_resolver(
        "tag:yaml.org,2002:float",
        re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
        list("-+0123456789."),
    )
    _Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"),
                                    ["~", "n", "N", ""])
    return _Resolver

#: The most digits a whole number may have (versions, sessions, word limits fit in far fewer;
#: Python refuses to read more than 4,300 at all).
MAX_DIGITS = 18
#: The deepest nesting of lists and mappings read (drafts need about eight levels).
MAX_DEPTH = 60
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Nesting (brackets, indentation) past which the C parser is not used.
_C_DEPTH = 1000

def _c_parser() -> Any:
    """libyaml's parser when PyYAML has it (`yaml.CParser` is not exported: look in yaml.cyaml)."""
    return getattr(getattr(_yaml(), "cyaml", None), "CParser", None)


@cache
def _safe_loader(fast: bool) -> type:
    """A safe loader with draftkit's scalars (`_resolver`): on libyaml's parser when `fast`
    (callers check `_c_parser()`), else on PyYAML's own reader, scanner, parser and composer."""
    yaml = _yaml()
    _Resolver = _resolver()
    parser = (yaml.cyaml.CParser,) if fast else (yaml.reader.Reader, yaml.scanner.Scanner,
                                                 yaml.parser.Parser, yaml.composer.Composer)

    class SafeLoader(*parser, yaml.constructor.SafeConstructor, _Resolver):  # type: ignore[misc]
        def __init__(self, stream: Any) -> None:
            if fast:
                yaml.cyaml.CParser.__init__(self, stream)
            else:
                yaml.reader.Reader.__init__(self, stream)
                yaml.scanner.Scanner.__init__(self)
                yaml.parser.Parser.__init__(self)
                yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)

    return SafeLoader


def _make_loader(path: Path, fast: bool = False) -> type:
    yaml = _yaml()
    fast = fast and _c_parser() is not None

    class Loader(_safe_loader(fast)):  # type: ignore[misc]
        def _loc(self, node: yaml.Node) -> Location:
            return Location(path, node.start_mark.line + 1, node.start_mark.column + 1)

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LocatedMap:
            result = LocatedMap()
            result.location = self._loc(node)
            result.key_locations = {}
            self.flatten_mapping(node)
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    raise InputError("a key must be plain text", where=self._loc(key_node))
                key = str(key)
                if key in result:
                    first = result.key_locations[key]
                    raise InputError(
                        f"key {key!r} appears twice (first at line {first.line})",
                        where=self._loc(key_node),
                        fix="keep one of them",
                    )
                result[key] = self.construct_object(value_node, deep=True)
                result.key_locations[key] = self._loc(key_node)
            return result

        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node in self.constructed_objects:
                # `*alias` of a list or mapping: nine aliases of nine aliases make 9**9 paragraphs
                raise InputError("a YAML alias (*name) may stand for a text, not for a list or mapping",
                                 where=self._loc(node), fix="write the list or mapping out")
            self.depth = getattr(self, "depth", 0) + 1
            try:
                if self.depth > MAX_DEPTH:
                    raise InputError(f"lists and mappings nested more than {MAX_DEPTH} levels deep",
                                     where=self._loc(node), fix="a draftkit file needs only a few levels")
                return super().construct_object(node, deep=deep)
            finally:
                self.depth -= 1

        def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
            digits = str(node.value).lstrip("+-")
            if len(digits) > MAX_DIGITS:
                raise InputError(f"a number of {len(digits):,} digits is beyond what any draftkit field holds",
                                 where=self._loc(node), fix="write a smaller number, or quote it to make it text")
            return int(node.value)

        def construct_yaml_str(self, node: yaml.ScalarNode) -> str:
            value = self.construct_scalar(node)
            if _SURROGATE.search(value):
                code = ord(_SURROGATE.search(value).group())  # type: ignore[union-attr]
                raise InputError(f"the text holds U+{code:04X}, half of a surrogate pair, which is not a character",
                                 where=self._loc(node), fix="remove the '\\u' escape, or write the character itself")
            return value

        def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LocatedList:
            result = LocatedList(self.construct_object(child, deep=True) for child in node.value)
            result.location = self._loc(node)
            result.item_locations = [self._loc(child) for child in node.value]
            return result

    def _map(loader: Loader, node: yaml.Node) -> LocatedMap:
        return loader.construct_mapping(node)

    def _seq(loader: Loader, node: yaml.Node) -> LocatedList:
        return loader.construct_sequence(node)

    Loader.add_constructor("tag:yaml.org,2002:map", _map)
    Loader.add_constructor("tag:yaml.org,2002:seq", _seq)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_str)
    Loader.add_constructor("tag:yaml.org,2002:str", Loader.construct_yaml_str)
    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
    return Loader


def read_text(path: Path) -> str:
    """Read a user file as UTF-8 text (a regular file within `files.MAX_INPUT_BYTES`, line
    ends as Python's text mode gives them), with one clear error when that is impossible."""
    data = read_input(path, what="YAML or text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text (byte {exc.start})", where=path, fix="save the file as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_yaml(path: Path, text: str | None = None) -> Any:
    """Parse one YAML document from `path` (or from `text`, reported as `path`).

    What is parsed from an unchanged file comes from the user's cache (`draftkit.cache`):
    a fresh copy each time, so callers may keep or change what they get."""
    if text is None:
        cached, key = _from_cache(path)
        if cached is not None:
            return cached
    source = read_text(path) if text is None else text
    try:
        data = _load(path, source)
    except RecursionError:  # the composer recurses too: 1,000 '[' are refused here
        raise InputError(f"lists and mappings nested more than {MAX_DEPTH} levels deep", where=path,
                         fix="a draftkit file needs only a few levels") from None
    if text is None and key is not None:
        from draftkit import cache

        cache.store("yaml", path.resolve(), key, data)
    return data


#: Changes whenever this module does, so a cache made by another parser is never read.
_PARSER_STAMP = Path(__file__).stat().st_mtime_ns


def _from_cache(path: Path) -> tuple[Any, tuple | None]:
    """(data, key) for `path`: the data when the cache holds it for the file as it is now,
    the key to store it under when the file may be cached; (None, None) otherwise (a file
    that is not a regular one, or too large, is read the normal way, which refuses it)."""
    import os
    import stat

    from draftkit import __version__, cache
    from draftkit.files import MAX_INPUT_BYTES

    try:
        info = os.stat(path)
    except OSError:
        return None, None
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_INPUT_BYTES or not cache.settled(info):
        return None, None
    key = (__version__, _PARSER_STAMP, cache.fingerprint(info))
    return cache.load("yaml", path.resolve(), key), key


def _may_nest_deeply(source: str) -> bool:
    """Whether `source` might nest past what libyaml's composer survives (it recurses in C
    and crashes the process near 100,000 levels): over-counts brackets inside texts, and
    then only costs the slower parser, whose depth errors are caught."""
    brackets = re.sub(r"[^\[\]{}]+", "", source)
    if len(brackets) > 2 * _C_DEPTH and max(accumulate(1 if c in "[{" else -1 for c in brackets)) > _C_DEPTH:
        return True
    return any(len(indent) > _C_DEPTH for indent in re.findall(r"^[ \t-]+", source, re.MULTILINE))


def _load(path: Path, source: str) -> Any:
    yaml = _yaml()
    if _c_parser() is not None and not _may_nest_deeply(source):
        fast = _make_loader(path, fast=True)(source)
        try:
            return fast.get_single_data()
        except yaml.YAMLError:
            pass  # libyaml words errors its own way: parse again for the messages users see
        finally:
            fast.dispose()
    try:
        loader = _make_loader(path)(source)
    except yaml.reader.ReaderError as exc:
        raise _unreadable_character(path, source, exc) from None
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{problem} ({exc.context})" if "while" not in exc.context else f"{problem}, {exc.context}"
        raise InputError(f"YAML syntax error: {problem}", where=where, fix=_yaml_hint(problem)) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", where=path) from None
    finally:
        loader.dispose()


def _unreadable_character(path: Path, source: str, exc: Any) -> InputError:
    """YAML refuses control characters before parsing: say which one, and where."""
    before = source[: exc.position]
    line = before.count("\n") + 1
    column = exc.position - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return InputError(
        f"the file holds the control character U+{code:04X}, which YAML and Word documents cannot contain",
        where=Location(path, line, column),
        fix="delete it; Word and PDF copies often carry one as a soft line break",
    )


def _yaml_hint(problem: str) -> str:
    if "flow" in problem and ("'['" in problem or "']'" in problem):
        return "inside { … } or [ … ], text with negotiation brackets [ ] must be quoted, or written on its own line"
    if "mapping values are not allowed" in problem:
        return "text containing ': ' must be quoted"
    if "found character '\\t'" in problem or "tab" in problem:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return "each entry is 'key: value'; check the indentation and quotes"
    if "expected <block end>" in problem:
        return "check the indentation of this line against the lines above"
    if "unacceptable character" in problem or "special characters" in problem:
        return "remove the control character"
    return "check the quotes and indentation here"


def dump_yaml(data: Any) -> str:
    """Write plain data as readable YAML (block style, unicode kept, key order kept)."""
    return _yaml().dump(data, Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=88,
                        default_flow_style=False)


@cache
def _dumper() -> type:
    """Block-style dumper that writes multi-line text as literal scalars."""
    yaml = _yaml()

    class _Dumper(yaml.SafeDumper):
        pass

    _Dumper.add_representer(str, _str_presenter)
    _Dumper.add_representer(LocatedMap, yaml.representer.SafeRepresenter.represent_dict)
    _Dumper.add_representer(LocatedList, yaml.representer.SafeRepresenter.represent_list)
    return _Dumper


def _str_presenter(dumper: Any, value: str) -> Any:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)




# --- where each value is written, for line-exact edits ---------------------------------------


@record
class Spanned:
    """A YAML node and where it is written: character offsets `start`..`end` in the text,
    0-based `line`/`end_line` and `column`. `kind` is 'map', 'seq' or 'scalar'; `flow` says
    `{…}` / `[…]` style. A map's `entries` are (key, key node, value node); a sequence's
    `items` its nodes; a scalar's `value` its text."""

    kind: str
    start: int
    end: int
    line: int
    end_line: int
    column: int
    end_column: int = 0
    flow: bool = False
    value: str = ""
    entries: tuple[tuple[str, "Spanned", "Spanned"], ...] = ()
    items: tuple["Spanned", ...] = ()

    def get(self, key: str) -> "Spanned | None":
        """The value node of `key` in a map, |None| when absent."""
        return next((value for name, _, value in self.entries if name == key), None)

    def last_line(self) -> int:
        """The last line holding the node's own text (a block collection ends where its
        last value does, not at the next token; a block scalar's end mark is the next line)."""
        if not self.flow and self.kind in ("map", "seq"):
            children = [v for _, k, v in self.entries] + [k for _, k, _ in self.entries] + list(self.items)
            return max((c.last_line() for c in children), default=self.line)
        return self.end_line - 1 if self.end_column == 0 and self.end_line > self.line else self.end_line


def spanned(path: Path, text: str) -> Spanned | None:
    """The node tree of `text` (already known to be valid YAML: load it first for the
    errors users see) with where each node is written; |None| for an empty document."""
    yaml = _yaml()
    loader = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", where=path) from None
    return None if node is None else _spanned(node, text)


def _spanned(node: Any, text: str) -> Spanned:
    yaml = _yaml()
    start, end = node.start_mark, node.end_mark
    flow = bool(getattr(node, "flow_style", False))
    common = dict(start=start.index, end=end.index, line=start.line, end_line=end.line, column=start.column,
                  end_column=end.column, flow=flow)
    if isinstance(node, yaml.MappingNode):
        entries = tuple((str(k.value), _spanned(k, text), _spanned(v, text)) for k, v in node.value)
        return Spanned("map", entries=entries, **common)
    if isinstance(node, yaml.SequenceNode):
        return Spanned("seq", items=tuple(_spanned(v, text) for v in node.value), **common)
    return Spanned("scalar", value=str(node.value), **common)


def inline_yaml(value: Any) -> str:
    """`value` (text, or a mapping of texts) as YAML on one line, quoted where YAML needs it."""
    dumped = _yaml().dump(value, Dumper=_dumper(), allow_unicode=True, default_flow_style=True, width=float("inf"))
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def load_plain(text: str) -> Any:
    """`text` read as plain data with draftkit's scalars (only true/false are booleans,
    dates stay text) but no locations: fast, for reading back what draftkit itself just
    wrote, never for a user's file (those go through `load_yaml`)."""
    loader = _plain_loader()(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


@cache
def _plain_loader() -> type:
    yaml = _yaml()

    class Plain(_safe_loader(_c_parser() is not None)):  # type: ignore[misc]
        pass

    Plain.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str)
    return Plain
