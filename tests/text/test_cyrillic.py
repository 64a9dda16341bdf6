"""Romanisations of one Cyrillic name are one name; a changed letter is not. The pairs are from
two professional English translations of the same Russian news (WMT21 ru-en references A and B):
the translators romanised names under different standards, and also slipped now and then."""

from __future__ import annotations

import pytest

from auditor.text import romanisation_variants
from auditor.text.cyrillic import renderings


@pytest.mark.parametrize(("a", "b"), [
    ("Sergei", "Sergey"), ("Andrey", "Andrei"), ("Nikolai", "Nikolay"), ("Alexei", "Aleksei"),
    ("Alexey", "Aleksey"), ("Evgeny", "Yevgeny"), ("Degtyarev", "Degtyaryov"), ("Pugachyov", "Pugachev"),
    ("Torbeevo", "Torbeyevo"), ("Kanaevka", "Kanayevka"), ("Grigoreva", "Grigoryeva"),
    ("Melaschenko", "Melashchenko"), ("Shoygu", "Shoigu"), ("Vasilev", "Vasilyev"), ("Stoiky", "Stoyky"),
    ("Dmitry", "Dmitriy"), ("Navalny", "Navalnyy"),
    # news conventions beside the standards (same data): ье as "ie", -ия as "ia", and the English
    # forms of given names ending -др/-тр
    ("Vasiliev", "Vasilyev"), ("Chuvashia", "Chuvashiya"), ("Aleksandr", "Alexander"),
    ("Alexandr", "Alexander"), ("Pyotr", "Peter"),
])
def test_two_standards_romanising_one_name_are_variants(a: str, b: str) -> None:
    assert romanisation_variants(a, b) and romanisation_variants(b, a)


@pytest.mark.parametrize(("a", "b"), [
    # a translator's slip in the same data: a letter added, dropped or changed
    ("Kalyazin", "Kalyzazin"), ("Lavarev", "Lazarev"), ("Poktaovich", "Pokatovich"), ("Toybee", "Toynbee"),
    ("Russel", "Russell"), ("Remenko", "Remenyako"),
    # sound shifts and other names the name rules must keep seeing
    ("Helin", "Herin"), ("Zhang", "Zang"), ("Jiang", "Zhiang"), ("Smith", "Smyth"), ("Chen", "Cheng"),
    # too short to tell a romanisation from a slip
    ("Li", "Ly"),
    # the conventions hold at their place only: "ie" for ье, an ending at the word's end
    ("Tatarsan", "Tatarstan"), ("Kang", "Cang"), ("Alexandria", "Alexandra"),
])
def test_a_changed_letter_is_no_romanisation(a: str, b: str) -> None:
    assert not romanisation_variants(a, b) and not romanisation_variants(b, a)


def test_the_table_comes_from_the_standards_and_keeps_out_diacritics() -> None:
    letters, endings = renderings()
    assert {"y", "i"} <= letters["й"] and {"kh"} == letters["х"] and "zh" in letters["ж"]
    assert all(x.isascii() for lats in letters.values() for x in lats)
    assert "y" in endings["ий"]
