"""`draftkit.records.record` behaves as `dataclass(frozen=True)` for everything the code uses."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest

from draftkit.records import record


def _pair(**options):
    """The same class declared as a frozen dataclass and as a record."""

    def declare(decorator):
        class Item:
            """An item."""

            name: str
            count: int = 0
            tags: tuple[str, ...] = ()
            notes: list[str] = field(default_factory=list, compare=False, repr=False)
            cached: dict = field(init=False, repr=False, compare=False, hash=False)

            def __post_init__(self) -> None:
                object.__setattr__(self, "cached", {"name": self.name})

        return decorator(Item)

    return declare(dataclass(frozen=True, **options)), declare(record(**options) if options else record)


def test_a_record_behaves_as_a_frozen_dataclass():
    reference, light = _pair()
    for cls in (reference, light):
        one, same, other = cls("a", 2, notes=["x"]), cls("a", 2), cls("b")
        assert one == same and one != other and one != ("a", 2)
        assert hash(one) == hash(same)
        assert one.notes == ["x"] and same.notes == [] and one.cached == {"name": "a"}
        assert repr(one).endswith("Item(name='a', count=2, tags=())")
        assert dataclasses.is_dataclass(one)
        assert [f.name for f in dataclasses.fields(one)] == ["name", "count", "tags", "notes", "cached"]
        assert dataclasses.replace(one, count=3) == cls("a", 3)
        assert dataclasses.asdict(cls("a"))["tags"] == ()
        assert copy.deepcopy(one) == one and copy.copy(one) == one
        with pytest.raises(dataclasses.FrozenInstanceError):
            one.count = 4
        with pytest.raises(dataclasses.FrozenInstanceError):
            del one.name
        with pytest.raises(TypeError):
            cls()  # a field without a default must be given


def test_records_pickle_as_the_parse_cache_stores_them():
    from draftkit.model import Footnote

    note = Footnote(key="crc", text={"en": "Convention on the Rights of the Child."})
    assert pickle.loads(pickle.dumps(note)) == note


def test_identity_equality_and_inheritance():
    _, light = _pair(eq=False)
    assert light("a") != light("a") and len({light("a"), light("a")}) == 2

    @record
    class Base:
        name: str

    @record
    class Child(Base):
        count: int = 1

    assert Child("a") == Child("a", 1) and Child("a") != Base("a") and repr(Child("a")) .endswith("Child(name='a', count=1)")


def test_declaration_errors_are_raised_at_once():
    with pytest.raises(TypeError, match="non-default argument"):
        @record
        class Wrong:
            first: int = 0
            second: str


def test_the_shared_init_and_the_compiled_one_agree(monkeypatch):
    """Before and after COMPILE_AFTER instances: the same values, defaults, factories and errors."""
    from draftkit import records

    monkeypatch.setattr(records, "COMPILE_AFTER", 2)
    _, light = _pair()
    made = [light("a", 2, ("t",), notes=["n"]) for _ in range(4)]
    assert all(m == made[0] and m.notes == ["n"] and m.cached == {"name": "a"} for m in made)
    assert light.__init__.__code__.co_filename.startswith("<record")  # compiled by now
    for index in range(2):
        if index:
            monkeypatch.setattr(records, "COMPILE_AFTER", 100)
            _, light = _pair()  # a fresh class: the shared __init__ again
        assert light("b", count=3) == light("b", 3) and light("b").notes == [] and light("b").notes is not light("b").notes
        for wrong in (lambda: light(), lambda: light("a", 1, (), [], 5), lambda: light("a", name="b"),
                      lambda: light("a", colour="red"), lambda: light("a", cached={})):
            with pytest.raises(TypeError):
                wrong()
