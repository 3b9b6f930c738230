"""Stage 1, read. In: a source's bytes (HTML, text, Markdown, PDF, Word, WARC) and its sidecar NAME.yml.
Out: decoded text, the lines of the line model (lines.Line) and the signals a page gives about itself."""
