"""The hostile inputs of the hardening issue, each made on the spot as tiny files.

A case makes its files in an empty folder (the current folder when the command runs)
and returns the command line. `hostile_worker.py` runs them all in one bounded process;
`test_hostile_inputs.py` checks each: the exit status, one line on stderr, bounded time
and memory, inputs unchanged.
"""

from __future__ import annotations

import os
import stat
import struct
import subprocess
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from conftest import MINI_DRAFT, MINI_LIBRARY, write


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], list[str]]
    expect: str = ""  # words the one-line error must hold
    exit: int = 1
    root_only: bool = False  # makes a device node


CASES: list[Case] = []


def case(name: str, expect: str = "", exit: int = 1, root_only: bool = False):
    def register(make: Callable[[Path], list[str]]) -> Callable[[Path], list[str]]:
        CASES.append(Case(name, make, expect, exit, root_only))
        return make
    return register


# --- builders ----------------------------------------------------------------------------


def project(here: Path, *, settings: str = "name: mini\n", draft: str = MINI_DRAFT) -> Path:
    write(here / "draftkit.yaml", settings)
    write(here / "clauses" / "standard.yaml", MINI_LIBRARY)
    write(here / "drafts" / "draft-1.yaml", draft)
    return here


def kenya(responds_to: str = "1", delegation: str = "Kenya", second: bool = False) -> str:
    """A round-1 contribution: KEN-1 on OP1 (and KEN-2 on OP3 with `second`)."""
    extra = "\n  - {id: KEN-2, action: amend-text, target: OP3, old: technology companies, new: technology firms}"
    return (f"delegation: {delegation}\nsubmitted_at: 2021-06-14T20:00:00+02:00\nresponds_to: {responds_to}\n"
            "language: en\nproposals:\n  - {id: KEN-1, action: amend-text, target: OP1, old: all forms, new: every form}"
            + (extra if second else "") + "\n")


def round_one(here: Path, contribution: str | None = None, *, decided: bool = True) -> None:
    """Round 1 on draft 1: `contribution` (default `kenya()`) and KEN-1 accepted when `decided`."""
    write(here / "contributions" / "round-1" / "kenya.yaml", contribution or kenya())
    if decided:
        write(here / "decisions" / "round-1.yaml", "- {proposal: KEN-1, decision: accept}\n")


_DOCUMENT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
             '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
             '{body}</w:body></w:document>')
_NUMBERED = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
             '<w:r><w:t>{text}</w:t></w:r></w:p>')
_NUMBERING = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
              '<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
              '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
          '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
          'document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
         '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_DOC_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
             '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
             '2006/relationships/numbering" Target="numbering.xml"/></Relationships>')
PARAGRAPHS = ["Recalling its resolution on the matter,", "Urges parliaments to act;", "Decides to remain seized."]


def docx(path: Path, *, body: str | None = None, numbering: str | None = None, doctype: str = "",
         extra: list[tuple[str, bytes]] = ()) -> Path:
    """A small DOCX as Word lays one out (content types, relationships, numbering)."""
    body = body or "".join(_NUMBERED.format(text=t) for t in PARAGRAPHS)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", _DOCUMENT.format(doctype=doctype, body=body))
        if numbering is not None:
            package.writestr("word/_rels/document.xml.rels", _DOC_RELS)
            package.writestr("word/numbering.xml", numbering)
        for name, data in extra:
            package.writestr(name, data)
    return path


def bomb(path: Path, *, inflated: int = 80 * 1024 * 1024, declared: int | None = None) -> Path:
    """A DOCX whose document part inflates to about `inflated` bytes of one repeated
    paragraph (about 100 KB on disk); `declared` makes its headers lie about that size."""
    chunk = (_NUMBERED.format(text="x" * 200) * 200).encode()
    head, tail = _DOCUMENT.format(doctype="", body="|").encode().split(b"|")
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    pieces, crc, size = [], 0, 0
    for piece in [head, *[chunk] * (inflated // len(chunk)), tail]:
        pieces.append(compressor.compress(piece))
        crc, size = zlib.crc32(piece, crc), size + len(piece)
    pieces.append(compressor.flush())
    docx(path, body=_NUMBERED.format(text="placeholder"))
    _replace_part(path, "word/document.xml", b"".join(pieces), crc if declared is None else 0,
                  size if declared is None else declared)
    return path


def _replace_part(path: Path, name: str, deflated: bytes, crc: int, size: int) -> None:
    """Rewrite `path` with part `name` (moved last) holding raw deflate data; its headers
    say `crc` and `size`, whatever the data really holds."""
    with zipfile.ZipFile(path) as source:
        others = [(i, source.read(i)) for i in source.infolist() if i.filename != name]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in others:
            target.writestr(info, data)
        target.writestr(name, b"")  # a placeholder whose data and headers are replaced below
    raw = bytearray(path.read_bytes())
    local, central = raw.rfind(b"PK\x03\x04"), raw.rfind(b"PK\x01\x02")
    name_length, extra_length = struct.unpack("<HH", raw[local + 26:local + 30])
    data_start = local + 30 + name_length + extra_length
    old_length = struct.unpack("<I", raw[local + 18:local + 22])[0]
    fields = struct.pack("<III", crc, len(deflated), size)
    raw[local + 14:local + 26] = fields
    raw[central + 16:central + 28] = fields
    raw = raw[:data_start] + deflated + raw[data_start + old_length:]
    end = raw.rfind(b"PK\x05\x06")  # the central directory moved by the difference
    offset = struct.unpack("<I", raw[end + 16:end + 20])[0]
    raw[end + 16:end + 20] = struct.pack("<I", offset + len(deflated) - old_length)
    path.write_bytes(bytes(raw))


def template(here: Path, body: str) -> list[str]:
    project(here, settings="name: mini\ntemplates: tpl\n")
    write(here / "tpl" / "ipu-assembly.en.j2", f"header: x\ntitle: {body}\n")
    write(here / "tpl" / "ipu-assembly.fr.j2", "header: x\ntitle: t\n")
    return ["build", "-l", "en", "-f", "txt", "-o", "out.txt"]


def git(here: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=T", *args], cwd=here, check=True,
                   capture_output=True)


# --- 1. data loss and unsafe writes: -o onto special files --------------------------------


@case("merge -o a named pipe nobody reads", "named pipe that nobody reads")
def _(here: Path) -> list[str]:
    project(here)
    round_one(here)
    os.mkfifo(here / "pipe")
    return ["merge", "--date", "2021-06-16", "-o", "pipe"]


@case("compile -o a named pipe nobody reads", "named pipe that nobody reads")
def _(here: Path) -> list[str]:
    project(here)
    round_one(here)
    os.mkfifo(here / "pipe.txt")
    return ["compile", "-o", "pipe.txt"]


@case("build -o x.txt, a named pipe", "named pipe that nobody reads")
def _(here: Path) -> list[str]:
    project(here)
    os.mkfifo(here / "x.txt")
    return ["build", "-l", "en", "-o", "x.txt"]


@case("build -o a character device is written into, not replaced", exit=0, root_only=True)
def _(here: Path) -> list[str]:
    project(here)
    os.mknod(here / "null.txt", 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a private /dev/null
    return ["build", "-l", "en", "-o", "null.txt"]


@case("merge -o /dev/stdout writes into it", exit=0)
def _(here: Path) -> list[str]:
    project(here)
    round_one(here)
    return ["merge", "--date", "2021-06-16", "-o", "/dev/stdout"]


@case("import -o - (standard output) does not make a folder named '-'", "not standard output", exit=2)
def _(here: Path) -> list[str]:
    docx(here / "r.docx")
    return ["import", "r.docx", "-o", "-"]


# --- 3. numbering -------------------------------------------------------------------------


@case("import: w:start 4000000000 in lowerRoman", exit=0)
def _(here: Path) -> list[str]:
    docx(here / "roman.docx", numbering=_NUMBERING.format(start=4000000000, fmt="lowerRoman"))
    return ["import", "roman.docx", "-o", "out"]


@case("diff: w:start 10^11 in lowerLetter", exit=0)
def _(here: Path) -> list[str]:
    docx(here / "a.docx", numbering=_NUMBERING.format(start=10**11, fmt="lowerLetter"))
    docx(here / "b.docx", numbering=_NUMBERING.format(start=10**11, fmt="lowerLetter"),
         body="".join(_NUMBERED.format(text=t) for t in PARAGRAPHS[:2]))
    return ["diff", "a.docx", "b.docx", "--date", "2021-06-16"]


#: A level text of "%1" a hundred thousand times at the largest letter number (1,261 letters
#: each): about 2 KB zipped, and labels of 126 MB a paragraph before they were bounded.
_REPEATED = _NUMBERING.replace("%1.", "%1" * 100_000).format(start=32767, fmt="lowerLetter")


@case("import: a level text repeating %1 100,000 times", exit=0)
def _(here: Path) -> list[str]:
    docx(here / "repeat.docx", numbering=_REPEATED, body="".join(_NUMBERED.format(text=t) for t in PARAGRAPHS * 10))
    return ["import", "repeat.docx", "-o", "out"]


@case("diff: a level text repeating %1 100,000 times", exit=0)
def _(here: Path) -> list[str]:
    docx(here / "a.docx", numbering=_REPEATED)
    docx(here / "b.docx", numbering=_REPEATED, body="".join(_NUMBERED.format(text=t) for t in PARAGRAPHS[:2]))
    return ["diff", "a.docx", "b.docx", "--date", "2021-06-16"]


@case("textconv: a level text repeating %1 100,000 times", exit=0)
def _(here: Path) -> list[str]:
    docx(here / "repeat.docx", numbering=_REPEATED)
    return ["textconv", "repeat.docx"]


# --- 4. special files as inputs -----------------------------------------------------------


@case("libraries: [/dev/zero]", "not a regular file")
def _(here: Path) -> list[str]:
    project(here, settings="name: mini\nlibraries: [clauses, /dev/zero]\n")
    return ["build", "-l", "en", "-f", "txt", "-o", "out.txt"]


@case("a clause library that is a symbolic link to /dev/zero", "not a regular file")
def _(here: Path) -> list[str]:
    project(here)
    (here / "clauses" / "zero.yaml").symlink_to("/dev/zero")
    return ["check"]


@case("phrases: /dev/urandom", "not a regular file")
def _(here: Path) -> list[str]:
    project(here, settings="name: mini\nphrases: /dev/urandom\n")
    return ["check"]


@case("a named pipe in clauses/", "not a regular file")
def _(here: Path) -> list[str]:
    project(here)
    os.mkfifo(here / "clauses" / "pipe.yaml")
    return ["build", "-l", "en", "-f", "txt", "-o", "out.txt"]


@case("import of a named pipe", "not a regular file")
def _(here: Path) -> list[str]:
    os.mkfifo(here / "pipe.docx")
    return ["import", "pipe.docx", "-o", "out"]


@case("textconv of /dev/zero (git runs it on any file)", exit=0)
def _(here: Path) -> list[str]:
    (here / "zero.yaml").symlink_to("/dev/zero")
    return ["textconv", "zero.yaml"]


@case("textconv of a named pipe", exit=0)
def _(here: Path) -> list[str]:
    os.mkfifo(here / "pipe.yaml")
    return ["textconv", "pipe.yaml"]


@case("validate: a named pipe outside any project", exit=0)
def _(here: Path) -> list[str]:
    os.mkfifo(here / "pipe.yaml")
    return ["validate", "pipe.yaml"]


@case("validate: a symbolic link to /dev/zero outside any project", exit=0)
def _(here: Path) -> list[str]:
    (here / "zero.yaml").symlink_to("/dev/zero")
    return ["validate", "zero.yaml"]


@case("translations import of a named pipe", "not a regular file")
def _(here: Path) -> list[str]:
    project(here)
    os.mkfifo(here / "fr.xlf")
    return ["translations", "import", "fr.xlf"]


@case("translations import of /dev/zero", "not a regular file")
def _(here: Path) -> list[str]:
    project(here)
    return ["translations", "import", "/dev/zero"]


@case("a project template that is a symbolic link to /dev/zero", "not a regular file")
def _(here: Path) -> list[str]:
    args = template(here, "t")
    (here / "tpl" / "ipu-assembly.en.j2").unlink()
    (here / "tpl" / "ipu-assembly.en.j2").symlink_to("/dev/zero")
    return args


@case("a project template that is a named pipe", "not a regular file")
def _(here: Path) -> list[str]:
    args = template(here, "t")
    (here / "tpl" / "ipu-assembly.en.j2").unlink()
    os.mkfifo(here / "tpl" / "ipu-assembly.en.j2")
    return args


@case("decide: the decisions file is a named pipe", "not a regular file")
def _(here: Path) -> list[str]:
    project(here)
    round_one(here, decided=False)
    (here / "decisions").mkdir()
    os.mkfifo(here / "decisions" / "round-1.yaml")
    return ["decide", "KEN-1", "accept"]


@case("compile: the decisions file is a symbolic link to /dev/zero", "not a regular file")
def _(here: Path) -> list[str]:
    project(here)
    round_one(here, decided=False)
    (here / "decisions").mkdir()
    (here / "decisions" / "round-1.yaml").symlink_to("/dev/zero")
    return ["compile", "-f", "txt"]


@case("merge: a contribution that is a named pipe is not silently left out", "not a regular file")
def _(here: Path) -> list[str]:
    project(here)
    round_one(here)
    os.mkfifo(here / "contributions" / "round-1" / "zambia.yaml")
    return ["merge", "--date", "2021-06-16"]


@case("merge: a contribution that is a broken symbolic link is not silently left out", "does not exist")
def _(here: Path) -> list[str]:
    project(here)
    round_one(here)
    (here / "contributions" / "round-1" / "zambia.yaml").symlink_to("zambia-final.yaml")
    return ["merge", "--date", "2021-06-16"]


@case("a later draft version that is a named pipe", "not a regular file")
def _(here: Path) -> list[str]:
    project(here)
    os.mkfifo(here / "drafts" / "draft-2.yaml")
    return ["status"]


# --- 5. zip limits ------------------------------------------------------------------------


@case("reference_docx: a zip bomb", "zip bomb")
def _(here: Path) -> list[str]:
    project(here, settings="name: mini\nreference_docx: house.docx\n")
    bomb(here / "house.docx")
    return ["build", "-l", "en", "-o", "out.docx"]


@case("compile: reference_docx a zip bomb (python-docx opened it whole)", "zip bomb")
def _(here: Path) -> list[str]:
    project(here, settings="name: mini\nreference_docx: house.docx\n")
    round_one(here)
    bomb(here / "house.docx")
    return ["compile", "-f", "docx", "-o", "c.docx"]


@case("compile: reference_docx a zip that is no Word document", "cannot read the reference DOCX")
def _(here: Path) -> list[str]:
    project(here, settings="name: mini\nreference_docx: house.docx\n")
    round_one(here)
    with zipfile.ZipFile(here / "house.docx", "w") as package:
        package.writestr("[Content_Types].xml", _TYPES.replace("/word/document.xml", "/sheet.xml"))
        package.writestr("sheet.xml", "<sheet/>")
    return ["compile", "-f", "docx", "-o", "c.docx"]


@case("import: a zip bomb", "zip bomb")
def _(here: Path) -> list[str]:
    bomb(here / "bomb.docx")
    return ["import", "bomb.docx", "-o", "out"]


@case("diff: a part whose header says 3 KB and inflates to 80 MB", "cannot unpack part word/document.xml")
def _(here: Path) -> list[str]:
    bomb(here / "liar.docx", declared=3 * 1024)
    docx(here / "plain.docx")
    return ["diff", "plain.docx", "liar.docx"]


@case("import: a zip with two parts named word/document.xml", "ambiguous")
def _(here: Path) -> list[str]:
    path = docx(here / "twice.docx")
    with zipfile.ZipFile(path, "a") as package, _quiet_duplicates():
        package.writestr("word/document.xml", _DOCUMENT.format(doctype="", body=_NUMBERED.format(text="other")))
    return ["import", "twice.docx", "-o", "out"]


@case("import: a ZipCrypto-encrypted DOCX", "encrypted")
def _(here: Path) -> list[str]:
    path = docx(here / "locked.docx")
    raw = bytearray(path.read_bytes())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # set bit 0: encrypted
        start = 0
        while (found := raw.find(signature, start)) >= 0:
            raw[found + flags_at] |= 0x01
            start = found + 4
    path.write_bytes(bytes(raw))
    return ["import", "locked.docx", "-o", "out"]


@case("diff: an &xxe; entity in document.xml", "DOCTYPE")
def _(here: Path) -> list[str]:
    docx(here / "a.docx")
    docx(here / "xxe.docx", doctype='<!DOCTYPE w:document [<!ENTITY xxe "hidden">]>',
         body="<w:p><w:r><w:t>before &xxe; after</w:t></w:r></w:p>")
    return ["diff", "a.docx", "xxe.docx"]


@case("diff x.doc (an old binary Word file)", ".doc")
def _(here: Path) -> list[str]:
    project(here)
    (here / "x.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "WordDocument".encode("utf-16-le"))
    return ["diff", "x.doc", "1"]


@case("translations import: an XLIFF file with a DOCTYPE (its entities' text would vanish)", "DOCTYPE")
def _(here: Path) -> list[str]:
    project(here)
    (here / "fr.xlf").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">'
        '<file id="draft-1"><unit id="u1" name="op-seized/text"><segment><source>to remain seized of the matter'
        '</source><target>de &x; demeurer saisie</target></segment></unit></file></xliff>', encoding="utf-8")
    return ["translations", "import", "fr.xlf"]


# --- 6. templates -------------------------------------------------------------------------


@case("template: nested range(100000) loops", "ran longer than")
def _(here: Path) -> list[str]:
    return template(here, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")


@case("template: {{ 9**(9**9) }}", "digits")
def _(here: Path) -> list[str]:
    return template(here, "{{ 9**(9**9) }}")


@case("template: {{ ('a'*3000000000)|length }}", "3,000,000,000 items")
def _(here: Path) -> list[str]:
    return template(here, "{{ ('a'*3000000000)|length }}")


@case("template: {{ 1/0 }}", "ZeroDivisionError")
def _(here: Path) -> list[str]:
    return template(here, "{{ 1/0 }}")


@case("template: {{ [].pop() }}", "IndexError")
def _(here: Path) -> list[str]:
    return template(here, "{{ [].pop() }}")


@case("template: {% include %}", "template error")
def _(here: Path) -> list[str]:
    return template(here, "{% include 'other.j2' %}")


@case("template: replace() making ten billion characters", "needed more than")
def _(here: Path) -> list[str]:
    return template(here, "{{ ('a'*99999)|replace('a', 'b'*99999)|length }}")


@case("template: '%' formatting five billion characters", "needed more than")
def _(here: Path) -> list[str]:
    return template(here, "{{ ('%s'*50000) % (('b'*99999,)*50000) }}")


@case("template: '~' doubling a text thirty times", "template stopped")
def _(here: Path) -> list[str]:
    return template(here, "{% set ns = namespace(s='a') %}{% for i in range(30) %}{% set ns.s = ns.s ~ ns.s %}"
                          "{% endfor %}{{ ns.s|length }}")


@case("template: a width of a billion", "width")
def _(here: Path) -> list[str]:
    return template(here, "{{ '%1000000000d'|format(1) }}")


# --- 8. leaks -----------------------------------------------------------------------------


SECRET = "-----BEGIN PRIVATE KEY-----\n" + "".join(f"MIIEv{n * 7919:012d}QIBADANBgkqhkiG9w0BAQEFAASC\n" for n in range(200))


@case("libraries: a private key file is not printed whole", "characters)")
def _(here: Path) -> list[str]:
    project(here, settings="name: mini\nlibraries: [clauses, id_secret]\n")
    (here / "id_secret").write_text(SECRET)
    return ["build", "-l", "en", "-f", "txt", "-o", "out.txt"]


@case("a C1 control character (U+009B) in a text is refused", "U+009B")
def _(here: Path) -> list[str]:
    project(here, draft=MINI_DRAFT.replace("to remain seized of the matter,", "\"to remain \\u009b[31mseized\","))
    return ["check"]


@case("a C1 control character (U+009B) in a message is escaped", "\\x9b")
def _(here: Path) -> list[str]:
    project(here, settings='name: mini\n"colour\\u009b[31m": red\n')
    return ["check"]


@case("import: a C1 control character in a DOCX paragraph", "paragraph 1 holds the control character U+009B")
def _(here: Path) -> list[str]:
    docx(here / "c1.docx", body=_NUMBERED.format(text="Recalling its resolution&#x9b;[31m 74/174,"))
    return ["import", "c1.docx", "-o", "out"]


# --- 9. git ---------------------------------------------------------------------------------


@case("diff HEAD:drafts/big.yaml 1: a 40 MB blob in a small repository", "in git; draftkit reads")
def _(here: Path) -> list[str]:
    project(here)
    git(here, "init", "-q")
    (here / "drafts" / "big.yaml").write_bytes(b"a" * (40 * 1024 * 1024))
    git(here, "add", ".")
    git(here, "commit", "-qm", "a big draft")
    (here / "drafts" / "big.yaml").unlink()
    return ["diff", "HEAD:drafts/big.yaml", "1"]


@case("diff -- --output=PATH:x 2 never reaches git as an option", "cannot start with '-'")
def _(here: Path) -> list[str]:
    project(here)
    git(here, "init", "-q")
    git(here, "add", ".")
    git(here, "commit", "-qm", "draft 1")
    return ["diff", "--", "--output=written-by-git:x", "1"]


@case("diff HEAD:drafts 1 (a folder in git)", "names a tree in git")
def _(here: Path) -> list[str]:
    project(here)
    git(here, "init", "-q")
    git(here, "add", ".")
    git(here, "commit", "-qm", "draft 1")
    return ["diff", "HEAD:drafts", "1"]


# --- exit 3 turned into one-line errors ---------------------------------------------------


@case("YAML nested 1,000 levels", "nested more than")
def _(here: Path) -> list[str]:
    project(here, draft=MINI_DRAFT + "tags: " + "[" * 1000 + "]" * 1000 + "\n")
    return ["check"]


@case("YAML nested 100,000 levels (crashed libyaml)", "nested more than")
def _(here: Path) -> list[str]:
    project(here, draft=MINI_DRAFT + "tags: " + "[" * 100_000 + "]" * 100_000 + "\n")
    return ["check"]


@case("a version of 4,400 digits", "digits")
def _(here: Path) -> list[str]:
    project(here, draft=MINI_DRAFT.replace("version: 1", "version: " + "9" * 4400))
    return ["check"]


@case("a session of 4,400 digits", "digits")
def _(here: Path) -> list[str]:
    project(here, draft=MINI_DRAFT.replace('session: "143"', "session: " + "9" * 4400))
    return ["check"]


@case("a word_limit of 4,400 digits", "digits")
def _(here: Path) -> list[str]:
    project(here, settings="name: mini\nword_limit: " + "9" * 4400 + "\n")
    return ["check"]


@case("a responds_to of 4,400 digits", "digits")
def _(here: Path) -> list[str]:
    project(here)
    round_one(here, kenya(responds_to="9" * 4400))
    return ["contributions"]


@case("a lone surrogate in a text", "surrogate")
def _(here: Path) -> list[str]:
    project(here, draft=MINI_DRAFT.replace("to remain seized of the matter", '"to remain \\ud800 seized"'))
    return ["build", "-l", "en", "-f", "txt", "-o", "out.txt"]


@case("a lone surrogate in a delegation name", "surrogate")
def _(here: Path) -> list[str]:
    project(here)
    round_one(here, kenya(delegation='"Ken\\udfffya"'))
    return ["contributions"]


@case("build --draft with 5,000 digits", "no draft version", exit=2)
def _(here: Path) -> list[str]:
    project(here)
    return ["build", "--draft", "9" * 5000, "-f", "txt", "-o", "out.txt"]


@case("a version written '²' (a digit int() refuses)", "not a number")
def _(here: Path) -> list[str]:
    project(here, draft=MINI_DRAFT.replace("version: 1", "version: ²"))
    return ["check"]


@case("history of OP and 5,000 digits", "operative paragraphs")
def _(here: Path) -> list[str]:
    project(here)
    return ["history", "OP" + "9" * 5000]


@case("move before PP and 5,000 digits", "preambular paragraphs")
def _(here: Path) -> list[str]:
    project(here)
    return ["move", "op-seized", "--before", "PP" + "9" * 5000]


@case("remove while a contribution's responds_to has 5,000 digits", "op-gone")
def _(here: Path) -> list[str]:
    project(here)
    round_one(here, kenya(responds_to="9" * 5000), decided=False)
    return ["remove", "op-gone"]  # the round's answers are looked at first


@case("check: a paragraph number typed by hand with 5,000 digits", exit=0)
def _(here: Path) -> list[str]:
    project(here, draft=MINI_DRAFT.replace("to remain seized of the matter", "to remain seized of OP" + "9" * 5000))
    return ["check"]


@case("diff: a DOCX bookmark id of 5,000 digits", exit=0)
def _(here: Path) -> list[str]:
    mark = '<w:bookmarkStart w:id="{0}" w:name="x"/><w:bookmarkEnd w:id="{0}"/>'.format("9" * 5000)
    docx(here / "a.docx", body=mark + _NUMBERED.format(text="Urges parliaments to act;"))
    docx(here / "b.docx", body=mark + _NUMBERED.format(text="Urges parliaments to act now;"))
    return ["diff", "a.docx", "b.docx", "-o", "changes.docx", "--date", "2021-06-16"]


@case("diff: a DOCX bookmark id '²'", exit=0)
def _(here: Path) -> list[str]:
    mark = '<w:p><w:bookmarkStart w:id="²" w:name="x"/><w:r><w:t>Recalling,</w:t></w:r><w:bookmarkEnd w:id="²"/></w:p>'
    docx(here / "a.docx", body=mark + _NUMBERED.format(text="Urges parliaments to act;"))
    docx(here / "b.docx", body=mark + _NUMBERED.format(text="Urges parliaments to act now;"))
    return ["diff", "a.docx", "b.docx", "-o", "changes.docx", "--date", "2021-06-16"]


@case("decide --note with U+009B (the decisions file could not be read back)", "U+009B")
def _(here: Path) -> list[str]:
    project(here)
    round_one(here, decided=False)
    return ["decide", "KEN-1", "accept", "--note", "seen\u009b[31m"]


@case("decide --note with a byte that is not UTF-8", "not UTF-8")
def _(here: Path) -> list[str]:
    project(here)
    round_one(here, decided=False)
    return ["decide", "KEN-1", "accept", "--note", "seen\udcff"]  # how Python reads byte 0xFF of argv


@case("add on a draft with CR-only line ends", "CR alone")
def _(here: Path) -> list[str]:
    project(here)
    draft = here / "drafts" / "draft-1.yaml"
    draft.write_bytes(draft.read_bytes().replace(b"\n", b"\r"))
    return ["add", "pp-crc", "--at-end", "--id", "pp-again"]


@case("status with a deadline in year 1", "outside the years")
def _(here: Path) -> list[str]:
    project(here, draft=MINI_DRAFT.replace("deadline: 2021-06-14T23:59:00+02:00", "deadline: 0001-01-01T00:30:00+14:00"))
    return ["status"]


@case("status with a deadline in year 9999", "outside the years")
def _(here: Path) -> list[str]:
    project(here, draft=MINI_DRAFT.replace("deadline: 2021-06-14T23:59:00+02:00", "deadline: 9999-12-31T23:30:00-14:00"))
    return ["status"]


class _quiet_duplicates:
    """zipfile warns when a name is written twice; the duplicate is the point here."""

    def __enter__(self) -> None:
        import warnings

        self._catcher = warnings.catch_warnings()
        self._catcher.__enter__()
        warnings.simplefilter("ignore")

    def __exit__(self, *exc: object) -> None:
        self._catcher.__exit__(*exc)
