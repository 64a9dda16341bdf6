"""Name authority: deviations from house spellings are N005 findings, even when all versions agree."""

from __future__ import annotations

import pytest

from auditor.authority import check_names, load_authority
from auditor.errors import ConfigError
from auditor.model import DocumentResult, Report, Sentence, ToolInfo

NAMES = """
[people]
"Xi Jinping" = ["Xi Jing Ping"]
"Ana Kowalczyk" = []
[organisations]
"Zhipu AI" = ["Zhipu"]
"潘赫林研究所" = ["潘和林研究所"]
[titles]
"Premier Li Qiang" = ["Prime Minister Li Qiang"]
"""


@pytest.fixture()
def authority(tmp_path):
    path = tmp_path / "names.toml"
    path.write_text(NAMES, encoding="utf-8")
    return load_authority(path)


def _report(**docs: list[str | tuple[str, bool]]) -> Report:
    """Documents whose sentences are the given strings ((text, boilerplate) for boilerplate)."""
    sentences = {}
    for doc, items in docs.items():
        pos, out = 0, []
        for i, item in enumerate(items):
            text, boiler = item if isinstance(item, tuple) else (item, False)
            out.append(Sentence(doc, i, 0, pos, pos + len(text), text, "en", boiler))
            pos += len(text) + 1
        sentences[doc] = tuple(out)
    documents = tuple(DocumentResult(d, f"{d}.txt", "en", 0, "rewrite", (), 0.5, i + 1, None)
                      for i, d in enumerate(docs))
    return Report(ToolInfo("auditor", "0", "lexical"), documents, (), sentences=sentences)


def _found(report, authority):
    return [(f.documents[0], f.evidence[0].text) for f in check_names(report, authority)]


def test_agreeing_versions_still_deviate_from_house_spelling(authority):
    report = _report(a=["Prime Minister Li Qiang visited Xi Jing Ping."],
                     b=["Prime Minister Li Qiang visited Xi Jing Ping."])
    found = _found(report, authority)
    assert found == [("a", "Prime Minister Li Qiang"), ("a", "Xi Jing Ping"),
                     ("b", "Prime Minister Li Qiang"), ("b", "Xi Jing Ping")]


def test_findings_are_n005_with_document_offsets(authority):
    report = _report(a=["Nothing here.", "Later, Xi Jin-ping spoke."])
    (f,) = check_names(report, authority)
    assert f.code == "N005" and f.severity == "minor" and f.kind == "name"
    e = f.evidence[0]
    s = report.sentences["a"][1]
    assert e.sentence == 1 and (e.start, e.end) == (s.start + 7, s.start + 18) and e.text == "Xi Jin-ping"
    assert "Xi Jinping" in f.message


def test_correct_spellings_and_all_caps_are_not_flagged(authority):
    report = _report(a=["Premier Li Qiang met Xi Jinping and Zhipu AI.", "XI JINPING VISITS ZHIPU AI"])
    assert _found(report, authority) == []


def test_near_misses_case_and_surname_references(authority):
    report = _report(a=["Port director Ana Kowalczik said so.", "Kowalczik told reporters.",
                        "Ana kowalczyk agreed.", "Xi Jinpin spoke."])
    assert _found(report, authority) == [("a", "Ana Kowalczik"), ("a", "Kowalczik"),
                                         ("a", "Ana kowalczyk"), ("a", "Xi Jinpin")]


def test_variant_inside_a_correct_name_and_ordinary_words_are_not_flagged(authority):
    # "Zhipu" is a listed variant but here it is part of the house spelling "Zhipu AI"; lowercase
    # words one letter from a name part are ordinary words, not names.
    report = _report(a=["Zhipu AI said the kowalczyk-like word is not a name.", "Zhipu said yes."])
    assert _found(report, authority) == [("a", "Zhipu")]


def test_titles_match_listed_phrases_only(authority):
    report = _report(a=["Prime Minister Rishi Sunak spoke.", "Prime Minister Li Qiang spoke."])
    assert _found(report, authority) == [("a", "Prime Minister Li Qiang")]


def test_chinese_variant_without_word_boundaries(authority):
    report = _report(a=["据潘和林研究所称，补贴将增加。"])
    assert _found(report, authority) == [("a", "潘和林研究所")]


def test_boilerplate_sentences_are_skipped(authority):
    report = _report(a=[("Share: Xi Jing Ping fan page", True)])
    assert _found(report, authority) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[nobody]\n'X' = []\n", "unknown section"),
        ("[people]\n'X' = [1]\n", "variants must be a list"),
        ("[people\n", "invalid TOML"),
    ],
)
def test_bad_names_file(tmp_path, text, message):
    path = tmp_path / "names.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_authority(path)
