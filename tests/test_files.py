"""Outputs are written atomically, with ordinary permissions, never over an input."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from draftkit.errors import InputError
from draftkit.files import snapshot, write_atomic


def test_new_file_gets_umask_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        path = write_atomic(tmp_path / "out" / "a.txt", "hello")
    finally:
        os.umask(umask)
    assert path.read_text() == "hello"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_replacing_keeps_the_mode_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("old")
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    source = tmp_path / "draft.yaml"
    source.write_text("version: 1")
    with pytest.raises(InputError, match="refusing to overwrite an input file"):
        write_atomic(tmp_path / "." / "draft.yaml", "x", inputs=[source])
    assert source.read_text() == "version: 1"


def test_a_read_only_file_is_refused_even_for_root(tmp_path: Path) -> None:
    path = tmp_path / "draft-2.yaml"
    path.write_text("mine")
    path.chmod(0o444)  # root could write it anyway: the missing write bits are the user's "do not touch"
    with pytest.raises(InputError) as caught:
        write_atomic(path, "theirs")
    assert caught.value.message.startswith(f"{path}: is read-only (make it writable")
    assert path.read_text() == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["draft-2.yaml"]


def test_a_file_saved_after_it_was_read_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "draft.yaml"
    path.write_text("read")
    before = snapshot(path)
    path.write_text("saved by the user meanwhile")
    with pytest.raises(InputError, match="changed on disk while draftkit was editing it; nothing written"):
        write_atomic(path, "edited", unchanged_since=before)
    assert path.read_text() == "saved by the user meanwhile"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.yaml"]
    write_atomic(path, "edited", unchanged_since=snapshot(path))
    assert path.read_text() == "edited"


@pytest.mark.parametrize("failure, words", [
    (OSError(errno.ENOSPC, "No space left on device"), "cannot write it (No space left on device); nothing written"),
    (PermissionError(errno.EPERM, "Operation not permitted"), "cannot write it (Operation not permitted)"),
])
def test_a_failed_write_or_rename_is_a_one_line_input_error(tmp_path: Path, monkeypatch, failure, words) -> None:
    path = tmp_path / "a.docx"
    path.write_text("old")

    def fail(*args, **kwargs):
        raise failure

    # a full disk fails the write; an immutable file (chattr +i) fails the rename
    monkeypatch.setattr(os, "replace" if isinstance(failure, PermissionError) else "fsync", fail)
    with pytest.raises(InputError) as caught:
        write_atomic(path, "new")
    assert words in caught.value.message and caught.value.where == path
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]
