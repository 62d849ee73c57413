"""`draftkit build` through the CLI: files written, output paths, and its error messages."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import GOLDEN, MINI_DRAFT, invoke, write


def test_build_writes_docx_for_every_language_by_default(runner, mini_project):
    result = invoke(runner, "build", "-p", mini_project)
    assert result.exit_code == 0, result.output
    build = mini_project.resolve() / "build"
    assert sorted(p.name for p in build.iterdir()) == ["mini-draft1.en.docx", "mini-draft1.fr.docx"]
    assert result.stdout == f"wrote {build / 'mini-draft1.en.docx'}\nwrote {build / 'mini-draft1.fr.docx'}\n"
    with zipfile.ZipFile(build / "mini-draft1.fr.docx") as archive:
        assert "Exhorte" in archive.read("word/document.xml").decode()


def test_build_text_formats_match_the_golden_files(runner, mini_project):
    result = invoke(runner, "build", "-p", mini_project, "--format", "txt", "--format", "md", "--lang", "fr")
    assert result.exit_code == 0, result.output
    build = mini_project / "build"
    assert (build / "mini-draft1.fr.txt").read_text(encoding="utf-8") == (GOLDEN / "render" / "mini.fr.txt").read_text(encoding="utf-8")
    assert (build / "mini-draft1.fr.md").read_text(encoding="utf-8") == (GOLDEN / "render" / "mini.fr.md").read_text(encoding="utf-8")
    assert not (build / "mini-draft1.en.txt").exists()


def test_output_file_decides_the_format_and_takes_the_language(runner, mini_project, tmp_path):
    result = invoke(runner, "build", "--draft", mini_project / "drafts" / "draft-1.yaml", "-o", tmp_path / "out.txt")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.en.txt").read_text(encoding="utf-8").startswith("143rd IPU Assembly\n")
    assert (tmp_path / "out.fr.txt").exists()
    result = invoke(runner, "build", "-p", mini_project, "-l", "en", "-o", tmp_path / "one.docx")
    assert result.exit_code == 0 and (tmp_path / "one.docx").exists()


def test_number_preambular_option(runner, mini_project):
    result = invoke(runner, "build", "-p", mini_project, "--number-preambular", "-l", "en", "-f", "txt")
    assert result.exit_code == 0, result.output
    text = (mini_project / "build" / "mini-draft1.en.txt").read_text(encoding="utf-8")
    assert "PP1 Recalling the Convention" in text and "PP2 Deeply concerned" in text


def test_missing_translation_names_every_missing_id(runner, mini_project):
    write(mini_project / "drafts" / "draft-1.yaml", MINI_DRAFT.replace(
        ", fr: de partager les informations}", "}").replace(
        "    text: {en: to remain seized of the matter, fr: de demeurer saisie de la question}",
        "    text: {en: to remain seized of the matter}"))
    result = invoke(runner, "build", "-p", mini_project, "--lang", "fr")
    assert result.exit_code == 1
    draft = mini_project / "drafts" / "draft-1.yaml"
    head, *listed = result.stderr.splitlines()
    assert head == (f"error: {draft}: 2 errors found by check (in fr), so nothing was written "
                    "(fix each, then build again; `draftkit check` shows them with suggestions)")
    assert [line.split(": ", 2)[1].split(" error")[0] for line in listed] == ["OP2(a) (op-cooperation)", "OP3 (op-seized)"]
    assert all("error[parity-" in line and "[fr] " in line for line in listed)
    assert not (mini_project / "build").exists()
    assert invoke(runner, "build", "-p", mini_project, "--lang", "en").exit_code == 0


def test_output_equal_to_an_input_is_refused(runner, mini_project):
    draft = mini_project / "drafts" / "draft-1.yaml"
    before = draft.read_text(encoding="utf-8")
    result = invoke(runner, "build", "-p", mini_project, "-l", "en", "-f", "txt", "-o", draft.with_suffix(".txt"))
    assert result.exit_code == 0
    from draftkit.render.docx import builtin_reference

    house = mini_project / "house.docx"
    shutil.copy(builtin_reference(), house)
    write(mini_project / "draftkit.yaml", "name: mini\nreference_docx: house.docx\n")
    result = invoke(runner, "build", "-p", mini_project, "-l", "en", "-o", house)
    assert result.exit_code == 1
    assert result.stderr == (f"error: {house}: -o names one of the build's input files "
                             "(give an output folder, or a new .docx, .md, .txt or .pdf file name)\n")
    assert house.read_bytes() == builtin_reference().read_bytes()
    assert draft.read_text(encoding="utf-8") == before


def test_output_that_is_not_a_folder_or_an_output_file_is_refused(runner, mini_project):
    drafts = mini_project / "drafts"
    result = invoke(runner, "build", "-p", mini_project, "-l", "en", "-f", "txt", "-o", drafts / "draft-9.yaml")
    assert result.exit_code == 1
    assert result.stderr == (f"error: {drafts / 'draft-9.yaml'}: -o names a .yaml file, which build does not write "
                             "(end the name in .docx, .md, .pdf or .txt, or create the folder first to write into it)\n")
    assert sorted(p.name for p in drafts.iterdir()) == ["draft-1.yaml"]  # no folder named like a draft
    notes = write(mini_project / "notes.yaml", "mine\n")
    result = invoke(runner, "build", "-p", mini_project, "-l", "en", "-o", notes)
    assert result.exit_code == 1 and "-o names an existing file that is not a .docx, .md, .pdf or .txt file" in result.stderr
    assert notes.read_text() == "mine\n"
    (mini_project / "out.txt").mkdir()  # a folder is a folder, whatever its name
    assert invoke(runner, "build", "-p", mini_project, "-l", "en", "-f", "txt", "-o", mini_project / "out.txt").exit_code == 0
    assert (mini_project / "out.txt" / "mini-draft1.en.txt").exists()


def test_write_atomic_refuses_a_folder_and_a_file_in_the_way(tmp_path):
    from draftkit.errors import InputError
    from draftkit.files import write_atomic

    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(InputError, match="is a folder, not a file"):
        write_atomic(tmp_path / "folder.txt", "x")
    write(tmp_path / "plain", "mine")
    with pytest.raises(InputError, match="a file of that name is in the way"):
        write_atomic(tmp_path / "plain" / "out.txt", "x")
    assert (tmp_path / "plain").read_text() == "mine"


def test_output_dash_writes_one_language_to_standard_output(runner, mini_project, monkeypatch):
    result = invoke(runner, "build", "-p", mini_project, "-l", "fr", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout == (GOLDEN / "render" / "mini.fr.txt").read_text(encoding="utf-8")
    result = invoke(runner, "build", "-p", mini_project, "-l", "en", "-f", "md", "-o", "-")
    assert result.stdout == (GOLDEN / "render" / "mini.en.md").read_text(encoding="utf-8")
    assert not (mini_project / "build").exists() and not (mini_project / "-").exists()
    result = invoke(runner, "build", "-p", mini_project, "-l", "en", "-f", "docx", "-o", "-")  # into a pipe
    with zipfile.ZipFile(io.BytesIO(result.stdout_bytes)) as archive:
        assert "Urges" in archive.read("word/document.xml").decode()
    import importlib

    command = importlib.import_module("draftkit.cli.app")  # the module, not the `app` it exports
    monkeypatch.setattr(command, "is_terminal", lambda: True)
    result = invoke(runner, "build", "-p", mini_project, "-l", "en", "-f", "docx", "-o", "-")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == ("error: will not write a DOCX file to the terminal "
                             "(redirect it (> draft.docx), or use -f txt or -f md)\n")
    result = invoke(runner, "build", "-p", mini_project, "-o", "-")
    assert result.stderr == "error: standard output takes one language; the draft has en, fr (add --lang en)\n"


@pytest.mark.parametrize("args, message", [
    (["--format", "odt"], "error: Invalid value for '-f' / '--format': 'odt' is not one of 'docx', 'md', 'txt', "
                          "'pdf' (see `draftkit build --help`)\n"),
    (["--lang", "de"], "error: draftkit has no language 'de' (use one of en, fr, ar, es, ru, zh)\n"),
    (["-f", "md", "-o", "x.docx"], "error: -o x.docx names a .docx file but the formats asked for are md "
                                   "(give a folder with -o, or one --format matching the file's extension)\n"),
    (["--draft", "7"], "error: {drafts}: no draft version 7 (versions here: 1)\n"),
])
def test_usage_errors(runner, mini_project, args, message):
    result = invoke(runner, "build", "-p", mini_project, *args)
    assert result.exit_code in (1, 2)
    assert result.stderr == message.format(drafts=(mini_project / "drafts").resolve())


def test_pdf_without_libreoffice_is_a_clear_error(runner, mini_project, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = invoke(runner, "build", "-p", mini_project, "-f", "pdf", "-l", "en")
    assert result.exit_code == 1
    assert result.stderr == ("error: soffice: PDF output needs LibreOffice, which is not installed "
                             "(install LibreOffice (e.g. apt-get install libreoffice-writer-nogui) to write PDF, "
                             "or write DOCX instead with -o FILE.docx)\n")


def test_build_is_reproducible_to_the_byte(runner, mini_project, tmp_path):
    invoke(runner, "build", "-p", mini_project, "-o", tmp_path / "a")
    invoke(runner, "build", "-p", mini_project, "-o", tmp_path / "b")
    for name in ("mini-draft1.en.docx", "mini-draft1.fr.docx"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
        with zipfile.ZipFile(io.BytesIO((tmp_path / "a" / name).read_bytes())) as archive:
            assert archive.testzip() is None


@pytest.mark.parametrize("name", ["out.en.txt", "out.fr.txt", "out.txt"])
def test_an_output_file_naming_a_language_gets_each_language_once(runner, mini_project, tmp_path, name):
    result = invoke(runner, "build", "-p", mini_project, "-o", tmp_path / name)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".txt") == ["out.en.txt", "out.fr.txt"]
    assert (tmp_path / "out.fr.txt").read_text(encoding="utf-8") == (GOLDEN / "render" / "mini.fr.txt").read_text(
        encoding="utf-8")


def _draftkit(*args) -> list[str]:
    return [sys.executable, "-m", "draftkit", *map(str, args)]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_standard_output_is_a_one_line_error(mini_project):
    with open("/dev/full", "wb") as full:
        for args in (["-l", "en", "-o", "-"], ["-l", "en", "-f", "docx", "-o", "-"], ["-o", mini_project / "out"]):
            result = subprocess.run(_draftkit("build", "-p", mini_project, *args), stdout=full, stderr=subprocess.PIPE,
                                    timeout=60)
            assert (result.returncode, result.stderr) == (
                1, b"error: cannot write to standard output: No space left on device\n"), args


def test_a_closed_pipe_ends_the_build_quietly(mini_project):
    process = subprocess.Popen(_draftkit("build", "-p", mini_project, "-l", "en", "-o", "-"),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # the reader is gone before the first byte, like `| head -0`
    assert process.wait(timeout=60) == 0
    assert process.stderr.read() == b""
    process.stderr.close()


def test_a_read_only_output_is_refused(runner, mini_project, tmp_path):
    target = write(tmp_path / "out.txt", "the secretariat's copy\n")
    target.chmod(0o444)
    result = invoke(runner, "build", "-p", mini_project, "-l", "en", "-o", target)
    assert result.exit_code == 1
    assert result.stderr == (f"error: {target}: is read-only (make it writable (chmod u+w) if it may change,"
                             " or choose another output path with -o)\n")
    assert target.read_text() == "the secretariat's copy\n"
