"""Properties of `importing.matching`: a returned file is paired with the version it answers
whatever happens to its punctuation, quotes, apostrophes, spacing, case, typed numbers and
field results, and is refused — naming the paragraph and the words — as soon as one word of
a paragraph is another."""

from __future__ import annotations

import dataclasses
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from draftkit.docxread import DocxParagraph, DocxRun
from draftkit.importing.matching import match
from draftkit.loading import open_draft
from draftkit.render.layout import layout
from draftkit.render.tree import Block, Role

EXAMPLE = EXAMPLES / "child-online-exploitation"
BODY = (Role.PREAMBULAR, Role.OPERATIVE, Role.SUBPARAGRAPH)


@pytest.fixture(scope="module")
def version() -> tuple[list[Block], list[list[DocxParagraph]]]:
    """Draft 2's body blocks, and the file as a delegate saved it: one paragraph a line, the
    heading and closing lines around them, every run cut in two (as Word splits runs)."""
    _, draft = open_draft(EXAMPLE, 2)
    tree = layout(draft, "en")
    blocks = [b for b in tree.blocks if b.role in BODY]
    paragraphs = []
    for index, block in enumerate(tree.blocks):
        text = block.text
        half = len(text) // 2
        paragraphs.append([DocxParagraph(index, (DocxRun(text[:half]), DocxRun(text[half:])))])
    return blocks, paragraphs


RETOUCHES = [("'", "\u2019"), ("\u201c", '"'), ("\u201d", '"'), (",", ";"), (";", ","), (" ", "  "), (" ", "\u00a0"),
             ("-", "\u2013"), (", ", " , ")]


def _retouched(paragraphs, rnd: random.Random):
    out = []
    for group in paragraphs:
        runs = []
        for run in group[0].runs:
            text = run.text
            for old, new in RETOUCHES:
                if old in text and rnd.random() < 0.3:
                    text = text.replace(old, new, 1)
            runs.append(dataclasses.replace(run, text=text))
        if runs[-1].text.endswith((".", ";", ",")) and rnd.random() < 0.3:  # the final mark changed
            runs[-1] = dataclasses.replace(runs[-1], text=runs[-1].text[:-1] + rnd.choice(".;:,"))
        if rnd.random() < 0.2:  # a number typed where Word counted it
            runs.insert(0, DocxRun(f"{rnd.randint(1, 20)}.\t"))
        if rnd.random() < 0.1:
            runs = [dataclasses.replace(r, text=r.text.upper()) for r in runs]
        out.append([dataclasses.replace(group[0], runs=tuple(runs))])
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**9))
def test_retouched_punctuation_quotes_spacing_case_and_numbers_still_match(version, seed) -> None:
    blocks, paragraphs = version
    found = match(_retouched(paragraphs, random.Random(seed)), blocks, 2)
    assert found.problem == ""
    assert [p.block for p in found.pairs] == list(range(len(blocks)))
    assert [p.group for p in found.pairs] == sorted(p.group for p in found.pairs)  # each its own, in order


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**9))
def test_one_word_of_another_version_is_refused_naming_the_paragraph_and_the_word(version, seed) -> None:
    blocks, paragraphs = version
    rnd = random.Random(seed)
    target = rnd.randrange(len(blocks))
    at = next(i for i, g in enumerate(paragraphs) if "".join(r.text for r in g[0].runs) == blocks[target].text)
    words = "".join(r.text for r in paragraphs[at][0].runs).split(" ")
    k = rnd.randrange(len(words))
    words[k] = "zebra" + words[k]
    changed = [list(g) for g in paragraphs]
    changed[at] = [dataclasses.replace(paragraphs[at][0], runs=(DocxRun(" ".join(words)),))]
    found = match(changed, blocks, 2)
    assert blocks[target].label in found.problem
    assert "zebra" in found.problem


def test_a_field_result_may_differ_from_the_version(version) -> None:
    """A REF field Word updated ('paragraph 3 above' where draft 2 reads 'paragraph 2 above')."""
    blocks, paragraphs = version
    at = next(i for i, g in enumerate(paragraphs) if "paragraph 2 above" in "".join(r.text for r in g[0].runs))
    text = "".join(r.text for r in paragraphs[at][0].runs)
    before, after = text.split("paragraph 2 above")
    changed = [list(g) for g in paragraphs]
    changed[at] = [dataclasses.replace(paragraphs[at][0], runs=(
        DocxRun(before + "paragraph "), DocxRun("3", field="REF _Ref1 \\h"), DocxRun(" above" + after)))]
    found = match(changed, blocks, 2)
    assert found.problem == ""
    (pair,) = [p for p in found.pairs if p.group == at]
    assert pair.ignored == ("a field shows '3' for '2'",)
    typed = [list(g) for g in paragraphs]
    typed[at] = [dataclasses.replace(paragraphs[at][0], runs=(DocxRun(text.replace("paragraph 2", "paragraph 3")),))]
    assert "'3' where draft 2 has '2'" in match(typed, blocks, 2).problem  # typed, it is another text
