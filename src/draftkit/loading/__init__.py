"""YAML files → model values. Raw dicts stop here: everything past this package is typed.

`yamlsource` is the only module that imports `yaml`.
"""

from draftkit.loading.draft import load_draft, missing_translations, require_language
from draftkit.loading.library import load_library
from draftkit.loading.project import Project, ProjectConfig, open_draft

__all__ = [
    "Project",
    "ProjectConfig",
    "load_draft",
    "load_library",
    "missing_translations",
    "open_draft",
    "require_language",
]
