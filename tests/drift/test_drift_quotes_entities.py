"""Quotes (altered, paraphrased, other speaker, dropped) and titles/organisations/places/products."""

from __future__ import annotations

from auditor.drift import compare
from tests.drift.drift_helpers import Mentions, codes, make_doc, one_to_one, table


def _quotes(qa, qb, sa=None, sb=None, lang="en", tmpl='“{}”, {} said.'):
    a = make_doc("a", [tmpl.format(qa, sa or "Bo")], lang)
    b = make_doc("b", [tmpl.format(qb, sb or "Bo")], lang)
    m = Mentions()
    m.quote(a, 0, qa, speaker=sa)
    m.quote(b, 0, qb, speaker=sb)
    return compare([a, b], table(a, one_to_one(a, b)), m.by_doc)


def test_altered_quote_words_are_shown():
    f = _quotes("One of Shanghai's key advantages is its strong funding",
                "One of Shanghai's important benefits is its strong funding", "Pan Helin", "Pan Helin")
    assert codes(f) == ["C001"]
    assert '"key advantages" → "important benefits"' in f[0].message
    assert f[0].severity == "critical"


def test_paraphrase_presented_as_quote():
    f = _quotes("AI isn't something that can be built overnight through policy support alone",
                "AI is a lengthy game driven by core engineering and talent", "Bo", "Bo")
    assert codes(f) == ["C001"] and "paraphrase presented as a direct quote" in f[0].message


def test_quote_style_case_contractions_and_spelling_are_not_changes():
    assert _quotes("AI isn't a programme you can realise overnight", "AI is not a program you can realize overnight") == []
    assert _quotes("No es algo que se construya de la noche a la mañana",
                   "no es algo que se construya de la noche a la manana", lang="es",
                   tmpl="«{}», dijo {}.") == []


def test_a_word_spaced_or_hyphenated_otherwise_is_no_altered_quote():
    # machine translations of one quote write a transliterated term run together or apart
    assert _quotes("the first day of Zhongfu is the hottest", "the first day of Zhong Fu is the hottest") == []
    assert _quotes("there are three volts in a year", "there are three-volts in a year") == []
    f = _quotes("the first day of Zhongfu is the hottest", "the first day of Zhongshan is the hottest")
    assert codes(f) == ["C001"]


def test_chinese_quote_altered():
    f = _quotes("人工智能不是一夜之间能建成的", "人工智能是一场漫长的比赛", "薄", "薄", lang="zh", tmpl="“{}”，{}说。")
    assert codes(f) == ["C001"]


def test_different_speaker_is_critical():
    f = _quotes("AI is a long game", "AI is a long game", "Bo Zhengyuan", "Pan Helin")
    assert [(x.code, x.severity) for x in f] == [("C002", "critical")]


def test_same_source_named_differently_is_not_another_speaker():
    assert _quotes("Export controls created openings", "Export controls created openings",
                   "the Bernstein research note", "Bernstein's research notes") == []


def test_dropped_quote_major_but_scare_quote_losing_marks_is_not():
    a = make_doc("a", ['"AI is a long game," Bo said, warning of an "exclusive game".'])
    b = make_doc("b", ["Bo said AI takes a long time, warning of an exclusive game."])
    m = Mentions()
    m.quote(a, 0, "AI is a long game,", speaker="Bo")
    m.quote(a, 0, "exclusive game")
    f = compare([a, b], table(a, one_to_one(a, b)), m.by_doc)
    assert [(x.code, x.severity) for x in f] == [("C003", "major")]
    assert "AI is a long game" in f[0].message


def _entity_pair(kind, ea, eb, ta, tb, lang="en"):
    a = make_doc("a", [ta.format(ea)], lang)
    b = make_doc("b", [tb.format(eb)], lang)
    m = Mentions()
    m.add(a, 0, ea, kind)
    m.add(b, 0, eb, kind)
    return compare([a, b], table(a, one_to_one(a, b)), m.by_doc)


def test_organisation_renamed():
    f = _entity_pair("org", "Shanghai Municipal Commission of Economy and Informatisation",
                     "Shanghai Municipal Economic and Information Technology Commission",
                     "Documents released by the {} list the rates.", "Documents released by the {} list the rates.")
    assert codes(f) == ["E002"]
    assert f[0].evidence[0].text.startswith("Shanghai Municipal Commission")


def test_organisation_acronym_and_short_form_are_the_same_body():
    assert _entity_pair("org", "World Artificial Intelligence Conference", "WAIC",
                        "At the {} in Shanghai, Li spoke.", "At the {} in Shanghai, Li spoke.") == []
    assert _entity_pair("org", "Bernstein", "Bernstein",
                        "Analysts at {} agree.", "Los analistas de {} coinciden.", ) == []


def test_different_bodies_sharing_words_are_not_paired_as_a_rename():
    f = _entity_pair("org", "World Artificial Intelligence Conference", "Beijing Academy of Artificial Intelligence",
                     "He spoke at the {} on Monday.", "He spoke at the {} on Monday.")
    # not "named differently": a different body in the same place is a substitution
    assert codes(f) == ["E002"] and "replaced by" in f[0].message


def test_place_substitution_and_product_change():
    f = _entity_pair("place", "Shenzhen", "Shanghai", "The plant is in {} now.", "The plant is in {} now.")
    assert codes(f) == ["E003"]
    f = _entity_pair("product", "Ascend 910C", "Ascend 910B", "Huawei's {} reaches 65%.", "Huawei's {} reaches 65%.")
    assert codes(f) == ["E004"]
    f = _entity_pair("place", "Pekín", "Pekín", "La sede está en {}.", "La sede sigue en {}.", "es")
    assert f == []


def test_title_drift_per_holder():
    a = make_doc("a", ["Premier Li Qiang called for cooperation."])
    b = make_doc("b", ["Prime Minister Li Qiang called for cooperation."])
    c = make_doc("c", ["El primer ministro Li Qiang pidió cooperación."], "es")
    m = Mentions()
    m.add(a, 0, "Premier", "title", "premier", holder="Li Qiang")
    m.add(b, 0, "Prime Minister", "title", "prime minister", holder="Li Qiang")
    m.add(c, 0, "primer ministro", "title", "primer ministro", holder="Li Qiang")
    f = compare([a, b, c], table(a, one_to_one(a, b), one_to_one(a, c)), m.by_doc)
    # the Spanish title is not compared word for word with English ones
    assert codes(f) == ["E001"] and f[0].documents == ("b",)
    assert f[0].message == 'Title of Li Qiang is "Premier" but "Prime Minister" in b'


def test_extractor_span_difference_is_not_a_rename():
    f = _entity_pair("org", "South China Morning Post", "China Morning Post See",
                     "According to a {} article.", "According to a South {} article.")
    assert f == []


def test_spanish_and_chinese_entity_drift():
    f = _entity_pair("org", "Comisión Municipal de Economía e Informatización",
                     "Comisión Municipal de Economía y Tecnologías de la Información",
                     "Según la {}, las tasas varían.", "Según la {}, las tasas varían.", "es")
    assert codes(f) == ["E002"]
    f = _entity_pair("place", "深圳", "上海", "工厂现在位于{}。", "工厂现在位于{}。", "zh")
    assert codes(f) == ["E003"]
    f = _entity_pair("org", "上海市经济和信息化委员会", "上海市经济和信息化委员会",
                     "根据{}发布的文件。", "{}发布的文件显示。", "zh")
    assert f == []


def test_spanish_quote_altered_and_speaker():
    f = _quotes("La IA es un juego largo", "La IA es un juego corto", "Bo", "Bo", lang="es", tmpl="«{}», dijo {}.")
    assert codes(f) == ["C001"]
    f = _quotes("La IA es un juego largo", "La IA es un juego largo", "Bo Zhengyuan", "Pan Helin", lang="es",
                tmpl="«{}», dijo {}.")
    assert codes(f) == ["C002"]


def _audit_sentences(*texts: str):
    from auditor.extract import extract_document

    docs = [make_doc(chr(ord("a") + i), [t]) for i, t in enumerate(texts)]
    tab = table(docs[0], *(one_to_one(docs[0], d) for d in docs[1:]))
    return compare(docs, tab, {d.id: extract_document(d) for d in docs})


def test_an_acronym_spelled_out_elsewhere_is_not_an_omission():
    # real MT outputs of one sentence (WMT21 TED zh-en): one says "UV", the others "ultraviolet"
    f = _audit_sentences("Just stick it on a tripod and don't pick it off - under UV light, look at this.",
                         "Just stick it on a tripod and don't take it off - under ultraviolet light, look at this.",
                         "Just stick it on the tripod and did not take it off - under ultraviolet light, look at this.")
    assert "O001" not in codes(f)
    f = _audit_sentences("The World Health Organization said on Monday the outbreak was over.",
                         "The WHO said on Monday the outbreak was over.",
                         "The agency said on Monday the outbreak had ended.")
    assert [(x.code, x.documents) for x in f if x.code == "O001"] == [("O001", ("c",))]


def test_short_forms_back_the_full_name_they_shorten():
    from tests.drift.drift_helpers import audit_extracted

    # real MT outputs of one sentence differ in how much of the body's name they keep: the six
    # short forms back the one full name against the seventh version's other district
    short = ["The relief team of the Kelan District Federation of Trade Unions sent supplies to 12 sites."]
    full = ["The relief team of the Kelan District Federation of Trade Unions of Hamoro City sent supplies to 12 sites."]
    other = ["The relief team of the Voskuny District Federation of Trade Unions sent supplies to 12 sites."]
    f = [x for x in audit_extracted(full, short, short, other, short, short, short, short) if x.code == "E002"]
    assert [x.documents for x in f] == [("d",)], [(x.message, x.documents) for x in f]
    # a body of another place, not another wording of the body's name: a wrong fact
    assert f[0].severity == "critical" and "replaced by" in f[0].message


def test_a_body_renamed_in_common_words_stays_a_naming_variant():
    from tests.drift.drift_helpers import audit_extracted

    a = ["Officials of the Kelan District Federation of Trade Unions sent supplies to 12 sites."]
    b = ["Officials of the Kelan Regional Federation of Labour Unions sent supplies to 12 sites."]
    f = [x for x in audit_extracted(a, a, a, b) if x.code == "E002"]
    assert [x.severity for x in f] == ["major"] and "named" in f[0].message, [(x.message, x.severity) for x in f]
