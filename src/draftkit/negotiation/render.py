"""The two editions of a draft under negotiation: the negotiation version (brackets kept,
alternatives labelled, their holders named, optionally a status column) and the clean
version (no labels, no column; refused while brackets remain unless asked).

Works on the model (a negotiation text is still a draft text, written in inline markup)
and, for the status column, on the DOCX parts `render.docx` made. Knows no YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from draftkit.errors import InputError
from draftkit.inline import escape
from draftkit.model import Draft, Paragraph, Standing, SubParagraph
from draftkit.negotiation.brackets import BracketError, bracketed, groups, paragraph_texts
from draftkit.negotiation.words import words_for


@dataclass(frozen=True)
class Edition:
    """Which version of the draft to render: `negotiation` labels alternatives and names
    holders; `status_column` adds each paragraph's standing beside it; `keep_brackets`
    lets a clean version print brackets as they are instead of refusing."""

    negotiation: bool = False
    status_column: bool = False
    keep_brackets: bool = False

    @property
    def suffix(self) -> str:
        """What output file names add: '-negotiation' for the negotiation version."""
        return "-negotiation" if self.negotiation or self.status_column else ""


CLEAN = Edition()


def refuse_brackets(draft: Draft, languages: tuple[str, ...] | list[str]) -> None:
    """Raise `InputError` naming every paragraph that still holds brackets in `languages`:
    a clean version is what is adopted, and it has none."""
    labels = draft.labels()
    held = [labels[p.id] for p in draft.paragraphs()
            if any(bracketed(text) for lang in languages for text in paragraph_texts(p, lang))]
    if held:
        count = len(held)
        raise InputError(
            f"{count} paragraph{'s' if count != 1 else ''} still hold{'s' if count == 1 else ''} bracketed words: "
            + ", ".join(held),
            where=draft.path,
            fix="build the negotiation version with --negotiation, or print the brackets as they are with "
                "--keep-brackets",
        )


def negotiation_draft(draft: Draft, language: str) -> Draft:
    """`draft` with every bracketed group of its paragraphs written as negotiators read it
    in `language`: alternatives labelled ("[*Alt 1:* shall] [*Alt 2:* may]") and each
    alternative's holders after its words ("*(Kenya)*")."""
    return replace(draft, preambular=tuple(_paragraph(p, language) for p in draft.preambular),
                   operative=tuple(_paragraph(p, language) for p in draft.operative))


def _paragraph(paragraph: Paragraph, language: str) -> Paragraph:
    counter = [0]
    holders = [group.alternatives for group in paragraph.brackets]

    def rewrite(text: str) -> str:
        return _labelled(text, language, holders, counter)

    opening = dict(paragraph.opening)
    text = dict(paragraph.text)
    if language in opening:
        opening[language] = rewrite(opening[language])
    if language in text:
        text[language] = rewrite(text[language])
    return replace(paragraph, opening=opening, text=text,
                   subparagraphs=tuple(_sub(s, rewrite, language) for s in paragraph.subparagraphs))


def _sub(sub: SubParagraph, rewrite, language: str) -> SubParagraph:
    text = dict(sub.text)
    if language in text:
        text[language] = rewrite(text[language])
    return replace(sub, text=text, children=tuple(_sub(c, rewrite, language) for c in sub.children))


def _labelled(text: str, language: str, holders: list, counter: list[int]) -> str:
    """`text` with its groups labelled; `counter` numbers groups across the paragraph's texts
    (the order `brackets:` follows). Unpaired brackets are left as written (`check` says so)."""
    try:
        found = groups(text)
    except BracketError:
        return text
    words = words_for(language)
    pieces: list[str] = []
    position = 0
    for group in found:
        index = counter[0]
        counter[0] += 1
        pieces.append(text[position:group.start])
        held = holders[index] if index < len(holders) else ()
        alternatives = []
        for number, alternative in enumerate(group.alternatives, start=1):
            label = f"*{words.alternative} {number}:* " if len(group.alternatives) > 1 else ""
            who = held[number - 1] if number - 1 < len(held) else ()
            names = f" *({escape(', '.join(who))})*" if who else ""
            alternatives.append(f"[{label}{alternative.inner}{names}]")
        pieces.append(" ".join(alternatives))
        position = group.end
    pieces.append(text[position:])
    return "".join(pieces)


def status_label(paragraph: Paragraph, language: str) -> str:
    """The paragraph's standing in `language`, as the status column shows it ('' unmarked);
    a paragraph holding brackets says so."""
    words = words_for(language)
    label = words.standings.get(paragraph.status.value, "") if paragraph.status else ""
    if any(bracketed(t) for t in paragraph_texts(paragraph, language)):
        label = f"{label} — {words.bracketed}" if label else words.bracketed
    return label


# --- the status column (DOCX) ---------------------------------------------------------------

_BODY = re.compile(r"(<w:body>)(.*?)(<w:sectPr\b.*</w:body>|</w:body>)", re.S)
_PARAGRAPH = re.compile(r"<w:p\b.*?</w:p>|<w:p\s*/>", re.S)


def with_status_column(document: str, keys: list[str], draft: Draft, language: str) -> str:
    """document.xml with the resolution's paragraphs set in a two-column table: each
    paragraph (with its sub-paragraphs) in the first cell, its standing in the second.

    `keys` gives, per body paragraph of `document` in order, the paragraph id its block
    belongs to ('' for the heading and closing lines, which stay outside the table)."""
    from draftkit.render.docx import escape as xml_escape

    match = _BODY.search(document)
    if match is None:
        return document
    paragraphs = _PARAGRAPH.findall(match.group(2))
    if len(paragraphs) != len(keys):  # not the document the keys describe: leave it alone
        raise RuntimeError(f"status column: {len(paragraphs)} paragraphs for {len(keys)} blocks")
    by_id = draft.by_id()
    words = words_for(language)
    rows: list[tuple[str, list[str]]] = []
    before: list[str] = []
    after: list[str] = []
    for xml, key in zip(paragraphs, keys):
        if not key:
            (after if rows else before).append(xml)
            continue
        if after:  # a line between two paragraphs stays with the one before it
            rows[-1][1].extend(after)
            after = []
        if rows and rows[-1][0] == key:
            rows[-1][1].append(xml)
        else:
            rows.append((key, [xml]))
    if not rows:
        return document

    def cell(content: str, width: int) -> str:
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="pct"/></w:tcPr>{content}</w:tc>'

    def label(text: str, bold: bool = False) -> str:
        run = f"<w:rPr><w:b/></w:rPr>" if bold else ""
        return f'<w:p><w:r>{run}<w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r></w:p>'

    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
    borders = "".join(border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    table = ['<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/>'
             f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
             '<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
             'w:noHBand="1" w:noVBand="1"/></w:tblPr>'
             '<w:tblGrid><w:gridCol w:w="7200"/><w:gridCol w:w="2200"/></w:tblGrid>',
             '<w:tr><w:trPr><w:tblHeader/></w:trPr>' + cell(label(words.text_column, True), 3830)
             + cell(label(words.status_column, True), 1170) + "</w:tr>"]
    for key, xml in rows:
        paragraph = by_id.get(key)  # type: ignore[call-overload]
        status = status_label(paragraph, language) if paragraph is not None else ""
        table.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + cell("".join(xml), 3830)
                     + cell(label(status), 1170) + "</w:tr>")
    table.append("</w:tbl>")
    body = "".join(before) + "".join(table) + "".join(after)
    return document[: match.start(2)] + body + document[match.end(2):]
