"""What a merge carries besides the words: bracket holders follow their groups, and each
translation records the source it was made from. Pure; knows the model only.
"""

from __future__ import annotations

from dataclasses import replace

from draftkit.model import Draft
from draftkit.negotiation.brackets import follow_holders
from draftkit.negotiation.translations import record_sources


def carried(before: Draft, after: Draft) -> Draft:
    """`after` (`before` with proposals applied) with holders moved onto the bracketed
    groups still there and translation sources recorded (see `record_sources`)."""
    old = before.by_id()
    languages = after.meta.languages

    def follow(paragraph):
        previous = old.get(paragraph.id)
        return paragraph if previous is None else follow_holders(previous, paragraph, languages)

    moved = replace(after, preambular=tuple(follow(p) for p in after.preambular),
                    operative=tuple(follow(p) for p in after.operative))
    return record_sources(before, moved)
