"""Paragraph and run properties compared by what a reader sees: the style (by name), the
list format of the paragraph's level (bullet or number, its text), alignment; bold,
italic, underline, strike, superscript, small capitals, the character style.

Two documents number their lists and name their styles independently (numId 3 in one
may be numId 7 in the other), so ids are resolved through each side's own styles and
numbering parts. Knows WordprocessingML; knows nothing of diffs.
"""

from __future__ import annotations

from lxml import etree

from draftkit.docxread.numbering import ListCounter
from draftkit.docxread.reader import read_styles
from draftkit.docxread.values import on, val, w
from draftkit.inline import Style

_TOGGLES = ("b", "i", "caps", "smallCaps", "strike", "dstrike", "vanish")
_VALUED = ("u", "vertAlign", "highlight")
_JUSTIFY = {"left": "", "start": "", "both": "both", "distribute": "both", "right": "end", "end": "end",
            "center": "center"}


class Definitions:
    """One side's styles and lists, read once; compares properties by meaning."""

    def __init__(self, styles: etree._Element | None, numbering: etree._Element | None):
        self.styles: dict[str, etree._Element] = {}
        self.default_paragraph = ""
        for style in styles.iter(w("style")) if styles is not None else ():
            style_id = style.get(w("styleId"), "")
            self.styles[style_id] = style
            if style.get(w("type")) == "paragraph" and _on_attr(style.get(w("default"))):
                self.default_paragraph = style_id
        self.lists = ListCounter(numbering, read_styles(styles)[0])
        self._ppr: dict[bytes, str] = {}
        self._rpr: dict[etree._Element, str] = {}

    def style_name(self, style_id: str | None) -> str:
        style = self.styles.get(style_id or "")
        name = val(style, "name")
        return (name or style_id or "").lower()

    def ppr_key(self, ppr: etree._Element | None) -> str:
        """The paragraph's look: style name, list format at its level, alignment."""
        raw = etree.tostring(ppr) if ppr is not None else b""
        found = self._ppr.get(raw)
        if found is None:
            style = val(ppr, "pStyle") or self.default_paragraph
            justify = _JUSTIFY.get(val(ppr, "jc") or "", val(ppr, "jc") or "")
            found = self._ppr[raw] = "|".join((self.style_name(style), self.lists.list_format(ppr, style), justify))
        return found

    def rpr_key(self, rpr: etree._Element | None) -> str:
        """The run's look: toggles on, underline / vertical alignment / highlight, character style."""
        if rpr is None:
            return ""
        found = self._rpr.get(rpr)
        if found is None:
            found = self._rpr[rpr] = self._rpr_key(rpr)
        return found

    def style(self, rpr: etree._Element | None) -> Style:
        """The run's look as a reader names it: italic, bold, superscript, subscript, small capitals."""
        style = Style.NONE
        if rpr is None:
            return style
        for tag, flag in ((w("i"), Style.ITALIC), (w("b"), Style.BOLD), (w("smallCaps"), Style.SMALL_CAPS)):
            if on(rpr.find(tag)):
                style |= flag
        position = val(rpr, "vertAlign")
        if position == "superscript":
            style |= Style.SUPERSCRIPT
        elif position == "subscript":
            style |= Style.SUBSCRIPT
        return style

    def _rpr_key(self, rpr: etree._Element) -> str:
        parts = [name for name in _TOGGLES if on(rpr.find(w(name)))]
        for name in _VALUED:
            value = val(rpr, name)
            if value not in (None, "", "none", "baseline"):
                parts.append(f"{name}={value}")
        style = val(rpr, "rStyle")
        if style:
            parts.append(f"style={self.style_name(style)}")
        return ",".join(parts)


def _on_attr(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "on")
