"""What an import produces before anything is written: classified paragraphs, the heading,
the whole imported draft, and the warnings. Plain frozen values; no Word, no YAML.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from draftkit.model import Body, Kind

EXCERPT = 60


def excerpt(text: str) -> str:
    """The first words of `text` for a message ('Urges parliaments to…')."""
    return text[:EXCERPT] + ("…" if len(text) > EXCERPT else "")


@dataclass(frozen=True)
class ImportWarning:
    """Something the importer could not classify or chose to leave out, with where it was."""

    paragraph: int  # 1-based paragraph number in the DOCX
    message: str
    excerpt: str = ""

    def __str__(self) -> str:
        return f"paragraph {self.paragraph}: {self.message}" + (f": {self.excerpt!r}" if self.excerpt else "")


@dataclass(frozen=True)
class ImportedSub:
    text: str
    children: tuple[ImportedSub, ...] = ()


@dataclass(frozen=True)
class ImportedParagraph:
    """A classified paragraph: kind, opening split from the text, sub-paragraphs, footnotes."""

    index: int
    kind: Kind
    opening: str
    text: str
    subparagraphs: tuple[ImportedSub, ...] = ()
    footnotes: tuple[tuple[str, str], ...] = ()  # (key, text)


@dataclass(frozen=True)
class ImportedHeading:
    """What the heading lines said: title, authoring line, body, session, symbol, dates."""

    title: str = ""
    authoring: str = ""
    body: Body = Body.IPU_ASSEMBLY
    session: str = ""
    symbol: str = ""
    committee: str = ""
    place: str = ""
    date: datetime.date | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    # a UN masthead: "Agenda item 107" and its title, the sponsors line, "Distr.: Limited",
    # "Original: English", the job number of the first page's footer
    agenda_item: str = ""
    agenda_title: str = ""
    provisional: bool = False
    sponsors: tuple[str, ...] = ()
    distribution: str = ""
    original: str = ""
    job: str = ""
    rapporteurs: tuple[str, ...] = ()  # the IPU subtitle: "… submitted by the co-Rapporteurs X and Y"


@dataclass(frozen=True)
class ImportedTable:
    """A table of the DOCX: rows of cell texts (as markup), the first `header_rows` its headings."""

    rows: tuple[tuple[str, ...], ...]
    header_rows: int = 0


@dataclass(frozen=True)
class ImportedAnnexText:
    """A paragraph of an annex (markup, as written), the footnotes it calls, and where it
    stands in the DOCX (0-based paragraph, for the words of its cross-references)."""

    text: str
    footnotes: tuple[tuple[str, str], ...] = ()  # (key, text)
    index: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ImportedAnnex:
    """An annex: its heading ("Annex", "Annex I"), then paragraphs and tables in order."""

    index: int  # where it starts in the DOCX (0-based paragraph)
    title: str
    items: tuple[ImportedAnnexText | ImportedTable, ...] = ()


@dataclass(frozen=True)
class ImportedDraft:
    """A whole imported resolution in one language, before it is written as YAML."""

    source: Path
    language: str
    heading: ImportedHeading
    preambular: tuple[ImportedParagraph, ...]
    operative: tuple[ImportedParagraph, ...]
    warnings: tuple[ImportWarning, ...] = ()
    annexes: tuple[ImportedAnnex, ...] = ()
    memorandum: tuple[str, ...] = ()  # the explanatory memorandum's paragraphs (markup), when it has one
    memorandum_symbol: str = ""
