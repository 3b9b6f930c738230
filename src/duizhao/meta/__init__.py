"""Stage 3, metadata. In: the Cleaned text and the page's signals.
Out: Metadata: each field (title, date, speaker, publisher...) with its origin and evidence, derived ones marked."""
