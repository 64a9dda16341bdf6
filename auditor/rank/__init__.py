"""Ranking the versions of one story: faithfulness scores (``score``, with ``surface`` for chrF/TER),
labels and derived-from provenance, all over the alignment rows of ``auditor.align.rows``."""
