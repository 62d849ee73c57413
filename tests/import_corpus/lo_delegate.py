"""LibreOffice as a delegation's word processor, for the import corpus and its tests.

`lo_edit(jobs)` runs ONE headless LibreOffice (throw-away profile) for a batch of DOCX
files: each is loaded hidden, edited through the UNO text API — first without Record
Changes (a base retouched by hand: punctuation, apostrophes), then with it on under the
job's author (words inserted, deleted, replaced, a paragraph added, one moved by cut and
paste) — and saved with LibreOffice's own "MS Word 2007 XML" filter. Nothing of the file
is written by draftkit. The UNO side runs under Debian's /usr/bin/python3 (python3-uno);
this file is also that worker script.

Operations (dicts, applied in order; `find` is literal text, the first occurrence):
    {"op": "untracked", "find": S, "text": T}       replace every S by T, changes not recorded
    {"op": "track"}                                  Record Changes on from here
    {"op": "insert", "after": S, "text": T}          T typed after S
    {"op": "delete", "find": S}                      S deleted
    {"op": "replace", "find": S, "text": T}          S overtyped by T
    {"op": "paragraph", "after": S, "italic": O, "text": T}
                                                     a new paragraph after the one holding S:
                                                     O in italics, then T
    {"op": "move", "find": S, "before": S2}          the paragraph holding S cut and pasted
                                                     before the one holding S2

A job may also name `accepted`: a text file where LibreOffice writes the document with
every tracked change accepted ("Text (encoded)", list numbers included), the reading the
imported proposals must give back once merged.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

UNO_PYTHON = "/usr/bin/python3"


def lo_edit(jobs: list[dict], timeout: float = 240) -> None:
    """Edit each job's `docx` into its `out` with its `ops`, as `author` (see the module docstring)."""
    with tempfile.TemporaryDirectory(prefix="lo-edit-") as tmp:
        folder = Path(tmp)
        spec = [{**job, "docx": str(Path(job["docx"]).resolve()), "out": str(Path(job["out"]).resolve()),
                 "accepted": str(Path(job["accepted"]).resolve()) if job.get("accepted") else ""} for job in jobs]
        (folder / "jobs.json").write_text(json.dumps(spec), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        done = subprocess.run([UNO_PYTHON, __file__, str(folder)], capture_output=True, text=True,
                              timeout=timeout, env=env)
        if done.returncode != 0:
            raise RuntimeError(f"LibreOffice worker failed: {done.stderr[-3000:]}")


# --- the worker, run under /usr/bin/python3 ---------------------------------------------


def _worker(folder: Path) -> None:  # pragma: no cover - runs in the other interpreter
    import time

    import uno
    from com.sun.star.beans import PropertyValue

    def prop(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    jobs = json.loads((folder / "jobs.json").read_text(encoding="utf-8"))
    pipe = f"draftkit_lo_edit_{os.getpid()}"
    profile = (folder / "profile").as_uri()
    office = subprocess.Popen(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--invisible", "--norestore",
         "--nologo", "--nodefault", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        context = None
        for _ in range(300):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - not listening yet
                time.sleep(0.1)
        if context is None:
            raise SystemExit("could not connect to soffice")
        smgr = context.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        settings = smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", context)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        for job in jobs:
            user = settings.createInstanceWithArguments(
                "com.sun.star.configuration.ConfigurationUpdateAccess",
                (prop("nodepath", "/org.openoffice.UserProfile/Data"),))
            user.setPropertyValue("givenname", job.get("author", "Delegation"))
            user.setPropertyValue("sn", "")
            user.commitChanges()
            doc = desktop.loadComponentFromURL(Path(job["docx"]).as_uri(), "_blank", 0, (prop("Hidden", True),))
            for op in job["ops"]:
                _apply(doc, op)
            doc.storeToURL(Path(job["out"]).as_uri(), (prop("FilterName", "MS Word 2007 XML"),))
            if job.get("accepted"):
                frame = doc.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, ".uno:AcceptAllTrackedChanges", "", 0, ())
                doc.storeToURL(Path(job["accepted"]).as_uri(),
                               (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF")))
            doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge drops as soffice exits
            pass
    finally:
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()


def _find(doc, text: str):
    search = doc.createSearchDescriptor()
    search.SearchString = text
    search.SearchCaseSensitive = True
    found = doc.findFirst(search)
    if found is None:
        raise SystemExit(f"text not found: {text!r}")
    return found


def _apply(doc, op: dict) -> None:  # pragma: no cover - runs in the other interpreter
    from com.sun.star.awt.FontSlant import ITALIC, NONE

    kind = op["op"]
    if kind == "untracked":
        doc.RecordChanges = False
        replace = doc.createReplaceDescriptor()
        replace.SearchString, replace.ReplaceString = op["find"], op["text"]
        replace.SearchCaseSensitive = True
        if doc.replaceAll(replace) == 0:
            raise SystemExit(f"text not found: {op['find']!r}")
    elif kind == "track":
        doc.RecordChanges = True
    elif kind == "insert":
        found = _find(doc, op["after"])
        found.getText().insertString(found.getEnd(), op["text"], False)
    elif kind == "delete":
        _find(doc, op["find"]).setString("")
    elif kind == "replace":
        _find(doc, op["find"]).setString(op["text"])
    elif kind == "paragraph":
        found = _find(doc, op["after"])
        text = found.getText()
        cursor = text.createTextCursorByRange(found.getEnd())
        cursor.gotoEndOfParagraph(False)
        text.insertControlCharacter(cursor, 0, False)  # PARAGRAPH_BREAK
        if op.get("italic"):
            cursor.setPropertyValue("CharPosture", ITALIC)
            text.insertString(cursor, op["italic"], False)
            cursor.setPropertyValue("CharPosture", NONE)
        text.insertString(cursor, op["text"], False)
    elif kind == "move":
        controller = doc.getCurrentController()
        found = _find(doc, op["find"])
        text = found.getText()
        cursor = text.createTextCursorByRange(found.getStart())
        cursor.gotoStartOfParagraph(False)
        cursor.gotoEndOfParagraph(True)
        cursor.goRight(1, True)  # the paragraph mark too
        controller.select(cursor)
        moved = controller.getTransferable()
        cursor.setString("")
        target = _find(doc, op["before"])
        there = target.getText().createTextCursorByRange(target.getStart())
        there.gotoStartOfParagraph(False)
        controller.select(there)
        controller.insertTransferable(moved)
    else:
        raise SystemExit(f"unknown operation {kind!r}")


if __name__ == "__main__":
    _worker(Path(sys.argv[1]))
