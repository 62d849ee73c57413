"""Property: for random pairs of drafts (words and paragraphs inserted, deleted, replaced
and moved; sub-paragraphs and footnotes included), accepting every revision of the
redline gives NEW and rejecting every revision gives OLD — in the tree and in the DOCX."""

from __future__ import annotations

import random
import tempfile
from dataclasses import replace
from pathlib import Path

from conftest import MINI_DRAFT, MINI_LIBRARY, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from draftkit.diff.compare import compare_trees
from draftkit.diff.redline import plain, redline, resolve
from draftkit.loading import Project
from draftkit.model import Draft, Footnote, Kind, Paragraph, ParagraphId, SubParagraph
from draftkit.render.layout import layout
from draftkit.render.tree import RevisionKind

WORDS = "parliaments children online abuse legislation victims support data review law [bracketed] États".split()


def base_draft() -> Draft:
    """The conftest mini draft (2 PP, 3 OP, sub-paragraphs, a footnote), loaded once."""
    folder = Path(tempfile.mkdtemp(prefix="draftkit-prop-"))
    write(folder / "draftkit.yaml", "name: prop\n")
    write(folder / "clauses" / "standard.yaml", MINI_LIBRARY)
    write(folder / "drafts" / "draft-1.yaml", MINI_DRAFT)
    return Project.open(folder).draft(1)


BASE = base_draft()


def _words(rnd: random.Random, text: str) -> str:
    """Insert, delete or replace a few words (never touching footnote calls)."""
    words = text.split(" ")
    for _ in range(rnd.randint(1, 3)):
        at = rnd.randrange(len(words) + 1)
        kind = rnd.random()
        if kind < 0.4 or len(words) < 2:
            words.insert(at, rnd.choice(WORDS))
        elif at < len(words) and "[^" not in words[at] and "{" not in words[at]:
            if kind < 0.7:
                del words[at]
            else:
                words[at] = rnd.choice(WORDS)
    return " ".join(words)


def _new_paragraph(rnd: random.Random, number: int, kind) -> Paragraph:
    subs = tuple(SubParagraph(f"s{k}", {"en": " ".join(rnd.choices(WORDS, k=4))}) for k in range(rnd.randint(0, 2)))
    note = rnd.random() < 0.4
    text = " ".join(rnd.choices(WORDS, k=rnd.randint(3, 9))) + ("[^n]" if note else "")
    return Paragraph(ParagraphId(f"new{number}-{rnd.randrange(10**9)}"), kind, {"en": rnd.choice(["Urges", "Invites", "Decides"])},
                     {"en": text}, subparagraphs=subs,
                     footnotes=(Footnote("n", {"en": " ".join(rnd.choices(WORDS, k=5))}),) if note else ())


def _edit(rnd: random.Random, paragraph: Paragraph) -> Paragraph:
    choice = rnd.random()
    if choice < 0.5:
        return replace(paragraph, text={"en": _words(rnd, paragraph.text["en"])})
    if choice < 0.7 and paragraph.footnotes:
        note = paragraph.footnotes[0]
        return replace(paragraph, footnotes=(replace(note, text={"en": _words(rnd, note.text["en"])}),
                                             *paragraph.footnotes[1:]))
    subs = list(paragraph.subparagraphs)
    if subs and rnd.random() < 0.5:
        at = rnd.randrange(len(subs))
        if rnd.random() < 0.5:
            del subs[at]
        else:
            subs[at] = replace(subs[at], text={"en": _words(rnd, subs[at].text["en"])})
    else:
        subs.insert(rnd.randint(0, len(subs)), SubParagraph(f"x{rnd.randint(0, 999)}", {"en": "to act now"}))
    ids = [s.id for s in subs]
    if len(ids) != len(set(ids)):
        return paragraph
    return replace(paragraph, subparagraphs=tuple(subs))


def mutate(draft: Draft, rnd: random.Random, steps: int) -> Draft:
    """Return a random next version of `draft`: `steps` paragraph or word changes."""
    pre, ops = list(draft.preambular), list(draft.operative)
    for step in range(steps):
        seq = pre if rnd.random() < 0.3 else ops
        kind = rnd.random()
        if kind < 0.45 and seq:
            at = rnd.randrange(len(seq))
            seq[at] = _edit(rnd, seq[at])
        elif kind < 0.65:
            kind_of = Kind.PREAMBULAR if seq is pre else Kind.OPERATIVE
            seq.insert(rnd.randint(0, len(seq)), _new_paragraph(rnd, step, kind_of))
        # down to one operative paragraph too: a lone one is unnumbered (a w:pPrChange)
        elif kind < 0.8 and len(seq) > 1 and not _referenced(seq[-1], pre + ops):
            victim = rnd.randrange(len(seq))
            if not _referenced(seq[victim], pre + ops):
                del seq[victim]
        elif len(seq) > 1:
            item = seq.pop(rnd.randrange(len(seq)))
            seq.insert(rnd.randint(0, len(seq)), item)
    return replace(draft, preambular=tuple(pre), operative=tuple(ops))


def _referenced(paragraph: Paragraph, paragraphs: list[Paragraph]) -> bool:
    return any("{ref:" + paragraph.id in p.text.get("en", "") for p in paragraphs)


def draft_pair(seed: int, steps: int = 6) -> tuple[Draft, Draft]:
    """A random (OLD, NEW) pair: OLD is itself a mutation of the mini draft."""
    rnd = random.Random(seed)
    old = mutate(BASE, rnd, rnd.randint(0, 3))
    return old, mutate(old, rnd, steps)


def compare_drafts(old: Draft, new: Draft):
    return compare_trees(layout(old, "en"), layout(new, "en"), date=BASE_DATE, default_author="Co-rapporteurs")


BASE_DATE = layout(BASE, "en").created


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**9), steps=st.integers(1, 10))
def test_accept_gives_new_and_reject_gives_old(seed, steps):
    old, new = draft_pair(seed, steps)
    comparison = compare_drafts(old, new)
    tree = redline(comparison)
    assert resolve(tree, accept=True) == plain(comparison.new)
    assert resolve(tree, accept=False) == plain(comparison.old)
    ids = [r.revision for b in tree.blocks for r in b.runs if r.revision]
    assert all(r.date == BASE_DATE for r in ids)
    assert tree.blocks[-1].mark_revision is None  # the final paragraph mark cannot go away
    for block, after in zip(tree.blocks, tree.blocks[1:]):  # LibreOffice would join these two
        last = block.runs[-1].revision if block.runs else None
        first = after.runs[0].revision if after.runs else None
        assert not (block.mark_revision is None and last and first and last.kind is first.kind is RevisionKind.INSERT)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10**9))
def test_written_docx_round_trips(seed):
    """The same, read back from the DOCX XML by docxread (an independent reading of the file)."""
    from test_diff import _accepted_rejected

    from draftkit.docxread import read_docx
    from draftkit.render.docx import write_docx

    old, new = draft_pair(seed)
    comparison = compare_drafts(old, new)
    with tempfile.TemporaryDirectory() as folder:
        paths = {name: Path(folder) / f"{name}.docx" for name in ("old", "new", "tracked")}
        paths["old"].write_bytes(write_docx(comparison.old))
        paths["new"].write_bytes(write_docx(comparison.new))
        paths["tracked"].write_bytes(write_docx(redline(comparison)))
        accepted, rejected = _accepted_rejected(paths["tracked"])
        assert accepted == [p.text for p in read_docx(paths["new"]).paragraphs]
        assert rejected == [p.text for p in read_docx(paths["old"]).paragraphs]
