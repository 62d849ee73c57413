"""Who made a change: match a diff hunk against the merge provenance of the new draft.

Knows `ChangeRecord`s and block keys ('op-id' or 'op-id/sub-id'); nothing of Word.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from draftkit.diff.compare import Attribute
from draftkit.diff.words import Op
from draftkit.model import ChangeRecord, ProposalAction

_WHOLE = {
    Op.INSERT: (ProposalAction.NEW_PARAGRAPH, ProposalAction.ADD_SUBPARAGRAPH, ProposalAction.REPLACE_TEXT),
    Op.DELETE: (ProposalAction.DELETE_PARAGRAPH, ProposalAction.DELETE_SUBPARAGRAPH, ProposalAction.REPLACE_TEXT),
    Op.EQUAL: (ProposalAction.MOVE_PARAGRAPH,),
}


def _norm(text: str) -> str:
    return " ".join(text.lower().split()).strip(" ,;:.")


def attribution(records: Iterable[ChangeRecord], language: str) -> Attribute:
    """Return a function naming the delegation behind a hunk, '' when provenance has none.

    A hunk belongs to a record of the same paragraph (and sub-paragraph, and language)
    whose inserted (or deleted) words overlap the hunk's words; a whole-paragraph
    change or a move belongs to the record of that action.
    """
    by_paragraph: dict[str, list[ChangeRecord]] = defaultdict(list)
    for record in records:
        if record.language in (None, language):
            by_paragraph[record.paragraph].append(record)

    def who(key: str, op: Op, text: str) -> str:
        paragraph, *subs = key.split("/")
        candidates = [r for r in by_paragraph.get(paragraph, ())
                      if r.subparagraph is None or (subs and r.subparagraph == subs[-1])]
        if not candidates:
            return ""
        words = _norm(text)
        if op is not Op.EQUAL and words:
            for record in candidates:
                theirs = _norm(record.inserted if op is Op.INSERT else record.deleted)
                if theirs and (theirs in words or words in theirs):
                    return record.delegation
        whole = [r for r in candidates if r.action in _WHOLE[op]]
        if whole:
            return whole[0].delegation
        return ""

    return who
