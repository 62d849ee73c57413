"""Word tracked moves (w:moveFrom at one place, w:moveTo at another) → which version paragraph
went where: pairs each moved-to DOCX paragraph with the moved-from block of the same text.
Reads `docxread` values and the grouped version blocks; knows no proposals and no YAML.
"""

from __future__ import annotations

from dataclasses import dataclass

from draftkit.docxread import DocxParagraph, DocxRun
from draftkit.render.tree import RevisionKind


@dataclass(frozen=True)
class Move:
    """A version block (`key`, `label`) moved by one author to the DOCX paragraph `to`."""

    key: str
    label: str
    to: DocxParagraph


def find_moves(groups: list, author: str) -> tuple[dict[int, Move], list[tuple[DocxParagraph, str]]]:
    """Return `author`'s moves by the index of the moved-to paragraph, and the moved blocks
    that cannot be one move-paragraph (sub-paragraphs, paragraphs with sub-paragraphs), each
    with its label. A moved-from block pairs with the moved-to paragraph whose text, as
    moved (edits inside the move rejected), is the same; each pairs at most once."""
    from draftkit.importing.proposals import spaceless as _spaceless

    sources = [g for g in groups if g.key and not g.heading and g.carriers
               and all(_moved_from(r, author) for p in g.carriers for r in p.runs if r.text.strip())]
    targets = [p for g in groups for p in g.members if p not in g.carriers and _moved_to(p, author)]
    moves: dict[int, Move] = {}
    refused: list[tuple[DocxParagraph, str]] = []
    whole = {g.key for g in sources if "/" not in g.key}
    for group in sources:
        pid = group.key.split("/")[0]
        text = _spaceless("".join(p.rejected_text for p in group.carriers))
        target = next((p for p in targets if p.index not in moves and _spaceless(as_moved(p.runs)) == text), None)
        if target is None:
            continue
        if "/" in group.key or any(g.key.startswith(pid + "/") for g in groups):
            if "/" not in group.key or pid not in whole:
                refused.append((group.carriers[0], group.label))
            continue
        moves[target.index] = Move(group.key, group.label, target)
    return moves, refused


def as_moved(runs: tuple[DocxRun, ...]) -> str:
    """The moved-to text before the edits made inside it: moved runs and deleted words, not insertions."""
    return "".join(r.text for r in runs if r.revision is None or r.revision.kind is RevisionKind.MOVE_TO or (
        r.revision.kind is RevisionKind.DELETE and (r.insertion is None or r.insertion.kind is RevisionKind.MOVE_TO)))


def _moved_from(run: DocxRun, author: str) -> bool:
    return run.revision is not None and run.revision.kind is RevisionKind.MOVE_FROM and run.revision.author == author


def _moved_to(paragraph: DocxParagraph, author: str) -> bool:
    return any(r.inserted_by is not None and r.inserted_by.kind is RevisionKind.MOVE_TO
               and r.inserted_by.author == author for r in paragraph.runs)
