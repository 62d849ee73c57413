"""What a draft file issues after the resolution: annexes and the explanatory memorandum.

Annexes of a draft file: `annexes:` → `Annex` values, each a title then paragraphs and
tables in order. Texts take inline markup (italic, superscript…); an annex paragraph may
also call footnotes of its own and refer to operative paragraphs (a UN annex has notes);
titles and table cells hold neither: an annex is carried as issued, outside the numbered
resolution.

    annexes:
      - title: {en: Annex, fr: Annexe}
        content:
          - text: {en: "States that have ratified the Convention[^a1]"}
            footnotes: {a1: {en: United Nations, Treaty Series, vol. 1577, No. 27531.}}
          - table:
              header_rows: 1
              en:
                - [State, Date of ratification]
                - [Chile, 13 August 1990]

The memorandum (`memorandum:`) is numbered prose, issued in a section of its own:

    memorandum:
      title: {en: Explanatory memorandum}      # optional: the layout's heading otherwise
      symbol: C-III/143/M                      # optional: the draft's symbol with /DR as /M
      paragraphs:
        - {en: "The draft resolution builds on …", fr: "Le projet de résolution …"}
"""

from __future__ import annotations

from typing import Any

from draftkit.errors import InputError, Location
from draftkit.inline import CROSSREF, FOOTNOTE
from draftkit.loading import keys
from draftkit.loading.fields import Fields, check_text, normalize_space, read_by_language
from draftkit.loading.paragraphs import check_footnote_calls, read_footnotes
from draftkit.loading.yamlsource import LocatedList
from draftkit.model import Annex, AnnexItem, AnnexTable, AnnexText, Memorandum


def read_annexes(fields: Fields) -> tuple[Annex, ...]:
    """The draft's `annexes:` list (none when absent)."""
    return tuple(read_annex(item, where, number) for number, (item, where) in
                 enumerate(fields.items("annexes"), start=1))


def read_annex(item: Any, where: Location, number: int) -> Annex:
    what = f"annex {number}"
    fields = Fields(item, where, what, keys.ANNEX)
    title = fields.by_language("title")
    _no_markup_atoms(title, fields.where("title"), f"the title of {what}")
    items: list[AnnexItem] = []
    for position, (content, at) in enumerate(fields.items("content"), start=1):
        items.append(_item(content, at, f"item {position} of {what}"))
    fields.finish()
    return Annex(title=title, items=tuple(items), location=where)


def read_memorandum(fields: Fields) -> Memorandum | None:
    """The draft's `memorandum:` (|None| when absent)."""
    memo = fields.mapping("memorandum", "the memorandum")
    if memo is None:
        return None
    where = fields.where("memorandum")
    title = memo.by_language("title", required=False)
    _no_markup_atoms(title, memo.where("title"), "the title of the memorandum")
    symbol = memo.text("symbol", required=False, default="") or ""
    paragraphs = []
    for number, (item, at) in enumerate(memo.items("paragraphs"), start=1):
        text = read_by_language(item, at, f"paragraph {number} of the memorandum")
        _no_markup_atoms(text, at, f"paragraph {number} of the memorandum")
        paragraphs.append(text)
    memo.finish()
    if not paragraphs:
        raise InputError("the memorandum has no paragraphs", where=where,
                         fix="give 'paragraphs:' a list of texts, e.g. '- {en: …, fr: …}', or remove 'memorandum:'")
    return Memorandum(tuple(paragraphs), title, symbol, location=where)


def _item(content: Any, where: Location, what: str) -> AnnexItem:
    fields = Fields(content, where, what, keys.ANNEX_ITEM)
    given = [key for key in ("text", "table") if fields.has(key) and content[key] is not None]
    if len(given) != 1:
        raise InputError(f"{what} must be either 'text:' or 'table:'", where=where,
                         fix="write one paragraph ('text: {en: …}') or one table ('table: …') per item")
    if given == ["text"]:
        text = fields.by_language("text")
        footnotes = read_footnotes(fields, what)
        check_footnote_calls(what, where, footnotes, [text])
        fields.finish()
        return AnnexText(text, footnotes, location=where)
    table = fields.mapping("table", f"the table of {what}", required=True)
    assert table is not None
    header_rows = table.integer("header_rows", required=False, default=0) or 0
    rows: dict[str, tuple[tuple[str, ...], ...]] = {}
    for lang in [k for k in table.data if k != "header_rows"]:
        rows[lang] = _rows(table, lang, f"the {lang!r} rows of {what}")
    table.finish()
    fields.finish()
    if not rows:
        raise InputError(f"the table of {what} has no rows", where=where,
                         fix="give each language's rows, e.g. 'en: [[State, Date], [Chile, 1990]]'")
    if header_rows > min(len(r) for r in rows.values()):
        raise InputError(f"the table of {what} has fewer rows than its {header_rows} header rows", where=where)
    return AnnexTable(rows, header_rows, location=where)


def _rows(table: Fields, lang: str, what: str) -> tuple[tuple[str, ...], ...]:
    """One language's rows: a list of rows, each a list of cell texts (a lone text is one cell)."""
    out = []
    for row, at in table.items(lang):
        cells = row if isinstance(row, list) else [row]
        where = at if not isinstance(row, LocatedList) else row.location
        texts = []
        for cell in cells:
            if cell is None:
                cell = ""
            if isinstance(cell, bool) or not isinstance(cell, (str, int, float)):
                raise InputError(f"a cell of {what} must be text", where=where,
                                 fix="write each row as a list of texts, e.g. [Chile, '13 August 1990']")
            text = check_text(normalize_space(str(cell)), where)
            _no_markup_atoms({lang: text}, where, f"a cell of {what}")
            texts.append(text)
        out.append(tuple(texts))
    return tuple(out)


def _no_markup_atoms(text: dict[str, str], where: Location, what: str) -> None:
    """Refuse a footnote call or cross-reference where an annex cannot hold one (a title, a table cell)."""
    for lang, value in text.items():
        if FOOTNOTE.search(value) or CROSSREF.search(value):
            memorandum = "memorandum" in what
            held = "the memorandum cannot hold" if memorandum else "only an annex paragraph can hold"
            raise InputError(f"{what} ({lang}) has a footnote call or a cross-reference, which {held}", where=where,
                             fix="write the note or the paragraph number as text"
                             + ("" if memorandum else ", or put it in a 'text:' item"))
