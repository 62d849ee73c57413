"""Draft + language → DocTree: heading from the template, paragraphs with punctuation by
rule, footnotes numbered through the document, cross-references resolved.

Knows the drafting conventions of resolutions; knows no Word XML and no YAML.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from draftkit.errors import InputError, Location, UnknownReference, did_you_mean
from draftkit.languages import language as language_data
from draftkit.inline import CrossRef, FootnoteCall, Plain, Style, StyledText, segments
from draftkit.model import (Annex, AnnexText, Body, Draft, Kind, Memorandum, Paper, Paragraph, SubParagraph,
                            subparagraph_label)
from draftkit.render.heading import Line, heading_lines
from draftkit.render.ibid import ibid
from draftkit.render.tree import Block, DocTree, FootnoteBody, PageSetup, Role, Run, Table, styled_run
from draftkit.render.typography import mark_after, strip_final, typeset
from draftkit.records import record

@record
class LayoutOptions:
    """Choices that change the document: numbered preamble, a project's templates, and
    the paper (|None|: US Letter for the UN General Assembly in New York, A4 otherwise)."""

    number_preambular: bool = False
    templates: Path | None = None
    paper: Paper | None = None


def runs_of(text: StyledText, language: str) -> list[Run]:
    """Runs of styled text typeset for `language`, one per stretch of one style."""
    return [styled_run(piece, style) for piece, style in typeset(text, language).pieces() if piece]


def styled_text(text: str, resolve=None, base: Style = Style.NONE) -> StyledText:
    """The visible text of markup `text` (footnote calls dropped, cross-references read
    through `resolve`, or as written), each character with its style plus `base`."""
    out: list[tuple[str, Style]] = []
    for segment in segments(text):
        if isinstance(segment, Plain):
            out.append((segment.text, segment.style | base))
        elif isinstance(segment, CrossRef):
            out.append((resolve(segment) if resolve else f"{{{segment.form}:{segment.target}}}", segment.style | base))
    return StyledText.join(out)


class _Footnotes:
    """Numbers footnote calls in reading order, continuously through the document."""

    def __init__(self, language: str):
        self.language = language
        self.bodies: list[FootnoteBody] = []
        self.previous: tuple[str | None, StyledText] | None = None  # the last note's source and text

    def call(self, owner: Paragraph | AnnexText, key: str, resolve, name: str = "") -> Run:
        """The numbered call of `owner`'s footnote `key` (`name` says who owns it in an error)."""
        footnote = owner.footnote(key)
        if footnote is None:  # the loaders refuse this; a hand-built draft may not
            who = name or (f"paragraph {owner.id!r}" if isinstance(owner, Paragraph) else "an annex")
            raise UnknownReference(f"{who} calls undefined footnote [^{key}]", where=owner.location)
        number = len(self.bodies) + 1
        text = styled_text(footnote.text[self.language], resolve)
        shown = text
        if footnote.source is not None and self.previous is not None and self.previous[0] == footnote.source:
            shown = ibid(self.previous[1], text, self.language) or text
        self.previous = (footnote.source, text)
        self.bodies.append(FootnoteBody(number, tuple(runs_of(shown, self.language))))
        return Run(footnote=number)


class _Layout:
    def __init__(self, draft: Draft, language: str, options: LayoutOptions):
        self.draft = draft
        self.language = language
        self.data = language_data(language)
        self.options = options
        self.footnotes = _Footnotes(language)
        self.order = {p.id: index for index, p in enumerate(draft.paragraphs())}
        self.labels = draft.labels()

    def tree(self) -> DocTree:
        meta = self.draft.meta
        lines = heading_lines(meta, self.language, self.options.templates, self.draft.memorandum)
        blocks: list[Block] = []
        regions: dict[str, list[Block]] = {}
        memorandum_heads: dict[str, list[Block]] = {}
        for line in lines:
            if line.memorandum:
                if line.region:
                    memorandum_heads.setdefault(line.region, []).append(self.line_block(line))
                continue
            if line.region:
                regions.setdefault(line.region, []).append(self.line_block(line))
                continue
            if line.role is Role.CLOSING:
                continue
            text = line.text
            if line.role is Role.AUTHORING:
                text = strip_final(meta.authoring.get(self.language, text))
                if self.draft.preambular:
                    # the organ line takes a comma only when a preamble follows
                    text += self.data.punctuation.authoring
            blocks.append(self.line_block(line, text))
        number_pp = self.options.number_preambular or meta.number_preambular
        for paragraph in self.draft.preambular:
            blocks.extend(self.paragraph(paragraph, ",", numbered=number_pp))
        operative = self.draft.operative
        for index, paragraph in enumerate(operative):
            final = "." if index == len(operative) - 1 else ";"
            # a single operative paragraph is not numbered (UN Editorial Manual)
            blocks.extend(self.paragraph(paragraph, final, numbered=len(operative) > 1))
        blocks.extend(self.line_block(line) for line in lines if line.role is Role.CLOSING and not line.region)
        for number, annex in enumerate(self.draft.annexes, start=1):
            blocks.extend(self.annex(annex, number))
        if self.draft.memorandum is not None:
            blocks.extend(self.memorandum(self.draft.memorandum,
                                          [line for line in lines if line.memorandum and not line.region]))
        paper = self.options.paper or (Paper.LETTER if meta.body is Body.UN_GENERAL_ASSEMBLY else Paper.A4)
        return DocTree(
            language=self.language,
            blocks=tuple(blocks),
            footnotes=tuple(self.footnotes.bodies),
            title=meta.title.get(self.language, ""),
            created=datetime(meta.date.year, meta.date.month, meta.date.day, tzinfo=timezone.utc),
            page=PageSetup(paper.value, tuple((name, tuple(found)) for name, found in regions.items()),
                           body=meta.body.value,
                           after_break=tuple((name, tuple(found)) for name, found in memorandum_heads.items())),
        )

    def annex(self, annex: Annex, number: int) -> list[Block]:
        """An annex's title, then its paragraphs and tables as written (no punctuation by rule);
        a paragraph's footnotes are numbered on from the resolution's, its cross-references
        read from after the resolution's last paragraph ('paragraph 5 above')."""
        def runs(text: str, base: Style = Style.NONE) -> tuple[Run, ...]:
            return tuple(runs_of(styled_text(text, base=base), self.language))

        blocks = [Block(Role.ANNEX_TITLE, runs(annex.title.get(self.language, "")))]
        for item in annex.items:
            if isinstance(item, AnnexText):
                name = f"annex {number}"

                def resolve(ref: CrossRef) -> str:
                    return self.crossref(None, ref, name=name, where=item.location)

                pieces = self.pieces(item.text.get(self.language, ""), "", resolve)
                blocks.append(Block(Role.ANNEX, tuple(self.runs(pieces, item, resolve, name))))
                continue
            rows = item.rows.get(self.language, ())
            table = Table(tuple(tuple(runs(cell, Style.BOLD if number < item.header_rows else Style.NONE)
                                      for cell in row) for number, row in enumerate(rows)), item.header_rows)
            blocks.append(Block(Role.ANNEX, (Run(table.flattened()),), table=table))
        return blocks

    def memorandum(self, memorandum: Memorandum, heading: list[Line]) -> list[Block]:
        """The explanatory memorandum: a section of its own (a new page), the template's
        memorandum heading (its title alone when the template has none), then its
        paragraphs numbered 1, 2, … as written (no punctuation by rule)."""
        blocks = [Block(Role.SECTION_BREAK, ())]
        if heading:
            blocks.extend(self.line_block(line) for line in heading)
        else:
            title = memorandum.title.get(self.language) or self.data.label("heading", "memorandum")
            blocks.append(Block(Role.TITLE, tuple(runs_of(styled_text(title), self.language))))
        for number, text in enumerate(memorandum.paragraphs, start=1):
            runs = tuple(runs_of(styled_text(text.get(self.language, "")), self.language))
            blocks.append(Block(Role.MEMORANDUM, runs, key=f"memorandum/{number}", label=f"M{number}",
                                numbered=True, style="memorandum"))
        return blocks

    def line_block(self, line: Line, text: str | None = None) -> Block:
        """A template line as a block: its markup and typography, its style and column."""
        runs = runs_of(styled_text(line.text if text is None else text), self.language)
        return Block(line.role, tuple(runs), style=line.style, column=line.column)

    def paragraph(self, paragraph: Paragraph, final: str, *, numbered: bool) -> list[Block]:
        """The paragraph's block and its sub-paragraphs' blocks, punctuated by rule."""
        role = Role.PREAMBULAR if paragraph.kind is Kind.PREAMBULAR else Role.OPERATIVE
        label = self.labels[paragraph.id]
        runs: list[Run] = []
        opening = paragraph.opening.get(self.language, "")
        if opening:
            base = Style.ITALIC if self.data.italic_openings else Style.NONE
            runs.extend(runs_of(styled_text(opening, base=base), self.language))
        text = paragraph.text[self.language]
        ending = ":" if paragraph.subparagraphs else final
        runs.extend(self.text_runs(paragraph, text, ending, lead=self.data.word_gap if opening else ""))
        blocks = [Block(role, tuple(runs), key=paragraph.id, label=label, numbered=numbered)]
        leaves = _leaf_count(paragraph.subparagraphs)
        blocks.extend(self.subparagraphs(paragraph, paragraph.subparagraphs, 1, label, paragraph.id,
                                         final, [leaves]))
        return blocks

    def subparagraphs(self, paragraph: Paragraph, subs: tuple[SubParagraph, ...], level: int, label: str,
                      key: str, final: str, remaining: list[int]) -> list[Block]:
        """Blocks for `subs`: ':' before children, ';' after leaves, `final` on the very last leaf."""
        blocks: list[Block] = []
        for index, sub in enumerate(subs):
            sub_label = f"{label}({subparagraph_label(index, level)})"
            sub_key = f"{key}/{sub.id}"
            if sub.children:
                ending = ":"
            else:
                remaining[0] -= 1
                ending = final if remaining[0] == 0 else ";"
            runs = self.text_runs(paragraph, sub.text[self.language], ending, lead="")
            blocks.append(Block(Role.SUBPARAGRAPH, tuple(runs), key=sub_key, label=sub_label,
                                level=level, numbered=True))
            blocks.extend(self.subparagraphs(paragraph, sub.children, level + 1, sub_label, sub_key,
                                             final, remaining))
        return blocks

    def text_runs(self, paragraph: Paragraph, text: str, ending: str, *, lead: str) -> list[Run]:
        """Runs of `text` ending with `ending`; a footnote call at the very end goes after
        the mark in English and before it in French (the language's `footnote_call`)."""
        def resolve(ref: CrossRef) -> str:
            return self.crossref(paragraph, ref)

        merged = self.pieces(text, lead, resolve)
        trailing: list[FootnoteCall] = []
        while merged:
            last = merged[-1]
            if isinstance(last, FootnoteCall):
                trailing.insert(0, merged.pop())  # type: ignore[arg-type]
            elif not strip_final(last.text) and (trailing or not last.text):
                merged.pop()  # only spaces or punctuation between the text and its calls
            else:
                merged[-1] = last[: len(strip_final(last.text))]
                break
        # an abbreviation's full stop ("etc.") is also the resolution's last one
        text_end = merged[-1].text if merged and isinstance(merged[-1], StyledText) else ""
        final_mark = StyledText.of(mark_after(text_end, ending, self.language))
        if self.data.punctuation.footnote_call == "before":
            merged.extend(trailing)
            merged.append(final_mark)
        elif merged and isinstance(merged[-1], StyledText):
            merged[-1] = merged[-1] + final_mark
            merged.extend(trailing)
        else:
            merged.append(final_mark)
            merged.extend(trailing)
        return self.runs(merged, paragraph, resolve)

    def pieces(self, text: str, lead: str, resolve) -> list[StyledText | FootnoteCall]:
        """Markup `text` after `lead` as styled text and footnote calls, cross-references read
        through `resolve`; adjacent text is joined so typography sees whole words around
        marks and references."""
        merged: list[StyledText | FootnoteCall] = [StyledText.of(lead)]
        for segment in segments(text):
            if isinstance(segment, FootnoteCall):
                merged.append(segment)
                continue
            shown = segment.text if isinstance(segment, Plain) else resolve(segment)
            piece = StyledText.of(shown, segment.style)
            if isinstance(merged[-1], StyledText):
                merged[-1] = merged[-1] + piece
            else:
                merged.append(piece)
        return merged

    def runs(self, pieces: list[StyledText | FootnoteCall], owner: Paragraph | AnnexText, resolve,
             name: str = "") -> list[Run]:
        """Runs of `pieces`, each footnote call numbered in sequence (`owner` holds the notes)."""
        runs: list[Run] = []
        for piece in pieces:
            if isinstance(piece, FootnoteCall):
                runs.append(self.footnotes.call(owner, piece.key, resolve, name))
                continue
            for run in runs_of(piece, self.language):
                if runs and runs[-1].footnote is None and runs[-1].style == run.style:
                    runs[-1] = replace(runs[-1], text=runs[-1].text + run.text)
                else:
                    runs.append(run)
        return runs

    def crossref(self, paragraph: Paragraph | None, ref: CrossRef, *, name: str = "",
                 where: Location | None = None) -> str:
        """Return the words for `{ref:ID}` or `{num:ID}` in this draft's current order, as read
        from `paragraph` (|None|: from after the resolution, in an annex `name`)."""
        by_id = self.draft.by_id()
        target = by_id.get(ref.target)  # type: ignore[call-overload]
        who = f"paragraph {paragraph.id!r}" if paragraph is not None else name
        where = paragraph.location if paragraph is not None else where
        if target is None:
            raise UnknownReference(
                f"{who} refers to unknown paragraph {ref.target!r}", where=where,
                fix=did_you_mean(ref.target, by_id) or "use the id of a paragraph of this draft",
            )
        if target.kind is Kind.PREAMBULAR:
            raise InputError(
                f"{who} refers to preambular paragraph {ref.target!r}, which has no number", where=where,
                fix="refer to operative paragraphs only, or quote the preambular text",
            )
        number = self.draft.number(target.id)
        if ref.form == "num":
            return str(number)
        words = self.data.cross_references
        above, below, same = words.above, words.below, words.same
        here = self.order[paragraph.id] if paragraph is not None else len(self.order)
        there = self.order[target.id]
        words = above if there < here else below if there > here else same
        return words.format(n=number)


def _leaf_count(subs: tuple[SubParagraph, ...]) -> int:
    return sum(_leaf_count(s.children) if s.children else 1 for s in subs)


def layout(draft: Draft, language: str, options: LayoutOptions = LayoutOptions()) -> DocTree:
    """Return the document tree of `draft` in `language`.

    Raises `DraftkitError` for a cross-reference to a missing or preambular paragraph,
    or a template that cannot be rendered. Every paragraph must have text in `language`
    (see `loading.require_language`).
    """
    return _Layout(draft, language, options).tree()


def crossref_words(draft: Draft, language: str, paragraph: Paragraph, ref: CrossRef) -> str:
    """Return the words `ref` in `paragraph` reads as in `draft` rendered in `language`
    ("paragraph 2 above"; "2" for `{num:…}`); raises as `layout` does for a bad reference."""
    return _Layout(draft, language, LayoutOptions()).crossref(paragraph, ref)
