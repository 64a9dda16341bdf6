"""Aligned units: the N-way rows the comparators work on.

The alignment table links every version to one pivot. A *unit* is a connected group of aligned
sentences across versions (pivot sentence 3 with version B's sentence 4 and version C's sentences
5-6...). Facts inside sentences are only ever compared within a unit, so two versions are never
compared on sentences that the aligner did not put opposite each other. Links of kind 1-0/0-1 are
kept apart: they are the omissions and additions. Boilerplate sentences never enter a unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from auditor.align.rows import pivot_links
from auditor.cluster.unionfind import UnionFind
from auditor.model import AlignmentTable, Document, Link, Mention, Sentence

#: a version keeps at least this share of the pivot's content sentences: MT copies and syndicated
#: copies keep ~all, human rewrites that merge and cut keep well over half, while a separate
#: article on the same story matches only scattered sentences (a third or less)
MIN_VERSION_COVERAGE = 0.5


@dataclass
class Unit:
    """One aligned group: doc id -> sentence indexes (sorted), keyed in the corpus's pivot-first order."""

    index: int
    sentences: dict[str, tuple[int, ...]]
    moved: frozenset[str] = frozenset()

    @property
    def docs(self) -> list[str]:
        return list(self.sentences)


@dataclass
class Corpus:
    """Everything a comparator needs to look things up: documents, sentences, mentions, units."""

    docs: dict[str, Document]
    order: list[str]  # pivot first, then the table's order
    pivot: str
    sentences: dict[str, dict[int, Sentence]]
    mentions: dict[str, list[Mention]]
    units: list[Unit] = field(default_factory=list)
    #: (doc b, pivot sentence indexes) of pivot content that b lacks (1-0 links)
    omitted: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)
    #: (doc b, b sentence indexes) of content only b has (0-1 links)
    added: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)
    #: (doc b, pivot sentence indexes, b sentence indexes) matched out of order
    moved: list[tuple[str, tuple[int, ...], tuple[int, ...]]] = field(default_factory=list)

    def sentence(self, doc: str, index: int) -> Sentence | None:
        return self.sentences.get(doc, {}).get(index)

    def sentence_at(self, doc: str, index: int) -> Sentence:
        """A sentence the alignment or a unit names, so it exists (a KeyError is a programming error)."""
        return self.sentences[doc][index]

    def is_content(self, doc: str, index: int) -> bool:
        s = self.sentence(doc, index)
        return s is not None and not s.boilerplate

    def unit_mentions(self, unit: Unit, doc: str, kinds: Sequence[str] | None = None) -> list[Mention]:
        """The doc's mentions in the unit's sentences, in document order (start, end)."""
        by_sentence = self._mention_index(doc)
        found = [pm for i in unit.sentences.get(doc, ()) for pm in by_sentence.get(i, ())]
        if len(unit.sentences.get(doc, ())) > 1:
            found.sort(key=lambda pm: pm[0])  # back to the mention list's order
        return [m for _, m in found if kinds is None or m.kind in kinds]

    def sentence_mentions(self, doc: str, index: int) -> list[Mention]:
        """The doc's mentions in one sentence, from the same index as ``unit_mentions``."""
        return [m for _, m in self._mention_index(doc).get(index, ())]

    def _mention_index(self, doc: str) -> dict[int, list[tuple[int, Mention]]]:
        """sentence index -> (position in ``mentions[doc]``, mention), built once per doc: looking
        units up in it keeps the comparators linear in the number of sentences (a scan of the
        whole mention list per unit made long documents quadratic)."""
        index = self._mentions_by_sentence.get(doc)
        if index is None:
            index = {}
            for pos, m in enumerate(self.mentions.get(doc, ())):
                index.setdefault(m.sentence, []).append((pos, m))
            self._mentions_by_sentence[doc] = index
        return index

    def unit_sentences(self, unit: Unit, doc: str) -> list[Sentence]:
        return [s for i in unit.sentences.get(doc, ()) if (s := self.sentence(doc, i)) is not None]

    def unit_language(self, unit: Unit, doc: str) -> str:
        """The language most of this doc's sentences in the unit are in (by characters)."""
        weight: dict[str, int] = defaultdict(int)
        for s in self.unit_sentences(unit, doc):
            weight[s.language] += len(s.text)
        return max(sorted(weight), key=lambda k: weight[k]) if weight else "und"

    #: doc id -> share of the pivot's content sentences it has a counterpart for
    coverage: dict[str, float] = field(default_factory=dict)
    #: the editor's ``--reference`` document: its reading wins every disagreement
    reference: str | None = None
    _mentions_by_sentence: dict[str, dict[int, list[tuple[int, Mention]]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    #: lookup tables comparators derive from the documents and keep for the whole comparison
    #: (e.g. ``presence.phrase_index``), keyed by the table's name
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def is_version(self, doc: str) -> bool:
        """Is this a version of the pivot's text (a copy, translation, rewrite) rather than another
        article on the same topic? Only versions can omit or add: a related article never carried
        the pivot's sentences in the first place, so its "omissions" would be noise."""
        return self.coverage.get(doc, 1.0) >= MIN_VERSION_COVERAGE

    def rank(self, doc: str) -> int:
        return self.order.index(doc) if doc in self.order else len(self.order)


#: an "omitted" pivot sentence counts as merged into a neighbour's counterpart when at least this
#: share of its own content words (those the neighbouring pivot sentence does not already carry)
#: occur in that counterpart: a neighbouring sentence of the same story shares a fifth to a third
#: of them by topic alone, a sentence that absorbed the claim carries most of them
MERGED_COVERAGE = 0.5
#: fewer own content words than this is too little evidence to call a sentence merged
MIN_MERGED_WORDS = 3


def _content_stems(text: str) -> set[str]:
    """Content-word stems (5 letters: "build"/"built" differ, "plants"/"plant" agree) of a text;
    short words are function words in the languages the word rules cover."""
    from auditor.drift.text import fold, tokens

    return {fold(t.text)[:5] for t in tokens(text) if len(t.text) >= 4 or t.text[:1].isdigit()}


def _links_by_pivot_sentence(links: Sequence[Link]) -> dict[int, list[int]]:
    """pivot sentence index -> positions of the links (read from the pivot's side) that hold it, in link order."""
    index: dict[int, list[int]] = defaultdict(list)
    for pos, link in enumerate(links):
        for i in link.a:
            index[i].append(pos)
    return index


def _merged_into(
    corpus: Corpus, piv: str, other: str, pa: tuple[int, ...], links: Sequence[Link],
    index: Mapping[int, list[int]] | None = None,
) -> int | None:
    """The sentence of ``other`` that absorbed the omitted pivot sentences ``pa`` (see MERGED_COVERAGE).

    ``index`` (``_links_by_pivot_sentence``) narrows the links looked at to those next to ``pa``,
    in the same order, so each omission costs O(1) instead of a pass over every link."""
    piv_stems = _content_stems(" ".join(corpus.sentence_at(piv, i).text for i in pa))
    near = {min(pa) - 1, max(pa) + 1}
    best: tuple[float, int] | None = None
    if index is not None:
        links = [links[pos] for pos in sorted({pos for i in near for pos in index.get(i, ())})]
    for link in links:
        la, lb = link.a, link.b
        if not la or not lb or not (set(la) & near):
            continue
        neighbour = " ".join(s.text for i in la if (s := corpus.sentence(piv, i)) is not None)
        own = piv_stems - _content_stems(neighbour)
        if len(own) < MIN_MERGED_WORDS:
            continue
        for j in lb:
            s = corpus.sentence(other, j)
            if s is None or s.boilerplate:
                continue
            cov = len(own & _content_stems(s.text)) / len(own)
            if cov >= MERGED_COVERAGE and (best is None or cov > best[0]):
                best = (cov, j)
    return best[1] if best else None


def build_corpus(
    docs: Sequence[Document], table: AlignmentTable, mentions: Mapping[str, Sequence[Mention]],
    reference: str | None = None,
) -> Corpus:
    """Turn the pivot-centred alignment table into units plus omission/addition/move lists."""
    by_id = {d.id: d for d in docs}
    order = [table.pivot] + [a.b if a.a == table.pivot else a.a for a in table.alignments]
    order = [d for i, d in enumerate(order) if d in by_id and d not in order[:i]]
    order += [d.id for d in docs if d.id not in order]
    sentences = {d.id: {s.index: s for s in d.sentences} for d in docs}
    corpus = Corpus(
        docs=by_id,
        order=order,
        pivot=table.pivot,
        sentences=sentences,
        mentions={d: sorted(mentions.get(d, ()), key=lambda m: (m.start, m.end)) for d in by_id},
        reference=reference if reference in by_id else None,
    )
    uf: UnionFind[tuple[str, int]] = UnionFind()
    moved_docs: dict[tuple[str, int], set[str]] = defaultdict(set)
    for piv, other, links in pivot_links(table, table.pivot):
        if piv not in by_id or other not in by_id:
            continue
        link_index = None
        for link in links:
            pa, pb, kind = link.a, link.b, link.kind
            pa = tuple(i for i in pa if corpus.is_content(piv, i))
            pb = tuple(i for i in pb if corpus.is_content(other, i))
            if pa and pb:
                for i in pa:
                    for j in pb:
                        uf.union((piv, i), (other, j))
                if kind == "moved":
                    corpus.moved.append((other, pa, pb))
                    for i in pa:
                        moved_docs[(piv, i)].add(other)
            elif pa and piv == table.pivot:
                if link_index is None:
                    link_index = _links_by_pivot_sentence(links)
                merged = _merged_into(corpus, piv, other, pa, links, link_index)
                if merged is not None:
                    # the version merged this sentence into a neighbour's counterpart: its facts are
                    # compared there (a city dropped from a merged list is still an omission)
                    for i in pa:
                        uf.union((piv, i), (other, merged))
                else:
                    corpus.omitted.append((other, pa))
            elif pb:
                corpus.added.append((other, pb))
    groups: dict[tuple[str, int], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for node in list(uf.parent):
        root = uf.find(node)
        groups[root][node[0]].add(node[1])
    units = []
    for root, members in groups.items():
        if len(members) < 2:
            continue
        ordered = {d: tuple(sorted(members[d])) for d in order if d in members}
        moved = set()
        for i in ordered.get(table.pivot, ()):
            moved |= moved_docs.get((table.pivot, i), set())
        units.append(Unit(index=0, sentences=ordered, moved=frozenset(moved)))

    def position(u: Unit) -> tuple[int, int]:
        first_doc = next(iter(u.sentences))
        return (corpus.rank(first_doc), u.sentences[first_doc][0])

    units.sort(key=position)
    for i, u in enumerate(units):
        u.index = i
    corpus.units = units
    pivot_content = [s.index for s in by_id[table.pivot].content_sentences] if table.pivot in by_id else []
    for d in order:
        if d == table.pivot or not pivot_content:
            continue
        covered = {i for u in units if d in u.sentences for i in u.sentences.get(table.pivot, ())}
        corpus.coverage[d] = len(covered) / len(pivot_content)
    # a pivot sentence that some version aligns and another omits is in a unit AND in ``omitted``;
    # that is right: it is present in some versions and missing from others.
    return corpus
