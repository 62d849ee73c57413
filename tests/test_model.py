"""Numbers are computed, never stored: labels and the references delegates write."""

from __future__ import annotations

from pathlib import Path

import pytest

from draftkit.errors import UnknownReference
from draftkit.loading import open_draft
from draftkit.model import Target, roman, subparagraph_label


@pytest.fixture
def draft(mini_project: Path):
    return open_draft(mini_project)[1]


@pytest.mark.parametrize(
    "reference, expected",
    [
        ("OP2", Target("op-cooperation")),
        ("op2", Target("op-cooperation")),
        ("OP 2", Target("op-cooperation")),
        ("PP1", Target("pp-crc")),
        ("OP2(b)", Target("op-cooperation", ("b",))),
        ("OP2 (a)", Target("op-cooperation", ("a",))),
        ("operative paragraph 3", Target("op-seized")),
        ("Operative paragraph 2(a)", Target("op-cooperation", ("a",))),
        ("preambular paragraph 2", Target("pp-concern")),
        ("paragraphe 1", Target("op-urges")),
        ("alinéa 2 du préambule", Target("pp-concern")),
        ("op-seized", Target("op-seized")),
        ("op-cooperation(b)", Target("op-cooperation", ("b",))),
    ],
)
def test_resolve(draft, reference: str, expected: Target) -> None:
    assert draft.resolve(reference) == expected


def test_labels_follow_order(draft) -> None:
    assert draft.labels() == {
        "pp-crc": "PP1", "pp-concern": "PP2", "op-urges": "OP1", "op-cooperation": "OP2", "op-seized": "OP3",
    }
    assert draft.label("op-seized") == "OP3"


def test_number_out_of_range_names_the_range(draft) -> None:
    with pytest.raises(UnknownReference) as info:
        draft.resolve("OP9")
    assert info.value.message == "'OP9': draft 1 has 3 operative paragraphs (use OP1 to OP3, numbered as in draft 1)"


def test_missing_subparagraph_lists_the_existing_ones(draft) -> None:
    with pytest.raises(UnknownReference) as info:
        draft.resolve("OP2(c)")
    assert info.value.message == "'OP2(c)': OP2 has no sub-paragraph (c) in draft 1 (it has (a), (b))"


def test_unknown_id_suggests(draft) -> None:
    with pytest.raises(UnknownReference) as info:
        draft.resolve("op-seize")
    assert "(did you mean 'op-seized' or" in info.value.message


def test_subparagraph_labels() -> None:
    assert [subparagraph_label(i, 1) for i in (0, 1, 25, 26)] == ["a", "b", "z", "aa"]
    assert [subparagraph_label(i, 2) for i in (0, 3, 8)] == ["i", "iv", "ix"]
    assert roman(14) == "xiv"
