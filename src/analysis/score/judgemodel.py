"""What would settle a doubtful award: a fitted model of how this round's judges mark, and what more
judges, or a bigger panel next year, would do.

**The fitted judge model** (``fit``), per national round and judged criterion k, from the scores as
given:

    score(c, j, k) = m_k + a_ck + b_jk + (s_j - 1) a_ck + e_cjk

- ``a_ck``: the candidate's effect (its points net of its judges' leniency, the ``adjusted`` mean,
  about the round's mean m_k);
- ``b_jk``: the judge's leniency (``rules.judge_effects``, the same fit as ``leniency``);
- ``s_j``: the judge's spread, the slope of its marks (net of leniency, summed over criteria) on
  the candidates' effects: above 1 a judge stretches the scale, below 1 compresses it;
- ``e_cjk``: the residual, with a K x K covariance (a judge's halo for one candidate ties its
  criteria together) and a spread of each judge's own.

From these, the population a *new* judge is drawn from: leniency with the covariance of the
judges' b less their estimation error (method of moments), log-spread with its variance less its
error, and the residual covariance of the judges. An *erratic seat* (a judge whose residual
variance is more than ``ERRATIC`` times the median of the others) is this panel's and is left out
of the population: a new judge is not drawn like it.

**What is true** is not known; it is drawn from what the scores say (empirical Bayes): each
candidate's true effect is its estimated effect shrunk towards the round's mean by the
criterion's reliability, plus its estimation error (the panel's residual covariance over its
number of judges), plus the panel's mean leniency (common to every candidate: a new judge's marks
differ from this panel's by it), drawn once per simulated future.

**More judges** (``more_judges``): k = 1..4 new judges score only the contested candidates; the
round's award probabilities are computed again on the enlarged cube, exactly as the score step
computes them; a doubtful award (``p_same_award`` under the review threshold) is *settled* when its
candidate's decision in that future (the award kept or lost) reaches the threshold. Averaged over
``futures`` simulated futures. **Panel size** (``panel_size``): a whole panel of n = 3..9 new
judges marks every candidate, and the share of the awards it gives with ``p_same_award`` at the
threshold or above is averaged the same way.

The relation to generalisability theory: with the panel's mean of n judges, the error variance of a
candidate's points is (leniency + residual) / n for absolute decisions (a ``min_total``) and
residual / n for relative ones (a rank), G-theory's absolute and relative error (Brennan 2001); the
D-study's generalisability coefficient for n judges, E rho^2(n) = var(a) / (var(a) + residual / n),
is the Spearman-Brown prophecy applied to ICC(C,1). The simulation asks the decision's question
(does the award reach 0.9?) of the same variance components, rounding, clipping, blanks and
tie-breaks included, rather than the coefficient's.
"""

from __future__ import annotations

import dataclasses
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.score import rules
from analysis.score import uncertainty as unc
from analysis.score.engine import Round

ERRATIC = 4.0               # a judge with more than 4 times the others' median residual variance
EXTRA = (1, 2, 3, 4)        # extra judges simulated on the contested candidates
SIZES = tuple(range(3, 10))  # panel sizes for next year
FUTURES = 8                 # simulated futures, the same for every k and every panel size
DRAWS = 200                 # new-panel draws behind each simulated award probability
EXTRA_NAME = "กรรมการเพิ่มคนที่"


@dataclass
class JudgeModel:
    keys: list
    maxima: np.ndarray          # (K,) judged maxima
    step: float                 # the finest step the marks are given in (0.5: half points)
    mean: np.ndarray            # (K,) the round's mean effect level m_k
    effects: np.ndarray         # (C, K) candidates' effects a_ck + m_k (NaN: not scored)
    n_scored: np.ndarray        # (C,) judges who scored the candidate
    judges: list                # the panel's judges
    leniency: np.ndarray        # (S, K) b_jk
    spread: np.ndarray          # (S,) s_j
    residual_sd: np.ndarray     # (S,) sd of the residual of the judge's sum over criteria
    erratic: np.ndarray         # (S,) bool
    leniency_cov: np.ndarray    # (K, K) population covariance of a new judge's leniency
    spread_sd: float            # population sd of log s
    residual_cov: np.ndarray    # (K, K) a new judge's residual covariance
    panel_cov: np.ndarray       # (K, K) this panel's judges' average residual covariance
    reliability: np.ndarray     # (K,) share of the effects' variance that is the candidates'


def mark_step(raw: np.ndarray) -> float:
    """The finest step the marks are given in: 1, 0.5, 0.25, 0.1 or 0.01 (0 when finer)."""
    x = raw[~np.isnan(raw)]
    for step in (1.0, 0.5, 0.25, 0.1, 0.01):
        if np.allclose(x / step, np.round(x / step), atol=1e-6):
            return step
    return 0.0


def _psd(m: np.ndarray) -> np.ndarray:
    w, v = np.linalg.eigh((m + m.T) / 2)
    return (v * np.clip(w, 0, None)) @ v.T


def fit(r: Round) -> JudgeModel | None:
    """The fitted judge model of a national round (one panel); None without scores."""
    raw = r.raw
    S, C, K = raw.shape
    seen = ~np.isnan(raw)
    if r.round != "national" or not K or seen.sum() < 4:
        return None
    b = rules.judge_effects(raw, r.panel, r.n_panels)["b"][:, 0, :]                  # (S, K)
    b = np.where(seen.any(axis=1), b, 0.0)
    net = np.where(seen, raw - b[:, None, :], np.nan)
    n_c = seen.all(axis=-1).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)          # a candidate nobody scored: NaN
        eff = np.nanmean(net, axis=0) if seen.any() else np.full((C, K), np.nan)     # (C, K)
    has = ~np.isnan(eff).any(axis=1)
    m = np.nanmean(eff[has], axis=0)
    z = eff - m                                                                        # a_ck
    zt = z.sum(axis=1)
    # spread: each judge's slope on the candidates' effects (sum over criteria)
    yt = (net - m).sum(axis=-1)                                                        # (S, C)
    spread, spread_se = np.ones(S), np.full(S, np.inf)
    for s in range(S):
        ok = seen[s].all(axis=-1) & has
        if ok.sum() >= 3 and (zt[ok] ** 2).sum() > 0:
            spread[s] = (yt[s, ok] * zt[ok]).sum() / (zt[ok] ** 2).sum()
    resid = net - m - spread[:, None, None] * z[None]                                  # (S, C, K)
    complete = seen.all(axis=-1) & has[None]                                           # (S, C)
    e = np.where(complete[..., None], resid, 0.0)
    n_j = np.maximum(complete.sum(axis=1), 1)
    seen_cov = np.einsum("sck,scl->skl", e, e) / n_j[:, None, None]                   # (S, K, K)
    # A residual about the candidate's mean carries the others' noise: E[e_j e_j'] = (1 - 2/S) V_j
    # + sum_t V_t / S^2 (a complete panel of S). Solved for each judge's own V_j (an erratic judge
    # no longer inflates the others'), with C / (C - 1) for the leniency fitted from C candidates.
    active = complete.any(axis=1)
    Sa = int(active.sum())
    if Sa < 2 or has.sum() < 3:
        return None                     # too few judges or candidates to say how judges mark
    per_judge = np.zeros_like(seen_cov)
    if Sa >= 3:
        unmix = np.linalg.inv((1 - 2 / Sa) * np.eye(Sa) + np.full((Sa, Sa), 1 / Sa ** 2))
    else:
        unmix = None        # two judges' residuals are each other's negative: only their mean is known
    if unmix is not None:
        per_judge[active] = np.einsum("st,tkl->skl", unmix, seen_cov[active]) * C / max(C - 1, 1)
    else:
        per_judge[active] = seen_cov[active] * Sa / max(Sa - 1, 1) * C / max(C - 1, 1)
    per_judge[active] = np.array([_psd(v) for v in per_judge[active]])
    v_tot = np.einsum("skl->s", per_judge)                                             # (S,) var of the sum
    for s in range(S):
        ok = complete[s]
        if ok.sum() >= 3 and (zt[ok] ** 2).sum() > 0:
            spread_se[s] = np.sqrt(v_tot[s] / (zt[ok] ** 2).sum())
    erratic = np.zeros(S, dtype=bool)
    for s in np.flatnonzero(active):
        others = v_tot[active & (np.arange(S) != s)]
        erratic[s] = len(others) >= 2 and v_tot[s] > ERRATIC * np.median(others)
    pop = active & ~erratic
    panel_cov = per_judge[active].mean(axis=0)
    residual_cov = per_judge[pop].mean(axis=0)
    # leniency of a new judge: the population judges' b about their mean, less their estimation error
    bp = b[pop]
    n_pop = len(bp)
    if n_pop >= 2:
        dev = bp - bp.mean(axis=0)
        c_mean = float(np.mean(complete[pop].sum(axis=1)))
        lcov = _psd(dev.T @ dev / (n_pop - 1) - residual_cov * (1 - 1 / max(S, 2)) / max(c_mean, 1))
        ls = np.log(np.clip(spread[pop], 1e-3, None))
        err = np.mean((spread_se[pop] / np.clip(spread[pop], 1e-3, None)) ** 2)
        spread_sd = float(np.sqrt(max(np.var(ls, ddof=1) - err, 0.0))) if np.isfinite(err) else 0.0
    else:
        lcov, spread_sd = np.zeros((K, K)), 0.0
    var_eff = np.nanvar(z[has], axis=0, ddof=1) if has.sum() > 1 else np.zeros(K)
    err_eff = np.mean(np.diag(panel_cov)[None] / np.maximum(n_c[has], 1)[:, None], axis=0) if has.any() else 0
    with np.errstate(invalid="ignore", divide="ignore"):
        rel = np.clip(np.where(var_eff > 0, 1 - err_eff / var_eff, 0.0), 0.0, 1.0)
    return JudgeModel(list(r.keys), r.maxima[r.judged_index], mark_step(raw), m, eff, n_c,
                      list(r.seats[:, 0]), b, spread, np.sqrt(v_tot), erratic, lcov, spread_sd,
                      residual_cov, panel_cov, rel)


def _mvn(rng: np.random.Generator, cov: np.ndarray, shape: tuple) -> np.ndarray:
    K = cov.shape[0]
    w, v = np.linalg.eigh(_psd(cov))
    root = v * np.sqrt(np.clip(w, 0, None))
    return rng.standard_normal(shape + (K,)) @ root.T


def draw_truth(model: JudgeModel, rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` draws (n, C, K) of what the candidates' effects truly are, as a population judge would
    mark them on average, given the scores: shrunk by the reliability, plus the estimation error,
    plus (once per draw, for all) the panel's mean leniency."""
    C, K = model.effects.shape
    rho = model.reliability
    centred = model.effects - model.mean
    err = _mvn(rng, model.panel_cov, (n, C)) / np.sqrt(np.maximum(model.n_scored, 1))[None, :, None]
    S = max(int((~np.isnan(model.leniency).any(axis=1)).sum()), 1)
    offset = _mvn(rng, model.leniency_cov, (n, 1)) / np.sqrt(S)
    return model.mean + rho * centred[None] + np.sqrt(rho) * err + offset


def new_marks(model: JudgeModel, rng: np.random.Generator, truth: np.ndarray, judges: int,
              provinces: np.ndarray | None = None) -> np.ndarray:
    """The marks (n, J, C, K) of ``judges`` new judges per draw of ``truth`` (n, C, K), drawn from the
    population: leniency, spread and residual, clipped to [0, max] and rounded to the marks' step;
    each judge's home province (drawn among ``provinces``) blank, as a conflict of interest."""
    n, C, K = truth.shape
    lenient = _mvn(rng, model.leniency_cov, (n, judges))[:, :, None, :]
    spread = np.exp(rng.normal(0, model.spread_sd, (n, judges)))[:, :, None, None]
    noise = _mvn(rng, model.residual_cov, (n, judges, C))
    centred = truth - model.mean
    x = model.mean + spread * centred[:, None] + lenient + noise
    x = np.clip(x, 0.0, model.maxima)
    if model.step:
        x = np.round(x / model.step) * model.step
    if provinces is not None and len(provinces):
        choices = np.unique(provinces)
        home = choices[rng.integers(0, len(choices), (n, judges))]
        x = np.where((home[:, :, None] == np.asarray(provinces)[None, None])[..., None], np.nan, x)
    return x


def with_judges(r: Round, marks: np.ndarray, who: np.ndarray) -> Round:
    """The round with more judges (J, C, K) in its one panel, scoring only ``who`` (C,)."""
    J = marks.shape[0]
    extra = np.where(who[None, :, None], marks, np.nan)
    names = np.array([[f"{EXTRA_NAME} {i + 1}"] for i in range(J)], dtype=object)
    return dataclasses.replace(r, raw=np.concatenate([r.raw, extra]), seats=np.concatenate([r.seats, names]))


def as_panel(r: Round, marks: np.ndarray) -> Round:
    """The round marked by a different panel altogether (J, C, K)."""
    names = np.array([[f"{EXTRA_NAME} {i + 1}"] for i in range(marks.shape[0])], dtype=object)
    return dataclasses.replace(r, raw=marks, seats=names)


def settled_after(r: Round, frame: pd.DataFrame, draws: int, rng: np.random.Generator,
                  threshold: float, inputs: tuple | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The round's award probabilities computed again as the score step computes them: each
    candidate's decision (level, -1 none) and whether its ``p_same`` reaches ``threshold``. No
    rank intervals (nothing here reads them: half the ranking saved); ``inputs``:
    ``unc.ranking_inputs(r, frame)``, the same for every future of one frame."""
    u = unc.award_probabilities(r, frame, draws, rng, intervals=False, inputs=inputs)
    return u["level"], u["p_same"] >= threshold


def more_judges(r: Round, frame: pd.DataFrame, model: JudgeModel, contested: np.ndarray,
                doubtful: np.ndarray, rng: np.random.Generator, *, threshold: float = 0.9,
                extra=EXTRA, futures: int = FUTURES, draws: int = DRAWS) -> dict:
    """``extra`` new judges scoring only the ``contested`` candidates, ``futures`` times each, from
    the fitted model: per k, the expected number of the ``doubtful`` awards settled (``settled``)
    and per candidate the share of futures in which its own decision is settled (``p_settled``,
    (len(extra), C))."""
    provinces = frame["province_code"].astype(str).to_numpy()
    inputs = unc.ranking_inputs(r, frame)
    out = {"k": list(extra), "settled": [], "p_settled": np.zeros((len(extra), len(frame)))}
    # common random numbers: the same futures for every k, the k judges the first k of the most
    truth = draw_truth(model, rng, futures)
    marks = new_marks(model, rng, np.nan_to_num(truth), max(extra), provinces)
    for i, k in enumerate(extra):
        count = 0.0
        for f in range(futures):
            _, ok = settled_after(with_judges(r, marks[f, :k], contested), frame, draws, rng, threshold,
                                  inputs)
            count += ok[doubtful].sum()
            out["p_settled"][i] += ok
        out["settled"].append(count / futures)
        out["p_settled"][i] /= futures
    return out


def panel_size(r: Round, frame: pd.DataFrame, model: JudgeModel, rng: np.random.Generator, *,
               threshold: float = 0.9, sizes=SIZES, futures: int = FUTURES, draws: int = DRAWS) -> dict:
    """Panels of each of ``sizes`` new judges marking every candidate, ``futures`` times each: the
    mean number of awards given and the mean share of them with ``p_same`` at ``threshold`` or above."""
    provinces = frame["province_code"].astype(str).to_numpy()
    inputs = unc.ranking_inputs(r, frame)
    ranked = inputs[1]
    out = {"n_judges": list(sizes), "awards": [], "settled_share": []}
    truth = draw_truth(model, rng, futures)          # the same futures for every size (smoother curve)
    marks = new_marks(model, rng, np.nan_to_num(truth), max(sizes), provinces)
    for n in sizes:
        awards, shares = [], []
        for f in range(futures):
            level, ok = settled_after(as_panel(r, np.where(ranked[None, :, None], marks[f, :n], np.nan)),
                                      frame, draws, rng, threshold, inputs)
            given = (level >= 0) & ranked
            awards.append(given.sum())
            shares.append(ok[given].mean() if given.any() else np.nan)
        out["awards"].append(float(np.mean(awards)))
        out["settled_share"].append(float(np.nanmean(shares)))
    return out


def model_table(model: JudgeModel, r: Round) -> pd.DataFrame:
    """The fitted model per criterion: the population a new judge is drawn from and the reliability."""
    year = int(r.cands["year"].iloc[0])
    return pd.DataFrame({"year": year, "category": r.category, "round": r.round, "criterion": model.keys,
                         "leniency_sd": np.sqrt(np.diag(model.leniency_cov)),
                         "residual_sd": np.sqrt(np.diag(model.residual_cov)),
                         "panel_residual_sd": np.sqrt(np.diag(model.panel_cov)),
                         "reliability": model.reliability, "spread_sd": model.spread_sd,
                         "step": model.step, "erratic_judges": "; ".join(
                             j for j, e in zip(model.judges, model.erratic) if e)})
