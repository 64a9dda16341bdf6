"""Mark site chrome (navigation, comment forms, share/subscribe prompts, app promos, template paths,
image credits, "related" lists) as boilerplate. Marked, never deleted: offsets stay valid and an editor
can still see it; later stages skip it.

Signals are general, never strings of any one article:

* ``chrome-phrase``: a small multilingual (en/es/fr/de/zh) lexicon of web-chrome phrases. Weak phrases
  ("Share", "Related") count only when they are the whole line; strong ones (a copyright notice's
  "all rights reserved") count anywhere.
* ``comment-form``: a short line naming a form field ("e-mail", "name", "comment") that speaks to the
  reader, flags required input or invites the reader to write ("Post a comment", "Deja un comentario").
* ``path-or-url`` / ``identifier``: lines made of URLs, file paths, e-mail addresses, template names or
  id-like tokens rather than words.
* ``dateline``, ``empty-label``, ``fragment``, ``no-letters``: lines without sentence structure.
* ``credit-or-link-label``: "Image | Agency", "In Site | Headline" -- a short label, a pipe, a value.
* ``tag-list``: "Tags: ...", "Etiquetas: ...", a line of #hashtags.
* ``related-link``: "Related: <headline>", "Lee también: <headline>" inside or after the body.
* ``call-to-action``: an imperative addressed to the reader ("Check out ...", "Subscribe ...") in the
  second half of a document.
* ``link-density``: (HTML) a line that is mostly link text.
* ``repeated-in-document`` / ``repeated-across-documents``: the same line again, or the same line in
  documents that otherwise share almost nothing (a site footer).
* ``headline-echo``: in the second half of a document, a line that quotes the document's own headline
  inside longer text (a feed footer "The post <headline> ..." or a share widget), not prose.
* ``trailing-list``: after the first chrome line that follows the body, short headline-like lines,
  teasers ending in "..." and reader-addressed blurbs are the site's "more stories" list.

Headlines and section subheads are short lines *inside* the body and a summary in another language is
full sentences, so neither fires any of these.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import regex

from auditor.model import Document, Paragraph
from auditor.text import HAN, nfkc_casefold
from auditor.text._data import load_toml

# --------------------------------------------------------------------------- lexicon

#: Phrases that are chrome when they make up the whole line (casefolded, punctuation stripped), and
#: phrases that are chrome wherever they occur (nobody writes these in an article body), by category;
#: the lists live in auditor/data/chrome_phrases.toml (its header says where they come from).
_PHRASES = load_toml("chrome_phrases.toml")
_WHOLE_LINE: Mapping[str, tuple[str, ...]] = {cat: tuple(p) for cat, p in _PHRASES["whole_line"].items()}
_ANYWHERE: Mapping[str, tuple[str, ...]] = {cat: tuple(p) for cat, p in _PHRASES["anywhere"].items()}

_CREDIT = re.compile(
    r"^(images?|photos?|pictures?|pic|foto|fotos|imagen|imágenes|bild|bilder|crédit photo|photo credit|"
    r"credits?|fuente|quelle|图片|图|图源|图片来源|来源|摄影)\s*[|:：]",
    re.I,
)
#: An inline link to another story: "Related: ...", "Read more: ...", "Lee también: ...". ("See also:"
#: is left out on purpose: newsrooms use it for the story's own background reference, which
#: translations carry and which can drift like any sentence.)
_INLINE_RELATED = re.compile(
    r"^(?:related|read more|read also|more on this|also read|lee también|lea también|te puede interesar|"
    r"à lire aussi|lire aussi|lesen sie auch|mehr dazu|相关阅读|延伸阅读|推荐阅读)\s*[:：|]",
    re.I,
)
#: Tag and topic lists: "Tags: economy, Peru", "#economy #Peru".
_TAG_LABEL = re.compile(
    r"^(?:tags?|topics?|filed under|keywords|etiquetas|temas|mots-clés|schlagwörter|themen|标签|关键词)\s*[:：]", re.I
)
#: "Label | value": one to three words, a pipe, then more text ("On Site | ...", "Image | Agency").
_PIPE_LABEL = re.compile(r"^\S+(?:\s\S+){0,2}\s+\|\s+\S")

#: Imperatives that open web calls to action. Alone they are ambiguous ("Share prices fell",
#: "Follow-up talks"), so a match also needs ``_CTA_ADDRESS`` in the same sentence.
_CTA = re.compile(
    r"^(?:check out|explore|click|tap|subscribe|sign up|register|download|follow us|follow|join us|join|"
    r"share|read more|discover|don['’]t miss|visit|get the|want to|interested in|"
    r"descubre|descarga|suscríbete|síguenos|haz clic|lee más|regístrate|visita|"
    r"découvrez|téléchargez|abonnez-vous|suivez-nous|cliquez|inscrivez-vous|"
    r"entdecken sie|laden sie|abonnieren sie|folgen sie uns|klicken sie|melden sie sich)\b",
    re.I,
)
#: What turns an imperative into a call to action: it talks to the reader, points "here", or asks.
_CTA_ADDRESS = re.compile(
    r"\b(?:you|your|our|us|here|now|today|below|free|aquí|ahora|nuestro|nuestra|nuestros|te|tu|ici|"
    r"maintenant|notre|nos|vous|hier|jetzt|unser|unsere|unseren|ihr)\b|\?",
    re.I,
)
#: Chinese UI verbs (click, scan the code, subscribe, find out more) are calls to action by themselves.
_CTA_ZH = re.compile(r"^(?:点击|扫码|扫描|订阅|长按|了解更多)")
#: Second person addressed to the reader (outside quotes): footers and promos talk to "you".
_READER_ADDRESS = re.compile(r"\b(?:you|your|yours|usted|tu|tus|vous|votre|vos)\b|[您你]", re.I)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|「[^」]*」|«[^»]*»")

# --------------------------------------------------------------------------- token shapes

_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$", re.I)
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_FILE = re.compile(
    r"^\S*\.(?:s?html?|php|aspx?|jsp|js|css|png|jpe?g|gif|svg|webp|pdf|txt|xml|json|cgi)(?:[?#]\S*)?$", re.I
)
_PATH = re.compile(r"^(?:\.{1,2}/|/|~/)?(?:[\w.-]+/){2,}[\w.-]*$")
_IDENT = re.compile(r"^(?=\S*_)[A-Za-z0-9_]+$|^[0-9a-f]{8,}$|^(?=\S*\d)(?=\S*[A-Za-z])[A-Za-z0-9]{12,}$")
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_DATE_LABEL = re.compile(r"^(?:date|fecha|datum|日期|发布时间|published|updated|posted)\s*[:：]", re.I)
_LETTER = re.compile(r"[^\W\d_]")
_CJK = regex.compile(f"[{HAN}]")
#: Final sentence punctuation, possibly inside closing quotes/brackets. A line that merely ends in a
#: closing quote (a headline quoting someone) has no sentence end.
_TERMINAL = re.compile(r"[.!?。！？…][\"'”’»」』)）]*$")
_PUNCT_STRIP = re.compile(r"[^\w\s'’]+")


def _norm(line: str) -> str:
    """Casefold, strip punctuation and symbols (emoji, pipes), collapse spaces."""
    line = nfkc_casefold(line)
    return " ".join(_PUNCT_STRIP.sub(" ", line).split())


def _word_count(line: str) -> int:
    """Words, counting each two CJK characters as one (Chinese has no spaces)."""
    cjk = len(_CJK.findall(line))
    latin = len(_CJK.sub(" ", line).split())
    return latin + (cjk + 1) // 2


_ANYWHERE_INDEX: dict[str, str] = {phrase: cat for cat, phrases in _ANYWHERE.items() for phrase in phrases}
_ANYWHERE_RE = re.compile("|".join(re.escape(p) for p in sorted(_ANYWHERE_INDEX, key=len, reverse=True)))
_WHOLE_LINE_INDEX: dict[str, str] = {phrase: cat for cat, phrases in _WHOLE_LINE.items() for phrase in phrases}


#: A comment form's prompts and notices name one of its fields and either speak to the reader
#: ("your e-mail", "tu nombre") or flag required input ("Name *", "campos obligatorios"), or open
#: with an imperative and an article ("Post a comment", "Write a response").
_FORM_FIELD = re.compile(
    r"\b(?:e-?mail(?: address)?|name|comments?|repl(?:y|ies)|website|fields?|correo(?: electrónico)?|"
    r"nombre|comentarios?|respuesta|campos?|courriel|nom|commentaires?|champs?|e-mail-adresse|"
    r"kommentar|felder?)\b|邮箱|昵称|评论",
    re.IGNORECASE,
)
_FORM_CUE = re.compile(
    r"\b(?:required|obligatori[oa]s?|obligatoires?|erforderlich\w*)\b|\*\s*$|"
    r"^(?:leave|post|write|add|deja|dejar|escribe|laisser|laissez|schreibe)\s+(?:a|an|un|una|une|einen)\s+\w+",
    re.IGNORECASE,
)
#: a form prompt is a short line: a sentence of prose mentioning "your name" is longer
_FORM_MAX_WORDS = 15


def _comment_form(line: str) -> bool:
    """A comment form's prompt or notice (general shape, see ``_FORM_FIELD``/``_FORM_CUE``)."""
    if _word_count(line) > _FORM_MAX_WORDS or not _FORM_FIELD.search(line):
        return False
    return bool(_FORM_CUE.search(line.strip())) or _reader_address(line)


def _phrase_reason(line: str) -> str | None:
    folded = line.casefold()
    norm = _norm(line)
    match = _ANYWHERE_RE.search(folded) or _ANYWHERE_RE.search(norm)
    if match:
        return f"chrome-phrase: {_ANYWHERE_INDEX[match.group(0)]} ({match.group(0)})"
    if _comment_form(line):
        return "comment-form"
    # 8 words: a whole-line chrome phrase is a button or heading, never a sentence.
    category = _WHOLE_LINE_INDEX.get(norm)
    if category is not None and _word_count(line) <= 8:
        return f"chrome-phrase: {category} ({norm})"
    return None


_MACHINE_HINT = re.compile(r"[/@_.:]|\d")


def _token_reason(line: str) -> str | None:
    tokens = line.split()
    if not tokens:
        return None
    kinds = {"path-or-url": 0, "identifier": 0}
    total = sum(len(t) for t in tokens)
    prose: list[str] = []
    for token in tokens:
        # Words without any of / @ _ . : or digits cannot be machine tokens; skip the regexes.
        if not _MACHINE_HINT.search(token) and len(token) < 12:
            prose.append(token)
            continue
        bare = token.strip("()[]<>,;\"'“”").rstrip(".!?")
        if _URL.match(bare) or _EMAIL.match(bare) or _FILE.match(bare) or _PATH.match(bare):
            kinds["path-or-url"] += len(token)
        elif _IDENT.match(bare):
            kinds["identifier"] += len(token)
        else:
            prose.append(token)
    # A sentence that merely holds a URL, an address or an id ("The site is: https://... Please check
    # it out.") is content: three words besides the machine tokens and a sentence end.
    if _word_count(" ".join(t for t in prose if _LETTER.search(t))) >= 3 and _TERMINAL.search(line):
        return None
    # Half the characters: a line that is mostly machine tokens is not prose, even with a label word
    # ("Contact: someone@example.com").
    for kind, chars in kinds.items():
        if chars and chars >= 0.5 * total:
            return kind
    if sum(kinds.values()) >= 0.5 * total:
        return "path-or-url"
    return None


def _shape_reason(line: str, index: int) -> str | None:
    letters = len(_LETTER.findall(line))
    words = _word_count(line)
    if letters == 0:
        return "no-letters"
    # A lone lower-case word (a cut-off "in") or two letters cannot carry a sentence or a heading.
    if letters < 2 or (words == 1 and line[:1].islower() and not _TERMINAL.search(line)):
        return "fragment"
    if words <= 3 and line.rstrip().endswith((":", "：")):
        return "empty-label"
    if _DATE_LABEL.match(line) and words <= 8:
        return "dateline"
    # A short line holding a clock time is a dateline/timestamp ("Agency 07/29 18:38"), not a headline.
    if words <= 8 and _TIME.search(line) and not _TERMINAL.search(line):
        return "dateline"
    if _TAG_LABEL.match(line) or all(token.startswith("#") and len(token) > 1 for token in line.split()):
        return "tag-list"
    if _INLINE_RELATED.match(line) and words <= 30:
        return "related-link"
    if _CREDIT.match(line) and words <= 12:
        return "credit-or-link-label"
    if index > 0 and _PIPE_LABEL.match(line) and words <= 30:
        return "credit-or-link-label"
    return None


def _link_density(doc: Document, start: int, end: int) -> float:
    links = doc.metadata.get("links") if doc.metadata else None
    if not links or end <= start:
        return 0.0
    covered = 0
    for s, e, *_ in links:
        covered += max(0, min(e, end) - max(s, start))
    return covered / (end - start)


def _reader_address(line: str) -> bool:
    return bool(_READER_ADDRESS.search(_QUOTED.sub(" ", line)))


def _list_like(line: str) -> bool:
    """Headline-like, teaser or very short: the shape of a "more stories" list entry."""
    stripped = line.rstrip()
    if stripped.endswith(("...", "…")):
        return True
    if not _TERMINAL.search(stripped):
        return True
    # 12 words: list entries and widget messages are short; body paragraphs are longer.
    return _word_count(stripped) <= 12


def classify_paragraphs(
    doc: Document,
    spans: Sequence[tuple[int, int]],
    sentence_spans: Sequence[Sequence[tuple[int, int]]] = (),
    languages: Sequence[str] = (),
) -> list[str | None]:
    """Boilerplate reason for each paragraph span (``None`` = content)."""
    text = doc.text
    n = len(spans)
    reasons: list[str | None] = [None] * n
    seen_lines: dict[str, int] = {}
    headlines = _headlines(text, spans)
    for i, (s, e) in enumerate(spans):
        line = text[s:e]
        reason = _phrase_reason(line) or _token_reason(line) or _shape_reason(line, i)
        # 60%: a body paragraph may carry a link or two; navigation and related lists are mostly links.
        if reason is None and _link_density(doc, s, e) >= 0.6:
            reason = "link-density"
        # Second half only: an imperative to the reader at the top is rare, but at the bottom it is
        # the classic "Check out our event / Subscribe" footer.
        if reason is None and i >= n / 2:
            first = text[s : (sentence_spans[i][0][1] if i < len(sentence_spans) and sentence_spans[i] else e)]
            first = first.lstrip("•-–—* ")
            if (_CTA.match(first) and _CTA_ADDRESS.search(first)) or _CTA_ZH.match(first):
                reason = "call-to-action"
        key = _norm(line)
        if reason is None and i >= n / 2 and any(h in key and h != key for h in headlines):
            reason = "headline-echo"
        if reason is None and key and key in seen_lines and _word_count(line) <= 12:
            # A short line seen earlier in the same document is a repeated widget/title, not prose.
            reason = "repeated-in-document"
        seen_lines.setdefault(key, i)
        reasons[i] = reason
    return _mark_trailing_list(text, spans, reasons)


#: a headline worth matching has this many words: shorter titles ("Markets") recur in prose
_HEADLINE_MIN_WORDS = 5


def _headlines(text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    """Normalised headline candidates: short lines without sentence-final punctuation among the
    first three non-empty paragraphs."""
    out: list[str] = []
    for s, e in [sp for sp in spans if text[sp[0]:sp[1]].strip()][:3]:
        line = text[s:e].strip()
        if _HEADLINE_MIN_WORDS <= _word_count(line) <= 25 and not _TERMINAL.search(line):
            out.append(_norm(line))
    return out


def _mark_trailing_list(text: str, spans: Sequence[tuple[int, int]], reasons: list[str | None]) -> list[str | None]:
    """Walk back from the end over chrome and list-like lines; after the first chrome line of that
    run, the remaining unflagged list-like lines are the site's trailing lists."""
    start = len(spans)
    for i in range(len(spans) - 1, -1, -1):
        line = text[spans[i][0] : spans[i][1]]
        if reasons[i] is not None or _list_like(line) or _reader_address(line):
            start = i
        else:
            break
    first_chrome = next((i for i in range(start, len(spans)) if reasons[i] is not None), None)
    if first_chrome is None:
        return reasons
    for i in range(first_chrome + 1, len(spans)):
        if reasons[i] is None:
            reasons[i] = "trailing-list"
    return reasons


__all__ = ["classify_paragraphs", "Paragraph"]
