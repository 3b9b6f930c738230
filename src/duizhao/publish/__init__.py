"""Stage 6, publish. In: linked documents, the settings and the URL registry.
Out: page Markdown and HTML (always escaped, then sanitised), corpus pages, the search index, downloads, redirects."""
