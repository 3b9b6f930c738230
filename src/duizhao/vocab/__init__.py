"""The data every stage consults, below them all: the editors' rules and vocabularies (rules.yml, data/*.yml),
their fast matchers (prefilter), the publishers' catalogue, the CC-CEDICT lexicon and script conversion (hanzi)."""
