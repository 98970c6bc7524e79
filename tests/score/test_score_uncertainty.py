"""How sure each award is: panel draws, award probabilities, review, weights, methods, margins.

Cases are built by hand (``builders``) so that the right answer is known without the package:
enumerated exactly where the draws can be, or true by construction (a judge's leniency shared by
every candidate of the panel cannot reverse two of them).
"""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import charts
from analysis.score import awards_th, engine, leaderboard_th
from analysis.score import judgemodel as jm
from analysis.score import uncertainty as unc
from helpers.builders import (HM, NAN, NATIONAL_JUDGES, PROVINCE_JUDGES, RUBRIC, TOP, applicant, forms, marks,
                      near_tie_year, panel, project, run, share)


def one_round(form_rows, score_rows, category="province", rnd="national", rubric=RUBRIC):
    f = engine.prepare(forms(form_rows), category)
    s = engine.prepare(pd.DataFrame(score_rows), category)
    frame, _, r = engine.score_and_rank(f, s, rubric[category], category, rnd)
    return frame, r


def with_review(rubric, category, **review):
    cat = dataclasses.replace(rubric[category], review={**rubric[category].review, **review})
    return dataclasses.replace(rubric, categories={**rubric.categories, category: cat})


# ------------------------------------------------------------------------ the draws
def test_panel_draws_seat_the_same_judges_for_every_candidate_of_a_panel():
    """Judge j of a province committee gives candidate c the score 10 * (j + 1) + c, so a drawn
    slot's values minus the candidates' offsets show which judge sat there: one judge per slot for
    the whole panel, in every draw. Judge ป2 left candidate 5002 blank: wherever ป2 sits, 5002's
    cell is blank."""
    f = [applicant(d) for d in ("5001", "5002", "5003", "5101", "5102")]
    s = []
    for j, judge in enumerate(PROVINCE_JUDGES):
        for c, d in enumerate(("5001", "5002", "5003", "5101", "5102")):
            value = NAN if (judge == "ป2" and d == "5002") else 10 * (j + 1) + c
            s += marks("individual", "province", judge, d, {"A3": value, "B1": value, "C1": value})
    frame, r = one_round(f, s, "individual", "province")
    sat = {0: set(), 1: set()}
    for drawn in unc.panel_draws(r, 300, np.random.default_rng(3)):
        a3 = drawn[..., 0]                                         # (d, S, C)
        for p in range(r.n_panels):
            cands = np.flatnonzero(r.panel == p)
            offsets = frame.loc[cands, "district_code"].map({"5001": 0, "5002": 1, "5003": 2,
                                                             "5101": 3, "5102": 4}).to_numpy()
            who = a3[:, :, cands] - offsets                        # the judge's 10 * (j + 1)
            for d in range(who.shape[0]):
                for slot in range(3):
                    seen = who[d, slot][~np.isnan(who[d, slot])]
                    assert len(set(seen)) == 1                      # one judge for the whole panel
                    sat[p].add(seen[0])
                    if seen[0] == 20 and "5002" in set(frame.loc[cands, "district_code"]):
                        at = list(frame.loc[cands, "district_code"]).index("5002")
                        assert np.isnan(a3[d, slot, cands[at]])     # ป2's blank stays blank
    assert sat == {0: {10, 20, 30}, 1: {10, 20, 30}}                # every judge is drawn


def test_a_draw_that_seats_every_judge_once_gives_the_observed_decision():
    f, s = near_tie_year()
    frame, r = one_round(f, s)
    observed = r.judged()
    for method in ("mean", "trimmed_mean", "standardised", "adjusted"):
        pts = unc.drawn_points(r, r.raw[None], r.judged(method), method)[0]
        np.testing.assert_allclose(pts, r.points(r.judged(method)))


def test_a_shared_leniency_never_reverses_two_candidates_of_one_panel():
    """Every judge scores 14 exactly 2 points above 15 on each criterion, but the judges' leniencies
    differ by up to half the scale. A panel draw seats the same judges for both, so 14 stays ahead
    in every draw: 14's ดีเด่น (rank 3) is certain and 15 never takes it. (Drawing each candidate's
    judges separately, as the score step once did, reversed them in about a third of the draws.)"""
    lenient = [0.0, 5.0, -4.0, 8.0, -6.0]
    f = [project(p) for p in ("11", "12", "14", "15")]
    s = panel("province", "national", "11", [0.95] * 5) + panel("province", "national", "12", [0.9] * 5)
    for j, shift in zip(NATIONAL_JUDGES, lenient):
        s += marks("province", "national", j, "14", {k: v + shift for k, v in share("province", 0.6).items()})
        s += marks("province", "national", j, "15", {k: v + shift - 2 for k, v in share("province", 0.6).items()})
    r = run(f, s, draws=2000)["results"].set_index("province_code")
    assert r.loc["14", "award"] == TOP and r.loc["15", "award"] == ""   # 15: rank 4 but under 75
    assert r.loc["14", "p_same_award"] == 1.0
    assert (r.loc["14", "rank_p05"], r.loc["14", "rank_p95"]) == (3, 3)
    assert (r.loc["15", "rank_p05"], r.loc["15", "rank_p95"]) == (4, 4)
    # an absolute threshold is another matter: with the most lenient judges drawn, 15 reaches
    # ชมเชย's 75 points in some draws (which judges sat does move every total)
    assert 0 < r.loc["15", "p_any_award"] < 0.2


def _draw_means(d: list[float]) -> np.ndarray:
    """The drawn judges' mean of d in each of the 5^5 equally likely panel draws."""
    return np.array([np.mean([d[i] for i in draw]) for draw in itertools.product(range(5), repeat=5)])


def _exact_shares(d: list[float]) -> tuple[float, float]:
    """Over every pair of the 5^5 equally likely panel draws (a new-panel draw: the observed mean
    difference moved by both draws' deviations, each times sqrt(5/4)): the share in which the mean
    difference is at least 0, and at most 0 (a tie on every key shares the rank, so both keep it)."""
    dev = (_draw_means(d) - np.mean(d)) * np.sqrt(5 / 4)
    new = np.mean(d) + np.add.outer(dev, dev)
    return float(np.mean(new >= -1e-9)), float(np.mean(new <= 1e-9))


def test_award_probability_matches_an_exact_enumeration_of_the_draws():
    """Two projects compete for the third ดีเด่น: judge j scores 14 d_j points above 15 on P3 (the
    rest equal), so 14 keeps the award exactly when a new panel's mean d is not negative. Every pair
    of draws of 5 from 5 is enumerated (3,125² new panels): the package's 20,000 new-panel draws
    must agree within 4 standard errors (each panel draw serves in two new-panel draws, which at
    most triples the variance: hence the sqrt(3))."""
    d = [3.0, 1.0, -2.0, -2.5, 1.5]             # mean 0.2: 14 ahead, barely
    f = [project(p) for p in ("11", "12", "14", "15")]
    s = panel("province", "national", "11", [1.0] * 5) + panel("province", "national", "12", [0.95] * 5)
    base = share("province", 0.6)
    for j, dj in zip(NATIONAL_JUDGES, d):
        s += marks("province", "national", j, "14", {**base, "P3": base["P3"] + dj / 2})
        s += marks("province", "national", j, "15", {**base, "P3": base["P3"] - dj / 2})
    keep, take = _exact_shares(d)
    r = run(f, s, draws=20000)["results"].set_index("province_code")
    se = np.sqrt(3 * keep * (1 - keep) / 20000)
    assert r.loc["14", "award"] == TOP
    assert abs(r.loc["14", "p_same_award"] - keep) < 4 * se
    assert abs(r.loc["15", "p_any_award"] - take) < 4 * se           # 15 under 75: ดีเด่น or nothing
    assert 0.5 < keep < 0.8                                           # a real contest, not a formality
    # the rank interval is the plain panel draws': 14 is 3rd when the drawn mean d is not negative
    plain = np.mean(_draw_means(d) >= -1e-9)
    assert 0.05 < 1 - plain < 0.5 and (r.loc["14", "rank_median"], r.loc["14", "rank_p95"]) == (3, 4)


def test_award_probabilities_are_deterministic_for_a_seed():
    f, s = near_tie_year()
    cols = ["p_same_award", "p_any_award", "rank_p05", "rank_median", "rank_p95", "p_same_award_weights"]
    a, b = run(f, s, seed=7)["results"][cols], run(f, s, seed=7)["results"][cols]
    pd.testing.assert_frame_equal(a, b)
    c = run(f, s, seed=8)["results"][cols]
    assert not a.equals(c)


def test_rank_intervals_come_from_the_panel_draws_alone():
    """Unanimous judges: every panel draw gives the same totals, so every interval is one rank and
    every award certain, although the weight draws do change who wins (they are reported apart)."""
    f = [project(p) for p in ("11", "12", "14", "15", "16")]
    s = []
    table = {"14": (19, 29), "15": (18, 28), "11": (20, 10), "12": (10, 20), "16": (5, 5)}
    for p, (p1, p3) in table.items():
        for j in NATIONAL_JUDGES:
            s += marks("province", "national", j, p, {"P1": p1, "P2": 15, "P3": p3, "P4": 10, "P5": 5})
    r = run(f, s, draws=500)["results"].set_index("province_code")
    assert (r["rank_p05"] == r["rank_p95"]).all() and (r["rank_p05"] == r["rank_national"]).all()
    assert (r["p_same_award"] == 1.0).all()
    # 11 and 12 tie at 60 for the third ดีเด่น (P3 gives it to 12): a heavier P1 gives it to 11
    assert r.loc["12", "award"] == TOP and r.loc["11", "award"] == ""
    assert r.loc["11", "p_same_award_weights"] < 0.9 and r.loc["12", "p_same_award_weights"] < 0.9


# ------------------------------------------------------------------------ ranking the draws
def _old_rank_within(keys, group, ranked):
    """``rank_within`` as it was before it was made fast (issue 27): one lexsort over every key.
    The package keeps that code, unchanged, as the fast path's fallback for non-finite keys
    (``_rank_within_lexsort``); called on every input, it is the reference."""
    return unc._rank_within_lexsort([np.atleast_2d(k) for k in keys], np.asarray(group),
                                    np.asarray(ranked, dtype=bool))


def _counted_ranks(keys, group, ranked):
    """The definition, one candidate at a time: 1 + how many ranked candidates of its group have a
    strictly better key tuple (Python compares tuples key by key); NaN for the unranked."""
    keys = [np.broadcast_to(np.atleast_2d(k), np.atleast_2d(keys[0]).shape) for k in keys]
    D, C = keys[0].shape
    out = np.full((D, C), np.nan)
    for d in range(D):
        tuples = [tuple(float(k[d, c]) for k in keys) for c in range(C)]
        for i in np.flatnonzero(ranked):
            out[d, i] = 1 + sum(ranked[j] and group[j] == group[i] and tuples[j] > tuples[i] for j in range(C))
    return out


# few distinct values, so that totals and tie-breaks tie often; -inf is an unknown submission date
VALUE = st.sampled_from([0.0, 1.0, 2.0, 2.5, 80.2, -0.0, -np.inf])


@st.composite
def rankings(draw, odd=st.just(False)):
    """(keys, group, ranked): 1-3 rows of 0-9 candidates, 1-4 keys, some one row broadcast over
    the rows (as ``submitted_at`` is), groups 0-2, some candidates unranked with NaN keys; with ``odd``, NaN
    and +inf may also be a ranked candidate's key and -1 its group."""
    D, C, K = draw(st.integers(1, 3)), draw(st.integers(0, 9)), draw(st.integers(1, 4))
    odd = draw(odd)
    value = st.one_of(VALUE, st.sampled_from([np.nan, np.inf])) if odd else VALUE
    ranked = np.array(draw(st.lists(st.booleans(), min_size=C, max_size=C)), dtype=bool)
    group = np.array(draw(st.lists(st.integers(-1 if odd else 0, 2), min_size=C, max_size=C)), dtype=np.intp)
    keys = []
    for k in range(K):
        rows = 1 if k and draw(st.booleans()) else D
        x = np.array(draw(st.lists(value, min_size=rows * C, max_size=rows * C)), dtype=float).reshape(rows, C)
        x = np.where(ranked | np.array(draw(st.lists(st.booleans(), min_size=C, max_size=C)), dtype=bool),
                     x, np.nan)                          # an unranked candidate's keys: any, NaN too
        keys.append(np.broadcast_to(x, (D, C)))          # as rank_keys broadcasts submitted_at
    return keys, group, ranked


@settings(max_examples=400, deadline=None)
@given(rankings())
def test_rank_within_counts_the_strictly_better_of_the_group(case):
    keys, group, ranked = case
    got = unc.rank_within(keys, group, ranked)
    assert np.array_equal(got, _counted_ranks(keys, group, ranked), equal_nan=True)
    assert np.array_equal(got, _old_rank_within(keys, group, ranked), equal_nan=True)


@settings(max_examples=400, deadline=None)
@given(rankings(odd=st.booleans()))
def test_rank_within_gives_the_old_ranks_whatever_the_keys(case):
    """NaN or +inf keys of ranked candidates (a criterion nobody of a drawn panel scored) and a
    ranked candidate in group -1: still exactly the ranks of the code before issue 27."""
    keys, group, ranked = case
    assert np.array_equal(unc.rank_within(keys, group, ranked), _old_rank_within(keys, group, ranked),
                          equal_nan=True)


def test_rank_within_of_many_draws_with_ties_is_the_old_ranking():
    """Chunk-sized: 300 draws of 70 candidates in 4 groups, totals on a 0.5 grid (ties in most
    draws) and tie-breaks that tie too, against the old code."""
    rng = np.random.default_rng(27)
    D, C = 300, 70
    total = np.round(rng.integers(100, 180, (D, C)) * 0.5, 6)
    keys = [total, rng.integers(0, 3, (D, C)).astype(float), rng.integers(0, 2, (D, C)) * 2.5,
            np.broadcast_to(np.where(rng.random(C) < 0.2, -np.inf, -rng.integers(0, 5, C) * 86400.0), (D, C))]
    group, ranked = rng.integers(0, 4, C), rng.random(C) < 0.9
    got = unc.rank_within(keys, group, ranked)
    assert np.array_equal(got, _old_rank_within(keys, group, ranked), equal_nan=True)
    assert np.array_equal(got[:5], _counted_ranks([k[:5] for k in keys], group, ranked),
                          equal_nan=True)


def _old_panel_draws(r, draws, rng):
    """``panel_draws`` before issue 27, verbatim (one fancy index of the padded cube)."""
    S, C, K = r.raw.shape
    filled = (r.seats != "").sum(axis=0)
    padded = np.concatenate([r.raw, np.full((1, C, K), np.nan)])
    cand_panel = np.where(r.panel >= 0, r.panel, 0)
    inside = np.arange(S)[:, None] < r.size[None, :]
    cols = np.arange(C)[None, None, :]
    for start in range(0, draws, unc.CHUNK):
        d = min(unc.CHUNK, draws - start)
        pick = (rng.random((d, S, max(r.n_panels, 1))) * np.maximum(filled, 1)).astype(np.intp)
        idx = np.where(inside[None], pick[:, :, cand_panel], S)
        yield padded[idx, cols, :]


def _old_award_probabilities(r, frame, draws, rng):
    """``award_probabilities`` before issue 27, verbatim but for the two functions above: every
    chunk ranked twice, once for the intervals and once for the new panels."""
    C = len(frame)
    observed = r.judged()
    points = r.points(observed)
    group, ranked = unc.scope_groups(r, frame), frame["total"].notna().to_numpy()
    sub = unc.submitted_key(frame)
    rank0 = _old_rank_within(unc.rank_keys(r, points[None], sub), group, ranked)[0]
    level0 = unc.levels(r, rank0, points.sum(axis=-1))
    scale = unc.small_sample_scale(r)
    same, anyw = np.zeros(C), np.zeros(C)
    n_levels = 1 if r.scope == "province" else len(r.rubric.award_rules)
    each = np.zeros((C, n_levels))
    ranks = []
    for drawn in _old_panel_draws(r, draws, rng):
        pts = unc.drawn_points(r, drawn, observed)
        ranks.append(_old_rank_within(unc.rank_keys(r, pts, sub), group, ranked))
        new = unc.new_panel_points(points, pts, np.roll(pts, 1, axis=0), scale)
        lv = unc.levels(r, _old_rank_within(unc.rank_keys(r, new, sub), group, ranked), new.sum(axis=-1))
        same += (lv == level0).sum(axis=0)
        anyw += (lv >= 0).sum(axis=0)
        each += (lv[..., None] == np.arange(n_levels)).sum(axis=0)
    ranks = np.concatenate(ranks) if ranks else np.full((0, C), np.nan)
    q = np.full((C, 3), np.nan)
    if draws and ranked.any():
        q[ranked] = np.quantile(ranks[:, ranked], unc.QUANTILES, axis=0, method="inverted_cdf").T
    return {"p_same": same / max(draws, 1), "p_any": anyw / max(draws, 1), "quantiles": q,
            "p_level": each / max(draws, 1), "level": level0, "rank": rank0}


@pytest.fixture(scope="module")
def sample_rounds(tmp_path_factory):
    """The three rounds of the committed sample's 2568, cleaned and scored up to the draws: a
    province round of 77 provinces' panels, an individual round ranked by region, a project round."""
    from analysis.clean import run_clean
    from analysis.rubric.load import load_rubric
    from analysis.score.year import read_cleaned
    from helpers.files import CRITERIA, ROOT

    clean = tmp_path_factory.mktemp("clean")
    rubric = load_rubric(CRITERIA / "2568.yaml")
    run_clean(ROOT / "data" / "raw", 2568, clean, rubric)
    subs, scores = read_cleaned(clean, 2568)
    rounds = []
    for category, rnd in (("individual", "province"), ("individual", "national"), ("province", "national")):
        f, s = engine.prepare(subs, category), engine.prepare(scores, category)
        frame, _, r = engine.score_and_rank(f, s, rubric[category], category, rnd)
        rounds.append((frame, r))
    return rounds


def _same(a: dict, b: dict, keys) -> None:
    for k in keys:
        assert np.array_equal(a[k], b[k], equal_nan=True), k


def test_the_draws_give_the_old_figures_to_the_last_digit(sample_rounds):
    """Issue 27 made the draws fast (each chunk's panel draws ranked only where intervals are
    asked for, a faster rank_within and gather): for the same seed, every figure of every round is
    identical to the old code's (np.array_equal, not allclose), and the same random stream is left."""
    for seed, (frame, r) in itertools.product((2564, 7), sample_rounds):
        rng_old, rng_new = np.random.default_rng(seed), np.random.default_rng(seed)
        old = _old_award_probabilities(r, frame, 1000, rng_old)
        new = unc.award_probabilities(r, frame, 1000, rng_new)
        _same(old, new, old)
        assert rng_old.random() == rng_new.random()            # the stream left as it was
        quick = unc.award_probabilities(r, frame, 1000, np.random.default_rng(seed), intervals=False,
                                        inputs=unc.ranking_inputs(r, frame))
        _same(old, quick, ["p_same", "p_any", "p_level", "level", "rank"])
        assert np.isnan(quick["quantiles"]).all()


def test_the_panel_draws_are_the_old_cubes(sample_rounds):
    frame, r = sample_rounds[0]
    for old, new in zip(_old_panel_draws(r, 450, np.random.default_rng(1)),
                        unc.panel_draws(r, 450, np.random.default_rng(1)), strict=True):
        assert np.array_equal(old, new, equal_nan=True) and new.flags.c_contiguous


def test_a_new_panel_that_leaves_a_criterion_unscored_gives_the_old_figures(sample_rounds):
    """A simulated panel (``judgemodel.as_panel``) whose judges all left one ranked candidate's
    criterion blank: its points are NaN in every draw, the case rank_within leaves to the lexsort."""
    frame, r = sample_rounds[2]
    marks = r.raw.copy()
    marks[:, 3, 1] = np.nan
    other = jm.as_panel(r, marks)
    assert frame["total"].notna().iloc[3] and np.isnan(other.points(other.judged())[3]).any()
    old = _old_award_probabilities(other, frame, 400, np.random.default_rng(5))
    _same(old, unc.award_probabilities(other, frame, 400, np.random.default_rng(5)), old)


def test_award_probabilities_of_a_built_year_are_pinned():
    """The figures of near_tie_year for seed 7, recorded from the code before issue 27."""
    f, s = near_tie_year()
    frame, r = one_round(f, s)
    u = unc.award_probabilities(r, frame, 1000, np.random.default_rng(7))
    assert frame["province_code"].tolist() == ["11", "12", "14", "15", "16", "17", "18", "19"]
    assert np.array_equal(u["p_same"], [1.0, 1.0, 0.56, 0.56, 1.0, 1.0, 1.0, 1.0])
    assert np.array_equal(u["p_any"], [1.0, 1.0, 0.995, 1.0, 0.0, 0.0, 0.0, 0.0])
    assert np.array_equal(u["p_level"], [[1.0, 0.0], [1.0, 0.0], [0.56, 0.435], [0.44, 0.56]] + [[0.0, 0.0]] * 4)
    assert np.array_equal(u["quantiles"], [[1, 1, 1], [2, 2, 2], [3, 3, 4], [3, 4, 4], [5, 5, 5], [6, 6, 6],
                                           [7, 7, 7], [8, 8, 8]])
    assert u["level"].tolist() == [0, 0, 0, 1, -1, -1, -1, -1] and u["rank"].tolist() == list(range(1, 9))


# ------------------------------------------------------------------------ review
def test_review_follows_the_probabilities_and_the_rubrics_thresholds():
    f, s = near_tie_year()
    r = run(f, s, draws=1000)["results"].set_index("province_code")
    # 14 (80.2) and 15 (79.8) trade the last ดีเด่น; 11 and 12 are far ahead, 16 far behind
    assert r.loc["14", "review_reason"] == "uncertain_award" and r.loc["14", "award_review"]
    assert r.loc["14", "p_same_award"] < 0.9
    assert not r.loc[["11", "12", "16", "17"], "award_review"].any()
    assert r.loc["11", "p_same_award"] == 1.0
    assert set(r["review_reason"]) <= {"", "uncertain_award", "possible_award"}
    strict = run(f, s, rubric=with_review(RUBRIC, "province", p_same_below=0.0, p_any_at_least=1.0),
                 draws=1000)["results"]
    assert not strict["award_review"].any()
    eager = run(f, s, rubric=with_review(RUBRIC, "province", p_same_below=1.01, p_any_at_least=0.0),
                draws=1000)["results"].set_index("province_code")
    assert eager.loc[r.index[r["award"] != ""], "award_review"].all()
    assert eager.loc["16", "review_reason"] == "possible_award"


def test_a_possible_award_is_flagged_for_the_candidate_without_one():
    """15 misses ชมเชย's 75 points by a hair while its judges disagree: another panel often gives
    it the award."""
    f = [project(p) for p in ("11", "12", "14", "15")]
    s = panel("province", "national", "11", [1.0] * 5) + panel("province", "national", "12", [0.95] * 5)
    s += panel("province", "national", "14", [0.9] * 5)
    s += panel("province", "national", "15", [0.60, 0.95, 0.70, 0.85, 0.62])       # 74.4
    r = run(f, s, draws=1000)["results"].set_index("province_code")
    assert r.loc["15", "award"] == "" and r.loc["15", "rank_national"] == 4
    assert r.loc["15", "p_any_award"] >= 0.2 and r.loc["15", "review_reason"] == "possible_award"


# ------------------------------------------------------------------------ weights and methods
def test_weight_draws_keep_proportional_totals_and_move_unequal_ones():
    f, s = near_tie_year()
    frame, r = one_round(f, s)
    w = unc.weight_sensitivity(r, frame, 300, np.random.default_rng(0))
    assert len(w["changes"]) == 300 and w["p_same"].shape == (len(frame),)
    # every candidate of near_tie_year has the same share on every criterion: weights change nothing
    assert (w["changes"] == 0).all() and (w["p_same"] == 1).all()


def test_every_method_gives_its_awards_and_the_rubrics_own_is_the_award():
    f, s = near_tie_year()
    r = run(f, s, draws=100)["results"]
    assert (r["award_mean"] == r["award"]).all()            # the 2564 rubric combines by the mean
    assert np.allclose(r["total_mean"], r["total"])
    for m in ("trimmed_mean", "standardised", "adjusted"):
        assert r[f"award_{m}"].isin([TOP, HM, ""]).all() and r[f"total_{m}"].notna().all()


# ------------------------------------------------------------------------ boundary margins
def test_boundary_margin_of_the_mean_is_the_gap_times_the_judges_and_flips_the_award():
    f, s = near_tie_year()
    out = run(f, s, draws=50)
    m = out["margins"].set_index("award")
    top = m.loc[TOP]                                      # the last ดีเด่น (14, 80.2) and 15 (79.8)
    assert (top["in_province_code"], top["out_province_code"]) == ("14", "15")
    assert top["gap"] == pytest.approx(0.4)
    # one judge's score moves a 5-judge mean by a fifth of the change: 0.4 * 5 = 2 points
    assert top["min_change"] == pytest.approx(2.0, abs=0.02)
    # applying a little more than that change to the named cell does swap the award
    judge, crit = top["change_judge"], top["change_criterion"]
    who = top["in_province_code"] if top["change_candidate"] == "in" else top["out_province_code"]
    sign = -1 if top["change_direction"] == "down" else 1
    moved = [dict(x, score=x["score"] + sign * (top["min_change"] + 0.01))
             if (x["judge"], x["province_code"], x["criterion"]) == (judge, who, crit) else x for x in s]
    after = run(f, moved, draws=10)["results"].set_index("province_code")
    before = out["results"].set_index("province_code")
    assert (after.loc[["14", "15"], "award"] != before.loc[["14", "15"], "award"]).any()
    less = [dict(x, score=x["score"] + sign * (top["min_change"] - 0.05))
            if (x["judge"], x["province_code"], x["criterion"]) == (judge, who, crit) else x for x in s]
    kept = run(f, less, draws=10)["results"].set_index("province_code")
    assert (kept.loc[["14", "15"], "award"] == before.loc[["14", "15"], "award"]).all()


# ------------------------------------------------------------------------ the award scope
def national_scope(rubric=RUBRIC):
    cat = dataclasses.replace(rubric["individual"], award_scope="national")
    return dataclasses.replace(rubric, categories={**rubric.categories, "individual": cat})


def test_national_scope_for_individuals_ranks_decides_and_shows_nationally():
    ds = ("5001", "5101", "5201", "9001", "9101")
    f = [applicant(d) for d in ds]
    s = []
    for d, frac in zip(ds, (0.9, 0.85, 0.8, 0.7, 0.6)):
        s += panel("individual", "national", d, [frac] * 5)
    r = run(f, s, rubric=national_scope(), draws=100)["results"]
    nat = r[r["round"] == "national"].set_index("district_code")
    assert (nat["award_scope"] == "national").all()
    assert (nat["rank_scope"] == nat["rank_national"]).all()
    # ranks 1, 2, 3 nationally: 9001 is 1st in the south but 4th in the nation: no ดีเด่น
    assert nat["award"].to_dict() == {"5001": TOP, "5101": HM, "5201": HM, "9001": "", "9101": ""}
    table = awards_th(r)
    assert table["ลำดับ"].tolist() == [1, 2, 3] and set(table["ขอบเขต"]) == {"ทั่วประเทศ"}
    board = leaderboard_th(r, "individual", "national")
    assert "ลำดับระดับประเทศ" in board and board["ลำดับระดับประเทศ"].tolist() == [1, 2, 3, 4, 5]
    fig = charts.rank_intervals_by_region(r, "national")
    assert len(fig.axes) == 1 and len(charts.row_names(fig.axes[0])) == 5


def test_region_scope_ranks_and_shows_by_region():
    ds = ("5001", "5101", "9001")
    f = [applicant(d) for d in ds]
    s = []
    for d, frac in zip(ds, (0.9, 0.85, 0.6)):
        s += panel("individual", "national", d, [frac] * 5)
    r = run(f, s, draws=50)["results"]
    table = awards_th(r)
    assert set(table["ขอบเขต"]) == {"ภาคเหนือ", "ภาคใต้"}
    assert table.set_index("อำเภอ")["ลำดับ"].to_dict()[r.set_index("district_code").loc["9001", "district_name"]] == 1
    assert "ลำดับในภาค" in leaderboard_th(r, "individual", "national")
