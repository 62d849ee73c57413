"""One revision author's tracked changes in a returned draft → proposals on the version's
paragraphs: word changes → `amend-text`, whole paragraphs → `new-paragraph` /
`add-subparagraph` / deletions, comments → justifications; changes in the heading or
closing block → warnings. Reads what `docxread` gives and the version; writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from draftkit.docxread import DocxDocument, DocxParagraph, DocxRun
from draftkit.importing.classify import Phrases, match_phrase
from draftkit.importing.moves import Move, as_moved, find_moves
from draftkit.importing.text import (IdPool, as_markup, clause_id, clean, normalize, normalize_styled, run_style,
                                    spaceless)
from draftkit.importing.values import ImportWarning, excerpt
from draftkit.inline import Style, StyledText, footnote_keys
from draftkit.loading.paragraphs import all_texts
from draftkit.model import (Draft, Kind, Paragraph, ParagraphId, Position, Proposal, ProposalAction, ProposalId,
                            SubParagraph, subparagraph_label)

A = ProposalAction


@dataclass
class Group:
    """Physical DOCX paragraphs that make one paragraph of the version (rejected view);
    `key` ('pid' or 'pid/sub/child') is set when it is one of the version's body blocks."""

    members: list[DocxParagraph]
    key: str = ""
    label: str = ""
    heading: bool = False  # before the body (heading block) or after it (closing block), not a body block

    @property
    def carriers(self) -> list[DocxParagraph]:
        """Members holding original text (not wholly inserted)."""
        return [p for p in self.members if spaceless(p.rejected_text)]


@dataclass(frozen=True)
class Proposed:
    """One proposal (id not yet given) with the DOCX paragraph it came from."""

    proposal: Proposal
    paragraph: int


@dataclass
class ProposalReader:
    """Turns one author's revisions into proposals, paragraph by paragraph; collects warnings."""

    doc: DocxDocument
    draft: Draft
    lang: str
    groups: list[Group]
    phrases: Phrases
    warnings: list[ImportWarning] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_id = self.draft.by_id()
        self.keys = self._footnote_keys()
        self._warned: set[tuple[int, str]] = set()
        self._moves: dict[int, Move] = {}
        self.ids = IdPool(self.by_id)  # new paragraphs' ids, unique across every author's proposals

    def warn(self, paragraph: DocxParagraph, message: str) -> None:
        if (paragraph.index, message) not in self._warned:  # one warning per paragraph, whichever author
            self._warned.add((paragraph.index, message))
            self.warnings.append(ImportWarning(paragraph.index + 1, message, excerpt(normalize(paragraph.text))))

    def _footnote_keys(self) -> dict[int, str]:
        """DOCX note id → the version's footnote key, by order of the calls (original text)."""
        keys = [key for p in self.draft.paragraphs()
                for by_lang in all_texts(dict(p.text), p.subparagraphs)
                for key in footnote_keys(by_lang.get(self.lang, ""))]
        notes = [r.footnote for p in self.doc.paragraphs for r in p.runs
                 if r.footnote is not None and not r.inserted]
        return dict(zip(notes, keys))

    def proposals(self, author: str) -> list[Proposed]:
        """Return `author`'s proposals in document order, comments joined as justifications."""
        out: list[Proposed] = []
        previous = ""
        self.overlaps(author)
        self.note_changes(author)
        self._moves, refused = find_moves(self.groups, author)
        for paragraph, label in refused:
            self.warn(paragraph, f"{label} was moved with its sub-paragraphs, or is a sub-paragraph moved: "
                                 "imported as a deletion and a new text; make it one move-paragraph by hand")
        moved = {m.key for m in self._moves.values()}
        for position, group in enumerate(self.groups):
            if group.heading:
                self.heading_changes(group, author)
            elif group.key:
                out.extend(self.group_proposals(group, author, previous))
                previous = previous if group.key in moved else group.key
            else:
                following = next((g.key for g in self.groups[position + 1:] if g.key), None)
                for paragraph in group.members:
                    out.extend(self.inserted(paragraph, author, previous, following))
        for proposed in out:
            self.typed_markup(proposed, author)
        return self.justify(out, author)

    def typed_markup(self, proposed: Proposed, author: str) -> None:
        """Warn when words typed in Word read as draftkit markup ('{ref:…}', '{num:…}', '[^…]'):
        they are kept as typed (member text is data) and merge refuses such a proposal."""
        from draftkit.inline import CROSSREF, FOOTNOTE

        proposal = proposed.proposal
        item = proposal.paragraph or proposal.subparagraph
        texts = [proposal.new or ""] + ([t.get(self.lang, "") for t in all_texts(dict(item.text), (
            item.subparagraphs if isinstance(item, Paragraph) else item.children))] if item is not None else [])
        quoted = proposal.old or ""
        found = [m.group(0) for text in texts for m in (*FOOTNOTE.finditer(text), *CROSSREF.finditer(text))
                 if m.group(0) not in quoted]
        if found:
            self.warnings.append(ImportWarning(
                proposed.paragraph + 1, f"{author or 'unknown'}'s text has {', '.join(map(repr, found))}, which "
                "draftkit reads as markup: kept as typed; merge refuses the proposal until the co-rapporteurs "
                "decide accept-revised (with a real reference) or reject", excerpt(normalize(texts[0] or
                                                                                             texts[-1]))))

    def overlaps(self, author: str) -> None:
        """Warn where `author` deleted words another author inserted: the insertion stays
        the inserter's proposal; the deletion answers it and is no change to the version."""
        for group in self.groups:
            for paragraph in group.members:
                runs = [r for r in paragraph.runs if r.deleted and r.insertion is not None
                        and r.revision is not None and r.revision.author == author and r.insertion.author != author]
                words = normalize("".join(r.text for r in runs))
                if words:
                    inserters = " and ".join(dict.fromkeys(r.insertion.author or "unknown" for r in runs
                                                           if r.insertion is not None))
                    self.warn(paragraph, f"{author or 'unknown'} deleted {words!r}, which {inserters} inserted: "
                                         f"imported as {inserters}'s proposal only (the deletion answers it and "
                                         f"changes nothing in draft {self.draft.meta.version})")

    def note_changes(self, author: str) -> None:
        """Warn where `author` changed the words of a footnote or endnote the version has
        (a call neither inserted nor deleted): proposals amend paragraphs, not notes, so the
        change is not imported — never passed over in silence."""
        for paragraph in self.doc.paragraphs:
            for run in paragraph.runs:
                kind, notes = (("footnote", self.doc.footnotes) if run.footnote is not None
                               else ("endnote", self.doc.endnotes))
                note = notes.get(run.footnote if run.footnote is not None else run.endnote)  # type: ignore[arg-type]
                if note is None or run.inserted or run.deleted:
                    continue
                if any(_changed_by(p, author) for p in note.paragraphs):
                    self.warn(paragraph, f"{author or 'unknown'} changed the words of a {kind} of this paragraph "
                                         f"({excerpt(' '.join(note.text.split()))!r}): not imported (a proposal amends a paragraph, "
                                         "not a note); the co-rapporteurs edit the note in the draft")

    def heading_changes(self, group: Group, author: str) -> None:
        for paragraph in group.members:
            if _changed_by(paragraph, author):
                self.warn(paragraph, "tracked change outside the paragraphs (heading, closing block or annex) is "
                                     "not a proposal: not imported; the co-rapporteurs edit those lines in the draft")

    def group_proposals(self, group: Group, author: str, previous: str) -> list[Proposed]:
        out: list[Proposed] = []
        carriers = group.carriers
        seen_carrier = False
        for paragraph in group.members:
            if paragraph in carriers:
                seen_carrier = True
                continue
            # a wholly inserted paragraph joined to this one: new, before or after it
            if seen_carrier:
                out.extend(self.inserted(paragraph, author, group.key, None))
            else:
                out.extend(self.inserted(paragraph, author, previous, group.key))
        if len(carriers) > 1:
            self.warn(carriers[0], f"{group.label} was split into {len(carriers)} paragraphs: "
                                   "imported as one text amendment")
        runs = tuple(r for p in carriers for r in p.runs)
        before = _view_text(runs, None, self.keys)
        after = _view_text(runs, author, self.keys)
        if before == after:
            return out
        target = self.reference(group.key)
        if not spaceless(after):
            if any(m.key == group.key for m in self._moves.values()):
                return out  # moved away: the move-paragraph comes where it went
            action = A.DELETE_SUBPARAGRAPH if "/" in group.key else A.DELETE_PARAGRAPH
            return [Proposed(_proposal(action, target=target), carriers[0].index), *out]
        view = _styled_view(runs, author, self.keys)
        return self.amendments(group, carriers[0], before, after, target, view) + out

    def reference(self, key: str) -> str:
        """'pid' or 'pid(c)(ii)': the paragraph's stable id and the sub-paragraph labels the version shows."""
        pid, *subs = key.split("/")
        return pid + "".join(f"({label})" for label in self.labels(pid, subs))

    def labels(self, pid: str, subs: list[str]) -> list[str]:
        children = self.by_id[ParagraphId(pid)].subparagraphs
        out = []
        for level, sub in enumerate(subs, start=1):
            index = next(i for i, c in enumerate(children) if c.id == sub)
            out.append(subparagraph_label(index, level))
            children = children[index].children
        return out

    def amendments(self, group: Group, paragraph: DocxParagraph, before: str, after: str,
                   target: str, view: StyledText | None = None) -> list[Proposed]:
        """Word changes → amend-text proposals quoting the version's own words, enough of them
        to be found once (`anchoring`): the file's punctuation, quotes or spacing may differ.
        The words the author typed keep the formatting they gave them (`view`) as markup."""
        from draftkit.importing.anchoring import Anchor
        from draftkit.merge.words import cores, tokenize, word_diff

        old_tokens, new_tokens = tokenize(clean(before)), tokenize(clean(after))
        pid, *subs = group.key.split("/")
        anchor = Anchor(self.version_text(pid, subs), old_tokens)
        out: list[Proposed] = []
        for change, quoted in _quoted(anchor, word_diff(cores(old_tokens), cores(new_tokens)), old_tokens, new_tokens):
            if quoted.problem:
                why = ("it changes the words of a cross-reference, which are computed from the numbering"
                       if quoted.problem == "cross-reference" else "it touches a cross-reference or a footnote call")
                self.warn(paragraph, f"could not quote the change in {group.label} from words of draft "
                                     f"{self.draft.meta.version} ({why}): not imported")
                continue
            new = _with_markup(quoted.new, view) if view is not None else quoted.new
            if "[^new]" in new:
                self.warn(paragraph, f"a new footnote in {group.label} is not imported; add it by hand")
                new = " ".join(new.replace("[^new]", "").split())
            out.append(Proposed(_proposal(A.AMEND_TEXT, target=target, old=quoted.old, new=new), paragraph.index))
        return out

    def version_text(self, pid: str, subs: list[str]):
        """The version's words of paragraph `pid` (opening and text), or of its sub-paragraph `subs`."""
        from draftkit.importing.anchoring import version_text

        paragraph = self.by_id[ParagraphId(pid)]
        if not subs:
            return version_text(self.draft, self.lang, paragraph, None)
        children: tuple[SubParagraph, ...] = paragraph.subparagraphs
        node = None
        for sub in subs:
            node = next(c for c in children if c.id == sub)
            children = node.children
        return version_text(self.draft, self.lang, paragraph, node.text.get(self.lang, "") if node else "")

    def inserted(self, paragraph: DocxParagraph, author: str, previous: str, following: str | None) -> list[Proposed]:
        """A paragraph that did not exist in the version, between the blocks `previous` and
        `following` (keys, '' / |None| at the ends): a new paragraph or sub-paragraph."""
        if paragraph.index in self._moves:
            return self.moved(self._moves[paragraph.index], author)
        if not spaceless(paragraph.text) or not _inserted_by(paragraph, author):
            return []
        text = clean(_view_text(paragraph.runs, author, self.keys))
        level = paragraph.numbering.level if paragraph.numbering is not None else 0
        if level >= 1:
            view = _styled_view(paragraph.runs, author, self.keys)
            placed = self.new_subparagraph(_with_markup(text, view), min(level, 2), previous, following)
            if placed is not None:
                return [Proposed(placed, paragraph.index)]
            self.warn(paragraph, "new sub-paragraph with no paragraph before it: proposed as a paragraph")
        return [Proposed(self.new_paragraph(paragraph, author, text, previous, following), paragraph.index)]

    def moved(self, move: Move, author: str) -> list[Proposed]:
        """move-paragraph of the version's paragraph to where `move` put it (after the nearest
        unmoved paragraph of its kind before, else before the one after, else at the end of
        its kind), then amend-text for the words changed in the moved text. A paragraph put
        back where it stood (deleted and retyped in place) gives the amend-text alone."""
        index = move.to.index
        position = self.place_of(move.key, index)
        out = []
        if position != self.place_of(move.key, move.source):
            out.append(Proposed(_proposal(A.MOVE_PARAGRAPH, target=move.key, position=position), index))
        runs = move.to.runs
        if move.tracked:
            as_was, edited = as_moved(runs), _view_text(runs, author, self.keys)
        else:  # the version's words where they were deleted; a note retyped with them is the same note
            keys = {**self.keys, **_renoted(self.doc, move.original or (), runs, self.keys)}
            as_was, edited = _view_text(move.original or (), None, keys), _view_text(runs, author, keys)
        if clean(as_was) != clean(edited):
            group = Group([move.to], key=move.key, label=move.label)
            out += self.amendments(group, move.to, as_was, edited, move.key)
        return out

    def place_of(self, key: str, index: int) -> Position:
        """Where DOCX paragraph `index` puts paragraph `key` among the paragraphs of its kind
        that did not move: after the nearest one before it, else before the nearest after
        it, else at the end."""
        kind = self.by_id[ParagraphId(key)].kind
        moved = {m.key for m in self._moves.values()}
        keyed = [(g.carriers[0].index, g.key.split("/")[0]) for g in self.groups
                 if g.key and not g.heading and g.key not in moved and g.carriers]
        before = [pid for i, pid in keyed if i < index]
        after = [pid for i, pid in keyed if i > index]
        if before and self.by_id[ParagraphId(before[-1])].kind is kind:
            return Position("after", before[-1])
        if after and self.by_id[ParagraphId(after[0])].kind is kind:
            return Position("before", after[0])
        return Position("at-end")

    def new_subparagraph(self, text: str, level: int, previous: str, following: str | None) -> Proposal | None:
        """add-subparagraph at `level` (1: (a), 2: (i)): after the sibling before it, else
        before the sibling after it, else as the first sub-paragraph of the block before it."""
        def split(key: str | None) -> tuple[str, list[str]]:
            pid, *subs = (key or "").split("/")
            return pid, subs

        sub = SubParagraph("", {self.lang: text})
        pid, subs = split(previous)
        if pid and len(subs) >= level:
            return self._add_sub(pid, subs[:level - 1], sub, Position("after", self.labels(pid, subs[:level])[-1]))
        next_pid, next_subs = split(following)
        if next_pid and len(next_subs) >= level:
            return self._add_sub(next_pid, next_subs[:level - 1], sub,
                                 Position("before", self.labels(next_pid, next_subs[:level])[-1]))
        if pid:
            return self._add_sub(pid, subs[:level - 1], sub, None)
        return None

    def _add_sub(self, pid: str, parent: list[str], sub: SubParagraph, position: Position | None) -> Proposal:
        return _proposal(A.ADD_SUBPARAGRAPH, target=self.reference("/".join([pid, *parent])), subparagraph=sub,
                         position=position)

    def new_paragraph(self, paragraph: DocxParagraph, author: str, body: str, previous: str,
                      following: str | None) -> Proposal:
        match = match_phrase(body, self.phrases)
        italic = "".join(r.text for r in _leading_italic(paragraph.runs, author)).strip()
        if italic and body.startswith(italic):
            opening, rest = italic, body[len(italic):]
        elif match is not None:
            opening, rest = body[:match.length], body[match.length:]
        else:
            opening, rest = "", body
        reference = previous.split("/")[0]
        where = "after"
        if not reference and following:
            reference, where = following.split("/")[0], "before"
        kind = match.kind if match is not None else (Kind.OPERATIVE if paragraph.numbering is not None else None)
        if kind is None:
            near = self.by_id.get(ParagraphId(reference))
            kind = near.kind if near is not None else Kind.OPERATIVE
            self.warn(paragraph, f"new paragraph with no known opening: proposed as {kind.value}")
        opening, rest = normalize(opening), normalize(rest)
        rest = _with_markup(rest, _styled_view(paragraph.runs, author, self.keys), last=True)
        new = Paragraph(id=ParagraphId(clause_id(kind, opening, rest, self.ids, self.lang)), kind=kind,
                        opening={self.lang: opening} if opening else {}, text={self.lang: rest})
        return _proposal(A.NEW_PARAGRAPH, position=Position(where, reference) if reference else Position("at-end"),
                         paragraph=new)

    def justify(self, proposals: list[Proposed], author: str) -> list[Proposed]:
        """Put each comment in the justification of the proposals of its paragraph (its
        author's first; otherwise every proposal there)."""
        index_of = {p.index: g for g in self.groups for p in g.members}
        out = list(proposals)
        authors = set(self.doc.authors())
        for comment in self.doc.comments.values():
            if comment.paragraph is None or not comment.text:
                continue
            group = index_of.get(comment.paragraph)
            indexes = {p.index for p in group.members} if group else {comment.paragraph}
            here = [i for i, p in enumerate(out) if p.paragraph in indexes]
            if not here:
                if comment.author == author:
                    self.warnings.append(ImportWarning(comment.paragraph + 1, "comment on a paragraph with no "
                                                       "tracked change: not imported", comment.text[:60]))
                continue
            if comment.author not in (author, "") and author and comment.author in authors:
                continue  # another author's comment goes with that author's proposals
            for i in here:
                proposal = out[i].proposal
                text = f"{proposal.justification}\n{comment.text}" if proposal.justification else comment.text
                out[i] = replace(out[i], proposal=replace(proposal, justification=text))
        return out


def _quoted(anchor, changes, old_tokens: tuple[str, ...], new_tokens: tuple[str, ...]):
    """(change, quote) for each change worth proposing; a change that touches a cross-reference
    is cut into its smallest parts first, so the words changed around the reference are kept."""
    from draftkit.diff.words import Op, diff_sequences
    from draftkit.merge.words import Change, cores

    for change in changes:
        quoted = anchor.quote(change, new_tokens)
        if quoted is not None and quoted.problem == "cross-reference":
            parts = [Change(change.start + s.a0, change.start + s.a1, change.new_start + s.b0, change.new_start + s.b1)
                     for s in diff_sequences(cores(old_tokens[change.start:change.end]),
                                             cores(new_tokens[change.new_start:change.new_end]), semantic=False)
                     if s.op is not Op.EQUAL]
            if len(parts) > 1:
                for part in _joined(parts):
                    found = anchor.quote(part, new_tokens)
                    if found is not None:
                        yield part, found
                continue
        if quoted is not None:
            yield change, quoted


def _joined(parts):
    """Adjacent deletion and insertion as one replacement."""
    from draftkit.merge.words import Change

    out = []
    for part in parts:
        last = out[-1] if out else None
        if last is not None and last.end == part.start and last.new_end == part.new_start:
            out[-1] = Change(last.start, part.end, last.new_start, part.new_end)
        else:
            out.append(part)
    return out


def _proposal(action: ProposalAction, **values) -> Proposal:
    return Proposal(id=ProposalId(""), action=action, **values)


def _view_text(runs: tuple[DocxRun, ...], author: str | None, keys: dict[int, str]) -> str:
    """Text with only `author`'s changes accepted (|None|: every change rejected); footnote
    references become `[^key]` calls of the version (new notes: `[^new]`)."""
    out: list[str] = []
    for run in runs:
        if not _in_view(run, author):
            continue
        out.append(f"[^{keys.get(run.footnote, 'new')}]" if run.footnote is not None else run.text)
    return "".join(out)


def _styled_view(runs: tuple[DocxRun, ...], author: str, keys: dict[int, str]) -> StyledText:
    """`_view_text` of `author`, each character with the formatting the author gave it: words
    the author inserted keep theirs (a title typed in italics); the version's words, and words
    typed inside a stretch of the same formatting, have none (the draft's markup holds it)."""
    items: list[tuple[str, Style, bool]] = []
    for run in runs:
        if not _in_view(run, author):
            continue
        if run.footnote is not None:
            items.append((f"[^{keys.get(run.footnote, 'new')}]", Style.NONE, False))
            continue
        typed = run.inserted_by is not None and run.inserted_by.author == author
        items.append((run.text, run_style(run), typed))
    pieces = []
    for k, (text, style, typed) in enumerate(items):
        near = {items[j][1] for j in (k - 1, k + 1) if 0 <= j < len(items) and not items[j][2]}
        pieces.append((text, style if typed and style not in near else Style.NONE))
    return StyledText.join(pieces)


def _with_markup(plain: str, view: StyledText, *, last: bool = False) -> str:
    """`plain`, words of the author's view, as markup with the formatting `view` gives them
    (`*Convention on the Rights of the Child*`); as it is when it has none or is not found
    there (the view's first place holding it, its `last` for a paragraph's end)."""
    if not plain:
        return plain
    shown = normalize_styled(view)
    at = shown.text.rfind(plain) if last else shown.text.find(plain)
    if at < 0:
        return plain
    part = shown[at: at + len(plain)]
    if all(style is Style.NONE for style in part.styles):
        return plain
    return as_markup(part)


def _in_view(run: DocxRun, author: str | None) -> bool:
    """Whether `run` is in the text with only `author`'s changes accepted (|None|: none
    accepted). Words one author inserted and another deleted are in the inserter's view
    only: the deletion answers a proposal, not the version (see `ProposalReader.overlaps`)."""
    insertion = run.inserted_by
    if insertion is not None and (author is None or insertion.author != author):
        return False
    return not (run.deleted and author is not None and run.revision is not None and run.revision.author == author)


def _renoted(doc: DocxDocument, original: tuple[DocxRun, ...], retyped: tuple[DocxRun, ...],
             keys: dict[int, str]) -> dict[int, str]:
    """The notes of a paragraph retyped elsewhere (a plain move) that are its deleted notes
    again: inserted note id → the version's key, paired in order when their texts are the same."""
    old = [r.footnote for r in original if r.footnote is not None and r.footnote in keys]
    new = [r.footnote for r in retyped if r.footnote is not None and r.footnote not in keys]
    if len(old) != len(new):
        return {}

    def text(note: int) -> str:
        found = doc.footnotes.get(note)
        return spaceless(found.text) if found is not None else ""

    if any(text(a) != text(b) for a, b in zip(old, new)):
        return {}
    return {b: keys[a] for a, b in zip(old, new)}


def _inserted_by(paragraph: DocxParagraph, author: str) -> bool:
    owners = {r.inserted_by.author for r in paragraph.runs if r.inserted_by is not None}
    for mark in (paragraph.mark_revision, paragraph.mark_insertion):
        if mark is not None:
            owners.add(mark.author)
    return author in owners


def _changed_by(paragraph: DocxParagraph, author: str) -> bool:
    revisions = [r for run in paragraph.runs for r in run.revisions()] + [paragraph.mark_revision,
                                                                         paragraph.mark_insertion]
    return any(r is not None and r.author == author for r in revisions)


def _leading_italic(runs: tuple[DocxRun, ...], author: str) -> list[DocxRun]:
    out: list[DocxRun] = []
    for run in runs:
        if not _in_view(run, author) or run.deleted:
            continue
        if not run.italic:
            break
        out.append(run)
    return out
