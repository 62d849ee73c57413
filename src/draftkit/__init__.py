"""draftkit: draft resolutions from clause libraries and member contributions.

The package is a small library (model, loading, merging, rendering, diffing,
checking) with a thin command-line interface on top (`draftkit.cli`).
"""

from pathlib import Path

__version__ = "0.1.0"

#: draftkit's own data (languages, templates, scaffold, reference.docx): a folder beside
#: this file (importlib.resources would cost ~15 ms of imports per run for the same path).
DATA = Path(__file__).resolve().parent / "data"
