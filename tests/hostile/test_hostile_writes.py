"""Writes under hostile conditions: a full disk in the middle of an import, a pipe being
read, a project another command holds locked."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest
from conftest import invoke, needs
from hostile_cases import docx

from draftkit import files as files_module
from draftkit.errors import InputError
from draftkit.files import edit_lock, editing, write_atomic


def test_an_import_failing_on_a_full_disk_leaves_no_empty_folder(runner, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    real = files_module.write_atomic

    def full_disk(path: Path, data, **options):
        if path.name.startswith("draft-"):
            raise InputError(f"cannot write it ({os.strerror(errno.ENOSPC)}); nothing written", where=path)
        return real(path, data, **options)

    monkeypatch.setattr(files_module, "write_atomic", full_disk)
    result = invoke(runner, "import", docx(tmp_path / "r.docx"), "-o", tmp_path / "new")
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert not (tmp_path / "new").exists()  # not even an empty clauses/ or drafts/


def test_a_pipe_being_read_gets_the_output(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    while True:  # write once the reader has opened its end
        try:
            write_atomic(pipe, "through the pipe")
            break
        except InputError as error:
            assert "nobody reads" in error.message
    reader.join(timeout=10)
    assert received == [b"through the pipe"] and pipe.is_fifo()


def test_a_project_locked_too_long_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "draftkit.yaml").write_text("name: x\n")
    held, release = threading.Event(), threading.Event()

    def holder() -> None:
        with edit_lock(tmp_path):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(10)
    try:
        with pytest.raises(InputError, match="another draftkit command has been editing this project for 0.2 s"):
            with editing(tmp_path / "draft.yaml", wait=0.2):
                pass
    finally:
        release.set()
        thread.join()
    with editing(tmp_path / "draft.yaml") as edit:  # free again; a new file is made only where none is
        edit.write("version: 1\n")
    assert (tmp_path / "draft.yaml").read_text() == "version: 1\n" and not (tmp_path / ".draftkit.lock").exists()


@needs("pandoc")
def test_a_tracked_change_author_with_a_control_character_is_refused_before_writing(runner, mini_project: Path,
                                                                                   tmp_path: Path) -> None:
    """Word takes any author name; written as the delegation, U+009B made a contribution file
    that every later command refused as unreadable (and printed the raw CSI)."""
    import subprocess

    assert invoke(runner, "build", "-p", mini_project, "-l", "en", "-o", tmp_path / "draft.docx").exit_code == 0
    plain = subprocess.run(["pandoc", "-f", "docx", "-t", "markdown", str(tmp_path / "draft.docx")], check=True,
                           capture_output=True, text=True).stdout
    author = 'author="Ken\u009b[31mya" date="2021-06-10T00:00:00Z"'
    assert "to criminalize all" in plain
    (tmp_path / "returned.md").write_text(plain.replace(
        "to criminalize all", f"to [criminalize]{{.deletion {author}}}[outlaw]{{.insertion {author}}} all"))
    subprocess.run(["pandoc", str(tmp_path / "returned.md"), "-o", str(tmp_path / "returned.docx")], check=True)
    result = invoke(runner, "import", "--contribution", tmp_path / "returned.docx", "-p", mini_project, "--against", "1")
    assert result.exit_code == 1, result.output
    assert "U+009B" in result.stderr and "-d NAME" in result.stderr and "\u009b" not in result.stderr
    assert not (mini_project / "contributions").exists()
    named = invoke(runner, "import", "--contribution", tmp_path / "returned.docx", "-p", mini_project, "--against",
                   "1", "-d", "Kenya")
    assert named.exit_code == 0, named.output
