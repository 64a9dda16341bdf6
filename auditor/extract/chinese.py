"""Chinese entities: gazetteer places, organisation suffixes, names beside a title or a reporting verb."""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

import regex

from auditor.extract.entity_words import _ZH_AFTER_NAME, _ZH_DIRECTIONS, _ZH_FUNCTION_CHARS
from auditor.extract.found import FoundEntity
from auditor.extract.gazetteer import _gazetteer
from auditor.model import MentionAttrs
from auditor.text import (
    HAN,
    ZH_COMPOUND_SURNAMES,
    ZH_SURNAMES,
    has_han,
    is_han,
)

_ZH_ORG_RE = regex.compile(
    rf"[{HAN}]{{2,14}}?(?:委员会|部|局|厅|署|大学|学院|研究院|研究所|科学院|公司|集团|银行|协会|基金会|实验室|交易所|法院|大会|论坛|博览会)(?![{HAN}]{{0,1}}(?:长|门))"
)
#: how a new official body's full name opens: "中国气象局", "国家防总", "湖南省应急管理厅"
_ZH_ORG_START_RE = regex.compile(rf"中国|国家|中央|全国|国务院|[{HAN}]{{2,3}}[省市县区]")
_ZH_SPEECH_VERB_RE = re.compile(r"表示|说|称|指出|认为|强调|透露|介绍")


def _zh_surname_at(text: str, i: int) -> int:
    """Length of the surname starting at ``text[i]`` (2 for a compound surname, 1, or 0)."""
    if text[i:i + 2] in ZH_COMPOUND_SURNAMES:
        return 2
    return 1 if i < len(text) and text[i] in ZH_SURNAMES else 0


def _zh_name_after(text: str, i: int) -> str | None:
    """A Chinese personal name starting at ``text[i]`` (right after a title): surname + a one- or
    two-character given name; the two-character reading wins unless its last character starts
    the next word (see ``_ZH_AFTER_NAME``)."""
    sur = _zh_surname_at(text, i)
    if not sur:
        return None
    j = i + sur
    given = 0
    while given < 2 and j + given < len(text) and is_han(text[j + given]):
        given += 1
    if given == 2 and text[j + 1] in _ZH_AFTER_NAME:
        given = 1
    # the first given-name character may be any content character (李强, 王明); only function
    # characters and punctuation say there is no name here
    if given == 0 or text[j] in "的了在是和与及对向于已将，,。、":
        return None
    return text[i:j + given]


def _zh_names_before_verbs(text: str) -> list[tuple[int, str]]:
    """Chinese names right before a reporting verb ("刘芳说", "预报员刘芳说"): the longest reading
    (3 characters, then 2) that starts with a surname, where the segmenter agrees: the verb is a
    word of its own (not the 说 of "对游客来说") and the reading starts a word that is no common
    word ("教堂方面表示" is the church's side, "顾问也认为" an adviser)."""
    out: list[tuple[int, str]] = []
    tagged = _tagged(text) if _ZH_SPEECH_VERB_RE.search(text) else ()
    words = {start: word for word, _flag, start in tagged}
    named = {start for _word, flag, start in tagged if flag in _NAME_TAGS}
    for m in _ZH_SPEECH_VERB_RE.finditer(text):
        e = m.start()
        if words.get(e) != m.group(0):
            continue
        for L in (3, 2):
            s = e - L
            if s < 0 or not is_han(text[s:e]):
                continue
            sur = _zh_surname_at(text, s)
            if sur and L - sur >= 1:
                first = words.get(s)
                limit = _TAGGED_NAME_MAX_ZIPF if s in named else NAME_MAX_ZIPF.get(len(first or ""), 4.0)
                if first is None or (len(first) >= 2 and _zh_zipf(first) >= limit):
                    continue  # "省长李强说": not 长李强, but 李强
                out.append((s, text[s:e]))
                break
    return out


@functools.cache
def _pos_tagger() -> Any:
    """jieba's part-of-speech segmenter (its dictionary ships inside jieba: no download),
    loaded once per process and quiet."""
    import jieba.posseg

    _quiet_jieba()
    return jieba.posseg


@functools.cache
def _quiet_jieba() -> None:
    """jieba reports a cache it cannot write with a traceback (logger.exception); that only costs
    time, never the result, so its log stays silent and its cache goes to ours, not /tmp. Done
    before any use of jieba, ours or wordfreq's (which segments Chinese with it)."""
    import jieba

    jieba.setLogLevel(logging.CRITICAL)
    try:
        from auditor.cache import cache_dir

        jieba.dt.tmp_dir = str(cache_dir() / "derived")
    except OSError:
        pass


#: a segmenter-tagged name this frequent as a word is a word first: two characters ("卫星" 4.7,
#: "兰花" 3.6, "顾问" 4.6; names such as "林丹" 3.1, "刘鹤" 2.5 are rarer), three characters
#: (a famous name as "刘德华" 3.5 stays)
NAME_MAX_ZIPF = {2: 3.4, 3: 4.0, 4: 4.0}
#: before a reporting verb a word the segmenter tags as a name is one unless it is this common
#: ("李强" 3.8 and "习近平" 4.5 are names; "顾问" 4.6, an adviser, is tagged as one too)
_TAGGED_NAME_MAX_ZIPF = 4.5
#: last characters of places and bodies the segmenter may tag as names ("龙溪河", "卫健委", "白宫")
_NOT_NAME_ENDS = frozenset("河湖江海山岭峰区省市县镇村州岛港湾宫委局部厅院所站馆园路街桥")
#: tags of name-like pieces: two of them glued together are a transliterated foreign name cut in
#: parts ("杜特" + "尔特" of "杜特尔特"), not a Chinese name
_NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nz"})


@functools.lru_cache(maxsize=4096)
def _tagged(text: str) -> tuple[tuple[str, str, int], ...]:
    """The segmenter's words of ``text`` with their part-of-speech tags and start offsets (names
    and places share it)."""
    out: list[tuple[str, str, int]] = []
    pos = 0
    for p in _pos_tagger().cut(text):
        out.append((p.word, p.flag, pos))
        pos += len(p.word)
    return tuple(out)


#: what may follow a place's name inside one segmenter word ("南特市", "得州南部")
_PLACE_WORD_TAILS = frozenset("市省县州区镇村岛")


def _on_word_edges(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` start where a segmenter word starts and end where one ends (or
    before a place suffix)? "海地" (Haiti) inside "沿海/地区" and "珀斯" (Perth) inside
    "科珀斯克里斯蒂" (Corpus Christi) are no places."""
    tagged = _tagged(text)
    for k, (word, flag, w_start) in enumerate(tagged):
        pos = w_start + len(word)
        if w_start <= start < pos:
            if start != w_start:
                return False
            glued = [tagged[j][1] for j in (k - 1, k + 1) if 0 <= j < len(tagged) and is_han(tagged[j][0])]
            if flag == "nrt" and any(g in ("nr", "nrt") for g in glued):
                return False  # a piece of a longer transliteration ("科/珀斯/克里斯蒂")
            if end == pos or (end < pos and text[end] in _PLACE_WORD_TAILS):
                return True
            if end > pos:
                continue  # a place spanning several segmenter words ("伊斯坦布尔" cut in two)
            return False
        if w_start < end <= pos:
            return end == pos or text[end] in _PLACE_WORD_TAILS
    return False


@functools.lru_cache(maxsize=65536)
def _zh_zipf(word: str) -> float:
    _quiet_jieba()
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "zh"))


def _zh_segmented_names(text: str) -> list[tuple[int, str]]:
    """Chinese personal names the segmenter tags as names ("nr"): a surname and a one- or
    two-character given name ("张继科", "林丹"), with no title or reporting verb beside them. A
    given name the segmenter cut from its surname ("张" + "雪峰") is joined back; common words
    (see NAME_MAX_ZIPF), places of the gazetteer and pieces of a longer transliteration are not."""
    tagged = _tagged(text)
    gaz = _gazetteer()
    out: list[tuple[int, str]] = []
    for k, (word, flag, start) in enumerate(tagged):
        if flag != "nr" or not is_han(word) or not 2 <= len(word) <= 4:
            continue
        if (k + 1 < len(tagged) and tagged[k + 1][1] in _NAME_TAGS and is_han(tagged[k + 1][0])) or (
                k > 0 and tagged[k - 1][1] in _NAME_TAGS - {"nr"} and is_han(tagged[k - 1][0])):
            continue  # a piece of a longer name the segmenter cut
        name = word
        sur = _zh_surname_at(word, 0)
        if not sur and len(word) == 2 and k > 0 and len(tagged[k - 1][0]) == 1 and _zh_surname_at(tagged[k - 1][0], 0):
            start, name, sur = start - 1, tagged[k - 1][0] + word, 1  # "张" + "雪峰"
        if not sur or not 1 <= len(name) - sur <= 2 or name in gaz or name[-1] in _NOT_NAME_ENDS:
            continue
        if _zh_zipf(name) >= NAME_MAX_ZIPF[len(name)]:
            continue
        out.append((start, name))
    return out


def _han_entities(text: str) -> list[FoundEntity]:
    out: list[FoundEntity] = []
    gaz = _gazetteer()
    # places: longest gazetteer names present (2-6 chars), scanning left to right
    i = 0
    while i < len(text):
        hit = None
        if has_han(text[i]):
            for L in range(6, 1, -1):
                cand = text[i:i + L]
                if cand in gaz and _on_word_edges(text, i, i + L):
                    hit = cand
                    break
        if hit:
            out.append(FoundEntity("place", i, i + len(hit), hit, hit, MentionAttrs(geonameid=gaz[hit])))
            i += len(hit)
        else:
            i += 1
    orgs: list[tuple[int, str]] = []
    for m in _ZH_ORG_RE.finditer(text):
        s, name = m.start(), m.group(0)
        # Chinese has no spaces: peel leading function characters ("他是", "在", "由") off the match.
        while len(name) > 3 and name[0] in _ZH_FUNCTION_CHARS:
            s, name = s + 1, name[1:]
        # A list glued into one match ("国家防总和中国气象局"): cut at the last 和/与/及/、 when what
        # follows opens a new full name (a national/provincial prefix or a gazetteer place).
        # "工业和信息化部" stays whole: "信息化部" opens with no such prefix.
        for k in range(len(name) - 2, 1, -1):
            if name[k] in "和与及、" and _ZH_ORG_START_RE.match(name, k + 1) or (
                    name[k] in "和与及、" and any(name[k + 1:k + 1 + L] in gaz for L in (4, 3, 2))):
                orgs.append((s, name[:k]))  # the list member before the cut
                s, name = s + k + 1, name[k + 1:]
                break
        if name[-1] == "部" and name[-2] in _ZH_DIRECTIONS:
            continue  # "得克萨斯州北部": the northern part of a place, not a ministry
        if len(name) >= 4 or (len(name) == 3 and name[-1] in "部厅局署委" and name[1] not in _ZH_DIRECTIONS
                              and name[0] not in _ZH_FUNCTION_CHARS):
            # three characters only for ministries/bureaus ("水利部", "财政部"); "西南部" is a region
            orgs.append((s, name))
    # The first member of a list of bodies often has no suffix ("国家防总、水利部"): a Han run that
    # opens like an official name and sits right before 、 and a found organisation is one too.
    for s, _name in list(orgs):
        if s >= 2 and text[s - 1] == "、":
            m = regex.search(rf"[{HAN}]{{2,8}}$", text[:s - 1])
            # the official prefix may follow a preposition ("经国家防总、..."): start the name there
            p = _ZH_ORG_START_RE.search(m.group(0)) if m else None
            if m and p and len(m.group(0)) - p.start() >= 3:
                st = m.start() + p.start()
                if not any(o == st for o, _ in orgs):
                    orgs.append((st, text[st:s - 1]))
    for s, name in orgs:
        if len(name) >= 2:
            out.append(FoundEntity("org", s, s + len(name), name, name))
    return out
