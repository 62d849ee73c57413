"""LibreOffice as the author of corpus documents: one headless soffice (throw-away profile)
runs a list of recipes, each loading a DOCX (or a new document), applying edits through
UNO text cursors exactly as a user's edits would land, and storing "MS Word 2007 XML".

Runs under Debian's /usr/bin/python3 (python3-uno):
    /usr/bin/python3 tests/corpus/lo_edit.py RECIPES.json
A recipe is {"source": path or "", "out": path, "ops": [[name, arg, ...], ...]}; the
operations are the `op_*` functions below. No draftkit import here: it is another Python.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue

PARAGRAPH_BREAK = 0
AS_CHARACTER = 1
ITALIC = 2
NONE_POSTURE = 0
ARABIC = 4


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


class Editor:
    """The edits of one document: every `op_*` takes the strings of a recipe step."""

    def __init__(self, context, desktop, doc):
        self.ctx = context
        self.smgr = context.ServiceManager
        self.desktop = desktop
        self.doc = doc
        self.text = doc.Text

    # finding

    def find(self, needle: str, nth: int = 0):
        search = self.doc.createSearchDescriptor()
        search.SearchString = needle
        search.SearchCaseSensitive = True
        found = self.doc.findFirst(search)
        for _ in range(nth):
            found = self.doc.findNext(found.End, search)
        if found is None:
            raise SystemExit(f"not found: {needle!r}")
        return found

    def paragraph(self, needle: str):
        found = self.find(needle)
        cursor = found.Text.createTextCursorByRange(found)
        cursor.gotoStartOfParagraph(False)
        cursor.gotoEndOfParagraph(True)
        return cursor

    def after(self, needle: str):
        found = self.find(needle)
        return found.Text.createTextCursorByRange(found.End)

    # text

    def op_record(self, on):
        self.doc.RecordChanges = bool(on)

    def op_author(self, name):
        """The name LibreOffice writes on tracked changes (its user profile's name)."""
        config = self.smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", self.ctx)
        access = config.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationUpdateAccess",
            (prop("nodepath", "/org.openoffice.UserProfile/Data"),))
        first, _, last = name.partition(" ")
        access.setPropertyValue("givenname", first)
        access.setPropertyValue("sn", last)
        access.commitChanges()

    def op_replace(self, needle, new, nth=0):
        self.find(needle, nth).setString(new)

    def op_insert_after(self, needle, new):
        cursor = self.after(needle)
        cursor.Text.insertString(cursor, new, False)

    def op_delete(self, needle):
        self.find(needle).setString("")

    def op_delete_span(self, first, last):
        """Delete from the start of `first` to the end of `last` (fields between them too)."""
        start = self.find(first)
        cursor = start.Text.createTextCursorByRange(start.Start)
        end = self.find(last)
        cursor.gotoRange(end.End, True)
        cursor.setString("")

    def op_paragraph_after(self, needle, new, style=""):
        """A new paragraph after the one holding `needle` (same style unless `style`)."""
        cursor = self.paragraph(needle)
        cursor.collapseToEnd()
        cursor.Text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        cursor.Text.insertString(cursor, new, False)
        if style:
            cursor.gotoStartOfParagraph(True)
            cursor.ParaStyleName = style

    def op_delete_paragraph(self, needle):
        cursor = self.paragraph(needle)
        cursor.gotoStartOfParagraph(False)
        cursor.gotoNextParagraph(True)  # the paragraph and its mark
        cursor.setString("")

    def op_join_next(self, needle):
        """Delete the paragraph mark after `needle`'s paragraph: it joins the next one."""
        cursor = self.paragraph(needle)
        cursor.collapseToEnd()
        cursor.goRight(1, True)
        cursor.setString("")

    def op_move_paragraph(self, needle, before):
        """Cut the paragraph holding `needle` and paste it before the one holding `before`."""
        controller = self.doc.getCurrentController()
        cursor = self.paragraph(needle)
        cursor.gotoStartOfParagraph(False)
        cursor.gotoNextParagraph(True)
        controller.select(cursor)
        moved = controller.getTransferable()
        cursor.setString("")
        target = self.paragraph(before)
        target.collapseToStart()
        controller.select(target)
        controller.insertTransferable(moved)

    def op_italic(self, needle, on=True):
        self.find(needle).CharPosture = ITALIC if on else NONE_POSTURE

    def op_bold(self, needle, on=True):
        self.find(needle).CharWeight = 150.0 if on else 100.0

    def op_superscript(self, needle, on=True):
        found = self.find(needle)
        found.CharEscapement = 33 if on else 0
        found.CharEscapementHeight = 58 if on else 100

    def op_style(self, needle, style):
        self.paragraph(needle).ParaStyleName = style

    def op_numbering(self, needle, rules):
        """Put the paragraph in a list style ('Numbering 123', 'List 1' …; '' removes it)."""
        styles = self.doc.StyleFamilies.getByName("NumberingStyles")
        if rules and not styles.hasByName(rules):
            raise SystemExit(f"no list style {rules!r}: {', '.join(styles.getElementNames())}")
        cursor = self.paragraph(needle)
        cursor.NumberingStyleName = rules

    def op_list_level(self, needle, level):
        self.paragraph(needle).NumberingLevel = int(level)

    # notes, fields, bookmarks, links

    def op_footnote(self, needle, body, kind="Footnote"):
        note = self.doc.createInstance(f"com.sun.star.text.{kind}")
        cursor = self.after(needle)
        cursor.Text.insertTextContent(cursor, note, False)
        note.setString(body)

    def op_endnote(self, needle, body):
        self.op_footnote(needle, body, "Endnote")

    def op_note_text(self, kind, index, needle, new):
        notes = self.doc.Footnotes if kind == "footnote" else self.doc.Endnotes
        note = notes.getByIndex(int(index))
        search = self.doc.createSearchDescriptor()
        search.SearchString = needle
        cursor = note.createTextCursor()
        cursor.gotoStart(False)
        cursor.gotoEnd(True)
        cursor.setString(cursor.getString().replace(needle, new))

    def op_note_delete(self, kind, index):
        notes = self.doc.Footnotes if kind == "footnote" else self.doc.Endnotes
        anchor = notes.getByIndex(int(index)).getAnchor()
        anchor.setString("")

    def field(self, kind, arg=""):
        if kind == "page":
            field = self.doc.createInstance("com.sun.star.text.TextField.PageNumber")
            field.NumberingType = ARABIC
            field.SubType = uno.Enum("com.sun.star.text.PageNumberType", "CURRENT")
        elif kind == "pages":
            field = self.doc.createInstance("com.sun.star.text.TextField.PageCount")
            field.NumberingType = ARABIC
        elif kind == "date":
            field = self.doc.createInstance("com.sun.star.text.TextField.DateTime")
            field.IsDate = True
            field.IsFixed = arg == "fixed"
        elif kind == "seq":
            masters = self.doc.TextFieldMasters
            name = f"com.sun.star.text.FieldMaster.SetExpression.{arg}"
            if masters.hasByName(name):
                master = masters.getByName(name)
            else:
                master = self.doc.createInstance("com.sun.star.text.FieldMaster.SetExpression")
                master.Name = arg
                master.SubType = 1  # sequence
            field = self.doc.createInstance("com.sun.star.text.TextField.SetExpression")
            field.NumberingType = ARABIC
            field.Content = f"{arg}+1"
            field.attachTextFieldMaster(master)
        elif kind == "ref":
            field = self.doc.createInstance("com.sun.star.text.TextField.GetReference")
            field.ReferenceFieldSource = 2  # bookmark
            field.ReferenceFieldPart = 1  # its text
            field.SourceName = arg
        elif kind == "author":
            field = self.doc.createInstance("com.sun.star.text.TextField.Author")
            field.IsFixed = True
            field.Content = arg or "Secretariat"
        else:
            raise SystemExit(f"unknown field {kind}")
        return field

    def op_field(self, needle, kind, arg=""):
        cursor = self.after(needle)
        cursor.Text.insertTextContent(cursor, self.field(kind, arg), False)

    def op_field_delete(self, index):
        fields = self.doc.TextFields.createEnumeration()
        found = []
        while fields.hasMoreElements():
            found.append(fields.nextElement())
        found.sort(key=lambda f: (f.getAnchor().Start.Text is self.text, ))
        found[int(index)].dispose()

    def op_bookmark(self, needle, name):
        mark = self.doc.createInstance("com.sun.star.text.Bookmark")
        mark.Name = name
        found = self.find(needle)
        found.Text.insertTextContent(found, mark, True)

    def op_link(self, needle, url):
        self.find(needle).HyperLinkURL = url

    # tables

    def table(self, first_cell):
        """The table whose first cell says `first_cell`."""
        tables = self.doc.TextTables
        for k in range(tables.getCount()):
            if tables.getByIndex(k).getCellByName("A1").getString() == first_cell:
                return tables.getByIndex(k)
        raise SystemExit(f"no table starting {first_cell!r}")

    def op_table_cell(self, table, cell, text):
        self.table(table).getCellByName(cell).setString(text)

    def op_table_insert_row(self, table, at, *cells):
        found = self.table(table)
        found.Rows.insertByIndex(int(at), 1)
        for k, value in enumerate(cells):
            found.getCellByName(f"{chr(ord('A') + k)}{int(at) + 1}").setString(value)

    def op_table_delete_row(self, table, at):
        self.table(table).Rows.removeByIndex(int(at), 1)

    def op_table_delete(self, table):
        self.table(table).dispose()

    def op_table(self, needle, *rows):
        """A table after the paragraph holding `needle`; rows are 'a|b|c' strings."""
        cells = [r.split("|") for r in rows]
        table = self.doc.createInstance("com.sun.star.text.TextTable")
        table.initialize(len(cells), len(cells[0]))
        cursor = self.paragraph(needle)
        cursor.collapseToEnd()
        cursor.Text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        cursor.Text.insertTextContent(cursor, table, False)
        for r, row in enumerate(cells):
            for c, value in enumerate(row):
                table.getCellByName(f"{chr(ord('A') + c)}{r + 1}").setString(value)

    # images and frames

    def graphic(self, path):
        provider = self.smgr.createInstanceWithContext("com.sun.star.graphic.GraphicProvider", self.ctx)
        return provider.queryGraphic((prop("URL", Path(path).resolve().as_uri()),))

    def anchored(self, needle, service, width, height, **props):
        """A `service` object (image, chart, text frame) of that size, anchored as a character
        after `needle`, with `props` set before it is inserted."""
        made = self.doc.createInstance(service)
        for name, value in props.items():
            setattr(made, name, value)
        made.AnchorType = uno.Enum("com.sun.star.text.TextContentAnchorType", "AS_CHARACTER")
        size = uno.createUnoStruct("com.sun.star.awt.Size")
        size.Width, size.Height = int(width), int(height)
        made.Size = size
        cursor = self.after(needle)
        cursor.Text.insertTextContent(cursor, made, False)
        return made

    def op_image(self, needle, path, width=1500):
        self.anchored(needle, "com.sun.star.text.TextGraphicObject", width, width, Graphic=self.graphic(path))

    def op_image_replace(self, index, path):
        self.doc.GraphicObjects.getByIndex(int(index)).Graphic = self.graphic(path)

    def op_image_delete(self, index):
        self.doc.GraphicObjects.getByIndex(int(index)).getAnchor().setString("")

    def op_chart(self, needle):
        """A chart (LibreOffice's default bars)."""
        self.anchored(needle, "com.sun.star.text.TextEmbeddedObject", 6000, 4000,
                      CLSID="12DCAE26-281F-416F-a234-c3086127382e")

    def op_frame(self, needle, body):
        self.anchored(needle, "com.sun.star.text.TextFrame", 5000, 1000).setString(body)

    def op_frame_text(self, index, body):
        self.doc.TextFrames.getByIndex(int(index)).setString(body)

    # pages: headers, footers, sections

    def page_style(self, name):
        styles = self.doc.StyleFamilies.getByName("PageStyles")
        if not styles.hasByName(name):
            styles.insertByName(name, self.doc.createInstance("com.sun.star.style.PageStyle"))
        return styles.getByName(name)

    def op_header(self, style, text, first=""):
        """Header text of a page style; `first`: a different first-page header."""
        page = self.page_style(style)
        page.HeaderIsOn = True
        page.HeaderText.setString(text)
        if first:
            page.FirstIsShared = False
            page.HeaderTextFirst.setString(first)

    def op_footer_page(self, style, before="", after=""):
        """A footer holding `before` PAGE `after` (e.g. '- ' and ' -')."""
        page = self.page_style(style)
        page.FooterIsOn = True
        footer = page.FooterText
        footer.setString(before)
        footer.insertTextContent(footer.getEnd(), self.field("page"), False)
        footer.insertString(footer.getEnd(), after, False)

    def op_section(self, needle, style, landscape=False):
        """Start a new page style (a Word section) at the paragraph holding `needle`."""
        page = self.page_style(style)
        if landscape:
            page.IsLandscape = True
            width, height = page.Width, page.Height
            page.Width, page.Height = max(width, height), min(width, height)
        self.paragraph(needle).PageDescName = style

    def op_title(self, value):
        self.doc.DocumentProperties.Title = value


class Office:
    """A headless soffice with a throw-away profile, and the desktop to load documents in."""

    def __init__(self, profile: Path):
        self.pipe = f"draftkit_corpus_{os.getpid()}_{time.monotonic_ns()}"
        self.process = subprocess.Popen(
            ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
             "--norestore", "--nologo", "--nodefault", f"--accept=pipe,name={self.pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        self.context = None
        for _ in range(300):
            try:
                self.context = resolver.resolve(f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - not listening yet
                time.sleep(0.1)
        if self.context is None:
            raise SystemExit("could not connect to soffice")
        self.desktop = self.context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                                             self.context)
        time.sleep(1)  # soffice 7.4 sometimes dies when a document is edited the moment it listens

    def make(self, recipe: dict) -> None:
        url = "private:factory/swriter"
        if recipe["source"]:
            source = Path(recipe["source"]).resolve()
            url = source.as_uri()
            (source.parent / f".~lock.{source.name}#").unlink(missing_ok=True)  # left by a soffice that died
        doc = self.desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            raise SystemExit(f"LibreOffice could not open {url}")
        editor = Editor(self.context, self.desktop, doc)
        for name, *args in recipe["ops"]:
            getattr(editor, f"op_{name}")(*args)
        recording = doc.RecordChanges
        doc.RecordChanges = False
        doc.getTextFields().refresh()  # stored field results are current, as Word saves them
        doc.RecordChanges = recording
        doc.storeToURL(Path(recipe["out"]).resolve().as_uri(), (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)

    def close(self) -> None:
        try:
            self.desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge drops as soffice exits
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def run(recipes: list[dict]) -> None:
    """Make every recipe; when soffice dies under one, start another and make it again."""
    with tempfile.TemporaryDirectory(prefix="lo-edit-") as tmp:
        office = Office(Path(tmp, "profile"))
        try:
            for recipe in recipes:
                for attempt in range(3):
                    try:
                        office.make(recipe)
                        break
                    except uno.getClass("com.sun.star.uno.RuntimeException"):
                        if attempt == 2:
                            raise
                        office.process.kill()
                        office = Office(Path(tmp, f"profile{attempt}"))
        finally:
            office.close()


if __name__ == "__main__":
    run(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
