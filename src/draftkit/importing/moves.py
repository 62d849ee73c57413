"""Paragraphs a delegate moved → which version paragraph went where. Two records of a move:
Word's tracked move (w:moveFrom at one place, w:moveTo at another), paired by the moved text;
and a plain deletion plus an insertion (a cut and paste with move tracking off, what most
files hold), paired when the two paragraphs have the same words but for a few edits
(`SAME_PARAGRAPH`). Reads `docxread` values and the grouped version blocks; knows no
proposals and no YAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Sequence

from draftkit.docxread import DocxParagraph, DocxRun
from draftkit.importing.matching import words_of
from draftkit.importing.text import spaceless
from draftkit.render.tree import RevisionKind

#: How alike a deleted paragraph and an inserted one must be to be one paragraph cut and
#: pasted: the share of words they have in common, in order (difflib's ratio on folded words).
SAME_PARAGRAPH = 0.8
#: A deleted paragraph shorter than this many words is never taken for a moved one.
MIN_WORDS = 4
#: Above this many deleted × inserted pairs, only paragraphs with the very same words pair.
_PAIR_LIMIT = 20_000


@dataclass(frozen=True)
class Move:
    """A version block (`key`, `label`) moved by one author from the DOCX paragraph `source`
    (its first) to the DOCX paragraph `to`. `original` holds the runs of the text as the
    version had it when the move is a plain deletion and insertion (|None| for a tracked
    move, whose moved runs are that text)."""

    key: str
    label: str
    to: DocxParagraph
    source: int
    original: tuple[DocxRun, ...] | None = None

    @property
    def tracked(self) -> bool:
        return self.original is None


def find_moves(groups: Sequence, author: str) -> tuple[dict[int, Move], list[tuple[DocxParagraph, str]]]:
    """Return `author`'s moves by the index of the moved-to paragraph, and the moved blocks
    that cannot be one move-paragraph (sub-paragraphs, paragraphs with sub-paragraphs), each
    with its label. Tracked moves pair first: a moved-from block with the moved-to paragraph
    whose text, as moved (edits inside the move rejected), is the same. Then each paragraph
    the author deleted whole pairs with the inserted paragraph most like it (`plain_pairs`)."""
    moves: dict[int, Move] = {}
    refused: list[tuple[DocxParagraph, str]] = []
    whole = {g.key for g in groups if g.key and "/" not in g.key}

    def take(group, target: DocxParagraph, original: tuple[DocxRun, ...] | None) -> None:
        pid = group.key.split("/")[0]
        if "/" in group.key or any(g.key.startswith(pid + "/") for g in groups):
            if "/" not in group.key or pid not in whole:
                refused.append((group.carriers[0], group.label))
            return
        moves[target.index] = Move(group.key, group.label, target, group.carriers[0].index, original)

    sources = [g for g in _sources(groups) if _all_runs(g, lambda r: _moved_from(r, author))]
    targets = [p for g in groups for p in g.members if p not in g.carriers and _moved_to(p, author)]
    paired: set[str] = set()
    for group in sources:
        text = spaceless("".join(p.rejected_text for p in group.carriers))
        target = next((p for p in targets if p.index not in moves and spaceless(as_moved(p.runs)) == text), None)
        if target is not None:
            paired.add(group.key)
            take(group, target, None)
    deleted = [g for g in _sources(groups) if g.key not in paired and _all_runs(g, lambda r: _deleted_by(r, author))]
    inserted = [p for g in groups for p in g.members
                if p not in g.carriers and p.index not in moves and _inserted_whole(p, author)]
    for group, target in plain_pairs(deleted, inserted):
        take(group, target, tuple(r for p in group.carriers for r in p.runs))
    return moves, refused


def plain_pairs(deleted: Sequence, inserted: Sequence[DocxParagraph]) -> list[tuple[object, DocxParagraph]]:
    """Deleted version blocks (groups) paired with inserted paragraphs holding the same
    paragraph: at least `MIN_WORDS` words, and a share of words in common (folded: case,
    punctuation, quotes and spacing aside) of at least `SAME_PARAGRAPH`. The most alike
    pairs first; each block and each paragraph pairs once."""
    if not deleted or not inserted:
        return []
    old = [words_of([("".join(p.rejected_text for p in g.carriers), False)]).words for g in deleted]
    new = [words_of([(p.text, False)]).words for p in inserted]
    exact_only = len(deleted) * len(inserted) > _PAIR_LIMIT
    scored: list[tuple[float, int, int]] = []
    for i, a in enumerate(old):
        if len(a) < MIN_WORDS:
            continue
        for j, b in enumerate(new):
            if a == b:
                scored.append((1.0, i, j))
            elif not exact_only:
                matcher = SequenceMatcher(None, a, b, autojunk=False)
                if matcher.real_quick_ratio() >= SAME_PARAGRAPH and matcher.quick_ratio() >= SAME_PARAGRAPH:
                    ratio = matcher.ratio()
                    if ratio >= SAME_PARAGRAPH:
                        scored.append((ratio, i, j))
    out: list[tuple[object, DocxParagraph]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for _, i, j in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            out.append((deleted[i], inserted[j]))
    return out


def as_moved(runs: tuple[DocxRun, ...]) -> str:
    """The moved-to text before the edits made inside it: moved runs and deleted words, not insertions."""
    return "".join(r.text for r in runs if r.revision is None or r.revision.kind is RevisionKind.MOVE_TO or (
        r.revision.kind is RevisionKind.DELETE and (r.insertion is None or r.insertion.kind is RevisionKind.MOVE_TO)))


def _sources(groups: Sequence) -> list:
    """Version blocks of the body that hold original text: what a move can take away."""
    return [g for g in groups if g.key and not g.heading and g.carriers]


def _all_runs(group, test) -> bool:
    """Whether every run of the group's original paragraphs that shows something passes `test`."""
    return all(test(r) for p in group.carriers for r in p.runs
               if r.text.strip() or r.footnote is not None or r.endnote is not None)


def _moved_from(run: DocxRun, author: str) -> bool:
    return run.revision is not None and run.revision.kind is RevisionKind.MOVE_FROM and run.revision.author == author


def _deleted_by(run: DocxRun, author: str) -> bool:
    return (run.revision is not None and run.revision.kind is RevisionKind.DELETE and run.revision.author == author
            and run.insertion is None)


def _moved_to(paragraph: DocxParagraph, author: str) -> bool:
    return any(r.inserted_by is not None and r.inserted_by.kind is RevisionKind.MOVE_TO
               and r.inserted_by.author == author for r in paragraph.runs)


def _inserted_whole(paragraph: DocxParagraph, author: str) -> bool:
    """Every word of the paragraph is `author`'s plain insertion (none deleted again)."""
    shown = [r for r in paragraph.runs if r.text.strip() or r.footnote is not None]
    return bool(shown) and all(r.revision is not None and r.revision.kind is RevisionKind.INSERT
                               and r.revision.author == author for r in shown)
