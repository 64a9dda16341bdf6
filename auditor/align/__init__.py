"""Sentence alignment between versions of one story.

``align_pair(a, b, encoder)`` aligns two documents with a monotonic bead DP (1-1, 1-2, 2-1, 2-2,
1-0, 0-1) banded around high-confidence anchors, then re-pairs leftovers as ``moved``;
``align_many(docs, encoder, reference=None)`` aligns every version to one pivot document, and
``table_rows(table, pivot_doc)`` lays the result out as rows (pivot sentence groups plus rows for
content only another version has).

Modules: ``features`` (names/numbers anchors), ``scoring`` (bead scores), ``anchors`` (anchors and
band), ``dp`` (banded DP), ``moves`` (moved content), ``pair`` (two documents), ``many`` (N documents).
"""

from auditor.align.many import align_many, document_similarity, pick_pivot
from auditor.align.pair import align_pair, align_texts
from auditor.align.rows import Cell, Row, table_rows

__all__ = [
    "Cell",
    "Row",
    "align_many",
    "align_pair",
    "align_texts",
    "document_similarity",
    "pick_pivot",
    "table_rows",
]
