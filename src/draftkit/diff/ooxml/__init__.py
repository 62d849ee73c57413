"""DOCX-to-DOCX redlines on the documents' own XML: `story` reads paragraphs and tables
keeping every node, `match` compares them, `emit` writes revisions, `parts` brings OLD's
resources into NEW's package, `redline` puts it together."""
