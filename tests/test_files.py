"""Outputs are written atomically, with ordinary permissions, never over an input."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from draftkit.errors import InputError
from draftkit.files import write_atomic


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
