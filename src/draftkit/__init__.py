"""draftkit: draft resolutions from clause libraries and member contributions.

The package is a small library (model, loading, merging, rendering, diffing,
checking) with a thin command-line interface on top (`draftkit.cli`).
"""

__version__ = "0.1.0"
