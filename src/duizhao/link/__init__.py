"""Stage 5, link. In: the corpus' aligned documents and the glossary.
Out: glossary occurrences in context, related documents, tags and the indexes the browse pages list (no HTML)."""
