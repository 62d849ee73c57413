"""LibreOffice as an independent reader of tracked DOCX files, for the round-trip tests.

`lo_texts(jobs)` runs ONE headless LibreOffice (throw-away profile) for a batch of
files: each is loaded hidden, all its tracked changes accepted or rejected through
`.uno:AcceptAllTrackedChanges` / `.uno:RejectAllTrackedChanges` (or left alone), and
stored as "Text (encoded)" UTF-8/LF, which includes list numbers. The UNO side runs
under Debian's /usr/bin/python3 (python3-uno); this file is also that worker script.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

UNO_PYTHON = "/usr/bin/python3"
LOAD_FAILED = "<<LibreOffice could not open the file>>"
DISPATCH = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}


def available() -> bool:
    """True when soffice and python3-uno are installed."""
    return shutil.which("soffice") is not None and Path("/usr/lib/python3/dist-packages/uno.py").exists()


def version() -> tuple[int, ...]:
    """LibreOffice's version as numbers ((7, 4, 7, 2)), or () when it cannot be told."""
    import re

    program = shutil.which("soffice")
    if program is None:
        return ()
    try:
        out = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ()
    found = re.search(r"LibreOffice (\d+(?:\.\d+)*)", out)
    return tuple(int(n) for n in found.group(1).split(".")) if found else ()


def lo_texts(jobs: list[tuple[Path, str]], timeout: float = 240, *, saved: Path | None = None,
             contents: bool = False) -> list[str]:
    """Return LibreOffice's text of each (docx, mode) job; mode is 'accept', 'reject' or 'none'.

    With `saved` (a folder), each job's document is also stored there as `job<i>.docx`
    after its changes are accepted/rejected, and `job<i>.json` lists the tracked changes
    LibreOffice saw before (their `RedlineType`s: Insert, Delete, Format…).
    With `contents`, each text ends with what LibreOffice holds besides the body text:
    the headers and footers of the page styles in use, the endnotes, the fields and bookmarks,
    and how many images, embedded objects, shapes (images, text boxes), hyperlinks, tables and
    notes it has.
    """
    with tempfile.TemporaryDirectory(prefix="lo-uno-") as tmp:
        folder = Path(tmp)
        spec = [{"docx": str(Path(d).resolve()), "mode": m, "out": str(folder / f"out{i}.txt"), "contents": contents,
                 **({"saved": str(Path(saved).resolve() / f"job{i}")} if saved is not None else {})}
                for i, (d, m) in enumerate(jobs)]
        (folder / "jobs.json").write_text(json.dumps(spec), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        done = subprocess.run([UNO_PYTHON, __file__, str(folder)], capture_output=True, text=True,
                              timeout=timeout, env=env)
        if done.returncode != 0:
            raise RuntimeError(f"LibreOffice worker failed: {done.stderr[-2000:]}")
        return [Path(j["out"]).read_text(encoding="utf-8") for j in spec]


def comparable(text: str, *, bookmarks: bool = True) -> str:
    """A `lo_texts(..., contents=True)` text without what LibreOffice itself adds or cannot show.

    Its move ranges become bookmarks named `__RefMove…`; a field that shows nothing (LISTNUM:
    Word draws its number) stays after LibreOffice 7.4 accepts its deletion, so fields are
    compared by what they show. Without `bookmarks` the bookmark line is left out (after
    rejecting all changes, NEW's bookmarks stay where NEW's words stay).
    """
    import re

    lines = []
    for line in text.split("\n"):
        if line.startswith("[bookmarks] "):
            if not bookmarks:
                continue
            line = "[bookmarks] " + ", ".join(n for n in line[12:].split(", ") if n and not n.startswith("__RefMove"))
        elif line.startswith("[fields] "):
            line = "[fields] " + ", ".join(f for f in line[9:].split(", ") if f.strip())
        elif line.startswith("[counts] "):
            line = re.sub(r" (bookmarks|fields)=\d+", "", line)
        lines.append(line)
    return "\n".join(lines)


def bookmark_names(text: str) -> set[str]:
    """The bookmarks a `contents` text lists (LibreOffice's own move bookmarks left out)."""
    line = next((line for line in text.split("\n") if line.startswith("[bookmarks] ")), "[bookmarks] ")
    return {n for n in line[12:].split(", ") if n and not n.startswith("__RefMove")}


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
    pipe = f"draftkit_lo_{os.getpid()}"
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
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        for job in jobs:
            doc = desktop.loadComponentFromURL(Path(job["docx"]).as_uri(), "_blank", 0, (prop("Hidden", True),))
            if doc is None:  # LibreOffice could not open it: say so in place of its text
                Path(job["out"]).write_text(f"{LOAD_FAILED} {job['docx']}", encoding="utf-8")
                continue
            if "saved" in job:
                redlines = doc.getRedlines().createEnumeration()
                kinds = []
                while redlines.hasMoreElements():
                    kinds.append(redlines.nextElement().getPropertyValue("RedlineType"))
                Path(job["saved"] + ".json").write_text(json.dumps(kinds), encoding="utf-8")
            if job["mode"] in DISPATCH:
                frame = doc.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, DISPATCH[job["mode"]], "", 0, ())
            _lay_out(doc)
            if "saved" in job:
                doc.storeToURL(Path(job["saved"] + ".docx").as_uri(), (prop("FilterName", "MS Word 2007 XML"),))
            doc.storeToURL(Path(job["out"]).as_uri(),
                           (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF")))
            # the text export shows footnote numbers only: add the notes' texts after the body
            notes = doc.getFootnotes()
            texts = [notes.getByIndex(k).getString() for k in range(notes.getCount())]
            with open(job["out"], "a", encoding="utf-8") as handle:
                handle.write("".join(f"\n[^{k + 1}] {t}" for k, t in enumerate(texts)))
                if job.get("contents"):
                    handle.write(_contents(doc))
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


def _lay_out(doc) -> None:  # pragma: no cover - runs in the other interpreter
    """Format the whole document now. A hidden document is laid out when LibreOffice is idle,
    and a page-number field (PAGE, SECTIONPAGES) gets its number only when its line is laid
    out: on a busy machine the text was stored before that and read "Page 0 of 1" where an
    idle one reads "Page 1 of 1". Asking the view for its page count formats every page
    first (SwXTextView's PageCount runs CalcLayout), so every page field shows its number."""
    doc.getCurrentController().getPropertyValue("PageCount")


def _contents(doc) -> str:  # pragma: no cover - runs in the other interpreter
    """Headers, footers, endnotes and counts of what a document holds (see `lo_texts`)."""
    out = []
    styles = doc.getStyleFamilies().getByName("PageStyles")
    for name in sorted(styles.getElementNames()):
        style = styles.getByName(name)
        if not style.isInUse():
            continue
        for place in ("Header", "Footer"):
            if not style.getPropertyValue(f"{place}IsOn"):
                continue
            texts = [style.getPropertyValue(f"{place}Text").getString()]
            if not style.getPropertyValue("FirstIsShared"):
                texts.append(style.getPropertyValue(f"{place}TextFirst").getString())
            out.append(f"[{place.lower()} {name}] " + " | ".join(texts))
    endnotes = doc.getEndnotes()
    out += [f"[endnote {k + 1}] {endnotes.getByIndex(k).getString()}" for k in range(endnotes.getCount())]
    fields = doc.getTextFields().createEnumeration()
    kinds = []
    while fields.hasMoreElements():
        kinds.append(fields.nextElement().getPresentation(True))
    links = 0
    paragraphs = doc.getText().createEnumeration()
    while paragraphs.hasMoreElements():
        paragraph = paragraphs.nextElement()
        if not paragraph.supportsService("com.sun.star.text.Paragraph"):
            continue
        portions = paragraph.createEnumeration()
        last = ""
        while portions.hasMoreElements():
            url = portions.nextElement().getPropertyValue("HyperLinkURL")
            links += bool(url) and url != last
            last = url
    counts = {"fields": len(kinds), "bookmarks": doc.getBookmarks().getCount(),
              "images": doc.getGraphicObjects().getCount(), "objects": doc.getEmbeddedObjects().getCount(),
              "shapes": doc.getDrawPage().getCount(), "hyperlinks": links, "tables": doc.getTextTables().getCount(),
              "footnotes": doc.getFootnotes().getCount(), "endnotes": endnotes.getCount()}
    out.append("[fields] " + ", ".join(sorted(kinds)))
    out.append("[bookmarks] " + ", ".join(sorted(doc.getBookmarks().getElementNames())))
    out.append("[counts] " + " ".join(f"{k}={v}" for k, v in counts.items()))
    return "".join(f"\n{line}" for line in out)


if __name__ == "__main__":
    _worker(Path(sys.argv[1]))
