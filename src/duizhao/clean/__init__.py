"""Stage 2, clean. In: the lines a reader made, the rules and the signals.
Out: a Cleaned text: body blocks in order, the title line, and a Removal (rule and reason) for every line dropped."""
