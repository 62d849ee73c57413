"""The negotiation after the first round: decisions from the terminal, paragraph standing
and brackets, translations that go stale (and XLIFF), history and blame.

One module per concern; each knows the model and the round machinery of `draftkit.merge`,
none prints.
"""
