"""The judges: each one's leniency, what a conflict-of-interest blank did to a candidate, and how far
the judges agree at all (rater agreement).

Leniency is a judge's deviation from the rest of the panel in the two-way additive fit
(``rules.judge_effects``: candidate + judge), with its standard error from the same fit. Agreement
is reported per round and criterion as ICC(A,1) and ICC(A,k) (McGraw & Wong 1996, case A: two-way,
absolute agreement; Shrout & Fleiss's ICC(2,1) and ICC(2,k)) and Krippendorff's alpha (interval),
which uses every score, blanks included.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.score import rules
from analysis.score.engine import Round

TOTAL = "รวม"            # the criterion label of the sum of a round's judged criteria


def _with_total(r: Round) -> tuple[np.ndarray, list[str]]:
    """The cube with one more criterion: the sum of the judged criteria, where a judge scored them
    all for the candidate (else blank)."""
    total = r.raw.sum(axis=-1, keepdims=True)          # NaN if any criterion is blank
    return np.concatenate([r.raw, total], axis=-1), [*r.keys, TOTAL]


def _ids(r: Round) -> pd.DataFrame:
    return r.cands[["year", "category", "round", "province_code", "district_code"]]


def leniency(r: Round) -> pd.DataFrame:
    """One row per judge and criterion (and ``รวม``, the sum of the judged criteria): ``leniency``
    (points above (+) or below (-) the rest of the panel, for the same candidates), its standard
    error ``se`` (residual variance of the panel's fit times M's pseudo-inverse), and
    ``n_scored``."""
    if not r.keys or not len(r.cands):
        return pd.DataFrame(columns=LENIENCY_COLUMNS)
    cube, keys = _with_total(r)
    fit = rules.judge_effects(cube, r.panel, r.n_panels)
    with np.errstate(divide="ignore", invalid="ignore"):
        sigma2 = np.where(fit["df"] > 0, fit["rss"] / fit["df"], np.nan)            # (P, K)
    var = np.einsum("pkss->pks", fit["m_inv"]) * sigma2[..., None]                   # (P, K, S)
    year = int(r.cands["year"].iloc[0])
    rows = []
    for p, panel in enumerate(r.panels):
        for s in range(r.seats.shape[0]):
            judge = r.seats[s, p]
            if judge == "":
                continue
            for k, key in enumerate(keys):
                n = int(fit["n_scored"][p, k, s])
                rows.append({"year": year, "category": r.category, "round": r.round,
                             "panel": "" if r.round == "national" else str(panel), "judge": judge,
                             "criterion": key, "leniency": fit["b"][s, p, k] if n else np.nan,
                             "se": np.sqrt(max(var[p, k, s], 0.0)) if n else np.nan, "n_scored": n})
    return pd.DataFrame(rows, columns=LENIENCY_COLUMNS)


LENIENCY_COLUMNS = ["year", "category", "round", "panel", "judge", "criterion", "leniency", "se",
                    "n_scored"]


def blank_shift(r: Round) -> tuple[np.ndarray, list[str]]:
    """For each candidate with a blank (a judge of its panel who did not score it), the points the
    blank moved its total under the plain mean: total by ``mean`` minus total by ``adjusted`` (the
    leniency the absent judge would have brought, carried over by the mean). NaN without a blank;
    also who sat out, "; "-joined."""
    seen = ~np.isnan(r.raw)
    inside = np.arange(r.raw.shape[0])[:, None] < r.size[None, :]          # (S, C)
    missing = inside & ~seen.all(axis=-1)
    shift = (r.judged("mean") - r.judged("adjusted")).sum(axis=-1)
    has = missing.any(axis=0)
    panel = np.where(r.panel >= 0, r.panel, 0)
    who = ["; ".join(r.seats[s, panel[c]] for s in np.flatnonzero(missing[:, c])) for c in range(len(panel))]
    return np.where(has, shift, np.nan), who


# ------------------------------------------------------------------------ rater agreement
def icc(matrices: list[np.ndarray]) -> dict:
    """ICC(A,1) and ICC(A,k) from complete candidates x judges matrices, one per panel (the province
    round has one per province): the two-way ANOVA mean squares pooled over the panels,

        ICC(A,1) = (MSR - MSE) / (MSR + (k - 1) MSE + k / n (MSC - MSE))
        ICC(A,k) = (MSR - MSE) / (MSR + (MSC - MSE) / n)

    (McGraw & Wong 1996, case 2A), with k the judges per panel and n the candidates per panel
    (averaged over panels when they differ). One panel gives exactly the published formulas.
    """
    ssr = ssc = sse = dfr = dfc = dfe = 0.0
    n_cands = weight_k = weight_n = 0.0
    for m in matrices:
        n, k = m.shape
        if n < 2 or k < 2:
            continue
        grand = m.mean()
        r = k * ((m.mean(axis=1) - grand) ** 2).sum()
        c = n * ((m.mean(axis=0) - grand) ** 2).sum()
        ssr, ssc, sse = ssr + r, ssc + c, sse + ((m - grand) ** 2).sum() - r - c
        dfr, dfc, dfe = dfr + n - 1, dfc + k - 1, dfe + (n - 1) * (k - 1)
        n_cands += n
        weight_k += k * (n - 1)
        weight_n += n * (k - 1)
    if dfe <= 0:
        return {"icc_a1": np.nan, "icc_ak": np.nan, "n_complete": int(n_cands), "k": np.nan}
    msr, msc, mse = ssr / dfr, ssc / dfc, sse / dfe
    k, n = weight_k / dfr, weight_n / dfc          # the judges and candidates behind each mean square
    with np.errstate(divide="ignore", invalid="ignore"):   # every score the same: no agreement figure
        return {"icc_a1": (msr - mse) / (msr + (k - 1) * mse + k / n * (msc - mse)),
                "icc_ak": (msr - mse) / (msr + (msc - mse) / n), "n_complete": int(n_cands), "k": k}


def krippendorff_alpha(cube_k: np.ndarray, r: Round) -> float:
    """Krippendorff's alpha (interval) of one criterion: the judges (every panel's seats) as coders,
    the candidates as units; a judge who did not score a candidate (or sat on another panel) is a
    missing value. Needs at least two values in some unit and some variation."""
    import krippendorff

    rows = []
    for p in range(r.n_panels):
        mine = r.panel == p
        for s in range(r.seats.shape[0]):
            if r.seats[s, p] != "":
                rows.append(np.where(mine, cube_k[s], np.nan))
    data = np.array(rows)
    pairable = (~np.isnan(data)).sum(axis=0) >= 2
    values = data[:, pairable]
    if values.size == 0 or np.nanstd(values) == 0:
        return np.nan
    return float(krippendorff.alpha(reliability_data=values, level_of_measurement="interval"))


def agreement(r: Round) -> pd.DataFrame:
    """Rater agreement of a round, per judged criterion and for their sum (``รวม``)."""
    if not r.keys or not len(r.cands):
        return pd.DataFrame(columns=AGREEMENT_COLUMNS)
    cube, keys = _with_total(r)
    year = int(r.cands["year"].iloc[0])
    rows = []
    for k, key in enumerate(keys):
        mats = []
        for p in range(r.n_panels):
            seats = np.flatnonzero(r.seats[:, p] != "")
            m = cube[np.ix_(seats, np.flatnonzero(r.panel == p), [k])][..., 0].T      # candidates x judges
            mats.append(m[~np.isnan(m).any(axis=1)])
        stats = icc(mats)
        rows.append({"year": year, "category": r.category, "round": r.round, "criterion": key,
                     "n_candidates": int((~np.isnan(cube[..., k])).any(axis=0).sum()),
                     "n_judges": int((r.seats != "").sum()), "n_complete": stats["n_complete"],
                     "icc_a1": stats["icc_a1"], "icc_ak": stats["icc_ak"],
                     "alpha": krippendorff_alpha(cube[..., k], r)})
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


AGREEMENT_COLUMNS = ["year", "category", "round", "criterion", "n_candidates", "n_judges",
                     "n_complete", "icc_a1", "icc_ak", "alpha"]
