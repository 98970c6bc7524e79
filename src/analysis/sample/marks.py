"""How the sample's judges mark, and the truth about it: what the uncertainty figures are tested against.

The score step says how sure each award is (panel draws, award probabilities, judge leniency, rater
agreement). Those figures can only be trusted if they are checked against a known truth, so the
sample's marks come from a stated model, and the generator writes its hidden parts (each
candidate's quality and expected total, each judge's leniency) beside the raw files.

A judge j marks candidate c on criterion k (maximum ``top``) with the share of the maximum

    share = base + range_j * slope * quality_c + leniency_j + halo_cj + noise_cjk

(kept within 0 and 1, the mark rounded to half a point), where

- ``leniency_j``: the judge's shift, shared by every candidate the judge marks (it cancels when two
  candidates of the same panel are compared, which is why panels are resampled jointly);
- ``range_j`` (``Traits.spread``): how widely the judge spreads good and weak candidates apart;
- ``halo_cj``: the judge's overall impression of that candidate, shared by all its criteria;
- ``noise_cjk``: the rest, with a spread of the judge's own (some judges are more erratic).

Years differ (``YEAR_MODELS``): an outlier judge on the individual national committee in 2565 and
2568 (very lenient and erratic), judges far apart in leniency in 2566, and a year of low agreement
(2567). Tests draw
fresh committees from the same model (``fresh_committees``, ``marks_array``) to check that "the
same award in 95 of 100 panels" means that.
"""

from __future__ import annotations

import math
import random
from dataclasses import asdict, dataclass

import numpy as np

PANEL_SIZE = {("individual", "province"): 3, ("individual", "national"): 5, ("province", "national"): 5}
MC_DRAWS = 4096          # Monte Carlo draws behind each expected mark (common random numbers)


@dataclass(frozen=True)
class ScoreModel:
    """One year's marking model, in shares of a criterion's maximum."""
    base: float = 0.55
    slope: float = 0.12
    leniency_sd: float = 0.06
    spread_sd: float = 0.03         # sd of log(range): judges spread candidates a little differently
    halo_sd: float = 0.015
    noise_sd: float = 0.02
    erratic_sd: float = 0.35        # sd of log(a judge's own noise / noise_sd): some judges are erratic
    outlier: bool = False           # one seat of the individual national committee is an outlier:
    outlier_leniency: float = 0.15  # very lenient
    outlier_spread: float = 1.0
    outlier_noise: float = 3.0      # and erratic (times noise_sd)


YEAR_MODELS = {
    2564: ScoreModel(),
    2565: ScoreModel(outlier=True),
    2566: ScoreModel(leniency_sd=0.09, erratic_sd=0.5),               # judges far apart in leniency
    2567: ScoreModel(halo_sd=0.045, noise_sd=0.06),                   # low agreement
    2568: ScoreModel(outlier=True, halo_sd=0.025),
}


def model_for(year: int) -> ScoreModel:
    return YEAR_MODELS.get(year, ScoreModel())


@dataclass(frozen=True)
class Traits:
    """A judge's hidden traits."""
    leniency: float
    spread: float
    noise_sd: float
    outlier: bool = False


def seats(model: ScoreModel, category: str, rnd: str) -> list[bool]:
    """The outlier flag of each seat of a committee."""
    n = PANEL_SIZE[category, rnd]
    return [model.outlier and category == "individual" and rnd == "national" and i == 0 for i in range(n)]


def draw_traits(rng: random.Random, model: ScoreModel, outlier: bool = False) -> Traits:
    if outlier:
        return Traits(model.outlier_leniency, model.outlier_spread, model.noise_sd * model.outlier_noise, True)
    return Traits(rng.gauss(0, model.leniency_sd), math.exp(rng.gauss(0, model.spread_sd)),
                  model.noise_sd * math.exp(rng.gauss(0, model.erratic_sd)))


def _half_points(share, top):
    return np.round(np.clip(share, 0.0, 1.0) * top * 2) / 2


def _share(model: ScoreModel, leniency, spread, quality, halo, noise):
    """A mark's share of its maximum before rounding (the model's formula, in one place)."""
    return model.base + spread * model.slope * quality + leniency + halo + noise


def marks(rng: random.Random, model: ScoreModel, judge: Traits, quality: float,
          keys: list[tuple[str, float]]) -> dict[str, float]:
    """One judge's marks for one candidate, every judged criterion (one halo for all of them)."""
    halo = rng.gauss(0, model.halo_sd)
    out = {}
    for key, top in keys:
        share = _share(model, judge.leniency, judge.spread, quality, halo, rng.gauss(0, judge.noise_sd))
        out[key] = float(_half_points(share, top))
    return out


def marks_array(gen: np.random.Generator, model: ScoreModel, leniency, spread, noise_sd, quality,
                tops) -> np.ndarray:
    """Marks of many committees at once, the same model as ``marks``: judges' traits (N, S), the
    candidates' qualities (C,), the criteria's maxima (K,) -> (N, S, C, K)."""
    lenient, spread, noise_sd = (np.asarray(a, dtype=float)[..., None, None] for a in (leniency, spread, noise_sd))
    q = np.asarray(quality, dtype=float)[None, None, :, None]
    shape = lenient.shape[:2] + (q.shape[2], len(tops))
    halo = gen.normal(0, model.halo_sd, shape[:3])[..., None]
    share = _share(model, lenient, spread, q, halo, gen.normal(0, 1.0, shape) * noise_sd)
    return _half_points(share, np.asarray(tops, dtype=float))


def fresh_committees(gen: np.random.Generator, model: ScoreModel, category: str, rnd: str, n: int,
                     quality, provinces, tops) -> np.ndarray:
    """``n`` committees drawn anew, as the generator draws one: its seats (an outlier seat in the
    years that have one), each judge's traits from the year's population, a home province drawn
    among the candidates' provinces for each judge (that judge's marks for its own province are
    blank: a conflict of interest). Returns their marks, (n, S, C, K), NaN for a blank."""
    flags = np.array(seats(model, category, rnd))
    S = len(flags)
    lenient = np.where(flags, model.outlier_leniency, gen.normal(0, model.leniency_sd, (n, S)))
    spread = np.where(flags, model.outlier_spread, np.exp(gen.normal(0, model.spread_sd, (n, S))))
    noise = model.noise_sd * np.where(flags, model.outlier_noise, np.exp(gen.normal(0, model.erratic_sd, (n, S))))
    out = marks_array(gen, model, lenient, spread, noise, quality, tops)
    provinces = np.asarray(provinces)
    choices = np.unique(provinces)
    for i in range(n):
        homes = gen.choice(choices, size=min(S, len(choices)), replace=False)
        for s, home in enumerate(homes):
            out[i, s, provinces == home, :] = np.nan
    return out


def _mc(model: ScoreModel, seed: int):
    g = np.random.default_rng(seed)
    return {"l": g.normal(0, model.leniency_sd, MC_DRAWS), "s": np.exp(g.normal(0, model.spread_sd, MC_DRAWS)),
            "h": g.normal(0, model.halo_sd, MC_DRAWS), "e": g.normal(0, 1.0, MC_DRAWS),
            "r": np.exp(g.normal(0, model.erratic_sd, MC_DRAWS))}


def expected_marks(quality, top: float, model: ScoreModel, traits: Traits | None = None,
                   outlier: bool = False, seed: int = 0) -> np.ndarray:
    """E[mark] of each candidate (``quality`` an array) on a criterion out of ``top``: over a judge
    drawn from the year's population (``traits`` None, ``outlier`` False), over the outlier seat, or
    over halo and noise for one known judge (``traits``). Common random numbers: the same draws for
    every candidate, so expected marks keep the order of the qualities."""
    q = np.asarray(quality, dtype=float)[:, None]
    d = _mc(model, seed)
    if traits is None and outlier:
        traits = Traits(model.outlier_leniency, model.outlier_spread, model.noise_sd * model.outlier_noise, True)
    if traits is None:
        share = _share(model, d["l"], d["s"], q, d["h"], d["e"] * model.noise_sd * d["r"])
    else:
        share = _share(model, traits.leniency, traits.spread, q, d["h"], d["e"] * traits.noise_sd)
    return _half_points(share, top).mean(axis=1)


def expected_judged(quality, keys: list[tuple[str, float]], model: ScoreModel, category: str,
                    rnd: str) -> np.ndarray:
    """Expected judged points (the sum over ``keys``) of each candidate under the mean of a full
    committee drawn as the generator draws it (its outlier seat included)."""
    flags = seats(model, category, rnd)
    total = np.zeros(len(np.atleast_1d(quality)))
    for key, top in keys:
        per_seat = [expected_marks(quality, top, model, outlier=f, seed=i) for i, f in enumerate(flags)]
        total += np.mean(per_seat, axis=0)
    return total


def expected_judge_points(quality, keys: list[tuple[str, float]], model: ScoreModel,
                          traits: Traits) -> np.ndarray:
    """E[sum of one known judge's marks over ``keys``] for each candidate (over halo and noise)."""
    return sum(expected_marks(quality, top, model, traits=traits, seed=7) for _, top in keys)


def model_dict(model: ScoreModel) -> dict:
    return asdict(model)
