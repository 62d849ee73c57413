"""Read any DOCX (Word, LibreOffice, pandoc, draftkit): paragraphs, styles, list numbers,
runs with formatting, footnotes, comments and tracked changes, as typed values.

The one DOCX reader of draftkit, shared by `diff` and `import`. It reads the XML itself
(python-docx drops text inside `w:ins`/`w:del`) and knows nothing of YAML or drafts.
`package` opens the zip, `reader` reads the parts, `numbering` computes list labels.
"""

from draftkit.docxread.numbering import format_number
from draftkit.docxread.reader import read_docx, read_package, read_part
from draftkit.docxread.values import (NS, W, DocxComment, DocxDocument, DocxNote, DocxNumbering, DocxParagraph,
                                      DocxRevision, DocxRun, DocxStyle, w)

__all__ = ["NS", "W", "DocxComment", "DocxDocument", "DocxNote", "DocxNumbering", "DocxParagraph", "DocxRevision",
           "DocxRun", "DocxStyle", "format_number", "read_docx", "read_package", "read_part", "w"]
