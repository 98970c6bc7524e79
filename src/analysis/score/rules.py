"""The rules a person re-derives by hand: points of a computed criterion, how judges are combined,
how awards follow from ranks. Read beside ``tests/helpers/rederive.py`` and the README's method section.

Arrays are the score cube of one round: (S, C, K) = judge slots x candidates x judged criteria,
slots first. A candidate's slot s is the s-th judge (by name) of its panel (the province committee
in the individual province round, the national committee otherwise), so slot s is the same person
for every candidate of a panel. NaN is "not scored" (a conflict-of-interest blank, or a row the
cleaner held back), never zero. Any leading axes before S (panel draws) are carried through.
"""

from __future__ import annotations

import numpy as np

DECIMALS = 6           # totals (and tie-break criteria) are compared rounded to this
EPS = 1e-9             # a band threshold is "reached" allowing for float noise (0.57 * 100)


# ------------------------------------------------------------------------ computed criteria
def band_points(values, spec: dict) -> np.ndarray:
    """Points of the first band whose threshold the value reaches (>=), else ``otherwise``.

    A missing value gives NaN (the candidate is then incomplete), never ``otherwise``.
    """
    v = np.asarray(values, dtype=float)
    out = np.full(v.shape, float(spec["otherwise"]))
    done = np.isnan(v)
    out[done] = np.nan
    for threshold, points in spec["bands"]:
        hit = ~done & (v >= threshold - EPS)
        out[hit] = points
        done |= hit
    return out


def _numbers(column) -> np.ndarray:
    import pandas as pd

    return pd.to_numeric(column, errors="coerce").astype("float64").to_numpy(na_value=np.nan)


def computed_points(forms, spec: dict) -> np.ndarray:
    """One computed criterion (``field`` or ``ratio`` with bands) for every form row."""
    if "field" in spec:
        return band_points(_numbers(forms[spec["field"]]), spec)
    num, den = (_numbers(forms[f]) for f in spec["ratio"])
    with np.errstate(divide="ignore", invalid="ignore"):
        points = band_points(num / den, spec)
    zero = spec.get("when_denominator_zero", spec["otherwise"])
    return np.where(den == 0, float(zero), points)


# ------------------------------------------------------------------------ combining judges
def aggregate(cube: np.ndarray, method: str, axis: int = 0) -> np.ndarray:
    """Combine judges over the slot axis, skipping blanks (NaN); no score at all gives NaN.

    ``mean``: the mean of the scores given. ``trimmed_mean``: one rule whatever the number of
    scores: with 3 or more, the highest and the lowest are dropped and the rest averaged (3 scores:
    the middle one); with 1 or 2 there is nothing to drop and the mean is taken. Every other method
    (``standardised``, ``adjusted``) first moves each judge's scores (``standardise``,
    ``adjust``) and then takes the plain mean, so it arrives here as ``mean``.
    """
    n = np.add.reduce(~np.isnan(cube), axis=axis, dtype=np.int16)
    total = np.nansum(cube, axis=axis)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(n > 0, total / n, np.nan)
        if method != "trimmed_mean":
            return mean
        high, low = np.fmax.reduce(cube, axis=axis), np.fmin.reduce(cube, axis=axis)
        return np.where(n >= 3, (total - high - low) / (n - 2), mean)


def segments(panel: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidates grouped by panel, for ``per_panel``: their order, where each panel's run
    starts in it, and which panel each run is (candidates of no panel, -1, are left out)."""
    order = np.argsort(panel, kind="stable")
    order = order[panel[order] >= 0]
    p = panel[order]
    starts = np.flatnonzero(np.r_[True, p[1:] != p[:-1]]) if len(p) else np.zeros(0, dtype=np.intp)
    return order, starts, p[starts]


def per_panel(a: np.ndarray, panel: np.ndarray, n_panels: int, axis: int, seg=None) -> np.ndarray:
    """Sum of ``a`` over the candidates (``axis``) of each panel: that axis becomes the panels'."""
    order, starts, present = seg if seg is not None else segments(panel)
    axis = axis % a.ndim
    shape = list(a.shape)
    shape[axis] = n_panels
    out = np.zeros(shape)
    if len(order):
        summed = np.add.reduceat(np.take(a, order, axis=axis), starts, axis=axis)
        index = [slice(None)] * a.ndim
        index[axis] = present
        out[tuple(index)] = summed
    return out


def _to_candidates(a: np.ndarray, panel: np.ndarray) -> np.ndarray:
    """(..., S, P, K) per panel seat back to each candidate's slots (..., S, C, K); 0 for none."""
    out = a[..., np.where(panel >= 0, panel, 0), :]
    return np.where((panel >= 0)[:, None], out, 0.0)


def standardise(raw: np.ndarray, panel: np.ndarray, n_panels: int, maxima: np.ndarray) -> np.ndarray:
    """Scores of one round put on the round's scale, so a lenient or severe judge moves nobody.

    Per judge (a panel's seat) and criterion: z = (x - judge mean) / judge sd (sample sd, Excel
    STDEV.S) over the candidates that judge scored; back on the round's scale as
    round mean + z * round sd, where the round mean is the mean of every score of the round and
    criterion, and the round sd is the pooled within-judge sd (sqrt of the summed squared
    deviations from each judge's own mean over the summed n_j - 1), which a judge's leniency does
    not change. A judge with fewer than 2 scores or sd 0 keeps the raw scores. Clipped to
    [0, max]. NaN stays NaN.

    ``raw`` is (..., S, C, K) and ``panel`` each candidate's panel (0..n_panels-1, -1: none). In a
    panel draw a judge drawn twice fills two slots, so counts twice in the round's mean and sd.
    """
    seen = ~np.isnan(raw)
    x = np.where(seen, raw, 0.0)
    seg = segments(panel)
    n = per_panel(seen.astype(float), panel, n_panels, -2, seg)             # (..., S, P, K)
    s1 = per_panel(x, panel, n_panels, -2, seg)
    s2 = per_panel(x * x, panel, n_panels, -2, seg)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = s1 / n
        ss = np.maximum(s2 - s1 * mean, 0.0)                               # sum of squared deviations
        sd = np.sqrt(ss / (n - 1))
    ok = (n >= 2) & (sd > 1e-9)
    with np.errstate(divide="ignore", invalid="ignore"):
        round_mean = s1.sum(axis=(-3, -2)) / n.sum(axis=(-3, -2))                      # (..., K)
        pooled = np.sqrt(np.where(ok, ss, 0).sum(axis=(-3, -2)) / np.where(ok, n - 1, 0).sum(axis=(-3, -2)))
        z = (raw - _to_candidates(mean, panel)) / _to_candidates(sd, panel)
    moved = round_mean[..., None, None, :] + z * pooled[..., None, None, :]
    out = np.where(_to_candidates(ok.astype(float), panel) > 0, moved, raw)
    return np.clip(out, 0.0, maxima)


def judge_effects(raw: np.ndarray, panel: np.ndarray, n_panels: int) -> dict:
    """Each judge's leniency in a two-way additive fit, candidate + judge, per panel and criterion.

    score(c, j) = a_c + b_j + residual, fitted by least squares over the scores given, with the
    judges' b summing to 0 over each panel: b_j is how far judge j scores above (+) or below (-) the
    rest of the panel for the same candidates. With no blank, b_j is simply the judge's mean over
    the panel's candidates minus the mean of all its scores, and a_c the candidate's plain mean; with
    blanks the fit compares each judge with the others on the candidates they both scored.

    Solved through the reduced normal equations M b = r (M_st = n_s [s = t] - the sum over the
    candidates c that s and t both scored of 1/n_c; r_s = the sum over the candidates s scored of
    (x - the candidate's mean)), made regular by adding the projection on the judges who scored
    (M's null direction), which does not change the solution.

    ``raw`` (..., S, C, K). Returns ``b`` (..., S, P, K); ``b_c``, each score's judge's b
    (..., S, C, K); for standard errors ``m_inv``, M's pseudo-inverse (..., P, K, S, S), and
    ``rss`` and ``df`` (..., P, K), the residual sum of squares and its degrees of freedom.
    """
    seen = ~np.isnan(raw)
    x = np.where(seen, raw, 0.0)
    n_c = seen.sum(axis=-3)                                                 # (..., C, K)
    with np.errstate(divide="ignore", invalid="ignore"):
        cmean = np.where(n_c > 0, x.sum(axis=-3) / n_c, 0.0)
        inv = np.where(n_c > 0, 1.0 / n_c, 0.0)
    seg = segments(panel)
    dev = np.where(seen, x - cmean[..., None, :, :], 0.0)
    r = np.moveaxis(per_panel(dev, panel, n_panels, -2, seg), -3, -1)      # (..., P, K, S)
    ns = np.moveaxis(per_panel(seen.astype(float), panel, n_panels, -2, seg), -3, -1)
    o = np.moveaxis(seen.astype(float), -3, -1)                             # (..., C, K, S)
    outer = o[..., :, None] * o[..., None, :] * inv[..., None, None]        # (..., C, K, S, S)
    pair = per_panel(outer, panel, n_panels, -4, seg)                       # (..., P, K, S, S)
    S = raw.shape[-3]
    eye = np.eye(S)
    used = ns > 0                                                           # (..., P, K, S)
    k_used = used.sum(axis=-1)                                              # (..., P, K)
    with np.errstate(divide="ignore", invalid="ignore"):
        proj = np.where(k_used[..., None, None] > 0, used[..., :, None] * used[..., None, :]
                        / k_used[..., None, None], 0.0)
    idle = np.where(used, 0.0, 1.0)[..., :, None] * eye                     # a seat with no score: b = 0
    regular = ns[..., :, None] * eye - pair + proj + idle
    try:
        inv_reg = np.linalg.inv(regular)
    except np.linalg.LinAlgError:                                           # a disconnected panel
        inv_reg = np.linalg.pinv(regular)
    b = np.moveaxis(np.einsum("...st,...t->...s", inv_reg, r), -1, -3)     # (..., S, P, K)
    b_c = _to_candidates(b, panel)
    a = aggregate(raw - b_c, "mean", axis=-3)                               # (..., C, K)
    res = np.where(seen, x - np.nan_to_num(a)[..., None, :, :] - b_c, 0.0)
    rss = per_panel((res * res).sum(axis=-3), panel, n_panels, -2, seg)     # (..., P, K)
    n_cand = per_panel((n_c > 0).astype(float), panel, n_panels, -2, seg)   # (..., P, K)
    df = ns.sum(axis=-1) - n_cand - np.maximum(k_used - 1, 0)
    return {"b": b, "b_c": b_c, "a": a, "m_inv": inv_reg - proj - idle, "rss": rss, "df": df,
            "n_scored": ns}


def adjust(raw: np.ndarray, panel: np.ndarray, n_panels: int) -> np.ndarray:
    """Every score minus its judge's leniency (``judge_effects``): the plain mean of a candidate's
    moved scores is then its fitted candidate effect. A candidate scored by every judge of its
    panel keeps its plain mean (the b's sum to 0); one with a blank no longer takes on the
    leniency of the judge who sat out."""
    return raw - judge_effects(raw, panel, n_panels)["b_c"]


# ------------------------------------------------------------------------ awards
def award_levels(rank: np.ndarray, total: np.ndarray, rules) -> np.ndarray:
    """The index of the first rule whose ranks [from, to] contain the rank and whose ``min_total``
    (if any) the total (rounded to ``DECIMALS``) reaches; -1 for none, and for no rank (NaN). Any
    shape: the observed ranking or every panel draw at once."""
    level = np.full(np.shape(rank), -1, dtype=np.int8)
    r = np.asarray(rank, dtype=float)
    t = np.round(np.asarray(total, dtype=float), DECIMALS)
    with np.errstate(invalid="ignore"):
        for i, rule in enumerate(rules):
            lo, hi = rule["ranks"]
            hit = (level < 0) & (r >= lo) & (r <= hi) & (t >= rule.get("min_total", -np.inf))
            level[hit] = i
    return level


def decide_awards(frame, rules, rank_column: str):
    """The award of each row of a ranked frame (``award_levels`` named); "" for none."""
    import pandas as pd

    rank = frame[rank_column].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    level = award_levels(rank, frame["total"].to_numpy(dtype=float), rules)
    names = np.array([r["award"] for r in rules] + [""], dtype=object)
    return pd.Series(names[level], index=frame.index, dtype=object)
