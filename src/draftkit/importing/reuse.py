"""Stable ids for a draft imported into an existing project: each imported paragraph is
paired with the paragraph of the latest draft (as rendered) or the library clause whose text
is the same after normalization, else very similar; only the rest are new. Knows model
values and the rendered tree; no Word, no YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Iterable

from draftkit.importing.values import ImportedAnnexText, ImportedDraft, ImportedParagraph, ImportedSub
from draftkit.inline import FOOTNOTE, strip_markup
from draftkit.model import Clause, Draft, Kind, Library, Paragraph, SubParagraph
from draftkit.render.typography import NBSP, NNBSP, strip_final

#: How alike two texts must be (difflib ratio) for an edited paragraph to keep its id.
SIMILAR = 0.75

_SPACE = re.compile(f"[\\s{NBSP}{NNBSP}]+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


@dataclass(frozen=True)
class Existing:
    """A paragraph the project already has: one of the latest draft's, or a library clause."""

    id: str
    kind: Kind
    signature: str
    paragraph: Paragraph | None = None  # from the latest draft
    clause: Clause | None = None  # from a library

    def overlaps(self, other: Existing) -> bool:
        """Return whether taking `other` uses this one up: the same id, or a library clause
        and a draft paragraph that continues it (one paragraph, which only one import may keep)."""
        def continues(p: Existing, c: Existing) -> bool:
            return c.clause is not None and p.paragraph is not None and p.paragraph.clause == c.id

        return self.id == other.id or continues(self, other) or continues(other, self)


@dataclass(frozen=True)
class Match:
    existing: Existing
    exact: bool  # same text after normalization: the existing paragraph is kept as it is


def signature(pieces: Iterable[str], notes: Iterable[str] = ()) -> str:
    """Return the text a reader sees, normalized: spaces, quotes, French spacing, footnote
    calls and each piece's final punctuation do not count; footnote texts do."""
    def norm(text: str) -> str:
        text = _SPACE.sub(" ", FOOTNOTE.sub("", text).translate(_QUOTES))
        text = re.sub(r" ([;:!?»])", r"\1", text).replace("« ", "«")
        return strip_final(text.strip())

    return " | ".join(n for n in map(norm, pieces) if n) + " || " + " | ".join(n for n in map(norm, notes) if n)


def match_existing(imported: ImportedDraft, latest: Draft | None, library: Library,
                   templates=None) -> list[Match | None]:
    """Return, for each imported paragraph (preambular then operative), the existing
    paragraph it continues, or |None| for a new one. Exact matches first, in order; then
    the most similar pairs of the same kind (ratio ≥ `SIMILAR`); each existing one is used once."""
    existing = _existing(latest, library, imported.language, templates)
    paragraphs = [*imported.preambular, *imported.operative]
    wanted = [_imported_signature(p, imported) for p in paragraphs]
    out: list[Match | None] = [None] * len(paragraphs)
    free = list(existing)
    for i, (paragraph, sig) in enumerate(zip(paragraphs, wanted)):
        found = next((e for e in free if e.kind is paragraph.kind and e.signature == sig), None)
        if found is not None:
            out[i] = Match(found, exact=True)
            free = [e for e in free if not e.overlaps(found)]
    pairs = []
    for i, paragraph in enumerate(paragraphs):
        if out[i] is not None:
            continue
        for e in free:
            if e.kind is paragraph.kind:
                matcher = SequenceMatcher(None, wanted[i], e.signature, autojunk=False)
                if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR:
                    ratio = matcher.ratio()
                    if ratio >= SIMILAR:
                        pairs.append((ratio, i, e))
    taken: list[Existing] = []
    for _, i, e in sorted(pairs, key=lambda p: -p[0]):
        if out[i] is None and not any(e.overlaps(t) for t in taken):
            out[i] = Match(e, exact=False)
            taken.append(e)
    return out


def _imported_signature(paragraph: ImportedParagraph, imported: ImportedDraft) -> str:
    """The signature of an imported paragraph, its cross-references read as a build prints them."""
    from draftkit.importing.references import reads_as

    def words(text: str) -> str:
        return reads_as(text, imported.operative, paragraph.index, imported.language)

    def subs(items: tuple[ImportedSub, ...]) -> list[str]:
        return [t for s in items for t in (words(s.text), *subs(s.children))]

    return signature([f"{paragraph.opening} {words(paragraph.text)}", *subs(paragraph.subparagraphs)],
                     [text for _, text in paragraph.footnotes])


def _existing(latest: Draft | None, library: Library, lang: str, templates) -> list[Existing]:
    """The latest draft's paragraphs that have `lang` text (rendered in `lang`, even when
    the draft does not list that language), then every library clause with `lang` text,
    those the draft uses included: a paragraph edited in another language may still match
    its clause in this one."""
    out: list[Existing] = []
    if latest is not None:
        rendered = _rendered(latest, lang, templates)
        for p in latest.paragraphs():
            if p.id in rendered and lang in p.text:
                out.append(Existing(p.id, p.kind, rendered[p.id], paragraph=p))
    for clause in library.clauses.values():
        if lang in clause.text:
            out.append(Existing(clause.id, clause.kind, _model_signature(clause, lang), clause=clause))
    return out


def _rendered(draft: Draft, lang: str, templates) -> dict[str, str]:
    """Paragraph id → signature of its rendered blocks (numbers and cross-references as shown)."""
    from draftkit.render.layout import LayoutOptions, layout
    from draftkit.render.tree import Role

    tree = layout(draft, lang, LayoutOptions(templates=templates))
    notes = {f.number: "".join(r.text for r in f.runs) for f in tree.footnotes}
    pieces: dict[str, list[str]] = {}
    calls: dict[str, list[str]] = {}
    for block in tree.blocks:
        if block.role in (Role.PREAMBULAR, Role.OPERATIVE, Role.SUBPARAGRAPH) and block.key:
            pid = block.key.split("/")[0]
            pieces.setdefault(pid, []).append(block.text)
            calls.setdefault(pid, []).extend(notes.get(r.footnote, "") for r in block.runs if r.footnote)
    return {pid: signature(texts, calls[pid]) for pid, texts in pieces.items()}


def annex_signatures(draft: Draft, lang: str, templates=None) -> list[str]:
    """The signature of each annex paragraph of `draft` as rendered in `lang` (cross-references
    as shown, its notes' texts), in order through all annexes."""
    from draftkit.render.layout import LayoutOptions, layout
    from draftkit.render.tree import Role

    tree = layout(draft, lang, LayoutOptions(templates=templates))
    notes = {f.number: "".join(r.text for r in f.runs) for f in tree.footnotes}
    return [signature([block.text], [notes.get(r.footnote, "") for r in block.runs if r.footnote])
            for block in tree.blocks if block.role is Role.ANNEX and block.table is None]


def imported_annex_signature(item: ImportedAnnexText, imported: ImportedDraft) -> str:
    """The signature of an imported annex paragraph, its cross-references read as a build
    prints them, to compare with `annex_signatures`."""
    from draftkit.importing.references import reads_as

    text = reads_as(item.text, imported.operative, item.index, imported.language)
    return signature([strip_markup(text)], [strip_markup(note) for _, note in item.footnotes])


def _model_signature(clause: Clause, lang: str) -> str:
    def subs(items: tuple[SubParagraph, ...]) -> list[str]:
        return [t for s in items for t in (strip_markup(s.text.get(lang, "")), *subs(s.children))]

    opening = clause.opening.get(lang, "")
    return signature([f"{opening} {strip_markup(clause.text[lang])}", *subs(clause.subparagraphs)],
                     [f.text.get(lang, "") for f in clause.footnotes])
