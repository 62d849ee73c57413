"""The typed model every other module speaks: clauses, paragraphs, drafts, contributions,
proposals, decisions and provenance.

Frozen dataclasses and enums only. This module knows nothing of YAML, Word or the
terminal; the loaders build these values and every later stage reads them.
"""

from __future__ import annotations

import enum
import re
from dataclasses import field
from functools import cached_property
from types import MappingProxyType
from datetime import date, datetime
from pathlib import Path
from typing import Iterator, Mapping, NewType, Union

from draftkit.errors import InputError, Location, UnknownReference, did_you_mean, shown
from draftkit.inline import crossref_targets
from draftkit.records import record

ParagraphId = NewType("ParagraphId", str)
ClauseId = NewType("ClauseId", str)
ProposalId = NewType("ProposalId", str)

#: Text per language code ("en", "fr", "ar"…): the shape of every translatable field. The
#: codes draftkit writes are the folders of `data/languages` (see `draftkit.languages`).
ByLanguage = Mapping[str, str]


class Kind(enum.Enum):
    """Preambular paragraphs state considerations; operative ones act."""

    PREAMBULAR = "preambular"
    OPERATIVE = "operative"

    @property
    def prefix(self) -> str:
        """The short label delegates use: PP or OP."""
        return "PP" if self is Kind.PREAMBULAR else "OP"


class Body(enum.Enum):
    """The organ adopting the resolution: decides the templates and French agreement."""

    IPU_ASSEMBLY = "ipu-assembly"
    UN_GENERAL_ASSEMBLY = "un-general-assembly"

    @property
    def feminine(self) -> bool:
        """« L'Assemblée » is feminine: preambular participles agree (*Consciente*)."""
        return True


@record
class Footnote:
    """A footnote of one paragraph; `key` is what the text's `[^key]` call names.

    `source` names the work it cites ("unts" for the *Treaty Series*): consecutive notes
    with the same source are written "Ibid." at render time (see `render.ibid`); a note
    without one (several sources, a remark) is always written in full.
    """

    key: str
    text: ByLanguage
    location: Location | None = field(default=None, compare=False)
    source: str | None = None


@record
class SubParagraph:
    """One sub-paragraph: (a) at level 1, (i) at level 2, inside its paragraph.

    `id` is stable within the paragraph (explicit in YAML, or the letter it had when
    first loaded); numbers shown to readers are computed from the position.
    """

    id: str
    text: ByLanguage
    children: tuple[SubParagraph, ...] = ()
    location: Location | None = field(default=None, compare=False)


class Standing(enum.Enum):
    """Where a paragraph stands in negotiation, as informal consultations and drafting
    committees track it (bracketed words are read from the text itself)."""

    OPEN = "open"
    AGREED_AD_REF = "agreed-ad-ref"  # agreed ad referendum: subject to confirmation by capitals
    AGREED = "agreed"


@record
class BracketHolders:
    """Who holds one bracketed group of a paragraph: for each alternative, in order, the
    delegations insisting on it (the text says where the brackets are; see
    `draftkit.negotiation.brackets`)."""

    alternatives: tuple[tuple[str, ...], ...]


@record
class TranslationSource:
    """Which source text a translation was made from: the source language and a
    fingerprint of the paragraph's text in it (see `draftkit.negotiation.translations`)."""

    language: str
    fingerprint: str


@record
class Paragraph:
    """A preambular or operative paragraph, resolved from a clause or written inline.

    `opening` is the italic lead phrase ("Recalling", "Urges") kept apart from `text`,
    the rest of the paragraph without its final punctuation (applied at render).
    `text` may hold footnote calls `[^key]` and cross-references `{ref:ID}` /
    `{num:ID}` (see `draftkit.inline`).
    """

    id: ParagraphId
    kind: Kind
    opening: ByLanguage
    text: ByLanguage
    subparagraphs: tuple[SubParagraph, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    clause: ClauseId | None = None
    tags: tuple[str, ...] = ()
    source: str | None = None
    #: Negotiation: the paragraph's standing, and who holds each bracketed group of its text.
    status: Standing | None = None
    brackets: tuple[BracketHolders, ...] = ()
    #: Translation language → the source text it translates (absent: taken as up to date).
    translations: Mapping[str, TranslationSource] = field(default_factory=dict)
    location: Location | None = field(default=None, compare=False)

    def footnote(self, key: str) -> Footnote | None:
        """Return the footnote called `key`, |None| when there is none."""
        return next((f for f in self.footnotes if f.key == key), None)

    def languages(self) -> set[str]:
        """Languages in which both the opening and the text are present."""
        return {lang for lang in self.text if lang in self.opening or not self.opening}


@record
class Clause:
    """A reusable paragraph in a clause library (`clauses/*.yaml`)."""

    id: ClauseId
    kind: Kind
    opening: ByLanguage
    text: ByLanguage
    subparagraphs: tuple[SubParagraph, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    tags: tuple[str, ...] = ()
    source: str | None = None
    location: Location | None = field(default=None, compare=False)


@record
class Library:
    """All clauses of a project's libraries, by id, in file order."""

    clauses: Mapping[ClauseId, Clause]

    def get(self, clause_id: str, *, referenced_at: Location | None = None) -> Clause:
        """Return the clause `clause_id` or raise naming the closest ids."""
        try:
            return self.clauses[ClauseId(clause_id)]
        except KeyError:
            raise UnknownReference(
                f"unknown clause id {clause_id!r}",
                where=referenced_at,
                fix=did_you_mean(clause_id, self.clauses) or "run `draftkit clauses` to list the ids",
            ) from None


@record
class Meeting:
    """Where and when the adopting session meets (header and closing block)."""

    place: ByLanguage
    start: date | None = None
    end: date | None = None


class Stage(enum.Enum):
    """Where the document is in its life: decides the heading and closing (the layout)."""

    DRAFT = "draft"  # an L document / a draft resolution of the co-Rapporteurs
    REVISED = "revised"  # a revised draft (Rev.N)
    ADOPTED = "adopted"  # the resolution as adopted


class Paper(enum.Enum):
    """Page size: US Letter in New York, A4 in Geneva, Vienna, Nairobi."""

    A4 = "a4"
    LETTER = "letter"


@record
class Agenda:
    """The agenda item a UN draft is under: its number ('106', '70 (b)') and title."""

    item: str
    title: ByLanguage = field(default_factory=dict)
    provisional: bool = False  # "Item 109 of the provisional agenda"


@record
class Document:
    """How the document is issued: distribution, original language, job number.

    `distribution` is '' for the stage's usual one (limited for drafts, general once adopted).
    """

    distribution: str = ""
    original: str = ""  # language code of the original, e.g. 'en'
    job: str = ""  # the job number of the first page's footer, e.g. '19-22331'


@record
class Adoption:
    """How and when the resolution was adopted (the adopted layout's lines)."""

    date: date | None = None
    resolution: str = ""  # its number: '74/174'
    meeting: int | None = None  # the plenary meeting: 50 → "50th plenary meeting"
    report: str = ""  # the Main Committee's report: 'A/74/400' ('' with no committee: a plenary text)
    vote: str = ""  # 'unanimously', 'by consensus', 'without a vote' … (a heading label)


@record
class MergedFrom:
    """Where a merged draft came from: `draftkit merge` of round `round` on draft `source`."""

    round: str
    source: int


@record
class DraftMeta:
    """Everything about a draft except its paragraphs.

    `merged` is set on a draft `draftkit merge` wrote: which round, on which version.
    """

    version: int
    date: date
    body: Body
    session: str
    title: ByLanguage
    languages: tuple[str, ...]
    committee: ByLanguage = field(default_factory=dict)
    #: The languages whose texts are authoritative (empty: every language of the draft); the
    #: others are translations provided for information (an IPU text in English and French,
    #: also given in Spanish and Arabic): a text still missing in them does not stop the others.
    authentic: tuple[str, ...] = ()
    authoring: ByLanguage = field(default_factory=dict)
    symbol: str = ""
    meeting: Meeting | None = None
    deadline: datetime | None = None
    timezone: str | None = None
    author: str = "Co-rapporteurs"
    number_preambular: bool = False
    merged: MergedFrom | None = None
    #: The revision as the body names it (`Rev.1`, `Rev.2`), when this version is issued as one.
    revision: int | None = None
    stage: Stage = Stage.DRAFT
    #: The sponsors of this version (names as in the member table: 'Mexico', 'United Kingdom').
    sponsors: tuple[str, ...] = ()
    agenda: Agenda | None = None
    document: Document = field(default_factory=Document)
    adoption: Adoption = field(default_factory=Adoption)
    #: The co-Rapporteurs as named in the subtitle, per language: {en: Ms. X (Spain), fr: Mme X (Espagne)}.
    rapporteurs: tuple[ByLanguage, ...] = ()

    def is_authentic(self, language: str) -> bool:
        """Whether `language`'s text is authoritative, not a translation provided for information."""
        return not self.authentic or language in self.authentic


class ProposalAction(enum.Enum):
    """What a delegation asks for, in the words secretariats use."""

    NEW_PARAGRAPH = "new-paragraph"
    DELETE_PARAGRAPH = "delete-paragraph"
    REPLACE_TEXT = "replace-text"
    AMEND_TEXT = "amend-text"
    MOVE_PARAGRAPH = "move-paragraph"
    ADD_SUBPARAGRAPH = "add-subparagraph"
    DELETE_SUBPARAGRAPH = "delete-subparagraph"


@record
class AnnexText:
    """A paragraph of an annex: unnumbered text per language, as written (no punctuation by
    rule). It takes inline markup, footnote calls `[^key]` of its own `footnotes` (numbered
    in sequence with the resolution's) and cross-references to operative paragraphs."""

    text: ByLanguage
    footnotes: tuple[Footnote, ...] = ()
    location: Location | None = field(default=None, compare=False)

    def footnote(self, key: str) -> Footnote | None:
        """Return the footnote called `key`, |None| when there is none."""
        return next((f for f in self.footnotes if f.key == key), None)


@record
class AnnexTable:
    """A table of an annex: per language, its rows of cell texts (inline markup allowed).
    The first `header_rows` rows are column headings, repeated at the top of each page."""

    rows: Mapping[str, tuple[tuple[str, ...], ...]]
    header_rows: int = 0
    location: Location | None = field(default=None, compare=False)


#: What an annex holds, in order.
AnnexItem = Union[AnnexText, AnnexTable]


@record
class Annex:
    """Matter issued with the resolution after its last line: a list of States, a table of
    figures, a declaration. Headed ("Annex", "Annex I"); never numbered with the resolution
    and never the target of a proposal — `merge`, `add` and `move` carry it as it is."""

    title: ByLanguage
    items: tuple[AnnexItem, ...] = ()
    location: Location | None = field(default=None, compare=False)

    def texts(self) -> Iterator[ByLanguage]:
        """The title, each paragraph's text and footnotes and each table cell, as text per language."""
        yield self.title
        for item in self.items:
            if isinstance(item, AnnexText):
                yield item.text
                yield from (note.text for note in item.footnotes)
            else:
                shape = max((len(rows) for rows in item.rows.values()), default=0)
                for r in range(shape):
                    width = max((len(rows[r]) for rows in item.rows.values() if r < len(rows)), default=0)
                    for c in range(width):
                        yield {lang: rows[r][c] for lang, rows in item.rows.items()
                               if r < len(rows) and c < len(rows[r])}


@record
class Memorandum:
    """The co-Rapporteurs' explanatory memorandum: numbered prose that explains the draft,
    issued with it as a document of its own (its own section, heading and symbol, e.g.
    C-III/143/M) and never part of the resolution — `merge`, `add` and `move` carry it as
    it is, and no proposal targets it.

    `title` replaces the layout's heading title ('Explanatory memorandum') per language;
    `symbol` the symbol the layout derives from the draft's ('…/DR' → '…/M')."""

    paragraphs: tuple[ByLanguage, ...]
    title: ByLanguage = field(default_factory=dict)
    symbol: str = ""
    location: Location | None = field(default=None, compare=False)

    @staticmethod
    def symbol_of(draft_symbol: str) -> str:
        """The symbol a memorandum takes from its draft's: '/DR' as '/M' ('C-III/143/DR' →
        'C-III/143/M', as the IPU numbers its memoranda); '' for any other symbol."""
        found = re.fullmatch(r"(.+)/DR(?:[-/].*)?", draft_symbol or "")
        return f"{found.group(1)}/M" if found else ""

    def texts(self) -> Iterator[ByLanguage]:
        """The title (when given) and each paragraph, as text per language."""
        if self.title:
            yield self.title
        yield from self.paragraphs


@record
class ChangeRecord:
    """Provenance of one change in a draft: which proposal of which delegation made it.

    `inserted` / `deleted` are the words the change put in or took out of
    `paragraph` (and `subparagraph`, when set) in `language` (|None| for every
    language), so a tracked diff can name the delegation for each revision.
    """

    paragraph: ParagraphId
    action: ProposalAction
    proposal: ProposalId
    delegation: str
    language: str | None = None
    subparagraph: str | None = None
    inserted: str = ""
    deleted: str = ""


@record
class Draft:
    """One version of a draft resolution: metadata and ordered paragraphs.

    Numbers are never stored: `label` computes them from the order.
    `provenance` lists the changes since the previous version, when a merge made it;
    `annexes` follow the resolution (see `Annex`); `memorandum`, when given, is issued
    after them as a document of its own (see `Memorandum`).
    """

    meta: DraftMeta
    preambular: tuple[Paragraph, ...]
    operative: tuple[Paragraph, ...]
    provenance: tuple[ChangeRecord, ...] = ()
    path: Path | None = field(default=None, compare=False)
    annexes: tuple[Annex, ...] = ()
    memorandum: Memorandum | None = None

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph in reading order: preamble first."""
        yield from self.preambular
        yield from self.operative

    def by_id(self) -> Mapping[ParagraphId, Paragraph]:
        """Every paragraph by id (read-only; computed once per draft)."""
        return self._index

    @cached_property
    def _index(self) -> Mapping[ParagraphId, Paragraph]:
        return MappingProxyType({p.id: p for p in self.paragraphs()})

    def number(self, paragraph_id: str) -> int:
        """1-based position of a paragraph within its kind (PP3 → 3, OP5 → 5)."""
        return int(self._labels[ParagraphId(paragraph_id)][2:])

    def label(self, paragraph_id: str) -> str:
        """The label delegates see: 'PP3', 'OP5'."""
        return self._labels[ParagraphId(paragraph_id)]

    def labels(self) -> Mapping[ParagraphId, str]:
        """Every paragraph's label (read-only; computed once per draft)."""
        return self._labels

    @cached_property
    def _labels(self) -> Mapping[ParagraphId, str]:
        out: dict[ParagraphId, str] = {}
        for seq in (self.preambular, self.operative):
            for index, paragraph in enumerate(seq, start=1):
                out[paragraph.id] = f"{paragraph.kind.prefix}{index}"
        return MappingProxyType(out)

    def resolve(self, reference: str, *, where: Location | None = None) -> "Target":
        """Turn 'OP5', 'OP5(b)', 'operative paragraph 5', 'PP3' or a stable id into a target.

        Numbers are read in *this* version's order, which is why contributions are
        resolved against the version the delegate saw.
        """
        return resolve_reference(self, reference, where=where)


@record
class Target:
    """A paragraph (and optionally a sub-paragraph path, e.g. ('b', 'ii')) in a draft."""

    paragraph: ParagraphId
    subparagraph: tuple[str, ...] = ()


@record
class Position:
    """Where a new or moved paragraph goes: before/after a reference, or at the end."""

    where: str  # "before" | "after" | "at-end"
    reference: str | None = None  # paragraph id or number as the delegate wrote it


@record
class Proposal:
    """One request of a delegation, as written in its contribution file.

    `target` and `position.reference` stay as the delegate wrote them (an id or a
    number seen in draft `Contribution.responds_to`); the merge resolves them.
    For text amendments `old` is the fragment in the text the delegate saw and `new`
    its replacement ('' deletes it; an empty `old` with `after`/`before` inserts).
    """

    id: ProposalId
    action: ProposalAction
    justification: str = ""
    target: str | None = None
    language: str | None = None
    old: str | None = None
    new: str | None = None
    anchor_after: str | None = None
    anchor_before: str | None = None
    position: Position | None = None
    paragraph: Paragraph | None = None
    subparagraph: SubParagraph | None = None
    location: Location | None = field(default=None, compare=False)
    #: `old`/`new` given per language (`old: {en: …, fr: …}`); for replace-text, `new_by_language` is the new text.
    old_by_language: ByLanguage = field(default_factory=dict)
    new_by_language: ByLanguage = field(default_factory=dict)


@record
class Contribution:
    """A delegation's written contribution for one round."""

    delegation: str
    submitted_at: datetime
    responds_to: int
    proposals: tuple[Proposal, ...]
    language: str | None = None
    path: Path | None = field(default=None, compare=False)

    def on_time(self, deadline: datetime | None) -> bool:
        """True when submitted at or before the deadline (no deadline: always)."""
        return deadline is None or self.submitted_at <= deadline

    def late(self, versions: Mapping[int, "Draft"]) -> bool:
        """The one lateness rule: submitted after the deadline of the draft it responds to
        (the deadline belongs to the circulated version; an unknown version sets none)."""
        answered = versions.get(self.responds_to)
        return not self.on_time(answered.meta.deadline if answered is not None else None)


class Verdict(enum.Enum):
    """The co-rapporteurs' decision on a proposal (`pending`: not decided yet, as
    `draftkit decide` writes it)."""

    ACCEPT = "accept"
    REJECT = "reject"
    ACCEPT_REVISED = "accept-revised"
    MERGED = "merged"
    PENDING = "pending"


@record
class Decision:
    """A decision on one proposal; `text` for accept-revised, `into` for merged."""

    proposal: ProposalId
    verdict: Verdict
    text: ByLanguage = field(default_factory=dict)
    into: ProposalId | None = None
    note: str = ""
    location: Location | None = field(default=None, compare=False)


# --- integrity ---------------------------------------------------------------------------


def check_ids(draft: Draft, *, crossrefs: bool = True) -> None:
    """Raise unless paragraph ids are unique in `draft` and (with `crossrefs`) every
    cross-reference names one of them.

    Loading checks ids only: a dangling `{ref:…}` is a `draftkit check` finding (and
    stops a build), so a draft left with one can still be loaded, checked and repaired.
    """
    seen: dict[ParagraphId, Paragraph] = {}
    for paragraph in draft.paragraphs():
        if paragraph.id in seen:
            raise InputError(
                f"paragraph id {paragraph.id!r} is used twice (also at {seen[paragraph.id].location})",
                where=paragraph.location,
                fix="give the second one its own 'id:'",
            )
        seen[paragraph.id] = paragraph
    if not crossrefs:
        return
    owners: list[tuple[str, ByLanguage, Location | None]] = [
        (f"paragraph {paragraph.id!r}", by_lang, paragraph.location)
        for paragraph in draft.paragraphs() for by_lang in _texts(paragraph.text, paragraph.subparagraphs)]
    owners += [(f"annex {number}", item.text, item.location) for number, annex in enumerate(draft.annexes, start=1)
               for item in annex.items if isinstance(item, AnnexText)]
    for owner, by_lang, where in owners:
        for lang, text in by_lang.items():
            for target in crossref_targets(text):
                if ParagraphId(target) not in seen:
                    raise UnknownReference(
                        f"{owner} ({lang}) refers to unknown paragraph {target!r}", where=where,
                        fix=did_you_mean(target, seen) or "use the id of a paragraph of this draft",
                    )


def _texts(text: ByLanguage, subs: tuple[SubParagraph, ...]) -> Iterator[ByLanguage]:
    yield text
    for sub in subs:
        yield from _texts(sub.text, sub.children)


# --- reference resolution -------------------------------------------------------------

_NUMBERED = re.compile(
    r"""^\s*(?:
        (?P<short>PP|OP)\s*(?P<n1>\d+)
      | (?:preambular\s+paragraph|alin[ée]a)\s+(?P<n2>\d+)(?:\s+du\s+pr[ée]ambule)?
      | (?:operative\s+paragraph|paragraphe|paragraph)\s+(?P<n3>\d+)(?:\s+du\s+dispositif)?
    )
    (?P<subs>(?:\s*\(?[a-z]+\))*)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_SUB = re.compile(r"\(?([a-z]+)\)", re.IGNORECASE)


def resolve_reference(draft: Draft, reference: str, *, where: Location | None = None) -> Target:
    """See `Draft.resolve`."""
    text = reference.strip()
    paragraphs = draft.by_id()
    base, _, rest = text.partition("(")
    if ParagraphId(text) in paragraphs:
        return Target(ParagraphId(text))
    match = _NUMBERED.match(text)
    if match is None and ParagraphId(base) in paragraphs:
        subs = tuple(s.lower() for s in _SUB.findall("(" + rest)) if rest else ()
        return _with_subparagraphs(paragraphs[ParagraphId(base)], subs, reference, draft, where)
    if match is None:
        raise UnknownReference(
            f"unknown paragraph {reference!r} in draft {draft.meta.version}",
            where=where,
            fix=did_you_mean(text, paragraphs) or "use a paragraph id or a number such as OP5 or PP3",
        )
    if match.group("n1"):
        kind = Kind.PREAMBULAR if match.group("short").upper() == "PP" else Kind.OPERATIVE
        digits = match.group("n1")
    elif match.group("n2"):
        kind, digits = Kind.PREAMBULAR, match.group("n2")
    else:
        kind, digits = Kind.OPERATIVE, match.group("n3")
    number = int(digits) if len(digits) <= 9 else 0  # 'OP' and 5,000 digits: no paragraph, and int() refuses
    sequence = draft.preambular if kind is Kind.PREAMBULAR else draft.operative
    if not 1 <= number <= len(sequence):
        raise UnknownReference(
            f"{shown(reference)}: draft {draft.meta.version} has {len(sequence)} {kind.value} paragraphs",
            where=where,
            fix=f"use {kind.prefix}1 to {kind.prefix}{len(sequence)}, numbered as in draft {draft.meta.version}",
        )
    subs = tuple(s.lower() for s in _SUB.findall(match.group("subs") or ""))
    return _with_subparagraphs(sequence[number - 1], subs, reference, draft, where)


def subparagraph_label(index: int, level: int) -> str:
    """'a', 'b', … at level 1; 'i', 'ii', … at level 2 (0-based index)."""
    if level == 1:
        return _letters(index)
    return roman(index + 1)


def _letters(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def roman(number: int) -> str:
    """Lower-case roman numeral (sub-paragraph level 2)."""
    table = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
             (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in table:
        while number >= value:
            out += letters
            number -= value
    return out


def _with_subparagraphs(
    paragraph: Paragraph, labels: tuple[str, ...], reference: str, draft: Draft, where: Location | None
) -> Target:
    """Map shown sub-paragraph labels ('b', 'ii') to stable sub-paragraph ids."""
    ids: list[str] = []
    children = paragraph.subparagraphs
    for level, label in enumerate(labels, start=1):
        shown = [subparagraph_label(i, level) for i in range(len(children))]
        by_id = {c.id: c for c in children}
        if label in shown:
            child = children[shown.index(label)]
        elif label in by_id:
            child = by_id[label]
        else:
            raise UnknownReference(
                f"{reference!r}: {draft.label(paragraph.id)} has no sub-paragraph ({label})"
                f" in draft {draft.meta.version}",
                where=where,
                fix=f"it has {', '.join('(' + s + ')' for s in shown) or 'no sub-paragraphs'}",
            )
        ids.append(child.id)
        children = child.children
    return Target(paragraph.id, tuple(ids))
