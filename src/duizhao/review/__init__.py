"""Review, above a build. In: two revisions of sources/ (git), each built by the pipeline.
Out: what readers will see change, as a Markdown report (published URLs, texts, pairings)."""
