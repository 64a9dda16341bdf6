"""Rule registry: every finding carries one of these stable codes (ruff/flake8 style).

Codes never change meaning once released; select/ignore work on code prefixes ("N" = all name rules,
"Q00" = the quantity rules). The default severity can be overridden in configuration.

Default severities follow editorial harm, what it costs a newsroom to publish the version as it is
(``SEVERITY_MEANING`` says it in editors' words and ``auditor rules`` prints it): a reader told
something false about who, what title, what was said, how much, when or where is critical; a named
fact left out is major; wording and garble are minor unless they change what a sentence says.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.model import Severity


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    kind: str
    severity: Severity
    description: str
    example: str


RULES: tuple[Rule, ...] = (
    # N: people's names
    Rule("N001", "name-transliteration", "name", "critical",
         "A person's name is spelled with a phonetic/transliteration shift between versions.",
         "Zhou Xiaolin -> Zhou Xiaorin"),
    Rule("N002", "name-spelling", "name", "critical",
         "A person's name differs by a typo-like edit between versions.",
         "Jonathan -> Jonathon"),
    Rule("N003", "name-substitution", "name", "critical",
         "A different person is named in the same place in another version.",
         "said John Smith -> said Mary Jones"),
    Rule("N004", "name-cross-script", "name", "critical",
         "A name in Chinese script does not match its romanisation in another version.",
         "张晓明 vs Zhang Xiaoping"),
    Rule("N005", "name-house-style", "name", "minor",
         "A name deviates from the house spelling in the name authority file.",
         "Deng Hsiao-ping (house: Deng Xiaoping)"),
    # E: other entities
    Rule("E001", "title-drift", "title", "critical",
         "A person's title or role differs between versions.",
         "Governor Ana Ruiz -> Mayor Ana Ruiz"),
    Rule("E002", "organisation-drift", "organisation", "major",
         "An organisation's name differs between versions.",
         "Water Resources Bureau -> Department of Water Affairs"),
    Rule("E003", "place-drift", "place", "critical",
         "A place differs between versions.",
         "Valencia -> Seville"),
    Rule("E004", "product-drift", "product", "major",
         "A product or model name differs between versions.",
         "Falcon X2 -> Falcon X3"),
    Rule("E005", "name-or-term-substituted", "entity", "critical",
         "A proper name, place, organisation or term is replaced by a different one in the same "
         "sentence, whether or not the names are known to any list.",
         "talks in Lyon -> talks in Lille"),
    Rule("E006", "unattested-name", "entity", "major",
         "A rare name that most other versions of the same sentence do not have: often a common "
         "word that machine translation turned into a name.",
         "the moth spreads pollen -> Tianya spreads pollen (1 of 6 versions)"),
    # Q: numbers, money, dates
    Rule("Q001", "number-mismatch", "number", "critical",
         "A number differs between versions.",
         "42% -> 24%"),
    Rule("Q002", "money-mismatch", "money", "critical",
         "An amount of money differs between versions.",
         "€3.2 million -> €2.3 million"),
    Rule("Q003", "unit-or-scale-change", "number", "critical",
         "A quantity changed unit, currency or scale between versions.",
         "5 million pesos -> 5 million dollars"),
    Rule("Q004", "date-mismatch", "date", "critical",
         "A date differs between versions.",
         "March 3 -> March 8"),
    Rule("Q005", "qualifier-change", "number", "major",
         "A quantity's qualifier changed (about, up to, more than).",
         "more than 200 -> 200"),
    # C: direct quotations
    Rule("C001", "quote-altered", "quote", "critical",
         "The words inside quotation marks differ from the same quote in another version.",
         "\"a fair deal\" -> \"an honest agreement\""),
    Rule("C002", "quote-speaker", "quote", "critical",
         "A quote is attributed to a different speaker.",
         "\"...\", Ruiz said -> \"...\", Molina said"),
    Rule("C003", "quote-dropped", "quote", "major",
         "A direct quote present in other versions is missing or no longer quoted.",
         "“We will rebuild,” Ruiz said -> (not quoted)"),
    # O: omitted or added content
    Rule("O001", "entity-omitted", "omission", "major",
         "A name, organisation or other entity present in other versions is missing from this one.",
         "the team of Ana Ruiz -> the team"),
    Rule("O002", "number-omitted", "omission", "minor",
         "A number present in other versions is missing from this one.",
         "the 12-point roadmap -> the roadmap"),
    Rule("O003", "sentence-omitted", "omission", "minor",
         "A sentence of the reference content has no counterpart in this version.",
         "(sentence dropped)"),
    Rule("O004", "content-added", "addition", "info",
         "This version carries a sentence no other version has.",
         "(sentence added)"),
    Rule("O005", "content-moved", "moved", "info",
         "A sentence appears in a different position than in the other versions.",
         "(paragraph moved)"),
    # G: garbled or machine-translated phrasing
    Rule("G001", "non-word", "garble", "minor",
         "A word that is not in the language's lexicon replaces a real word of the other version.",
         "reservoir -> reservorium"),
    Rule("G002", "glued-tokens", "garble", "minor",
         "Two words are glued together, a sign of broken extraction or translation.",
         "Reutersthe"),
    Rule("G003", "literal-mistranslation", "garble", "major",
         "A phrase changed meaning or became a literal mistranslation while the sentence aligns.",
         "a hot topic -> a warm theme"),
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


#: code -> (one, several): what a rule's finding is called when counted. A code absent here (one
#: added later) falls back to its rule name, so nothing breaks; it only reads less naturally.
RULE_PHRASES: dict[str, tuple[str, str]] = {
    "N001": ("name transliterated differently", "names transliterated differently"),
    "N002": ("misspelt name", "misspelt names"),
    "N003": ("different person named", "different people named"),
    "N004": ("name not matching its Chinese form", "names not matching their Chinese form"),
    "N005": ("name off the house spelling", "names off the house spelling"),
    "E001": ("changed title", "changed titles"),
    "E002": ("renamed organisation", "renamed organisations"),
    "E003": ("changed place", "changed places"),
    "E004": ("changed product name", "changed product names"),
    "Q001": ("changed number", "changed numbers"),
    "Q002": ("changed amount of money", "changed amounts of money"),
    "Q003": ("changed unit or scale", "changed units or scales"),
    "Q004": ("changed date", "changed dates"),
    "Q005": ("changed qualifier", "changed qualifiers"),
    "C001": ("altered quote", "altered quotes"),
    "C002": ("quote given to another speaker", "quotes given to another speaker"),
    "C003": ("dropped quote", "dropped quotes"),
    "O001": ("omitted entity", "omitted entities"),
    "O002": ("omitted number", "omitted numbers"),
    "O003": ("omitted sentence", "omitted sentences"),
    "O004": ("added sentence", "added sentences"),
    "O005": ("moved sentence", "moved sentences"),
    "G001": ("non-word", "non-words"),
    "G002": ("pair of glued words", "pairs of glued words"),
    "G003": ("literal mistranslation", "literal mistranslations"),
}


def rule_phrase(code: str, n: int = 1) -> str:
    """"2 altered quotes" for ("C001", 2); an unknown code reads as its rule name or the code itself."""
    if code in RULE_PHRASES:
        one, several = RULE_PHRASES[code]
        return f"{n} {one if n == 1 else several}"
    known = RULES_BY_CODE.get(code)
    name = known.name.replace("-", " ") if known else code
    return f"{n} × {name}"
