"""Rendering: Draft → DocTree → DOCX / markdown / text. `docx` is imported only here."""
