"""The keys of every YAML mapping draftkit reads, declared once.

The loaders read each mapping through `Fields`, which refuses to read a key its `Shape`
here does not declare (a programming error, exit 3), and `loading.schema` turns the same
shapes into the JSON Schemas that editors and `check-jsonschema` use: loader and schema
cannot drift. To add a key, declare it here (`Key(name, value, doc=…)`) and read it in the
loader; tests/test_schema.py fails when a declared key is never read or an example file
does not validate. Knows nothing of files, the model or JSON.
"""

from __future__ import annotations

import enum
from dataclasses import field
from typing import Callable, ClassVar, Union

from draftkit.languages import NUMBER_FORMATS, SCRIPTS, codes as language_codes
from draftkit.model import Body, Kind, Paper, ProposalAction, Stage, Standing, Verdict
from draftkit.records import record

#: Languages a text may be given in: those draftkit has a data folder for (the six UN
#: languages; `draftkit.languages`).
KNOWN_LANGUAGES = language_codes()


# --- what a key holds ---------------------------------------------------------------------


class Value:
    """What a key holds. `getters` are the `Fields` methods allowed to read it, so a key
    declared as a number cannot be read as text by a loader that forgot the declaration."""

    getters: ClassVar[frozenset[str]] = frozenset()


@record
class Text(Value):
    """Text (YAML may also give a number: `session: 143`). `pattern` only informs editors."""

    pattern: str | None = None
    getters: ClassVar[frozenset[str]] = frozenset({"text"})


@record
class Integer(Value):
    minimum: int | None = None
    getters: ClassVar[frozenset[str]] = frozenset({"integer"})


@record
class Boolean(Value):
    getters: ClassVar[frozenset[str]] = frozenset({"boolean"})


@record
class Choice(Value):
    """One of a closed list of words."""

    values: tuple[str, ...]
    getters: ClassVar[frozenset[str]] = frozenset({"choice", "text"})

    @classmethod
    def of(cls, enumeration: type[enum.Enum]) -> Choice:
        return cls(tuple(member.value for member in enumeration))


@record
class Day(Value):
    """A calendar day, YYYY-MM-DD."""

    getters: ClassVar[frozenset[str]] = frozenset({"day"})


@record
class Moment(Value):
    """An ISO 8601 instant; `offset_required` is False where the draft's `timezone` supplies it."""

    offset_required: bool = True
    getters: ClassVar[frozenset[str]] = frozenset({"moment", "text"})


@record
class Strings(Value):
    """A list of short texts (tags, paths); one text is read as a list of one."""

    values: tuple[str, ...] | None = None  # when given, each item is one of these
    getters: ClassVar[frozenset[str]] = frozenset({"strings"})


@record
class ByLanguage(Value):
    """Text per language: `{en: …, fr: …}`."""

    getters: ClassVar[frozenset[str]] = frozenset({"by_language", "raw"})


@record
class TextOrByLanguage(Value):
    """Text in the file's `language`, or per language (contributions' `old:`, `new:`…).
    A new paragraph's `opening` and `text` are made per language first, then read so."""

    getters: ClassVar[frozenset[str]] = frozenset({"raw", "text", "by_language"})


@record
class Values(Value):
    """A list of plain values (not mappings), each of the `item` form."""

    item: Value
    getters: ClassVar[frozenset[str]] = frozenset({"items"})


ShapeRef = Union["Shape", Callable[[], "Shape"]]  # a callable for shapes that hold themselves


def _resolve(ref: ShapeRef) -> Shape:
    return ref if isinstance(ref, Shape) else ref()


@record
class ListOf(Value):
    """A list of mappings of one shape."""

    item: ShapeRef
    min_items: int = 0
    getters: ClassVar[frozenset[str]] = frozenset({"items"})

    @property
    def shape(self) -> Shape:
        return _resolve(self.item)


@record
class Nested(Value):
    """A mapping of another shape."""

    target: ShapeRef
    getters: ClassVar[frozenset[str]] = frozenset({"mapping", "raw"})

    @property
    def shape(self) -> Shape:
        return _resolve(self.target)


@record
class AnyOf(Value):
    """One of several forms (`position: end` or `position: {after: OP3}`)."""

    forms: tuple[Value, ...]
    getters: ClassVar[frozenset[str]] = frozenset({"raw"})


@record
class Empty(Value):
    """Nothing (`- ` with no value), as one of the forms of an `AnyOf`."""


# --- mappings -----------------------------------------------------------------------------


@record
class Key:
    """One key of a mapping: its name, what it holds, whether it must be there, and the
    one-line help editors show."""

    name: str
    value: Value
    required: bool = False
    doc: str = ""


@record
class RequiredWhen:
    """`keys` must be given when `key` is one of `values` (`otherwise`: when it is not)."""

    key: str
    values: tuple[str, ...]
    keys: tuple[str, ...] = ()
    otherwise: tuple[str, ...] = ()


@record
class Shape:
    """The keys a mapping may hold. `extra` is the value of keys not named in `keys`
    (footnotes by key, phrase lists by language); without it any other key is unknown.
    `one_of` lists keys of which at least one must be given (`id` or `clause`); `either` keys
    of which exactly one must be (`text` or `table`), whatever other keys go with it."""

    name: str
    doc: str
    keys: tuple[Key, ...] = ()
    extra: Value | None = None
    extra_names: tuple[str, ...] | None = None  # when given, the names other keys may have
    one_of: tuple[str, ...] = ()
    when: tuple[RequiredWhen, ...] = ()
    exactly_one: bool = False  # one key only: `{after: …}` or `{before: …}`
    either: tuple[str, ...] = ()
    _index: dict[str, Key] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        index = {key.name: key for key in self.keys}
        if len(index) != len(self.keys):
            raise ValueError(f"shape {self.name!r} declares a key twice")
        named = {*self.one_of, *self.either, *(n for w in self.when for n in (w.key, *w.keys, *w.otherwise))}
        if named - set(index):
            raise ValueError(f"shape {self.name!r} names undeclared keys: {sorted(named - set(index))}")
        object.__setattr__(self, "_index", index)

    def key(self, name: str) -> Key | None:
        """The declaration of key `name` (keys under `extra` included), |None| when undeclared."""
        found = self._index.get(name)
        if found is None and self.extra is not None and (self.extra_names is None or name in self.extra_names):
            return Key(name, self.extra)
        return found

    def names(self) -> list[str]:
        return [key.name for key in self.keys]


# --- shared pieces ------------------------------------------------------------------------

LANGUAGE = Choice(KNOWN_LANGUAGES)
PATH = Text()


def _subparagraph() -> Shape:
    return SUBPARAGRAPH


SUBPARAGRAPH = Shape("subparagraph", "A sub-paragraph: (a), (b)… then (i), (ii)….", keys=(
    Key("id", Text(), doc="Stable id (default: its letter, a, b…); contributions target OP5(b)."),
    Key("text", ByLanguage(), required=True, doc="The text per language, starting with a capital."),
    Key("subparagraphs", ListOf(_subparagraph), doc="Second-level items (i), (ii)… (two levels at most)."),
))

FOOTNOTE = Shape("footnote", "A footnote's text per language, and the work it cites.", keys=(
    Key("source", Text(), doc="A name for the work the note cites (e.g. unts): consecutive notes citing the "
                             "same work are printed 'Ibid.', computed after every reorder."),
), extra=Text(), extra_names=KNOWN_LANGUAGES)

FOOTNOTES = Shape("footnotes", "Footnotes by key; the text calls each one with [^key].",
                  extra=Nested(FOOTNOTE))

#: The body every paragraph has, wherever it is written (library, draft, contribution).
BODY = (
    Key("opening", ByLanguage(), doc="The italic opening phrase per language, e.g. {en: Recalling, fr: Rappelant}."),
    Key("text", ByLanguage(), doc="The rest of the paragraph per language, in lower case, without final punctuation."),
    Key("subparagraphs", ListOf(SUBPARAGRAPH), doc="Sub-paragraphs (a), (b)…; the paragraph's text may then be left out."),
    Key("footnotes", Nested(FOOTNOTES), doc="Footnotes by key: {crc: {en: …, fr: …}}, called as [^crc]."),
    Key("tags", Strings(), doc="Words to find the paragraph by (draftkit clauses --tag)."),
    Key("source", Text(), doc="Where the text comes from (a resolution, a delegation)."),
)

#: Where a paragraph stands in negotiation (draft paragraphs and new paragraphs of contributions).
_HOLDERS = AnyOf((Text(), Values(Text()), Empty()))  # "Kenya", [Kenya, "France, Mexico"]
TRANSLATIONS = Shape("translations", "Each translation and the source text it was made from (written by draftkit).",
                     extra=Text(pattern=r"^[a-z]{2}@[A-Za-z0-9]+$"), extra_names=KNOWN_LANGUAGES)
NEGOTIATION = (
    Key("status", Choice.of(Standing), doc="Where the paragraph stands: open, agreed-ad-ref or agreed."),
    Key("brackets", Values(AnyOf((_HOLDERS, Values(_HOLDERS)))),
        doc="Per bracketed group of the text, in order: the holders of each alternative, e.g. - [Kenya, \"France, Mexico\"]."),
    Key("translations", Nested(TRANSLATIONS), doc="Per language, the source it translates: {fr: en@1a2b3c4d}."),
)

# --- draftkit.yaml ------------------------------------------------------------------------

PROJECT = Shape("project", "Project settings (draftkit.yaml); every key is optional.", keys=(
    Key("name", Text(), doc="The project's name."),
    Key("libraries", Strings(), doc="Clause library files or folders (default: clauses/)."),
    Key("drafts", PATH, doc="Folder of the draft versions (default: drafts)."),
    Key("contributions", PATH, doc="Folder of the round folders of contributions (default: contributions)."),
    Key("decisions", PATH, doc="Folder of the decisions files, one per round (default: decisions)."),
    Key("output", PATH, doc="Folder outputs are written to (default: build)."),
    Key("templates", PATH, doc="Folder of heading templates overriding the built-in ones."),
    Key("reference_docx", PATH, doc="A reference DOCX whose styles the output uses."),
    Key("phrases", PATH, doc="A phrases file extending the built-in opening phrases."),
    Key("terminology", PATH, doc="A terminology file extending the built-in terminology rules."),
    Key("word_limit", Integer(minimum=1), doc="The word limit `draftkit check` enforces (default: 3300)."),
    Key("paper", Choice.of(Paper), doc="a4 or letter (default: letter for the UN General Assembly, a4 otherwise)."),
))

# --- clause libraries ---------------------------------------------------------------------

CLAUSE = Shape("clause", "A reusable clause.", keys=(
    Key("id", Text(), required=True, doc="Stable id, e.g. pp-recalling-crc; drafts refer to it with 'clause:'."),
    Key("kind", Choice.of(Kind), required=True, doc="preambular or operative."),
    *BODY,
), one_of=("text", "subparagraphs"))

LIBRARY = Shape("library", "A clause library: reusable clauses in every language.", keys=(
    Key("library", Text(), doc="The library's name."),
    Key("description", Text(), doc="What the library holds."),
    Key("clauses", ListOf(CLAUSE), doc="The clauses; ids are unique across all libraries."),
))

# --- draft versions -----------------------------------------------------------------------

MEETING = Shape("meeting", "Where and when the body meets.", keys=(
    Key("place", ByLanguage(), doc="The place per language, e.g. {en: 'Madrid, Spain', fr: Madrid (Espagne)}."),
    Key("start", Day(), doc="First day, YYYY-MM-DD."),
    Key("end", Day(), doc="Last day, YYYY-MM-DD."),
))

MERGED = Shape("merged", "Which round this version merged, from which version (written by draftkit merge).", keys=(
    Key("round", Text(), required=True, doc="The round folder, e.g. round-1."),
    Key("from", Integer(minimum=1), required=True, doc="The version the round was merged into."),
))

DRAFT_PARAGRAPH = Shape("draft_paragraph", "A paragraph: 'clause: ID' (overrides allowed) or written inline with an 'id'.",
                        keys=(
    Key("clause", Text(), doc="A library clause id: the paragraph takes its text, overridden by keys given here."),
    Key("id", Text(), doc="Stable id (default: the clause id); never a number."),
    *BODY,
    *NEGOTIATION,
), one_of=("clause", "id"))

CHANGE_RECORD = Shape("change_record", "What a merge changed, and whose proposal it was (written by draftkit merge).",
                      keys=(
    Key("paragraph", Text(), required=True, doc="The paragraph id."),
    Key("action", Choice.of(ProposalAction), required=True, doc="The proposal's action."),
    Key("proposal", Text(), required=True, doc="The proposal id, e.g. FRA-1."),
    Key("delegation", Text(), required=True, doc="The delegation that proposed it."),
    Key("language", Text(), doc="The language of the change."),
    Key("subparagraph", Text(), doc="The sub-paragraph id, when the change is in one."),
    Key("inserted", Text(), doc="Words inserted."),
    Key("deleted", Text(), doc="Words deleted."),
))

ANNEX_TABLE = Shape("annex_table", "A table of an annex: per language, its rows of cell texts.", keys=(
    Key("header_rows", Integer(minimum=0), doc="How many first rows are column headings, repeated on each page."),
), extra=Values(Strings()), extra_names=KNOWN_LANGUAGES)

ANNEX_ITEM = Shape("annex_item", "A paragraph or a table of an annex.", keys=(
    Key("text", ByLanguage(), doc="An unnumbered paragraph per language; it may call its footnotes ([^key]) and "
                                  "refer to operative paragraphs ({ref:ID}, {num:ID})."),
    Key("footnotes", Nested(FOOTNOTES), doc="The footnotes a text calls, by key: {a1: {en: …, fr: …}}."),
    Key("table", Nested(ANNEX_TABLE), doc="A table: header_rows, then each language's rows, e.g. en: [[State, Date]]."),
), either=("text", "table"))

ANNEX = Shape("annex", "Matter issued after the resolution (a list, a table): a title, then paragraphs and tables.",
              keys=(
    Key("title", ByLanguage(), required=True, doc="The heading per language, e.g. {en: Annex, fr: Annexe}."),
    Key("content", ListOf(ANNEX_ITEM), doc="Paragraphs and tables, in order."),
))

MEMORANDUM_PARAGRAPH = Shape("memorandum_paragraph", "A paragraph of the explanatory memorandum, per language.",
                             extra=Text(), extra_names=KNOWN_LANGUAGES)

MEMORANDUM = Shape("memorandum", "The co-Rapporteurs' explanatory memorandum: numbered prose issued after the "
                   "resolution as a document of its own.", keys=(
    Key("title", ByLanguage(), doc="The heading per language (default: the layout's, 'Explanatory memorandum')."),
    Key("symbol", Text(), doc="The memorandum's symbol (default: the draft's with /DR as /M, e.g. C-III/143/M)."),
    Key("paragraphs", ListOf(MEMORANDUM_PARAGRAPH, min_items=1), required=True,
        doc="The paragraphs, numbered 1, 2, … in order: each {en: …, fr: …} (inline markup; no footnotes)."),
))

RAPPORTEUR = Shape("rapporteur", "A co-Rapporteur's name and country per language.",
                   extra=Text(), extra_names=KNOWN_LANGUAGES)

AGENDA = Shape("agenda", "The agenda item a UN draft is under.", keys=(
    Key("item", Text(), required=True, doc="The item's number as printed: '106', '70 (b)'."),
    Key("title", ByLanguage(), doc="The item's title per language."),
    Key("provisional", Boolean(), doc="Before the agenda is adopted: 'Item 109 of the provisional agenda'."),
))

DOCUMENT = Shape("document", "How the document is issued (the masthead and the first page's footer).", keys=(
    Key("distribution", Choice(("limited", "general")),
        doc="Distr.: limited (drafts, the default before adoption) or general (the default once adopted)."),
    Key("original", Text(pattern=r"^[a-z]{2}$"), doc="The language the text was written in: 'Original: English'."),
    Key("job", Text(), doc="The job number printed on the first page, e.g. 19-22331."),
))

ADOPTION = Shape("adoption", "How and when the resolution was adopted (stage: adopted).", keys=(
    Key("date", Day(), doc="The day of adoption, YYYY-MM-DD."),
    Key("resolution", Text(), doc="The resolution's number, e.g. 74/174."),
    Key("meeting", Integer(minimum=1), doc="The plenary meeting that adopted it: 50 → '50th plenary meeting'."),
    Key("report", Text(), doc="The Main Committee's report it was adopted on, e.g. A/74/400."),
    Key("vote", Text(), doc="How it was adopted, as a heading label names it: unanimously, by-consensus, without-a-vote."),
))

DRAFT = Shape("draft", "One draft version: metadata, then the paragraphs in order.", keys=(
    Key("version", Integer(minimum=1), required=True, doc="This version's number (1, 2, …); one file per version."),
    Key("date", Day(), required=True, doc="The date of this version, YYYY-MM-DD."),
    Key("body", Choice.of(Body), required=True, doc="The body and house style."),
    Key("session", Text(), required=True, doc="The session, e.g. '143' or '74'."),
    Key("title", ByLanguage(), required=True, doc="The resolution's title per language."),
    Key("languages", Strings(KNOWN_LANGUAGES), doc="Languages of this draft (default: en)."),
    Key("authentic", Strings(KNOWN_LANGUAGES),
        doc="The languages whose texts are authoritative (default: all of 'languages'); the others are "
            "translations provided for information, e.g. [en, fr] for an IPU text also given in es and ar."),
    Key("committee", ByLanguage(), doc="The committee per language."),
    Key("authoring", ByLanguage(), doc="The authoring line per language, e.g. 'The 143rd Assembly of the IPU'."),
    Key("symbol", Text(), doc="The document symbol, e.g. C-III/143/DR or A/C.3/74/L.11."),
    Key("meeting", Nested(MEETING), doc="Where and when the body meets."),
    Key("deadline", Moment(offset_required=False),
        doc="Deadline for contributions, e.g. 2021-06-14T23:59:00+02:00 (no offset: in 'timezone')."),
    Key("timezone", Text(), doc="IANA time zone of the deadline, e.g. Europe/Zurich."),
    Key("author", Text(), doc="Author of tracked changes no delegation made (default: Co-rapporteurs)."),
    Key("number_preambular", Boolean(), doc="Number the preambular paragraphs too (default: false)."),
    Key("merged", Nested(MERGED), doc="Written by draftkit merge: the round and the version it merged."),
    Key("revision", Integer(minimum=1), doc="The version is issued as Rev.N (headings and file names say so)."),
    Key("stage", Choice.of(Stage), doc="draft (default), revised or adopted: chooses the heading and closing."),
    Key("sponsors", Strings(), doc="The sponsors of this version: 'Australia, Canada … : draft resolution'."),
    Key("agenda", Nested(AGENDA), doc="The agenda item (UN): {item: '106', title: {en: …}}."),
    Key("document", Nested(DOCUMENT), doc="Distribution, original language and job number."),
    Key("adoption", Nested(ADOPTION), doc="Date, number, meeting, report and vote of the adopted resolution."),
    Key("rapporteurs", ListOf(RAPPORTEUR),
        doc="The co-Rapporteurs as the subtitle names them, per language: {en: Ms. X (Spain), fr: Mme X (Espagne)}."),
    Key("preambular", ListOf(DRAFT_PARAGRAPH), doc="Preambular paragraphs, in order."),
    Key("operative", ListOf(DRAFT_PARAGRAPH), doc="Operative paragraphs, in order."),
    Key("provenance", ListOf(CHANGE_RECORD), doc="Written by draftkit merge: who asked for each change."),
    Key("annexes", ListOf(ANNEX), doc="Annexes issued after the resolution, in order (never amended by proposals)."),
    Key("memorandum", Nested(MEMORANDUM),
        doc="The explanatory memorandum, issued after the resolution in a section of its own (never amended)."),
))

# --- contributions ------------------------------------------------------------------------

POSITION = Shape("position", "Where a paragraph goes: after or before a paragraph (an id or a number).", keys=(
    Key("after", Text(), doc="e.g. OP3 or op-cooperation."),
    Key("before", Text(), doc="e.g. PP2."),
), exactly_one=True)

NEW_PARAGRAPH = Shape("new_paragraph", "The paragraph a new-paragraph proposal adds.", keys=(
    Key("kind", Choice.of(Kind), required=True, doc="preambular or operative."),
    Key("id", Text(), doc="Stable id for the new paragraph (default: from the proposal id)."),
    # As a contribution's other texts: plain text in its language, or per language.
    Key("opening", TextOrByLanguage(), doc="The italic opening phrase: plain text in the contribution's language, "
                                           "or {en: Invites, fr: Invite}."),
    Key("text", TextOrByLanguage(), doc="The rest of the paragraph: plain text in the contribution's language, "
                                        "or per language."),
    *(key for key in BODY if key.name not in ("opening", "text")),
    *NEGOTIATION,
), one_of=("text", "subparagraphs"))

_TARGETED = tuple(a.value for a in ProposalAction if a is not ProposalAction.NEW_PARAGRAPH)

PROPOSAL = Shape("proposal", "One proposal of a contribution.", keys=(
    Key("id", Text(), required=True, doc="Unique across the round, e.g. FRA-1."),
    Key("action", Choice.of(ProposalAction), required=True, doc="What the proposal does."),
    Key("target", Text(), doc="The paragraph as the delegation saw it: OP5, PP3, OP5(b), 'paragraph 5' or an id."),
    Key("language", LANGUAGE, doc="The language of this proposal's texts (default: the contribution's)."),
    Key("old", TextOrByLanguage(), doc="amend-text: the words as in the draft the delegation saw."),
    Key("new", TextOrByLanguage(), doc="amend-text: what they become ('' deletes them)."),
    Key("after", TextOrByLanguage(), doc="amend-text: insert 'new' after these words."),
    Key("before", TextOrByLanguage(), doc="amend-text: insert 'new' before these words."),
    Key("text", TextOrByLanguage(), doc="replace-text: the new text; add-subparagraph: the sub-paragraph's text."),
    Key("new_id", Text(), doc="add-subparagraph: the new sub-paragraph's id."),
    Key("position", AnyOf((Choice(("end", "at-end")), Nested(POSITION))),
        doc="new-paragraph, move-paragraph, add-subparagraph: 'end', {after: OP3} or {before: PP2}."),
    Key("paragraph", Nested(NEW_PARAGRAPH), doc="new-paragraph: the paragraph to add."),
    Key("justification", Text(), doc="Why the delegation proposes it."),
), when=(
    RequiredWhen("action", (ProposalAction.NEW_PARAGRAPH.value,), keys=("position", "paragraph"), otherwise=("target",)),
    RequiredWhen("action", (ProposalAction.MOVE_PARAGRAPH.value,), keys=("position",)),
    RequiredWhen("action", (ProposalAction.REPLACE_TEXT.value, ProposalAction.ADD_SUBPARAGRAPH.value), keys=("text",)),
))

CONTRIBUTION = Shape("contribution", "One delegation's written contribution to one round.", keys=(
    Key("delegation", Text(), required=True, doc="The delegation, e.g. France."),
    Key("submitted_at", Moment(), required=True, doc="When it was sent, with its offset: 2021-06-14T18:30:00+02:00."),
    Key("responds_to", Integer(minimum=1), required=True, doc="The draft version the delegation saw."),
    Key("language", LANGUAGE, doc="The language of plain-text 'old:'/'new:'/'text:' values."),
    Key("proposals", ListOf(PROPOSAL, min_items=1), required=True, doc="The proposals, each with its own id."),
))

# --- decisions ----------------------------------------------------------------------------

DECISION = Shape("decision", "The co-rapporteurs' decision on one proposal.", keys=(
    Key("proposal", Text(), required=True, doc="The proposal id, e.g. FRA-1."),
    Key("decision", Choice.of(Verdict), required=True, doc="The decision."),
    Key("text", ByLanguage(), doc="accept-revised: the revised text per language."),
    Key("into", Text(), doc="merged: the proposal it is merged into."),
    Key("note", Text(), doc="A note for the compilation."),
), when=(
    RequiredWhen("decision", (Verdict.ACCEPT_REVISED.value,), keys=("text",)),
    RequiredWhen("decision", (Verdict.MERGED.value,), keys=("into",)),
))

DECISIONS = Shape("decisions", "A decisions file written as a mapping.", keys=(
    Key("round", Text(), doc="The round these decisions are about."),
    Key("decisions", ListOf(DECISION), doc="One entry per proposal."),
))

# --- phrases and terminology (project extensions of the built-in lists) ---------------------

AGREEMENT = Shape("agreement", "Forms to correct: the form found → the form to use.", extra=Text())

PHRASE_LIST = Shape("phrase_list", "One language's opening phrases.", keys=(
    Key("preambular", Strings(), doc="Preambular openings (participles)."),
    Key("operative", Strings(), doc="Operative openings (verbs)."),
    Key("modifiers", Strings(), doc="Words that may come before an opening: also, further, deeply…"),
    Key("agreement", Nested(AGREEMENT), doc="Opening → its agreeing form, reported as a correction."),
    Key("agreement_in_text", Nested(AGREEMENT), doc="Like 'agreement', for forms inside the text."),
))

PHRASES = Shape("phrases", "Opening phrases per language.", extra=Nested(PHRASE_LIST))

TERM = Shape("term", "A discouraged term and the term to use instead.", keys=(
    Key("avoid", Strings(), required=True, doc="The forms to flag (whole words, any case)."),
    Key("prefer", Text(), required=True, doc="The suggestion."),
    Key("note", Text(), doc="Why."),
))

TERM_LIST = Shape("term_list", "One language's terminology rules.", keys=(
    Key("terms", ListOf(TERM), doc="The rules."),
    Key("exceptions", Strings(), doc="Official titles in which an old term stays."),
))

TERMINOLOGY = Shape("terminology", "Terminology rules per language.", extra=Nested(TERM_LIST))

# --- a language's data folder (draftkit/data/languages/<code>/, see draftkit.languages) --------

SOURCES = Key("sources", Strings(), doc="Where the list comes from: the issued resolutions it was built from.")
PHRASE_ENGLISH = Shape("phrase_english", "Phrase → its English words.", extra=Text())
ENGLISH_OPENINGS = Shape("english_openings", "The English of each opening phrase (aligned lists), for ids.", keys=(
    Key("preambular", Nested(PHRASE_ENGLISH)), Key("operative", Nested(PHRASE_ENGLISH)),
    Key("modifiers", Nested(PHRASE_ENGLISH)),
))
LANGUAGE_PHRASES = Shape("language_phrases", "A language folder's phrases.yaml.",
                         keys=(SOURCES, *PHRASE_LIST.keys,
                               Key("english", Nested(ENGLISH_OPENINGS),
                                   doc="The English of each opening ('وإذ تشير': recalling): the ids import "
                                       "and merge give paragraphs in a non-Latin script.")))
LANGUAGE_TERMS = Shape("language_terminology", "A language folder's terminology.yaml.",
                       keys=(SOURCES, *TERM_LIST.keys))

FONTS = Shape("fonts", "Font names for the document defaults (w:rFonts).", keys=(
    Key("latin", Text(), doc="Latin text (w:ascii, w:hAnsi)."),
    Key("east_asia", Text(), doc="Chinese, Japanese, Korean text (w:eastAsia)."),
    Key("complex", Text(), doc="Complex scripts such as Arabic (w:cs)."),
))
SPACES = Shape("space_before", "Mark → the space written before it.", extra=Text())
PUNCTUATION = Shape("punctuation", "The marks added by rule and the spacing around marks.", keys=(
    Key("preambular", Text(), required=True, doc="End of a preambular paragraph."),
    Key("operative", Text(), required=True, doc="End of an operative paragraph or sub-paragraph."),
    Key("last", Text(), required=True, doc="End of the last operative paragraph."),
    Key("introduces", Text(), required=True, doc="Before sub-paragraphs."),
    Key("authoring", Text(), required=True, doc="After the organ line when a preamble follows."),
    Key("space_before", Nested(SPACES), doc="Mark → space before it (French no-break spaces)."),
    Key("footnote_call", Choice(("after", "before")), required=True, doc="The call goes after or before the final mark."),
    Key("list_comma", Text(), required=True, doc="Between the items of an enumeration."),
    Key("citation_comma", Text(), required=True, doc="Between the elements of a citation (Ibid., vol. 1577)."),
))
QUOTES = Shape("quotes", "Quotation marks.", keys=(
    Key("primary", Strings(), required=True, doc="The outer pair."),
    Key("secondary", Strings(), required=True, doc="The pair inside it."),
    Key("inner_space", Text(), doc="The space inside the outer pair (French no-break space)."),
))
TYPOGRAPHY = Shape("typography", "What rendering changes in the text (the YAML stays plain).", keys=(
    Key("italics", Boolean(), doc="False: titles are not set in italics (Chinese uses 《》)."),
    Key("apostrophe", Text(), doc="Replaces ' between letters ('' keeps it)."),
    Key("straight_quotes", Boolean(), doc="\"…\" becomes the primary quotation marks."),
    Key("superscript_ordinals", Text(), doc="Regular expression of the suffix letters set in superscript after a number."),
    Key("superscript_numero", Boolean(), doc="n^o^ before a number."),
    Key("range_dash", Text(), doc="Replaces the hyphen of a number range (26-30 → 26–30)."),
))
NUMBER_LEVEL = Shape("number_level", "One list level.", keys=(
    Key("format", Choice(NUMBER_FORMATS), required=True,
        doc="Word's number format."),
    Key("text", Text(), required=True, doc="Word's level text: %1 stands for the number."),
))
CROSS_REFERENCES = Shape("cross_references", "How {ref:ID} reads, and hand-typed numbers.", keys=(
    Key("above", Text(), required=True, doc="'paragraph {n} above'."),
    Key("below", Text(), required=True),
    Key("same", Text(), required=True),
    Key("typed", Text(), doc="Regular expression of a hand-typed paragraph number ({list}: numbers)."),
    Key("elsewhere", Text(), doc="Regular expression of the words after it naming another document."),
    Key("preambular_words", Strings(), doc="Words of a typed number that name a preambular paragraph."),
    Key("number_words", Strings(), doc="The numbers one, two, three… written as words, in order from one "
        "({words} in 'typed': 'paragraph four')."),
    Key("ref_forms", Strings(), doc="Where the noun is declined: the forms of it that {ref:ID} writes "
        "('пункт'); a number typed with another form ('в пункте 5') is suggested as {num:ID} after the "
        "words typed. Without it, every typed number is suggested as {ref:ID}."),
))
REPEATED_OPENING = Shape("repeated_opening", "How a repeated opening is varied.", keys=(
    Key("also", Text(), required=True), Key("further", Text(), required=True),
    Key("place", Text(), required=True, doc="before | after | after:N"),
    Key("place_un_preambular", Text(), required=True),
))
DATES = Shape("dates", "Long dates.", keys=(
    Key("pattern", Text(), required=True, doc="{day} {month} {month_number} {year}."),
    Key("months", Strings(), required=True), Key("first_day", Text()), Key("range_dash", Text()),
))
ORDINAL_NUMBERS = Shape("ordinal_numbers", "Number → pattern.", extra=Text())
ORDINAL_RULE = Shape("ordinal_rule", "Ordinals in figures of one form.", keys=(
    Key("pattern", Text(), required=True, doc="With {n}."),
    Key("exact", Nested(ORDINAL_NUMBERS)), Key("last_two", Nested(ORDINAL_NUMBERS)),
    Key("last_digit", Nested(ORDINAL_NUMBERS)),
))
ORDINALS = Shape("ordinals", "Ordinal forms: default, and genders where the language has them.",
                 extra=Nested(ORDINAL_RULE))
NUM2WORDS = Shape("num2words", "The num2words call that writes the ordinal.", keys=(
    Key("lang", Text(), required=True, doc="num2words' language code (ja writes Chinese numerals)."),
    Key("to", Choice(("ordinal", "cardinal")), doc="ordinal (default) or cardinal."),
    Key("gender", Choice(("m", "f", "n")), doc="The grammatical gender, where num2words takes one (ru)."),
))
REPLACEMENTS = Shape("replacements", "Regular expression → replacement, applied in order.", extra=Text())
ORDINAL_WORDS_FORM = Shape("ordinal_words_form", "Ordinals in words of one form: num2words, or the language's "
                           "words composed (units, tens, teens, compound, hundreds).", keys=(
    Key("num2words", Nested(NUM2WORDS), doc="Write them through num2words."),
    Key("exact", Nested(ORDINAL_NUMBERS), doc="Number → words, before anything else (100: المائة)."),
    Key("units", Strings(), doc="1 to 9."),
    Key("tens", Strings(), doc="10, 20 … 90."),
    Key("compound_units", Nested(ORDINAL_NUMBERS), doc="A unit as a compound writes it (21: الحادية والعشرون)."),
    Key("teens", Text(), doc="11 to 19, with {unit}."),
    Key("compound", Text(), doc="21 to 99 but the tens, with {unit} and {ten}."),
    Key("hundreds", Text(), doc="101 to 199, with {rest} (the words of the number less 100)."),
    Key("replace", Nested(REPLACEMENTS), doc="Changes made to the words, in order (ё → е)."),
))
ORDINAL_WORDS = Shape("ordinal_words", "Ordinals in words (sessions): default, and genders where the language "
                      "has them.", extra=Nested(ORDINAL_WORDS_FORM))
LABEL_MAP = Shape("label_map", "Name → wording.", extra=Text())
LABEL_SECTION = Shape("label_section", "The labels of one kind: text, a list of texts, or a mapping.",
                      extra=AnyOf((Text(), Strings(), Nested(LABEL_MAP))))
LABELS = Shape("labels", "Named wording by section (heading, compilation, check…).", extra=Nested(LABEL_SECTION))
LANGUAGE_FILE = Shape("language", "A language folder's language.yaml.", keys=(
    Key("name", Text(), required=True, doc="The language's name in itself."),
    Key("english_name", Text(), required=True, doc="Its name in English, for messages."), Key("tag", Text(), required=True, doc="Word proofing language."),
    Key("script", Choice(SCRIPTS), required=True),
    Key("direction", Choice(("ltr", "rtl")), required=True),
    Key("word_spacing", Boolean()), Key("italic_openings", Boolean()),
    Key("opening_case", Choice(("upper", "lower", "none")), required=True),
    Key("fonts", Nested(FONTS)), Key("punctuation", Nested(PUNCTUATION), required=True),
    Key("quotes", Nested(QUOTES), required=True), Key("typography", Nested(TYPOGRAPHY)),
    Key("numbering", ListOf(NUMBER_LEVEL, min_items=3), required=True),
    Key("cross_references", Nested(CROSS_REFERENCES), required=True),
    Key("repeated_opening", Nested(REPEATED_OPENING), required=True),
    Key("dates", Nested(DATES), required=True), Key("ordinals", Nested(ORDINALS), required=True),
    Key("ordinal_words", Nested(ORDINAL_WORDS), doc="Ordinals in words ('Seventy-fourth session'); without "
        "it, in figures."),
    Key("ibid", Text(), required=True),
    Key("ids", Nested(Shape("ids", "How import and merge name a paragraph they cannot match (ASCII ids).", keys=(
        Key("skip", Strings(), doc="Words left out of an id ('the', 'of'; 'على', 'في')."),
    ))), doc="The ids import and merge give new paragraphs."),
    Key("ibid_continued", Text(), doc="'Ibid.' before the elements that differ ('Там же' in 'Там же, т. 2171'); "
                                      "default: ibid"),
    Key("labels", Nested(LABELS), doc="Named wording by section (heading, compilation, check…)."),
))


# --- the files ----------------------------------------------------------------------------


@record
class FileKind:
    """A kind of file draftkit reads: `root` is the shape of the whole file; `also_list`
    accepts a bare list of `root`'s items under `also_list` (a decisions file may be just the list)."""

    name: str
    title: str
    root: Shape
    may_be_empty: bool = False
    also_list: str | None = None


FILE_KINDS: dict[str, FileKind] = {kind.name: kind for kind in (
    FileKind("project", "draftkit project settings (draftkit.yaml)", PROJECT, may_be_empty=True),
    FileKind("draft", "draftkit draft version (drafts/draft-N.yaml)", DRAFT),
    FileKind("library", "draftkit clause library (clauses/*.yaml)", LIBRARY, may_be_empty=True),
    FileKind("contribution", "draftkit contribution (one delegation, one round)", CONTRIBUTION),
    FileKind("decisions", "draftkit decisions of one round (decisions/ROUND.yaml)", DECISIONS,
             may_be_empty=True, also_list="decisions"),
    FileKind("phrases", "draftkit opening phrases (the project's 'phrases:' file)", PHRASES, may_be_empty=True),
    FileKind("terminology", "draftkit terminology rules (the project's 'terminology:' file)", TERMINOLOGY,
             may_be_empty=True),
    FileKind("language", "draftkit language data (data/languages/CODE/language.yaml)", LANGUAGE_FILE),
    FileKind("language-phrases", "draftkit opening phrases of a language (data/languages/CODE/phrases.yaml)",
             LANGUAGE_PHRASES, may_be_empty=True),
    FileKind("language-terminology", "draftkit terminology of a language (data/languages/CODE/terminology.yaml)",
             LANGUAGE_TERMS, may_be_empty=True),
)}


def shapes(*roots: Shape) -> list[Shape]:
    """Every shape reachable from `roots` (default: every file kind's), each once, parents first."""
    found: dict[str, Shape] = {}

    def visit(shape: Shape) -> None:
        if shape.name in found:
            if found[shape.name] is not shape:
                raise ValueError(f"two shapes are named {shape.name!r}")
            return
        found[shape.name] = shape
        for value in [*(key.value for key in shape.keys), *([shape.extra] if shape.extra else [])]:
            for inner in shapes_in(value):
                visit(inner)

    for root in roots or [kind.root for kind in FILE_KINDS.values()]:
        visit(root)
    return list(found.values())


def shapes_in(value: Value) -> list[Shape]:
    """The shapes a value holds directly (a list's items, a nested mapping, forms)."""
    if isinstance(value, (ListOf, Nested)):
        return [value.shape]
    if isinstance(value, AnyOf):
        return [shape for form in value.forms for shape in shapes_in(form)]
    if isinstance(value, Values):
        return shapes_in(value.item)
    return []
