"""Folders a project names are looked into as deep as draftkit reads them, no deeper:
settings naming `/` or `/usr` as a library folder once made every build walk the disk
(38 s for /usr) to list the files an output must not overwrite, and `build --watch` walk
it twice a second."""

from __future__ import annotations

from pathlib import Path

from conftest import MINI_DRAFT, MINI_LIBRARY, write

from draftkit.loading import Project
from draftkit.watch import snapshot


def test_a_library_folder_is_listed_with_its_subfolders_only(tmp_path: Path) -> None:
    write(tmp_path / "draftkit.yaml", "name: deep\nlibraries: [clauses, shared]\n")
    write(tmp_path / "clauses" / "standard.yaml", MINI_LIBRARY)
    write(tmp_path / "drafts" / "draft-1.yaml", MINI_DRAFT)
    write(tmp_path / "shared" / "top.yaml", "clauses: []\n")
    write(tmp_path / "shared" / "one" / "kept.txt", "x")
    write(tmp_path / "shared" / "one" / "two" / "three" / "deep.yaml", "x")
    inputs = {p.relative_to(tmp_path).as_posix() for p in Project.open(tmp_path).inputs()}
    assert {"shared/top.yaml", "shared/one/kept.txt", "clauses/standard.yaml", "drafts/draft-1.yaml"} <= inputs
    assert not any(name.endswith("deep.yaml") for name in inputs)
    watched = {p.name for p in snapshot([tmp_path / "shared"])}
    assert watched == {"top.yaml", "kept.txt"}
