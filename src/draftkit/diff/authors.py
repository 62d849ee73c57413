"""Who made a change: match a diff hunk against the merge provenance of the new draft.

Knows `ChangeRecord`s and block keys ('op-id' or 'op-id/a/ii', the sub-paragraph path
as merge provenance writes it); nothing of Word.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from draftkit.diff.compare import Attribute, Hunk
from draftkit.diff.words import Op
from draftkit.model import ChangeRecord, ProposalAction

A = ProposalAction
_WHOLE = {
    Op.INSERT: (A.NEW_PARAGRAPH, A.ADD_SUBPARAGRAPH, A.REPLACE_TEXT),
    Op.DELETE: (A.DELETE_PARAGRAPH, A.DELETE_SUBPARAGRAPH, A.REPLACE_TEXT),
    Op.EQUAL: (A.MOVE_PARAGRAPH,),
}
#: Actions on a whole paragraph: they cover its sub-paragraphs too.
_PARAGRAPH = (A.NEW_PARAGRAPH, A.DELETE_PARAGRAPH, A.MOVE_PARAGRAPH)
#: Actions on a whole sub-paragraph: they cover the sub-paragraphs under it too.
_SUBTREE = (A.ADD_SUBPARAGRAPH, A.DELETE_SUBPARAGRAPH)

_WORD = re.compile(r"\w+")


def attribution(records: Iterable[ChangeRecord], language: str) -> Attribute:
    """Return a function naming the delegation behind a hunk, '' when provenance has none.

    A hunk belongs to a record of the same paragraph and sub-paragraph (and language)
    whose whole inserted (or deleted) text stands, word for word, where the hunk is and
    around it: a record's words merely containing the hunk's are not enough (the
    co-rapporteurs' own 'the' is not the delegation that inserted 'the training').
    A whole-paragraph or sub-paragraph change, or a move, belongs to the record of
    that action.
    """
    by_paragraph: dict[str, list[ChangeRecord]] = defaultdict(list)
    for record in records:
        if record.language in (None, language):
            by_paragraph[record.paragraph].append(record)

    def who(hunk: Hunk) -> str:
        paragraph, _, path = hunk.key.partition("/")
        sub = path or None
        mine = by_paragraph.get(paragraph, ())
        if hunk.op is not Op.EQUAL and hunk.text.strip():
            for record in mine:
                theirs = record.inserted if hunk.op is Op.INSERT else record.deleted
                if record.subparagraph == sub and theirs and _covers(theirs, hunk):
                    return record.delegation
        whole = [r for r in mine if r.action in _WHOLE[hunk.op] and _reaches(r, sub)]
        return whole[0].delegation if whole else ""

    return who


def _reaches(record: ChangeRecord, sub: str | None) -> bool:
    """True when a whole-paragraph or -sub-paragraph `record` covers the block at `sub`."""
    if record.subparagraph == sub:
        return True
    if record.subparagraph is None:
        return record.action in _PARAGRAPH
    return sub is not None and sub.startswith(record.subparagraph + "/") and record.action in _SUBTREE


def _covers(theirs: str, hunk: Hunk) -> bool:
    """True when the words of `theirs` stand in the hunk's context over all of the hunk's words."""
    found = [(m.group().casefold(), m.start(), m.end()) for m in _WORD.finditer(hunk.context)]
    end = hunk.start + len(hunk.text)
    inside = [k for k, (_, start, stop) in enumerate(found) if start < end and stop > hunk.start]
    wanted = [w.casefold() for w in _WORD.findall(theirs)]
    if not inside or not wanted:  # punctuation only: the same marks
        return "".join(theirs.split()) == "".join(hunk.text.split())
    words = [w for w, _, _ in found]
    first, last = inside[0], inside[-1] + 1
    size = len(wanted)
    return any(words[s : s + size] == wanted for s in range(max(0, last - size), min(first, len(words) - size) + 1))
