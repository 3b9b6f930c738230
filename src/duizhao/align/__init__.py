"""Stage 4, segment and align. In: a document's body blocks, then the corpus' documents.
Out: paragraphs with sentences, beads (zh/en rows) with sentence links, and the pairs of sources that translate each other."""
