"""Commands: build (see the module docstring of the library module it calls)."""

from draftkit.cli.app import app  # noqa: F401
