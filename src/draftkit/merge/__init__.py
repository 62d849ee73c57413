"""Contributions + decisions + drafts → the next draft with provenance, and a report. Pure.

`words` tokenizes and aligns text, `plan` reads each proposal against the version its
delegation saw and carries it onto the current draft, `apply` builds the next version,
`round` runs a whole round (deadline, decisions, collisions, outcomes).
"""

from draftkit.merge.plan import Understood
from draftkit.merge.round import (
    Collision,
    Entry,
    MergeReport,
    MergeResult,
    Outcome,
    Pending,
    Review,
    Status,
    describe,
    merge,
    review,
)

__all__ = ["Collision", "Entry", "MergeReport", "MergeResult", "Outcome", "Pending", "Review", "Status",
           "Understood", "describe", "merge", "review"]
