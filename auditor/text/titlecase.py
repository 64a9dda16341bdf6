"""Is a line a Title Case headline, where capitals say nothing about names?

Headlines capitalise every content word ("Xi Meets Biden In Bali"), so extraction and the word
layer stop reading capitals as names there. A news lead dense with names ("Chinese President Xi
Jinping met US President Joe Biden in Bali") is no headline: it writes its verbs and nouns in
lower case. The one test both stages share: enough content words, every one capitalised; no
lower-case word other than a closed-class word ("in", "is", "to", the
grammar's list in closed_class_words.txt) or a connector of names ("of", "de", "y"): "said" is a
sentence's verb, not a headline's.
"""

from __future__ import annotations

from collections.abc import Sequence

from auditor.text._data import load_toml, load_words

#: words a headline may leave in lower case: those that join the parts of a name ("Bank of China",
#: "Ministerio de Industria") and the closed word classes (articles, prepositions, auxiliaries...)
LOWER_IN_HEADLINES = frozenset(load_toml("entity_words.toml")["connectors"]) | load_words("closed_class_words.txt")
MIN_WORDS = 4


def is_title_case(words: Sequence[str]) -> bool:
    content = [w for w in words if w[:1].isalpha() and w.lower() not in LOWER_IN_HEADLINES]
    if len(content) < MIN_WORDS:
        return False
    return all(w[:1].isupper() for w in content)
