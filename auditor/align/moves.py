"""Moved content: sentences the monotonic path had to leave out, re-paired out of order.

A monotonic alignment cannot express "this paragraph moved to the end": it keeps one order and
reports the moved sentences as omitted on one side and added on the other. Any omitted a-sentence
that closely matches an added b-sentence is therefore reported as one ``moved`` link instead.
"""

from __future__ import annotations

import numpy as np

from auditor.align.scoring import PairScorer

#: normalised similarity a leftover pair needs to count as moved: higher than a 1-1 match needs
#: (MATCH_THRESHOLD), because here no neighbouring sentences vouch for the pairing
MOVE_THRESHOLD = 0.45


def find_moves(scorer: PairScorer, left_a: list[int], left_b: list[int]) -> list[tuple[int, int, float]]:
    """Greedy best-first pairing of unaligned a/b sentences (0-based) above ``MOVE_THRESHOLD``."""
    if not left_a or not left_b:
        return []
    # DP coordinates: the group ending at row i + 1 is sentence i
    sim = scorer.similarity(1, 1, np.asarray(left_a) + 1, np.asarray(left_b) + 1)
    moves = []
    while True:
        r, c = np.unravel_index(int(np.argmax(sim)), sim.shape)
        best = float(sim[r, c])
        if not np.isfinite(best) or best < MOVE_THRESHOLD:
            break
        moves.append((left_a[r], left_b[c], best))
        sim[r, :] = -np.inf
        sim[:, c] = -np.inf
    return sorted(moves)
