"""Ranking the versions of one story: faithfulness scores, labels and derived-from provenance."""
