"""Tracked diffs between drafts: align paragraphs, diff words, merge both into one redline.

`compare.compare_trees` gives the typed changes, `redline.redline` the tracked tree,
`sources.load` reads OLD/NEW from drafts, git revisions or DOCX files.
"""
