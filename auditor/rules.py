"""Rule registry: every finding carries one of these stable codes (ruff/flake8 style).

Codes never change meaning once released; select/ignore work on code prefixes ("N" = all name rules,
"Q00" = the quantity rules). The default severity can be overridden in configuration.

Default severities follow editorial harm, what it costs a newsroom to publish the version as it is
(``SEVERITY_MEANING`` says it in editors' words and ``auditor rules`` prints it): a reader told
something false about who, what title, what was said, how much, when or where is critical; a named
fact left out is major; wording and garble are minor unless they change what a sentence says.

Each rule is a module constant (``QUOTE_ALTERED``) carrying every fact about its code: kind, default
severity, the phrase editors read, whether it is a machine-translation trace, how the faithfulness
score weighs it. Other modules name a rule by its constant (``QUOTE_ALTERED.code``) and ask it, so a
code's facts live here once and a mistyped name fails at import instead of matching nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from auditor.model import Severity

#: the kinds of machine-translation trace a rule's findings count as (see ``labels``): garbled tokens,
#: literal renderings (of a phrase, a title, an official body), names re-transliterated from characters
MtSignal = Literal["garble", "literal", "transliteration"]
#: which part of the faithfulness score a finding costs (see ``score``): ``drift`` full points;
#: ``omission`` a dropped detail, half (an addition when the reference lacks it); ``coverage`` nothing,
#: the coverage part already measures dropped sentences; ``garble`` the garble part's points
ScorePart = Literal["drift", "omission", "coverage", "garble"]


@dataclass(frozen=True)
class Rule:
    """Everything known about one finding code, so no other module repeats a fact about it."""

    code: str
    name: str
    kind: str
    severity: Severity
    description: str
    example: str
    #: (one, several): what a finding of this rule is called when counted ("2 altered quotes"); None
    #: reads as the rule name ("2 × name or term substituted")
    phrase: tuple[str, str] | None = None
    #: the kind of machine-translation trace this rule's findings are, or None when a human slip is as
    #: likely (a typo, a dropped sentence)
    mt_signal: MtSignal | None = None
    #: the faithfulness-score part its findings cost (``ScorePart``)
    scored: ScorePart = "drift"
    #: the weight class the faithfulness score gives this rule when it differs from ``severity``: the
    #: score's points were tuned before some severities were set by editorial harm, so these rules keep
    #: the class they were calibrated with until the weights are refitted (see ``score``)
    score_severity: Severity | None = None
    #: shown in one document alone, with no other version to compare (glued tokens, non-words), so it
    #: can run on documents set aside from every story
    standalone: bool = False


# N: people's names
NAME_TRANSLITERATION = Rule(
    "N001", "name-transliteration", "name", "critical",
    "A person's name is spelled with a phonetic/transliteration shift between versions.",
    "Zhou Xiaolin -> Zhou Xiaorin",
    phrase=("name transliterated differently", "names transliterated differently"),
    mt_signal="transliteration", score_severity="major",
)
NAME_SPELLING = Rule(
    "N002", "name-spelling", "name", "critical",
    "A person's name differs by a typo-like edit between versions.",
    "Jonathan -> Jonathon",
    phrase=("misspelt name", "misspelt names"), score_severity="minor",
)
NAME_SUBSTITUTION = Rule(
    "N003", "name-substitution", "name", "critical",
    "A different person is named in the same place in another version.",
    "said John Smith -> said Mary Jones",
    phrase=("different person named", "different people named"),
)
NAME_CROSS_SCRIPT = Rule(
    "N004", "name-cross-script", "name", "critical",
    "A name in Chinese script does not match its romanisation in another version.",
    "张晓明 vs Zhang Xiaoping",
    phrase=("name not matching its Chinese form", "names not matching their Chinese form"),
    mt_signal="transliteration", score_severity="major",
)
NAME_HOUSE_STYLE = Rule(
    "N005", "name-house-style", "name", "minor",
    "A name deviates from the house spelling in the name authority file.",
    "Deng Hsiao-ping (house: Deng Xiaoping)",
    phrase=("name off the house spelling", "names off the house spelling"),
)

# E: other entities
TITLE_DRIFT = Rule(
    "E001", "title-drift", "title", "critical",
    "A person's title or role differs between versions.",
    "Governor Ana Ruiz -> Mayor Ana Ruiz",
    phrase=("changed title", "changed titles"), mt_signal="literal", score_severity="major",
)
ORGANISATION_DRIFT = Rule(
    "E002", "organisation-drift", "organisation", "major",
    "An organisation's name differs between versions.",
    "Water Resources Bureau -> Department of Water Affairs",
    phrase=("renamed organisation", "renamed organisations"), mt_signal="literal",
)
PLACE_DRIFT = Rule(
    "E003", "place-drift", "place", "critical",
    "A place differs between versions.",
    "Valencia -> Seville",
    phrase=("changed place", "changed places"), score_severity="major",
)
PRODUCT_DRIFT = Rule(
    "E004", "product-drift", "product", "major",
    "A product or model name differs between versions.",
    "Falcon X2 -> Falcon X3",
    phrase=("changed product name", "changed product names"),
)
NAME_OR_TERM_SUBSTITUTED = Rule(
    "E005", "name-or-term-substituted", "entity", "critical",
    "A proper name, place, organisation or term is replaced by a different one in the same "
    "sentence, whether or not the names are known to any list.",
    "talks in Lyon -> talks in Lille",
    phrase=("substituted name or term", "substituted names or terms"),
)
UNATTESTED_NAME = Rule(
    "E006", "unattested-name", "entity", "major",
    "A rare name that most other versions of the same sentence do not have: often a common "
    "word that machine translation turned into a name.",
    "the moth spreads pollen -> Tianya spreads pollen (1 of 6 versions)",
    phrase=("name most versions lack", "names most versions lack"),
)

# Q: numbers, money, dates
NUMBER_MISMATCH = Rule(
    "Q001", "number-mismatch", "number", "critical",
    "A number differs between versions.",
    "42% -> 24%",
    phrase=("changed number", "changed numbers"),
)
MONEY_MISMATCH = Rule(
    "Q002", "money-mismatch", "money", "critical",
    "An amount of money differs between versions.",
    "€3.2 million -> €2.3 million",
    phrase=("changed amount of money", "changed amounts of money"),
)
UNIT_OR_SCALE_CHANGE = Rule(
    "Q003", "unit-or-scale-change", "number", "critical",
    "A quantity changed unit, currency or scale between versions.",
    "5 million pesos -> 5 million dollars",
    phrase=("changed unit or scale", "changed units or scales"), score_severity="major",
)
DATE_MISMATCH = Rule(
    "Q004", "date-mismatch", "date", "critical",
    "A date differs between versions.",
    "March 3 -> March 8",
    phrase=("changed date", "changed dates"),
)
QUALIFIER_CHANGE = Rule(
    "Q005", "qualifier-change", "number", "major",
    "A quantity's qualifier changed (about, up to, more than).",
    "more than 200 -> 200",
    phrase=("changed qualifier", "changed qualifiers"), score_severity="minor",
)

# C: direct quotations
QUOTE_ALTERED = Rule(
    "C001", "quote-altered", "quote", "critical",
    "The words inside quotation marks differ from the same quote in another version.",
    "\"a fair deal\" -> \"an honest agreement\"",
    phrase=("altered quote", "altered quotes"), score_severity="major",
)
QUOTE_SPEAKER = Rule(
    "C002", "quote-speaker", "quote", "critical",
    "A quote is attributed to a different speaker.",
    "\"...\", Ruiz said -> \"...\", Molina said",
    phrase=("quote given to another speaker", "quotes given to another speaker"),
)
QUOTE_DROPPED = Rule(
    "C003", "quote-dropped", "quote", "major",
    "A direct quote present in other versions is missing or no longer quoted.",
    "“We will rebuild,” Ruiz said -> (not quoted)",
    phrase=("dropped quote", "dropped quotes"), scored="omission", score_severity="minor",
)

# O: omitted or added content
ENTITY_OMITTED = Rule(
    "O001", "entity-omitted", "omission", "major",
    "A name, organisation or other entity present in other versions is missing from this one.",
    "the team of Ana Ruiz -> the team",
    phrase=("omitted entity", "omitted entities"), scored="omission",
)
NUMBER_OMITTED = Rule(
    "O002", "number-omitted", "omission", "minor",
    "A number present in other versions is missing from this one.",
    "the 12-point roadmap -> the roadmap",
    phrase=("omitted number", "omitted numbers"), scored="omission",
)
SENTENCE_OMITTED = Rule(
    "O003", "sentence-omitted", "omission", "minor",
    "A sentence of the reference content has no counterpart in this version.",
    "(sentence dropped)",
    phrase=("omitted sentence", "omitted sentences"), scored="coverage",
)
CONTENT_ADDED = Rule(
    "O004", "content-added", "addition", "info",
    "This version carries a sentence no other version has.",
    "(sentence added)",
    phrase=("added sentence", "added sentences"),
)
CONTENT_MOVED = Rule(
    "O005", "content-moved", "moved", "info",
    "A sentence appears in a different position than in the other versions.",
    "(paragraph moved)",
    phrase=("moved sentence", "moved sentences"),
)

# G: garbled or machine-translated phrasing
NON_WORD = Rule(
    "G001", "non-word", "garble", "minor",
    "A word that is not in the language's lexicon replaces a real word of the other version.",
    "reservoir -> reservorium",
    phrase=("non-word", "non-words"), mt_signal="garble", scored="garble", standalone=True, score_severity="major",
)
GLUED_TOKENS = Rule(
    "G002", "glued-tokens", "garble", "minor",
    "Two words are glued together, a sign of broken extraction or translation.",
    "Reutersthe",
    phrase=("pair of glued words", "pairs of glued words"), mt_signal="garble", scored="garble", standalone=True,
)
LITERAL_MISTRANSLATION = Rule(
    "G003", "literal-mistranslation", "garble", "major",
    "A phrase changed meaning or became a literal mistranslation while the sentence aligns.",
    "a hot topic -> a warm theme",
    phrase=("literal mistranslation", "literal mistranslations"), mt_signal="literal", scored="garble",
)

RULES: tuple[Rule, ...] = (
    NAME_TRANSLITERATION, NAME_SPELLING, NAME_SUBSTITUTION, NAME_CROSS_SCRIPT, NAME_HOUSE_STYLE, TITLE_DRIFT,
    ORGANISATION_DRIFT, PLACE_DRIFT, PRODUCT_DRIFT, NAME_OR_TERM_SUBSTITUTED, UNATTESTED_NAME,
    NUMBER_MISMATCH, MONEY_MISMATCH, UNIT_OR_SCALE_CHANGE, DATE_MISMATCH, QUALIFIER_CHANGE, QUOTE_ALTERED,
    QUOTE_SPEAKER, QUOTE_DROPPED, ENTITY_OMITTED, NUMBER_OMITTED, SENTENCE_OMITTED, CONTENT_ADDED,
    CONTENT_MOVED, NON_WORD, GLUED_TOKENS, LITERAL_MISTRANSLATION,
)

#: severity -> what it means for the editor, the policy every rule's default severity follows
SEVERITY_MEANING: dict[str, str] = {
    "critical": "publishes something false: a misspelt or substituted person's name, a changed title, an "
                "invented or altered direct quote, a changed number, amount, date or place. Do not publish.",
    "major": "leaves out or blurs a named fact (an omitted person, organisation, number or quote, a renamed "
             "organisation or product), or a phrase whose meaning changed. Fix before publishing.",
    "minor": "wording, house style and garble that do not change what is said. Fix when convenient.",
    "info": "structure only (an added or moved sentence). Nothing to fix.",
}

RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def rule(code: str) -> Rule:
    """Look a rule up by code; an unknown code is a programming error, not user input."""
    return RULES_BY_CODE[code]


#: code -> (one, several), for the rules that have a phrase (kept for callers that list them)
RULE_PHRASES: dict[str, tuple[str, str]] = {r.code: r.phrase for r in RULES if r.phrase is not None}


def rule_phrase(code: str, n: int = 1) -> str:
    """"2 altered quotes" for ("C001", 2); an unknown code reads as its rule name or the code itself."""
    known = RULES_BY_CODE.get(code)
    if known is not None and known.phrase is not None:
        one, several = known.phrase
        return f"{n} {one if n == 1 else several}"
    name = known.name.replace("-", " ") if known else code
    return f"{n} × {name}"
