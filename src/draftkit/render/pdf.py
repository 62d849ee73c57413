"""DOCX → PDF through LibreOffice (`soffice --headless --convert-to pdf`).

Runs with a throw-away user profile so it never touches (or waits on) the user's own
LibreOffice. Knows nothing of drafts.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from draftkit.errors import DraftkitError, ToolMissing
from draftkit.files import write_atomic

SOFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT_SECONDS = 180


def find_soffice() -> str:
    """Return the LibreOffice program, or raise `ToolMissing` saying how to install it."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ToolMissing(
        "PDF output needs LibreOffice, which is not installed",
        where="soffice",
        # one fix for every command that writes PDF (build, compile, diff): -o FILE.docx works for all
        fix="install LibreOffice (e.g. apt-get install libreoffice-writer-nogui) to write PDF, "
            "or write DOCX instead with -o FILE.docx",
    )


def write_pdf(docx_bytes: bytes, pdf_path: Path, *, inputs: Iterable[Path] = ()) -> Path:
    """Convert a DOCX given as bytes to `pdf_path` through LibreOffice; return `pdf_path`.

    The PDF is written atomically and never replaces one of `inputs`. Raises
    `ToolMissing` without LibreOffice, `DraftkitError` when the conversion fails.
    """
    return write_pdfs([(docx_bytes, pdf_path)], inputs=inputs)[0]


def write_pdfs(items: Sequence[tuple[bytes, Path]], *, inputs: Iterable[Path] = ()) -> list[Path]:
    """Convert each (DOCX bytes, PDF path) with as few LibreOffice starts as possible;
    return the PDFs written, in order. Same guarantees as `write_pdf`."""
    with tempfile.TemporaryDirectory(prefix="draftkit-pdf-") as tmp:
        pairs: list[tuple[Path, Path]] = []
        for index, (data, pdf) in enumerate(items):
            # the temporary DOCX carries the PDF's name: LibreOffice may show it as the title
            folder = Path(tmp) / str(index)
            folder.mkdir()
            docx = folder / (pdf.stem + ".docx")
            docx.write_bytes(data)
            pairs.append((docx, pdf))
        return docxs_to_pdfs(pairs, inputs=inputs)


def docxs_to_pdfs(pairs: list[tuple[Path, Path]], *, inputs: Iterable[Path] = ()) -> list[Path]:
    """Convert each (docx, pdf) pair and return the PDFs in the order of `pairs`; one
    LibreOffice start per batch of distinct file names (starting it costs more than
    converting). A PDF never replaces one of `inputs`."""
    protected = list(inputs)
    batches: list[list[tuple[Path, Path]]] = []
    for pair in pairs:
        batch = next((b for b in batches if all(d.stem != pair[0].stem for d, _ in b)), None)
        if batch is None:
            batches.append([pair])
        else:
            batch.append(pair)
    made = {target: pdf for batch in batches
            for (_, target), pdf in zip(batch, _convert(batch, protected))}
    return [made[target] for _, target in pairs]  # batches regroup them: back in the order asked


def _run_office(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run LibreOffice in a process group of its own and, however the wait ends (done, timed
    out, Ctrl-C, SIGTERM), leave none of its processes behind: `soffice` is a script that
    starts oosplash, which starts soffice.bin, so stopping the first alone orphans the rest."""
    process: subprocess.Popen[str] | None = None
    try:
        with _signals_held():  # a Ctrl-C inside Popen() would lose the process it started
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                       start_new_session=hasattr(os, "killpg"))
        stdout, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
    except BaseException:
        if process is not None:
            _stop_group(process)
        raise
    _stop_group(process)  # a helper it left running (the conversion is done)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP while the block runs, then deliver them: raised inside
    `Popen()`, after the child started, they would leave a LibreOffice nobody can stop."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    numbers = [getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {number: signal.signal(number, lambda number, frame: held.append(number)) for number in numbers}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        for number in dict.fromkeys(held):
            signal.raise_signal(number)


def _stop_group(process: subprocess.Popen) -> None:
    if hasattr(os, "killpg"):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass  # the group has ended
    else:
        process.kill()
    try:
        process.communicate(timeout=5)
    except (subprocess.TimeoutExpired, ValueError, OSError):
        pass


def _convert(pairs: list[tuple[Path, Path]], inputs: list[Path]) -> list[Path]:
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="draftkit-soffice-") as tmp:
        profile = Path(tmp) / "profile"
        staging = Path(tmp) / "out"
        # LibreOffice names outputs after inputs: convert in one call, then move into place
        sources = [docx.resolve() for docx, _ in pairs]
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(staging), *map(str, sources)]
        try:
            result = _run_office(command)
        except subprocess.TimeoutExpired:
            raise DraftkitError(f"LibreOffice did not finish within {TIMEOUT_SECONDS} s",
                                where=pairs[0][0], fix="close other LibreOffice windows and retry") from None
        out: list[Path] = []
        for (docx, pdf), source in zip(pairs, sources):
            made = staging / (source.stem + ".pdf")
            if not made.exists():
                detail = (result.stderr or result.stdout).strip().splitlines()
                raise DraftkitError("LibreOffice could not convert the file to PDF"
                                    + (f": {detail[-1]}" if detail else ""), where=docx)
            out.append(write_atomic(pdf, made.read_bytes(), inputs=[docx, *inputs]))
        return out

