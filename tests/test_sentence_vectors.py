"""Sentence vectors for the meaning part: long documents encoded block by block, rows unchanged."""

from __future__ import annotations


def test_long_documents_sentence_vectors_are_read_block_by_block(lexical_encoder, monkeypatch):
    """A document longer than a block gets its sentence vectors encoded a block at a time when read
    (bounded memory); every row read equals the one-array form's."""
    import numpy as np

    from auditor import sentence_vectors as sv
    from tests._docs import make_doc

    doc = make_doc("long", [f"Sentence number {i} says something about the harbour plan." for i in range(11)])
    dense = sv.sentence_vectors([doc], lexical_encoder)["long"]
    monkeypatch.setattr(sv, "_VECTOR_BLOCK", 4)
    lazy = sv.sentence_vectors([doc], lexical_encoder)["long"]
    assert not isinstance(lazy, np.ndarray) and len(lazy) == len(dense)
    for idx in ([0], [3, 4], [10], [9, 2, 5], [7, 8]):
        assert np.array_equal(lazy[idx], dense[idx])
    assert len(lazy._blocks) <= 2  # only the latest blocks are held
