"""Name drift: transliteration, spelling, substitution, cross-script, omission — and the
equivalences (short forms, case, order, matching romanisation) that must not be flagged."""

from __future__ import annotations

import pytest

from auditor.drift import compare
from auditor.drift.names import DIFFERENT, SAME, SPELLING, TRANSLIT, name_relation
from tests.drift.drift_helpers import Mentions, codes, make_doc, one_to_one, table


@pytest.mark.parametrize("a,b,kind,detail", [
    ("Pan Helin", "Pan Herin", TRANSLIT, "l→r"),
    ("Ren Zhengfei", "Leng Zhengfei", TRANSLIT, "r→l, n→ng"),
    ("Mao Tse-tung", "Mao Zedong", TRANSLIT, "Wade-Giles↔pinyin"),
    ("Lin Qingyuan", "Lin Qingyu", TRANSLIT, "dropped syllable"),
    ("Jonathan Smith", "Jonathon Smith", SPELLING, "typo-like"),
    ("John Smith", "Mary Jones", DIFFERENT, ""),
    ("Li Qiang", "Li Keqiang", DIFFERENT, ""),
    ("Pan Helin", "Pan", SAME, ""),
    ("Pan Helin", "PAN HELIN", SAME, ""),
    ("Helin Pan", "Pan Helin", SAME, ""),
    ("José Pérez", "Jose Perez", SAME, ""),
    ("潘赫林", "Pan Helin", SAME, ""),
    ("欧阳娜娜", "Ouyang Nana", SAME, ""),
    ("澹台明月", "Tantai Mingyue", SAME, ""),  # compound surnames come from extraction's list
    ("潘赫林", "Pan Herin", TRANSLIT, "l→r"),
    # Chinese script against Chinese script: pinyin alone would call these the same name
    ("王建国", "汪建国", TRANSLIT, "same-sound character 王→汪 (wang)"),
    ("李德明", "李德民", TRANSLIT, "sound-alike character 明→民 (ming→min)"),
    ("李德明", "李德朋", SPELLING, "one character 明→朋"),
    ("刘芳", "刘静", DIFFERENT, ""),
    ("王建国", "李建国", DIFFERENT, ""),
    ("王建国", "王建国", SAME, ""),
    # from two professional translations of one Russian article (WMT21 ru-en, references A and B)
    ("Sergei Furgal", "Sergey Furgal", SAME, ""),  # two romanisation standards
    ("Hezbollah", "Hezbollah’s", SAME, ""),  # a possessive is no part of the name
    # the English form of a Russian given name (was "a different name", then transliteration drift)
    ("Alexander Ovechkin", "Aleksandr Ovechkin", SAME, ""),
    ("Alexei Ovechkin", "Aleksandr Ovechkin", DIFFERENT, ""),  # another given name stays one
    ("Mikhail Lavarev", "Mikhail Lazarev", SPELLING, "typo-like"),  # a translator's slip stays one
    ("Xin", "Xian", SPELLING, "typo-like"),  # a vowel alone, without a sound shift, is a typo
    ("Lin Feng", "Liang Feng", DIFFERENT, ""),  # in a short token a vowel makes another syllable
])
def test_name_relation(a, b, kind, detail):
    rel = name_relation(a, b)
    assert rel.kind == kind
    if detail:
        assert rel.detail == detail


def _three(texts_a, texts_b, texts_c, lang="en"):
    a = make_doc("a", texts_a, lang)
    b = make_doc("b", texts_b, lang)
    c = make_doc("c", texts_c, lang)
    return a, b, c, table(a, one_to_one(a, b), one_to_one(a, c))


def test_transliteration_reported_once_for_the_odd_version_with_both_sides():
    a, b, c, t = _three(["Growth is strong, said Pan Helin, an economist."],
                        ["Growth is strong, said Pan Herin, an economist."],
                        ["Growth is strong, said Pan Helin, an economist."])
    m = Mentions()
    for d, n in ((a, "Pan Helin"), (b, "Pan Herin"), (c, "Pan Helin")):
        m.person(d, 0, n)
    f = compare([a, b, c], t, m.by_doc)
    assert codes(f) == ["N001"]
    assert f[0].documents == ("b",)
    assert f[0].message == 'Name "Pan Helin" is spelled "Pan Herin" in b (transliteration drift: l→r)'
    assert {e.text for e in f[0].evidence} == {"Pan Helin", "Pan Herin"}


def test_majority_wins_over_the_pivot():
    a, b, c, t = _three(["Growth is strong, said Pan Herin."],
                        ["Growth is strong, said Pan Helin."],
                        ["Growth is strong, said Pan Helin."])
    m = Mentions()
    for d, n in ((a, "Pan Herin"), (b, "Pan Helin"), (c, "Pan Helin")):
        m.person(d, 0, n)
    f = compare([a, b, c], t, m.by_doc)
    assert [(x.code, x.documents) for x in f] == [("N001", ("a",))]


def test_shared_variant_is_one_finding_for_both_versions():
    a, b, c, t = _three(["Ren Zhengfei spoke."], ["Leng Zhengfei spoke."], ["Leng Zhengfei spoke."])
    m = Mentions()
    for d, n in ((a, "Ren Zhengfei"), (b, "Leng Zhengfei"), (c, "Leng Zhengfei")):
        m.person(d, 0, n)
    f = compare([a, b, c], t, m.by_doc)
    # 2 of 3 share "Leng": the majority reading is Leng, so the pivot is the deviation, once
    assert len(f) == 1 and f[0].documents == ("a",)


def test_repeated_misspelling_across_sentences_is_one_finding():
    a = make_doc("a", ["Pan Helin spoke first.", "Later Pan Helin left."])
    b = make_doc("b", ["Pan Herin spoke first.", "Later Pan Herin left."])
    m = Mentions()
    for i in (0, 1):
        m.person(a, i, "Pan Helin")
        m.person(b, i, "Pan Herin")
    f = compare([a, b], table(a, one_to_one(a, b)), m.by_doc)
    assert codes(f) == ["N001"]
    assert len(f[0].evidence) == 4


def test_extractor_miss_found_in_text_is_still_name_drift_not_omission():
    a = make_doc("a", ["The economist Pan Helin said so."])
    b = make_doc("b", ["The economist Pan Herin said so."])
    m = Mentions()
    m.person(a, 0, "Pan Helin")  # nothing extracted in b
    f = compare([a, b], table(a, one_to_one(a, b)), m.by_doc)
    assert codes(f) == ["N001"]


def test_substitution_is_a_different_person():
    a = make_doc("a", ["The plan was praised by John Smith on Monday."])
    b = make_doc("b", ["The plan was praised by Mary Jones on Monday."])
    m = Mentions()
    m.person(a, 0, "John Smith")
    m.person(b, 0, "Mary Jones")
    f = compare([a, b], table(a, one_to_one(a, b)), m.by_doc)
    assert codes(f) == ["N003"]
    assert f[0].severity == "critical"


def test_spelling_typo_is_critical():
    a = make_doc("a", ["Jonathan Smith resigned."])
    b = make_doc("b", ["Jonathon Smith resigned."])
    m = Mentions()
    m.person(a, 0, "Jonathan Smith")
    m.person(b, 0, "Jonathon Smith")
    f = compare([a, b], table(a, one_to_one(a, b)), m.by_doc)
    assert [(x.code, x.severity) for x in f] == [("N002", "critical")]  # a misspelt name is published falsehood


def test_dropped_name_is_an_omission_unless_it_appears_elsewhere():
    a, b, c, t = _three(
        ["Analysts led by Lin Qingyuan forecast growth.", "Lin Qingyuan is cautious."],
        ["Analysts led by Lin Qingyuan forecast growth.", "Lin Qingyuan is cautious."],
        ["Analysts forecast growth.", "The team is cautious."])
    m = Mentions()
    for d in (a, b):
        m.person(d, 0, "Lin Qingyuan")
        m.person(d, 1, "Lin Qingyuan")
    f = compare([a, b, c], t, m.by_doc)
    assert codes(f) == ["O001"]
    assert f[0].documents == ("c",)
    assert "Lin Qingyuan" in f[0].message

    # the rewrite mentions him in another sentence: not missing from the version
    c2 = make_doc("c", ["Analysts forecast growth.", "Lin Qingyuan is cautious."])
    m.person(c2, 1, "Lin Qingyuan")
    t2 = table(a, one_to_one(a, b), one_to_one(a, c2))
    assert codes(compare([a, b, c2], t2, m.by_doc)) == []


@pytest.mark.parametrize("lang,ta,tb", [
    ("en", "Growth is strong, said Pan Helin.", "Growth is strong, said Pan Helin."),
    ("es", "El crecimiento es fuerte, dijo Pan Helin.", "El crecimiento es sólido, afirmó Pan Helin."),
    ("en", "Pan Helin said growth is strong.", "Growth is strong, Pan said."),
    ("en", "Growth is strong, said PAN HELIN.", "Growth is strong, said Pan Helin."),
])
def test_same_name_or_short_form_is_not_flagged(lang, ta, tb):
    a = make_doc("a", [ta], lang)
    b = make_doc("b", [tb], lang)
    m = Mentions()
    for d, t in ((a, ta), (b, tb)):
        name = "PAN HELIN" if "PAN HELIN" in t else ("Pan Helin" if "Pan Helin" in t else "Pan")
        m.person(d, 0, name)
    assert compare([a, b], table(a, one_to_one(a, b)), m.by_doc) == []


def test_spanish_transliteration():
    a = make_doc("a", ["Según Guo Wanda, vicepresidente del instituto, China necesita centros."], "es")
    b = make_doc("b", ["Según Guo Wande, vicepresidente del instituto, China necesita centros."], "es")
    m = Mentions()
    m.person(a, 0, "Guo Wanda")
    m.person(b, 0, "Guo Wande")
    f = compare([a, b], table(a, one_to_one(a, b)), m.by_doc)
    assert codes(f) == ["N002"]  # a vowel change alone is typo-like, not a sound shift


def test_cross_script_chinese_name_against_romanisation():
    a = make_doc("a", ["潘赫林表示，上海的优势是资金充足。"], "zh")
    b = make_doc("b", ["Pan Herin said Shanghai's advantage is its funding."], "en")
    c = make_doc("c", ["Pan Helin said Shanghai's advantage is its funding."], "en")
    m = Mentions()
    m.person(a, 0, "潘赫林")
    m.person(b, 0, "Pan Herin")
    m.person(c, 0, "Pan Helin")
    f = compare([a, b, c], table(a, one_to_one(a, b), one_to_one(a, c)), m.by_doc)
    assert codes(f) == ["N004"]
    assert f[0].documents == ("b",)
    assert "Pan Helin" in f[0].message  # the pinyin reading is shown

    # matching romanisation: nothing to report
    f2 = compare([a, c], table(a, one_to_one(a, c)), m.by_doc)
    assert f2 == []


def test_wade_giles_needs_a_pinyin_side():
    from auditor.drift.names import TRANSLIT, name_relation

    # WG's k -> g turns "Koblet" into "Goblet", but "goblet" reads as no pinyin: a sound-alike shift
    rel = name_relation("Goblet", "Koblet")
    assert rel.kind == TRANSLIT and rel.detail != "Wade-Giles↔pinyin"
    assert name_relation("Mao Tse-tung", "Mao Zedong").detail == "Wade-Giles↔pinyin"


def test_a_plural_inside_a_longer_name_is_no_misspelling():
    from auditor.drift.substitutions import _classify

    assert _classify("Golden Goblet Awards", "Golden Goblet Award", "name", "en", True) is None
    # the word that does differ is judged on its own, not with the plural beside it
    assert _classify("Golden Goblet Awards", "Golden Koblet Award", "name", "en", True) == ("N001", "g→k")


def test_a_place_and_its_adjective_are_one_name_but_another_place_is_not() -> None:
    """A real TED segment (WMT21 MQM, talk 6): "South African insects" read as a name beside the
    reference's "South Africa" was a critical spelling slip."""
    from tests.drift.drift_helpers import audit_extracted

    ref = ("This is a plant here that insects in South Africa just love, and they've evolved with a long "
           "proboscis to get the nectar at the bottom.")
    out = ("The plant is loved by South African insects, which have evolved long mouth utensils to get "
           "nectar at the bottom.")
    assert audit_extracted([ref], [out], reference="a") == []
    swapped = audit_extracted([ref], [out.replace("South African", "South Korean")], reference="a")
    assert any('"South Africa"' in f.message for f in swapped)  # another country's adjective is still reported
