"""Opening a DOCX as a zip package with size limits, and saying in one line why a file is
not one (plain text, PDF, .odt, encrypted or old binary Word). Knows no XML.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from draftkit.docxread.strict import transitional
from draftkit.errors import InputError

#: A DOCX larger than this on disk is refused (resolutions are well under 5 MB).
MAX_FILE_BYTES = 100 * 1024 * 1024
#: Any XML part whose uncompressed size is declared above this is refused (zip bombs).
MAX_PART_BYTES = 64 * 1024 * 1024
#: Total uncompressed size of the parts read.
MAX_TOTAL_BYTES = 256 * 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_package(path: Path) -> zipfile.ZipFile:
    try:
        size = path.stat().st_size
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
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"not a DOCX file (damaged zip package: {exc})", where=path,
                         fix="save it again from Word or LibreOffice") from None
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
    info = package.getinfo(name)
    if info.file_size > MAX_PART_BYTES or total[0] + info.file_size > MAX_TOTAL_BYTES:
        raise InputError(
            f"part {name} would unpack to {info.file_size // (1024 * 1024)} MB, beyond draftkit's limit"
            " (a damaged file or a zip bomb)",
            where=path,
            fix="save the document again from Word or LibreOffice",
        )
    total[0] += info.file_size
    try:
        data = package.read(info)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise InputError(f"cannot unpack part {name}: {exc}", where=path,
                         fix="save the document again from Word or LibreOffice") from None
    return transitional(data) if name.endswith((".xml", ".rels")) else data
