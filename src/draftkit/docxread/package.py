"""Opening a DOCX as a zip package with size limits, and saying in one line why a file is
not one (plain text, PDF, .odt, encrypted or old binary Word). Knows no XML.
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from pathlib import Path

from draftkit.docxread.strict import transitional
from draftkit.errors import InputError

#: A DOCX larger than this on disk is refused (resolutions are well under 5 MB).
MAX_FILE_BYTES = 100 * 1024 * 1024
#: Any part that unpacks to more than this is refused (zip bombs), counted while inflating.
MAX_PART_BYTES = 64 * 1024 * 1024
#: Total unpacked size of the parts read from one file, counted while inflating.
MAX_TOTAL_BYTES = 256 * 1024 * 1024
#: Inflated a piece at a time, so a part whose header lies about its size costs at most this more.
_CHUNK = 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_package(path: Path) -> zipfile.ZipFile:
    """Open the DOCX at `path` as a zip package, or raise `InputError` saying what it is
    instead (not a regular file, too large, another format, damaged, ambiguous)."""
    try:
        found = path.stat()
        size = found.st_size
        if stat.S_ISDIR(found.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(found.st_mode):  # a pipe would block, a device never ends
            raise InputError("is not a regular file (a device or a pipe), so it is not read", where=path,
                             fix="give a .docx file")
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise InputError("file not found", where=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a DOCX file", where=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", where=path) from None
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"file is {size // (1024 * 1024)} MB; draftkit reads DOCX files up to {MAX_FILE_BYTES // (1024 * 1024)} MB",
            where=path,
            fix="remove large images or save the text alone as a new DOCX",
        )
    if head.startswith(_OLE_MAGIC):
        if _is_encrypted_ole(path):
            raise InputError(
                "the DOCX is encrypted (password-protected)",
                where=path,
                fix="open it in Word, remove the password (File > Info > Protect Document) and save again",
            )
        raise InputError("is an old binary Word file (.doc), not a DOCX", where=path,
                         fix="open it in Word or LibreOffice and save it as .docx")
    if not head.startswith(b"PK"):
        raise InputError(f"not a DOCX file ({_sniff(head)})", where=path, fix="give a Word .docx file")
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(f"not a DOCX file (damaged zip package: {exc})", where=path,
                         fix="save it again from Word or LibreOffice") from None
    names = package.namelist()
    if len(names) != len(set(names)):
        package.close()
        twice = sorted({name for name in names if names.count(name) > 1})[0]
        raise InputError(f"not a DOCX file: the zip package holds two parts named {twice!r}, so which one is"
                         " meant is ambiguous", where=path, fix="save it again from Word or LibreOffice")
    if any(info.flag_bits & 0x1 for info in package.infolist()):
        package.close()
        raise InputError("the DOCX's zip package is encrypted (a zip password), which Word never writes", where=path,
                         fix="unpack it with its password and save it again from Word or LibreOffice")
    return package


def _sniff(head: bytes) -> str:
    if head.startswith(b"{\\rtf"):
        return "it is an RTF file"
    if head.startswith(b"%PDF"):
        return "it is a PDF"
    if head[:5].lower().startswith((b"<?xml", b"<html", b"<!doc")):
        return "it is an XML or HTML file"
    if not head:
        return "the file is empty"
    return "not a zip package"


def _is_encrypted_ole(path: Path) -> bool:
    """Word's encrypted DOCX is an OLE compound file holding an 'EncryptionInfo' stream."""
    with path.open("rb") as handle:
        data = handle.read(min(MAX_FILE_BYTES, 4 * 1024 * 1024))
    return "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data


def read_member(path: Path, package: zipfile.ZipFile, name: str, total: list[int]) -> bytes:
    """The unpacked bytes of part `name`, adding their size to `total[0]`.

    The limits (`MAX_PART_BYTES` for the part, `MAX_TOTAL_BYTES` for `total`) are counted
    while inflating, a piece at a time: a header that understates the size gains nothing.
    """
    info = package.getinfo(name)
    limit = min(MAX_PART_BYTES, MAX_TOTAL_BYTES - total[0])
    if info.file_size > limit:
        raise _too_large(path, name, limit)
    pieces: list[bytes] = []
    size = 0
    try:
        with package.open(info) as stream:
            while piece := stream.read(_CHUNK):
                size += len(piece)
                if size > limit:
                    raise _too_large(path, name, limit)
                pieces.append(piece)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise InputError(f"cannot unpack part {name}: {exc}", where=path,
                         fix="save the document again from Word or LibreOffice") from None
    total[0] += size
    data = b"".join(pieces)
    return transitional(data) if name.endswith((".xml", ".rels")) else data


def read_parts(path: Path, names: tuple[str, ...]) -> dict[str, bytes]:
    """The parts of the DOCX at `path` among `names` (those it has), read within the limits."""
    with open_package(path) as package:
        present = set(package.namelist())
        total = [0]
        return {name: read_member(path, package, name, total) for name in names if name in present}


def _too_large(path: Path, name: str, limit: int) -> InputError:
    return InputError(
        f"part {name} unpacks to more than {_size(limit)}, beyond draftkit's limit (a damaged file or a zip bomb)",
        where=path,
        fix="save the document again from Word or LibreOffice",
    )


def _size(count: int) -> str:
    """'64 MB', '3 KB', '120 bytes'."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if count >= scale:
            return f"{count // scale} {unit}"
    return f"{count} bytes"
