"""Word list numbering: the labels Word shows ("5.", "(a)", "ii.") computed in document
order from numbering.xml and the styles. Knows no package and no runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Mapping

from lxml import etree

from draftkit.docxread.values import DocxNumbering, DocxStyle, int_or_none, val, w

#: The largest list number Word accepts ("Start at", "Set numbering value": 0 to 32767).
#: Start values are clamped to it, and a letter or roman label never spells a larger
#: number, so a hostile `w:start` cannot make a label of millions of characters.
MAX_LIST_NUMBER = 32767
#: The longest label kept: Word's own are a few characters ("1.2.3.", "(iv)"), but a
#: level text is a free string, and "%1" repeated a hundred thousand times over numbers
#: spelled with a thousand letters would make a label of gigabytes from a 2 KB file.
MAX_LABEL = 100

_PLACEHOLDER = re.compile(r"%([1-9])")


def _clamped(value: int | None) -> int | None:
    return None if value is None else min(max(value, 0), MAX_LIST_NUMBER)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None
    legal: bool = False


class ListCounter:
    """Computes Word's list labels in document order from numbering.xml.

    Lists (w:num) that share an abstract definition continue one another, as in
    Word; a w:num with a start override restarts that count where it is first used.
    """

    def __init__(self, root: etree._Element | None, styles: Mapping[str, DocxStyle]):
        self.styles = styles
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_links: dict[str, str] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.counters: dict[str, dict[int, int]] = {}  # per abstract list: level → current count
        self.started: set[str] = set()
        self._by_style: dict[str, tuple[str | None, int, bool]] = {}  # a style's list, found once
        if root is None:
            return
        for abstract in root.findall(w("abstractNum")):
            aid = abstract.get(w("abstractNumId"), "")
            self.abstract[aid] = {int_or_none(lvl.get(w("ilvl"))) or 0: _level(lvl) for lvl in abstract.findall(w("lvl"))}
            link = val(abstract, "numStyleLink")
            if link:
                self.style_links[aid] = link
        for num in root.findall(w("num")):
            starts: dict[int, int] = {}
            levels: dict[int, _Level] = {}
            for override in num.findall(w("lvlOverride")):
                ilvl = int_or_none(override.get(w("ilvl"))) or 0
                start = _clamped(int_or_none(val(override, "startOverride")))
                if start is not None:
                    starts[ilvl] = start
                lvl = override.find(w("lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            self.nums[num.get(w("numId"), "")] = (val(num, "abstractNumId") or "", starts, levels)

    def number(self, ppr: etree._Element | None, style_id: str, count: bool, *,
               labelled: bool = True) -> DocxNumbering | None:
        """The numbering of one paragraph (advancing the counters when `count`); without
        `labelled`, its label is left empty (the counters advance all the same)."""
        num_id, level, from_style = self._num_pr(ppr, style_id)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        abstract_id, starts, overrides = self.nums[num_id]
        levels = self._levels(abstract_id)
        if not levels and not overrides:
            return None
        levels = {**levels, **overrides}
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started and starts:
            # a list with a start override restarts the shared list where it is first used
            self.started.add(num_id)
            for restarted in starts:
                counters.pop(restarted, None)
        current = counters.get(level)
        value = (current + 1) if current is not None else starts.get(level, levels.get(level, _Level()).start)
        if count:
            counters[level] = value
            for deeper in [k for k in counters if k > level]:
                restart = levels.get(deeper, _Level()).restart
                if restart != 0 and (restart is None or restart - 1 >= level):
                    del counters[deeper]
        lvl = levels.get(level, _Level())
        if not labelled:
            return DocxNumbering(num_id=num_id, level=level, label="", format=lvl.fmt, from_style=from_style)
        # a paragraph left out of the count (deleted) shows the number it had
        shown = {**counters, level: value}
        label = lvl.text
        if lvl.fmt == "none":
            label = ""
        elif lvl.fmt != "bullet":

            def number(k: int) -> str:
                other = levels.get(k, _Level())
                fmt = "decimal" if lvl.legal and k != level else other.fmt
                return format_number(shown.get(k, starts.get(k, other.start)), fmt)

            label = _label(label, number)
        return DocxNumbering(num_id=num_id, level=level, label=label, format=lvl.fmt, from_style=from_style)

    def list_format(self, ppr: etree._Element | None, style_id: str) -> str:
        """What a paragraph's list looks like at its level, without counting: 'decimal %1.' for
        "5.", 'bullet ●' for a bullet, '' when it is in no list (for comparing two documents,
        whose list ids mean nothing to each other)."""
        num_id, level, _ = self._num_pr(ppr, style_id)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, _, overrides = self.nums[num_id]
        lvl = {**self._levels(abstract_id), **overrides}.get(level)
        return f"{level} {lvl.fmt} {lvl.text}" if lvl is not None else ""

    def _levels(self, abstract_id: str) -> dict[int, _Level]:
        levels = self.abstract.get(abstract_id, {})
        link = self.style_links.get(abstract_id)
        if link and link in self.styles and self.styles[link].num_id in self.nums:
            target = self.nums[self.styles[link].num_id or ""][0]
            if target != abstract_id:
                return self.abstract.get(target, levels)
        return levels

    def _num_pr(self, ppr: etree._Element | None, style_id: str) -> tuple[str | None, int, bool]:
        num = ppr.find(w("numPr")) if ppr is not None else None
        if num is not None and val(num, "numId") is not None:
            level = int_or_none(val(num, "ilvl"))
            if level is None:
                level = self._style_level(style_id) or 0
            return val(num, "numId"), level, False
        found = self._by_style.get(style_id)
        if found is None:
            found = self._by_style[style_id] = self._style_num_pr(style_id)
        return found

    def _style_num_pr(self, style_id: str) -> tuple[str | None, int, bool]:
        seen: set[str] = set()
        current = style_id
        while current and current not in seen:
            seen.add(current)
            style = self.styles.get(current)
            if style is None:
                break
            if style.num_id is not None:
                return style.num_id, style.level or 0, True
            current = style.based_on or ""
        return None, 0, False

    def _style_level(self, style_id: str) -> int | None:
        style = self.styles.get(style_id)
        return style.level if style else None


def _level(lvl: etree._Element) -> _Level:
    return _Level(
        start=_clamped(int_or_none(val(lvl, "start"))) or (0 if val(lvl, "start") == "0" else 1),
        fmt=val(lvl, "numFmt") or "decimal",
        text=val(lvl, "lvlText") if val(lvl, "lvlText") is not None else "",
        restart=int_or_none(val(lvl, "lvlRestart")),
        legal=lvl.find(w("isLgl")) is not None,
    )


def _label(text: str, number: Callable[[int], str]) -> str:
    """`text` (a level text such as '%1.%2.') with each %N replaced by `number(N - 1)`, at
    most `MAX_LABEL` characters: built piece by piece, so no size is ever reached beyond it."""
    out: list[str] = []
    size = 0
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        for piece in (text[position:match.start()], number(int(match.group(1)) - 1)):
            out.append(piece[: MAX_LABEL - size])
            size += len(out[-1])
        position = match.end()
        if size >= MAX_LABEL:
            return "".join(out)
    out.append(text[position:][: MAX_LABEL - size])
    return "".join(out)


def format_number(value: int, fmt: str) -> str:
    """Write `value` in a Word number format (decimal, lowerLetter, upperRoman, …)."""
    from draftkit.model import roman, subparagraph_label

    if fmt in ("lowerLetter", "upperLetter", "lowerRoman", "upperRoman"):
        value = min(value, MAX_LIST_NUMBER)  # labels grow with the number: bounded as Word bounds them
    if fmt in ("lowerLetter", "upperLetter"):
        letters = subparagraph_label(max(value, 1) - 1, 1) if value > 0 else ""
        # Word repeats the letter past z (aa, bbb), unlike spreadsheet columns.
        if value > 26:
            letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        text = roman(value) if value > 0 else str(value)
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        return f"{value}{suffix}"
    return str(value)
