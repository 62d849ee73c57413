"""Generate pairs of resolution DOCX files (OLD, NEW) with scattered changes, for the diff
benchmark and the round-trip tests.

    python benchmarks/gen_docx_pairs.py OUT_DIR 300 60 [--lists]

Plain pairs are unnumbered paragraphs; `--lists` makes numbered operative paragraphs
with (a)/(i) sub-levels and footnotes. Changes: word edits, inserted, deleted and
moved paragraphs, in a fixed random order (seeded), so runs are comparable.
"""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from draftkit.render.docx import write_docx
from draftkit.render.tree import Block, DocTree, FootnoteBody, Role, Run

WORDS = ("parliaments states children online exploitation abuse legislation cooperation measures "
         "protection victims providers services cooperation national international law enforcement "
         "support prevention data research implementation review framework evidence survivors "
         "technology platforms reporting removal material detection safeguards education").split()
OPENINGS = ("Urges", "Calls upon", "Encourages", "Invites", "Requests", "Recommends", "Stresses", "Decides")


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _block(rng: random.Random, index: int, lists: bool) -> Block:
    level = 0
    if lists and index % 5 in (2, 3):
        level = 1 if index % 5 == 2 else 2
    role = Role.SUBPARAGRAPH if level else (Role.OPERATIVE if lists else Role.BODY)
    runs = [Run(rng.choice(OPENINGS) + " ", italic=True)] if level == 0 else []
    runs.append(Run(_sentence(rng, rng.randint(12, 40)) + ";"))
    return Block(role, tuple(runs), level=level, numbered=lists)


def _edit(rng: random.Random, block: Block) -> Block:
    runs = list(block.runs)
    words = runs[-1].text.split(" ")
    at = rng.randrange(len(words))
    choice = rng.random()
    if choice < 0.4:
        words.insert(at, rng.choice(WORDS))
    elif choice < 0.7 and len(words) > 3:
        del words[at]
    else:
        words[at] = rng.choice(WORDS)
    runs[-1] = replace(runs[-1], text=" ".join(words))
    return replace(block, runs=tuple(runs))


def make_pair(paragraphs: int, changes: int, *, lists: bool = False, seed: int = 7) -> tuple[DocTree, DocTree]:
    """Return (OLD, NEW) trees: `paragraphs` paragraphs, `changes` scattered changes."""
    rng = random.Random(seed)
    old = [_block(rng, i, lists) for i in range(paragraphs)]
    notes: list[str] = []
    if lists:  # a footnote call every 20 paragraphs
        for i in range(0, paragraphs, 20):
            notes.append(f"United Nations, Treaty Series, vol. {1000 + i}.")
            old[i] = replace(old[i], runs=(*old[i].runs, Run(footnote=len(notes))))
    new = list(old)
    for k in sorted(rng.sample(range(1, paragraphs - 1), changes), reverse=True):
        kind = rng.random()
        if kind < 0.6:
            new[k] = _edit(rng, new[k])
        elif kind < 0.75 and not any(r.footnote for r in new[k].runs):
            del new[k]
        elif kind < 0.9:
            new.insert(k, _block(rng, k * 5, lists))
        elif not any(r.footnote for r in new[k].runs):
            block = new.pop(k)
            new.insert(max(0, k - rng.randint(3, 30)), block)
    day = datetime(2021, 7, 15, tzinfo=timezone.utc)
    numbered = [FootnoteBody(i + 1, (Run(t),)) for i, t in enumerate(notes)]
    return (DocTree("en", tuple(old), tuple(numbered), created=day),
            DocTree("en", tuple(new), _renumber(new, numbered), created=day))


def _renumber(blocks: list[Block], notes: list[FootnoteBody]) -> tuple[FootnoteBody, ...]:
    """Footnotes of NEW in call order (moves change it); calls keep their note numbers."""
    called = [r.footnote for b in blocks for r in b.runs if r.footnote is not None]
    by_number = {n.number: n for n in notes}
    return tuple(by_number[n] for n in called)


def write_pair(folder: Path, paragraphs: int, changes: int, *, lists: bool = False, seed: int = 7) -> tuple[Path, Path]:
    """Write OLD and NEW DOCX files into `folder`; return their paths."""
    old, new = make_pair(paragraphs, changes, lists=lists, seed=seed)
    folder.mkdir(parents=True, exist_ok=True)
    tag = f"{paragraphs}-{changes}{'-lists' if lists else ''}"
    a, b = folder / f"old-{tag}.docx", folder / f"new-{tag}.docx"
    a.write_bytes(write_docx(old))
    b.write_bytes(write_docx(new))
    return a, b


if __name__ == "__main__":
    out, count, edits = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    for path in write_pair(out, count, edits, lists="--lists" in sys.argv):
        print(path)
