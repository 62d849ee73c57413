"""Word files in: a resolution DOCX → draft + clause library (`import_document`,
`write_import`), a returned draft with tracked changes → contributions
(`import_contribution`). Reads only what `docxread` gives; writes YAML only through
`loading.serialize`.

    text        DOCX paragraphs as lines; normalizing, final punctuation, slugs and ids
    classify    opening phrases, typed numbers, language
    heading     the heading block; paragraphs: the body
    write       the draft import's files;  contribution, proposals, round_files: the contribution import
"""

from draftkit.importing.classify import Phrases, load_phrases, match_phrase, phrase_tables
from draftkit.importing.contribution import import_contribution
from draftkit.importing.paragraphs import import_document
from draftkit.importing.round_files import ContributionImport, WrittenContribution
from draftkit.importing.text import clean, normalize
from draftkit.importing.values import ImportedDraft, ImportedHeading, ImportedParagraph, ImportedSub, ImportWarning
from draftkit.importing.write import ImportResult, import_file, write_import

__all__ = ["ContributionImport", "ImportResult", "ImportWarning", "ImportedDraft", "ImportedHeading",
           "ImportedParagraph", "ImportedSub", "Phrases", "WrittenContribution", "clean", "import_contribution",
           "import_document", "import_file", "load_phrases", "match_phrase", "normalize", "phrase_tables", "write_import"]
