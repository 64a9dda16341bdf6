"""Whether a number swap the word diff found is the number rules' to judge, or no change at all.

Apart from ``auditor.drift.substitutions`` because both questions read the extracted quantities and
dates of the two sentences, not their words: the word diff sees tokens ("1,000" is two, "2 1/2"
three), the extractor sees amounts.
"""

from __future__ import annotations

from collections.abc import Sequence

from auditor.drift.numbers import norm_unit, quantity_relation
from auditor.drift.slots import item_from
from auditor.drift.units import Corpus
from auditor.drift.words import Tok
from auditor.model import Mention


def _covering(corpus: Corpus, doc: str, toks: Sequence[Tok], kind: str) -> list[Mention]:
    """The extracted mentions of ``kind`` that cover these words (a mention lies in one sentence)."""
    start, end = toks[0].start, toks[-1].end
    return [m for m in corpus.sentence_mentions(doc, toks[0].sentence)
            if m.kind == kind and m.start <= start and end <= m.end]


def numbers_rule_pairs(corpus: Corpus, right: str, right_toks: Sequence[Tok], wrong: str,
                        wrong_toks: Sequence[Tok]) -> bool:
    """Are the two readings the number rules' (``drift.numbers``) to judge? Dates always are, and
    quantities they hold equal (a share of a stated total, a rounding: context this route lacks)
    or whose units differ (a share against a sum of money is another fact; euros against dollars
    a conversion). A changed value of one unit stays here: the rules pair it only when it relates
    to every other version's reading ("the 32-year-old volunteer" against eight "39-year-old
    parish volunteer"s does not), and left to them it would be a minor omission; where they do
    report it, the two findings share their spans and this one is dropped (``drop_covered``)."""
    if _covering(corpus, right, right_toks, "date") and _covering(corpus, wrong, wrong_toks, "date"):
        return True
    for a in _covering(corpus, right, right_toks, "quantity"):
        for b in _covering(corpus, wrong, wrong_toks, "quantity"):
            if _unit(a) != _unit(b):  # a share of a total is a percentage against an amount: here too
                return True
            rel = quantity_relation(item_from(a), item_from(b))
            if rel is not None and rel[1] == "equal":
                return True
    return False


def same_amounts(a: Sequence[Mention], b: Sequence[Mention]) -> bool:
    """Do two sentences' extracted quantities pair off one to one with equal values (at least one)?
    Asked of a number swap: the words a tokenizer cuts apart ("1,000" / "1000", "2 1/2 million" /
    "2.5 million") make a hunk no one quantity covers, yet the sentences state the same amounts."""
    left = [item_from(m) for m in a if m.kind == "quantity"]
    right = [item_from(m) for m in b if m.kind == "quantity"]
    if not left or len(left) != len(right):
        return False
    for x in left:
        match = next((y for y in right if (rel := quantity_relation(x, y)) is not None and rel[1] == "equal"), None)
        if match is None:
            return False
        right.remove(match)
    return True


def _unit(m: Mention) -> str | None:
    return norm_unit(getattr(m.value, "unit", None))
