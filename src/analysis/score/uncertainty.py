"""How sure each award is: panel draws, award probabilities, rank intervals, and what apart from
the judges could change an award (the criteria's weights, the way judges are combined).

The question a committee asks before it announces is "would another panel have given the same
award?". A panel's judges score all of that panel's candidates, so a lenient judge lifts all of
them and the leniency cancels when two of them are compared. A draw therefore seats a new panel
for the whole round: each panel's judges are drawn with replacement, the same drawn judges for every
candidate of that panel (the panel bootstrap), a judge's blank stays that judge's blank, and the
round is scored, ranked and awarded again exactly as the real one was.

Two questions, two spreads. *Where does a candidate truly stand?* is estimation: one panel draw
moves the totals by about one panel's chance, and the rank intervals come from those draws alone.
*Would a new panel give the same award?* is prediction: the announced award is itself one panel's
verdict with its own chance in it, and a new panel adds its own, so the difference between the two
has twice one panel's variance (the replication argument of Killeen 2005 and Cumming 2008). A
*new-panel draw* therefore adds two panel draws' deviations from the observed points, each scaled by
sqrt(S / (S - 1)) for a panel of S judges (Rao & Wu 1988: S drawn from S repeat some of them, which
shrinks a draw's variance by (S - 1) / S). ``p_same_award`` is the share of new-panel draws that
give the candidate the award it got (for one without, no award). Measured against the sample's
truth (README, "How far to trust the award probabilities"), these are calibrated where the plain
panel draw was optimistic.

Weights are a different question (what if the criteria weighed a little differently?) and are
kept apart: ±25% weight draws report how many awards change, never mixed into the intervals.
Rank intervals (5th-95th percentile of the rank over the panel draws) are context: a percentile
interval of a rank is not a confidence set in the sense of Mogstad, Romano, Shaikh & Wilhelm's
*Inference for Ranks* (csranks); the tests check how often it holds the true rank of the sample's
generator.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from analysis.score import rules
from analysis.score.engine import Round
from analysis.score.rules import DECIMALS
from analysis.vocab import AGGREGATIONS, SCOPE_COLUMN

QUANTILES = (0.05, 0.5, 0.95)
WEIGHT_LOW, WEIGHT_HIGH = 0.75, 1.25
CHUNK = 200            # panel draws scored at a time (bounds the memory of the drawn cubes)


# ------------------------------------------------------------------------ ranking many draws at once
def submitted_key(frame: pd.DataFrame) -> np.ndarray:
    """``submitted_at`` as a sort key where higher is better: minus the seconds, so the earlier
    submission comes first; an unknown date is last (-inf)."""
    when = pd.to_datetime(frame["submitted_at"])
    secs = ((when - pd.Timestamp("1970-01-01")) / pd.Timedelta(seconds=1)).to_numpy(dtype=float, na_value=np.nan)
    return np.where(np.isnan(secs), -np.inf, -secs)


def rank_keys(r: Round, points: np.ndarray, submitted: np.ndarray,
              total: np.ndarray | None = None) -> list[np.ndarray]:
    """The sort keys of a ranking, best first, each (..., C) with higher = better: the total (rounded
    to ``DECIMALS``), then each tie-break: a criterion's points (rounded), ``submitted_at``
    (``submitted_key``). ``total``: ``points.sum(axis=-1)`` when the caller has it already."""
    keys = [np.round(points.sum(axis=-1) if total is None else total, DECIMALS)]
    for t in r.rubric.tie_break:
        if t == "submitted_at":
            keys.append(np.broadcast_to(submitted, keys[0].shape))
        else:
            keys.append(np.round(points[..., r.rubric.keys.index(t)], DECIMALS))
    return keys


def rank_within(keys: list[np.ndarray], group: np.ndarray, ranked: np.ndarray) -> np.ndarray:
    """1 + how many candidates of the same group have strictly better keys (compared in turn,
    higher is better), for every row of the (D, C) keys at once; candidates still equal share the
    better rank. NaN where ``ranked`` is False (no total).

    Every chunk of draws is ranked this way (twice in ``award_probabilities``), so it is built for
    speed: one argsort per row by the first key (the total), a stable radix sort of the small group
    codes, and the tie-breaks only for the few candidates whose totals tie, instead of a stable
    ``np.lexsort`` pass over every key of every candidate (twice as slow). A ranked candidate with a
    NaN or +inf key (a criterion no judge of a drawn panel scored) goes ``_rank_within_lexsort``'s
    way, where such a key never ties: the ranks are the same as before either way."""
    keys = [np.atleast_2d(k) for k in keys]
    D, C = keys[0].shape
    group, ranked = np.asarray(group), np.asarray(ranked, dtype=bool)
    if not all(np.all((k < np.inf) | ~ranked) for k in keys) or (group[ranked] == -1).any():
        return _rank_within_lexsort(keys, group, ranked)
    codes = np.unique(group, return_inverse=True)[1].reshape(-1)
    codes = np.where(ranked, codes, codes.max(initial=0) + 1)      # the unranked: a group apart
    small = codes.astype(np.int16) if codes.max(initial=0) < 2**15 else codes
    out = (_better_in_group(keys, small, D, C) + 1).astype(float)
    out[:, ~ranked] = np.nan
    return out


def _better_in_group(keys: list[np.ndarray], group: np.ndarray, D: int, C: int) -> np.ndarray:
    """(D, C): how many of each candidate's ``group`` (C,) have strictly better keys ((D, C) or
    (1, C), none NaN or +inf), in each row. Each row is sorted by the first key, best first, then
    stably by group; a run of equal first keys is a tie for the rest of the keys, which only its
    members are sorted by (one ``np.lexsort`` of the runs of every row at once)."""
    k0 = np.broadcast_to(keys[0], (D, C))
    order = np.argsort(-k0, axis=-1)                       # ties in any order: they are sorted below
    if group.max(initial=0) > 0:
        order = np.take_along_axis(order, np.argsort(group[order], axis=-1, kind="stable"), axis=-1)
    g = group[order]
    s0 = np.take_along_axis(k0, order, axis=-1)
    at = np.arange(C)
    starts = np.ones((D, C), dtype=bool)                   # a group's first in its row
    starts[:, 1:] = g[:, 1:] != g[:, :-1]
    tied = np.zeros((D, C), dtype=bool)                    # the same first key as the one before
    tied[:, 1:] = ~starts[:, 1:] & (s0[:, 1:] == s0[:, :-1])
    ahead = at - np.maximum.accumulate(np.where(starts, at, 0), axis=-1)   # of its group, before it
    flat = np.arange(D * C).reshape(D, C)
    head = np.maximum.accumulate(np.where(tied, 0, flat), axis=-1).ravel()  # its run's first
    better = ahead.ravel()[head]                           # all of the group before the run
    if len(keys) > 1 and tied.any():
        member = tied.copy()                               # in a run of two or more
        member[:, :-1] |= tied[:, 1:]
        at_run = np.flatnonzero(member)
        row, cand = at_run // C, order.ravel()[at_run]
        run = head[at_run]
        rest = [np.broadcast_to(k, (D, C))[row, cand] for k in keys[1:]]
        o = np.lexsort([-v for v in rest[::-1]] + [run])
        run = run[o]
        q = np.arange(len(o))
        first = np.ones(len(o), dtype=bool)
        first[1:] = run[1:] != run[:-1]
        changed = first.copy()
        for v in rest:
            v = v[o]
            changed[1:] |= v[1:] != v[:-1]
        inside = q - np.maximum.accumulate(np.where(first, q, 0))   # of its run, before it
        better[at_run[o]] += inside[np.maximum.accumulate(np.where(changed, q, 0))]
    out = np.empty((D, C), dtype=np.intp)
    np.put_along_axis(out, order, better.reshape(D, C), axis=-1)
    return out


def _rank_within_lexsort(keys: list[np.ndarray], group: np.ndarray, ranked: np.ndarray) -> np.ndarray:
    """``rank_within`` as it was first written, kept for keys with NaN or +inf: one ``np.lexsort``
    by group then every key (a non-finite key sorts last), a rank per run of equal keys (NaN equals
    nothing, so a candidate with a NaN key ties with nobody)."""
    D, C = keys[0].shape
    g = np.broadcast_to(np.where(ranked, group, -1), (D, C))
    order = np.lexsort([-np.where(np.isfinite(k), k, -np.inf) for k in keys[::-1]] + [g], axis=-1)
    at = np.broadcast_to(np.arange(C), (D, C))
    sg = np.take_along_axis(g, order, axis=-1)
    new_group = np.ones((D, C), dtype=bool)
    new_group[:, 1:] = sg[:, 1:] != sg[:, :-1]
    changed = new_group.copy()
    for k in keys:
        sk = np.take_along_axis(np.broadcast_to(k, (D, C)), order, axis=-1)
        changed[:, 1:] |= sk[:, 1:] != sk[:, :-1]
    position = at - np.maximum.accumulate(np.where(new_group, at, 0), axis=-1) + 1
    first = np.maximum.accumulate(np.where(changed, at, 0), axis=-1)
    rank_sorted = np.take_along_axis(position, first, axis=-1).astype(float)
    out = np.empty((D, C))
    np.put_along_axis(out, order, rank_sorted, axis=-1)
    out[:, ~ranked] = np.nan
    return out


def ranking_inputs(r: Round, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What ranking the round's candidates takes from its frame: ``scope_groups``, who is ranked
    (has a total) and ``submitted_key``. The pandas work of a millisecond a call: a caller scoring
    the same frame again and again (``judgemodel``'s simulated futures) computes it once."""
    return scope_groups(r, frame), frame["total"].notna().to_numpy(), submitted_key(frame)


def scope_groups(r: Round, frame: pd.DataFrame) -> np.ndarray:
    """Each candidate's scope group as an integer code (its province, its region, or one group)."""
    column = SCOPE_COLUMN[r.scope]
    return pd.factorize(frame[column].astype(str))[0] if len(frame) else np.zeros(0, dtype=np.intp)


def levels(r: Round, rank: np.ndarray, total: np.ndarray) -> np.ndarray:
    """The decision of each (draw, candidate): an award rule's index (0 = the best award), or -1; in
    the individual province round, 0 for the province's nominee (rank 1), else -1."""
    if r.scope == "province":
        return np.where(rank == 1, 0, -1).astype(np.int8)
    return rules.award_levels(rank, total, r.rubric.award_rules)


# ------------------------------------------------------------------------ panel draws
def panel_draws(r: Round, draws: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    """Drawn cubes, ``CHUNK`` draws at a time: (d, S, C, K). In each draw every panel's seats are
    filled again by judges drawn with replacement from that panel, and each candidate of the panel
    gets the drawn judges' scores (a blank stays a blank).

    The cube is gathered with ``np.take`` of (slot, candidate) rows of the flattened scores: the
    same values as indexing (slot, candidate, :) at once, four times faster."""
    S, C, K = r.raw.shape
    filled = (r.seats != "").sum(axis=0)                                  # (P,) judges per panel
    padded = np.concatenate([r.raw, np.full((1, C, K), np.nan)])          # slot S: always blank
    rows = padded.reshape((S + 1) * C, K)                                 # row s * C + c
    cand_panel = np.where(r.panel >= 0, r.panel, 0)
    inside = np.arange(S)[:, None] < r.size[None, :]                      # (S, C)
    cols = np.arange(C)
    for start in range(0, draws, CHUNK):
        d = min(CHUNK, draws - start)
        pick = (rng.random((d, S, max(r.n_panels, 1))) * np.maximum(filled, 1)).astype(np.intp)
        idx = np.where(inside[None], pick[:, :, cand_panel], S)           # (d, S, C)
        yield np.take(rows, idx * C + cols, axis=0)


def drawn_points(r: Round, drawn: np.ndarray, observed: np.ndarray, method: str | None = None) -> np.ndarray:
    """Every criterion's points (d, C, K_all) of a chunk of drawn cubes. A criterion that no drawn
    judge scored for a candidate (every drawn judge's cell blank) keeps its observed points."""
    judged = r.judged(method, raw=drawn)
    judged = np.where(np.isnan(judged), observed[None], judged)
    return r.points(judged)


def small_sample_scale(r: Round) -> np.ndarray:
    """Each candidate's sqrt(S / (S - 1)) for its panel of S judges (1 for a panel of one): what
    makes a drawn panel's deviation from the observed as wide as a panel of S different judges'
    (Rao & Wu 1988)."""
    size = np.asarray(r.size, dtype=float)                                # (C,) judges of its panel
    return np.sqrt(np.where(size > 1, size / np.maximum(size - 1, 1), 1.0))


def new_panel_points(points: np.ndarray, first: np.ndarray, second: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """A new panel's points as the announced award sees them: the observed ``points`` (C, K) moved
    by two panel draws' deviations (d, C, K), each widened by ``scale`` (C,): one for the chance in
    the announced verdict, one for the new panel's own."""
    return points[None] + scale[None, :, None] * ((first - points[None]) + (second - points[None]))


def award_probabilities(r: Round, frame: pd.DataFrame, draws: int, rng: np.random.Generator, *,
                        intervals: bool = True, inputs: tuple | None = None) -> dict:
    """From ``draws`` panel draws: the rank in the decision's scope at the 5th, 50th and 95th
    percentile (``quantiles``, (C, 3)); and from as many new-panel draws (``new_panel_points``:
    each panel draw paired with its neighbour in its chunk, with itself in a chunk of one)
    ``p_same`` (the share giving each candidate the decision it got) and ``p_any`` (any award; in
    the province round: nominated), ``p_level`` (C, L: the share giving each award rule's award,
    what the contested sets are made of); with the observed ``level`` and ``rank``.

    ``intervals=False`` leaves the quantiles NaN and does not rank the panel draws themselves, only
    the new panels: the simulated futures of ``judgemodel`` (most of the score step's draws) ask
    for the awards alone, and ranking each chunk once instead of twice halves their ranking. The
    random draws are the same either way. ``inputs``: ``ranking_inputs(r, frame)``, if the caller
    has it."""
    C = len(frame)
    observed = r.judged()
    points = r.points(observed)
    group, ranked, sub = inputs if inputs is not None else ranking_inputs(r, frame)
    rank0 = rank_within(rank_keys(r, points[None], sub), group, ranked)[0]
    level0 = levels(r, rank0, points.sum(axis=-1))
    scale = small_sample_scale(r)
    same, anyw = np.zeros(C), np.zeros(C)
    n_levels = 1 if r.scope == "province" else len(r.rubric.award_rules)
    each = np.zeros((C, n_levels))
    ranks = []
    for drawn in panel_draws(r, draws, rng):
        pts = drawn_points(r, drawn, observed)
        if intervals:
            ranks.append(rank_within(rank_keys(r, pts, sub), group, ranked))
        new = new_panel_points(points, pts, np.roll(pts, 1, axis=0), scale)
        total = new.sum(axis=-1)                                  # for the ranking and the awards
        lv = levels(r, rank_within(rank_keys(r, new, sub, total), group, ranked), total)
        same += (lv == level0).sum(axis=0)
        anyw += (lv >= 0).sum(axis=0)
        each += (lv[..., None] == np.arange(n_levels)).sum(axis=0)
    q = np.full((C, 3), np.nan)
    if intervals and draws and ranked.any():
        ranks = np.concatenate(ranks)
        q[ranked] = np.quantile(ranks[:, ranked], QUANTILES, axis=0, method="inverted_cdf").T
    return {"p_same": same / max(draws, 1), "p_any": anyw / max(draws, 1), "quantiles": q,
            "p_level": each / max(draws, 1),
            "level": level0, "rank": rank0}


# ------------------------------------------------------------------------ apart from the judges
def weight_sensitivity(r: Round, frame: pd.DataFrame, draws: int, rng: np.random.Generator) -> dict:
    """``draws`` weight draws: every criterion's weight times its own U(0.75, 1.25) factor and the
    total put back on 100 (sum(points_k * f_k) * 100 / sum(max_k * f_k)); the judges' scores as
    given. Returns, per candidate, ``p_same`` (the share of weight draws keeping its decision) and,
    per draw, ``changes`` (how many candidates' decisions differ from the real one)."""
    points = r.points(r.judged())
    group, ranked = scope_groups(r, frame), frame["total"].notna().to_numpy()
    level0 = levels(r, rank_within(rank_keys(r, points[None], submitted_key(frame)), group, ranked)[0],
                    points.sum(axis=-1))
    f = rng.uniform(WEIGHT_LOW, WEIGHT_HIGH, size=(draws, len(r.rubric.criteria)))
    weighted = points[None] * f[:, None, :] * (100.0 / (f @ r.maxima))[:, None, None]   # (D, C, K)
    rk = rank_within(rank_keys(r, weighted, submitted_key(frame)), group, ranked)
    lv = levels(r, rk, weighted.sum(axis=-1))
    differ = lv != level0
    return {"p_same": 1.0 - differ.mean(axis=0) if draws else np.ones(len(frame)),
            "changes": differ.sum(axis=1)}


def method_awards(r: Round, frame: pd.DataFrame) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The totals and decisions (award rule index, -1 none) under every way of combining judges,
    on the scores as given: which awards depend on the choice of method."""
    group, ranked = scope_groups(r, frame), frame["total"].notna().to_numpy()
    out = {}
    for method in AGGREGATIONS:
        points = r.points(r.judged(method))
        total = points.sum(axis=-1)
        ok = ranked & ~np.isnan(total)
        rank = rank_within(rank_keys(r, points[None], submitted_key(frame)), group, ok)[0]
        out[method] = (total, levels(r, rank, total))
    return out


# ------------------------------------------------------------------------ boundary margins
def _rank_of(keys: list[np.ndarray], i: int) -> float:
    """``rank_within`` of one candidate among the (C,) keys: 1 + how many have strictly better keys."""
    better = np.zeros(len(keys[0]), dtype=bool)
    tied = np.ones(len(keys[0]), dtype=bool)
    for k in keys:
        better |= tied & (k > k[i])
        tied &= k == k[i]
    return 1.0 + better.sum()


def boundary_margins(r: Round, frame: pd.DataFrame, tolerance: float = 0.005) -> list[dict]:
    """For each award boundary of a national round (per scope group, between those with at least
    an award and those below it): the last candidate in, the first out, the points between their
    totals, and the smallest change of one judge's score on one criterion (lowering the one in, or
    raising the one out) that changes the decision for either of them, found by bisection on the
    round scored again exactly as the real one. ``min_change`` is NaN when no single score can."""
    if r.scope == "province" or not len(frame) or not r.keys:
        return []
    group, ranked, sub = scope_groups(r, frame), frame["total"].notna().to_numpy(), submitted_key(frame)
    observed = r.judged()
    points = r.points(observed)
    rank = rank_within(rank_keys(r, points[None], sub), group, ranked)[0]
    level = levels(r, rank, points.sum(axis=-1))
    top = r.maxima[r.judged_index]
    out = []
    for g in np.unique(group[ranked]):
        members = np.flatnonzero(ranked & (group == g))
        for L, rule in enumerate(r.rubric.award_rules):
            inside = members[(level[members] >= 0) & (level[members] <= L)]
            outside = members[(level[members] < 0) | (level[members] > L)]
            if not len(inside) or not len(outside):
                continue
            a = inside[np.argmax(rank[inside])]          # the last in
            b = outside[np.argmin(rank[outside])]        # the first out

            ia, ib = np.searchsorted(members, a), np.searchsorted(members, b)

            def flips(cube: np.ndarray) -> bool:
                pts = r.points(np.where(np.isnan(j := r.judged(raw=cube)), observed, j))[members]
                keys = rank_keys(r, pts, sub[members])
                total = pts.sum(axis=-1)
                la, lb = (levels(r, np.array([_rank_of(keys, i)]), total[i:i + 1])[0] for i in (ia, ib))
                return not (0 <= la <= L) or (0 <= lb <= L)

            best = {"min_change": np.nan}
            for who, sign in ((a, -1.0), (b, 1.0)):
                for s in range(r.raw.shape[0]):
                    for k in range(len(r.keys)):
                        x = r.raw[s, who, k]
                        if np.isnan(x):
                            continue
                        room = x if sign < 0 else top[k] - x
                        limit = min(room, best["min_change"]) if np.isfinite(best["min_change"]) else room
                        if limit <= 0:
                            continue
                        cube = r.raw.copy()
                        cube[s, who, k] = x + sign * limit
                        if not flips(cube):
                            continue
                        lo, hi = 0.0, limit
                        while hi - lo > tolerance:
                            mid = (lo + hi) / 2
                            cube[s, who, k] = x + sign * mid
                            lo, hi = (lo, mid) if flips(cube) else (mid, hi)
                        p = r.panel[who]
                        best = {"min_change": hi, "change_judge": r.seats[s, p], "change_criterion": r.keys[k],
                                "change_candidate": "in" if who == a else "out",
                                "change_direction": "down" if sign < 0 else "up"}
            out.append({"scope_group": frame[SCOPE_COLUMN[r.scope]].astype(str).iloc[a],
                        "award": rule["award"], "in_index": int(a), "out_index": int(b),
                        "gap": float(points[a].sum() - points[b].sum()), **best})
    return out
