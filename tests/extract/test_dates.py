"""Date and time extraction: en/es/zh absolute dates, years, times, relative expressions."""

from __future__ import annotations

import datetime as dt

import pytest

from auditor.extract import extract_document
from auditor.extract.dates import date_parts, dates_compatible, find_dates, parse_doc_date
from auditor.model import Document, Sentence


def values(text: str, lang: str = "en", **kw) -> list[str]:
    return [d.value for d in find_dates(text, lang, **kw)]


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("unveiled on July 23.", "en", "--07-23"),
        ("announced on July 23rd.", "en", "--07-23"),
        ("on 23 July", "en", "--07-23"),
        ("on the 23rd of July", "en", "--07-23"),
        ("July 23, 2025", "en", "2025-07-23"),
        ("Wednesday, July 23, 2025", "en", "2025-07-23"),
        ("Sept. 3", "en", "--09-03"),
        ("2025-07-23", "en", "2025-07-23"),
        ("el 23 de julio", "es", "--07-23"),
        ("el 23 de julio de 2025", "es", "2025-07-23"),
        ("7月23日", "zh", "--07-23"),
        ("2025年7月23日", "zh", "2025-07-23"),
        ("二〇二五年三月", "zh", "2025-03"),
        ("in July 2025", "en", "2025-07"),
        ("en julio", "es", "--07"),
        ("by 2027,", "en", "2027"),
        ("in 2023.", "en", "2023"),
        ("2027年", "zh", "2027"),
    ],
)
def test_absolute_dates(text: str, lang: str, value: str) -> None:
    assert values(text, lang) == [value]


def test_equivalent_forms_share_a_value() -> None:
    forms = [("July 23rd", "en"), ("July 23", "en"), ("23 July", "en"), ("23 de julio", "es"), ("7月23日", "zh")]
    assert {values(t, lang)[0] for t, lang in forms} == {"--07-23"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("You may be right", "en"),          # modal, not the month
        ("the march of progress", "en"),     # lower-case English month
        ("over 2,400 companies", "en"),      # comma-grouped count
        ("it employs 2025 people", "en"),    # a count that looks like a year
        ("a $2000 bonus", "en"),             # money
        ("February 30", "en"),               # impossible date
        ("los 3 meses", "es"),
        ("3个月", "zh"),
    ],
)
def test_not_dates(text: str, lang: str) -> None:
    assert values(text, lang) == []


def test_years_beside_other_numbers() -> None:
    assert values("55% of the market by 2027, up from 17% in 2023", "en") == ["2027", "2023"]


def test_time_joins_the_date_it_follows() -> None:
    assert values("AI News 07月29日 18:38", "zh") == ["--07-29T18:38"]
    assert values("at 3 p.m.", "en") == ["T15:00"]
    assert values("July 23 at 9:30", "en") == ["--07-23T09:30"]


@pytest.mark.parametrize(
    ("text", "lang", "expr"),
    [
        ("last Thursday", "en", "wd-1:thu"),
        ("el jueves pasado", "es", "wd-1:thu"),
        ("el pasado jueves", "es", "wd-1:thu"),
        ("上周四", "zh", "wd-1:thu"),
        ("yesterday", "en", "D-1"),
        ("ayer", "es", "D-1"),
        ("昨天", "zh", "D-1"),
        ("last year", "en", "Y-1"),
        ("去年", "zh", "Y-1"),
        ("el año pasado", "es", "Y-1"),
        ("two weeks ago", "en", "W-2"),
        ("hace tres días", "es", "D-3"),
        ("earlier this month", "en", "M+0"),
        ("on Monday", "en", "wd+0:mon"),
    ],
)
def test_relative_expressions_share_keys_across_languages(text: str, lang: str, expr: str) -> None:
    (d,) = find_dates(text, lang)
    assert d.attrs.relative is True
    assert d.attrs.expr == expr
    assert d.value == f"rel:{expr}"


def test_relative_dates_resolve_against_document_date() -> None:
    ref = dt.date(2025, 7, 29)  # a Tuesday
    assert values("last Thursday", "en", doc_date=ref) == ["2025-07-24"]
    assert values("yesterday", "en", doc_date=ref) == ["2025-07-28"]
    assert values("last month", "en", doc_date=ref) == ["2025-06"]
    assert values("去年", "zh", doc_date=ref) == ["2024"]
    assert values("next Friday", "en", doc_date=ref) == ["2025-08-01"]


def test_bare_weekday_needs_a_capital_in_english() -> None:
    assert values("on monday", "en") == []


def test_extract_document_uses_metadata_date_and_skips_boilerplate() -> None:
    text = "Officials met last Thursday. Posted last Thursday by admin."
    s1 = Sentence("doc", 0, 0, 0, 28, text[:28], "en")
    s2 = Sentence("doc", 1, 0, 29, len(text), text[29:], "en", boilerplate=True, boilerplate_reason="footer")
    doc = Document(id="doc", path="doc.txt", text=text, metadata={"date": "2025-07-29"}, sentences=(s1, s2))
    dates = [m for m in extract_document(doc) if m.kind == "date"]
    assert [(m.sentence, m.value) for m in dates] == [(0, "2025-07-24")]
    assert text[dates[0].start:dates[0].end] == "last Thursday"


def test_parse_doc_date_accepts_common_forms() -> None:
    assert parse_doc_date("2025-07-29T18:38:00+08:00") == dt.date(2025, 7, 29)
    assert parse_doc_date(dt.datetime(2025, 7, 29, 18, 38)) == dt.date(2025, 7, 29)
    assert parse_doc_date("") is None


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("--07-23", "2025-07-23", True),
        ("2025-07-23", "2025-07-24", False),
        ("2025-07", "2025-07-23", True),
        ("--07-23", "--08-23", False),
        ("2027", "2023", False),
        ("rel:wd-1:thu", "rel:wd-1:thu", True),
        ("rel:wd-1:thu", "--07-24", False),
        ("--07-29T18:38", "--07-29", True),
        (" 2025-07-23\n", "2025-07-23", True),  # surrounding whitespace is not a difference
        ("", "2025-07-23", False),  # a value that says nothing agrees only with itself
        ("--", "--07-23", False),
        ("July 23", "--07-23", False),  # unparsed
    ],
)
def test_dates_compatible(a: str, b: str, ok: bool) -> None:
    assert dates_compatible(a, b) is ok


@pytest.mark.parametrize(
    ("value", "parts"),
    [
        ("2025-07-23", ("2025", "07", "23", None)),
        ("--07-23", (None, "07", "23", None)),
        ("2027", ("2027", None, None, None)),
        ("2025-07", ("2025", "07", None, None)),
        ("--07-29T18:38", (None, "07", "29", "18:38")),
        ("T18:38", (None, None, None, "18:38")),
        (" 2025-07-23 ", ("2025", "07", "23", None)),
        ("rel:wd-1:thu", None),
        ("", None),
        ("--", None),
        ("2025/07/23", None),
        (None, None),
        (2025, None),
    ],
)
def test_date_parts(value: object, parts: tuple[str | None, ...] | None) -> None:
    assert date_parts(value) == parts


def test_year_like_number_with_a_scale_word_is_money_not_a_year() -> None:
    """"una deuda de 2100 millones": the scale word wins over the preposition before it."""
    assert values("una deuda bancaria de 2100 millones", "es") == []
    assert values("la deuda subió en 2023", "es") == ["2023"]


@pytest.mark.parametrize(("text", "lang", "values"), [
    ("当地时间25日下午5时，飓风登陆", "zh", ["---25T17:00"]),  # WMT21 zh-en news: "at 5:00 p.m. on July 25th"
    ("7月26日凌晨1时，公安局组织救援", "zh", ["--07-26T01:00"]),
    ("黄某某于7月6日19时54分进入青海省境内", "zh", ["--07-06T19:54"]),
    ("最佳起床时间是下午三点半", "zh", ["T15:30"]),
    ("At 18:00 on the 24th, the office said", "en", ["---24T18:00"]),
    ("On the evening of the 25th, he was questioned again", "en", ["---25"]),
])
def test_days_without_a_month_and_chinese_times(text: str, lang: str, values: list[str]) -> None:
    assert [f.value for f in find_dates(text, lang)] == values


@pytest.mark.parametrize(("text", "lang"), [
    ("第一时间投入经费", "zh"),  # "immediately"
    ("一时剧烈激情", "zh"),  # "for a moment"
    ("7日年化收益率", "zh"),  # a 7-day yield: a count of days
    ("换算成2日元", "zh"),  # yen
    ("on the 24th floor", "en"),
])
def test_words_that_only_look_like_days_or_hours(text: str, lang: str) -> None:
    assert find_dates(text, lang) == []


def test_a_day_alone_agrees_with_its_full_date_and_not_with_another_day() -> None:
    assert dates_compatible("---25", "--07-25") and dates_compatible("---25T17:00", "2020-07-25T17:00")
    assert not dates_compatible("---25", "--07-24") and not dates_compatible("---25T17:00", "--07-25T05:00")


@pytest.mark.parametrize(("text", "value"), [
    ("As of 24: 00 on July 25, there are 135 cases.", "--07-25T00:00"),  # MT output spacing the colon
    ("hurricane Hanna landed at 5:00 p.m. local time on July 25th", "--07-25T17:00"),
    ("Huang entered the province at 19:00 of July 6, 2020", "2020-07-06T19:00"),
])
def test_a_time_before_its_date_joins_it(text: str, value: str) -> None:
    assert [f.value for f in find_dates(text, "en")] == [value]


@pytest.mark.parametrize(("text", "values"), [
    ("Zhang Wei said on the 26th that most districts had finished.", ["---26"]),  # WMT21 zh-en output
    ("announced at 11 o'clock on the 26th that showers would come", ["---26T11:00"]),
    ("the first hurricane does not form until mid-August.", ["--08"]),
])
def test_days_hours_and_months_as_translations_write_them(text: str, values: list[str]) -> None:
    assert [f.value for f in find_dates(text, "en")] == values


@pytest.mark.parametrize(("text", "values"), [
    ("In 1696, Tsar Peter the Great set out to form a fleet.", ["1696"]),  # WMT21 zh-en output
    ("since 1492 the land changed hands", ["1492"]),
    ("a road of 1500 km", []),
    ("reported in 1500 cases", []),
])
def test_an_older_year_counts_only_after_a_preposition_and_before_no_noun(text: str, values: list[str]) -> None:
    assert [f.value for f in find_dates(text, "en")] == values


def test_the_minutes_of_a_time_are_no_day_of_the_month() -> None:
    # real MT: "at 17:07 of July 13" read as "07 of July" (the 7th) and a stray 13
    found = [(d.text, d.value) for d in find_dates("At 17:07 of July 13, the police received a report.", "en")]
    assert found == [("17:07 of July 13", "--07-13T17:07")]
