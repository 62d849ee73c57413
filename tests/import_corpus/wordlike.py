"""A DOCX written again the way Microsoft Word writes what it saves: rsid attributes on every
paragraph and run, runs split inside words (Word cuts a run wherever an edit session,
spell-check or formatting once touched it), proofing marks, a `_GoBack` bookmark inside a
word, smart tags, rendered page-break marks, and cross-reference numbers as REF fields
whose result Word updated. None of this changes the text a reader sees.

    as_word_saves_it(source, target, fields={"paragraph 2 above": ("2", "3")}, plain_moves=True)

`fields` turns the number inside each quoted phrase into a REF field showing the second
value (a field updated after paragraphs moved): the file's words then differ from the
draft's there, as field results do. `plain_moves` writes tracked moves as Word records a cut
and paste when move tracking is off (or the moved text was edited): a plain deletion
(`w:del`, `w:delText`) where the text was and a plain insertion (`w:ins`) where it went.
"""

from __future__ import annotations

import random
import zipfile
from copy import deepcopy
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def as_word_saves_it(source: Path, target: Path, *, fields: dict[str, tuple[str, str]] | None = None,
                     plain_moves: bool = False, seed: int = 7) -> Path:
    """Write `source` to `target` with Word's markup added (see the module docstring)."""
    rnd = random.Random(seed)
    with zipfile.ZipFile(source) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(w("body"))
    for phrase, (shown, result) in (fields or {}).items():
        _as_field(body, phrase, shown, result)
    if plain_moves:
        plain_moves(body)
    for run in list(body.iter(w("r"))):
        _split(run, rnd)
    paragraphs = list(body.iter(w("p")))
    for number, p in enumerate(paragraphs):
        rsid = f"00{rnd.randrange(16 ** 6):06X}"
        p.set(w("rsidR"), rsid)
        p.set(w("rsidRDefault"), rsid)
        p.set(w("rsidP"), rsid)
        for run in p.iter(w("r")):
            run.set(w("rsidR"), f"00{rnd.randrange(16 ** 6):06X}")
        runs = [r for r in p if r.tag == w("r")]
        if len(runs) >= 3 and number % 3 == 0:
            start = etree.Element(w("proofErr"))
            start.set(w("type"), "spellStart")
            end = etree.Element(w("proofErr"))
            end.set(w("type"), "spellEnd")
            runs[1].addprevious(start)
            runs[1].addnext(end)
        if len(runs) >= 4 and number % 4 == 1:
            tag = etree.Element(w("smartTag"))
            tag.set(w("uri"), "urn:schemas-microsoft-com:office:smarttags")
            tag.set(w("element"), "place")
            runs[2].addprevious(tag)
            tag.append(runs[2])
        if runs and number % 5 == 2:
            runs[0].insert(1 if runs[0].find(w("rPr")) is not None else 0, etree.Element(w("lastRenderedPageBreak")))
    # Word's _GoBack bookmark, where the cursor last was: inside a word
    inside = next((p for p in paragraphs if len([r for r in p if r.tag == w("r")]) > 4), None)
    if inside is not None:
        runs = [r for r in inside if r.tag == w("r")]
        start = etree.Element(w("bookmarkStart"))
        start.set(w("id"), "0")
        start.set(w("name"), "_GoBack")
        end = etree.Element(w("bookmarkEnd"))
        end.set(w("id"), "0")
        runs[3].addprevious(start)
        runs[3].addprevious(end)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return target


def _split(run: etree._Element, rnd: random.Random) -> None:
    """Cut a run's text into two or three runs of the same properties, often inside a word."""
    texts = [c for c in run if c.tag in (w("t"), w("delText"))]
    if len(texts) != 1 or len(run) > 2 or len(texts[0].text or "") < 6:
        return
    text = texts[0].text or ""
    cuts = sorted(rnd.sample(range(1, len(text)), k=min(2, len(text) - 1)))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
    texts[0].text = pieces[0]
    texts[0].set(XML_SPACE, "preserve")
    anchor = run
    for piece in pieces[1:]:
        copy = deepcopy(run)
        for child in copy:
            if child.tag in (w("t"), w("delText")):
                child.text = piece
                child.set(XML_SPACE, "preserve")
        anchor.addnext(copy)
        anchor = copy


def _as_field(body: etree._Element, phrase: str, shown: str, result: str) -> None:
    """Make `shown` inside the first paragraph reading `phrase` a REF field with `result`."""
    for p in body.iter(w("p")):
        for run in p.iter(w("r")):
            t = run.find(w("t"))
            if t is None or phrase not in (t.text or ""):
                continue
            text = t.text or ""
            at = text.index(phrase) + phrase.index(shown)
            before, after = text[:at], text[at + len(shown):]
            t.text = before
            t.set(XML_SPACE, "preserve")
            pieces = [("fldChar", "begin"), ("instrText", " REF _Ref70000001 \\r \\h "), ("fldChar", "separate"),
                      ("t", result), ("fldChar", "end"), ("t", after)]
            anchor = run
            for tag, value in pieces:
                made = deepcopy(run)
                for child in list(made):
                    if child.tag != w("rPr"):
                        made.remove(child)
                element = etree.SubElement(made, w(tag))
                if tag == "fldChar":
                    element.set(w("fldCharType"), value)
                else:
                    element.text = value
                    element.set(XML_SPACE, "preserve")
                anchor.addnext(made)
                anchor = made
            return


def plain_moves(body: etree._Element) -> None:
    """Tracked moves as a plain deletion and insertion: w:moveFrom → w:del (its text as
    w:delText), w:moveTo → w:ins, the move range marks gone."""
    for tag in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd"):
        for mark in list(body.iter(w(tag))):
            mark.getparent().remove(mark)
    for element in list(body.iter(w("moveFrom"), w("moveTo"))):
        deleted = element.tag == w("moveFrom")
        element.tag = w("del") if deleted else w("ins")
        if deleted:
            for text in element.iter(w("t")):
                text.tag = w("delText")
