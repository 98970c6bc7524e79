"""Points, totals, ranks (shared ranks included) and awards of the sample years re-derived
independently (tests/helpers/rederive.py) from submissions.parquet, scores.parquet and the rubric, under
every way of combining judges: they must equal what the score step writes."""

import dataclasses

import pandas as pd
import pytest

from analysis.rubric.load import load_rubric
from analysis.score import read_cleaned, score_year
from analysis.vocab import AGGREGATIONS
from helpers.files import CRITERIA, SAMPLE_YEARS
from helpers.rederive import rederive
from helpers.redraw import candidate, new_panel_shares


def _with(rubric, method):
    cats = {c: dataclasses.replace(r, aggregation=method) for c, r in rubric.categories.items()}
    return dataclasses.replace(rubric, categories=cats)


def _compare(results: pd.DataFrame, mine: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    mine = mine.assign(cand=mine["district_code"].fillna(mine["province_code"]))
    results = results.assign(cand=results["district_code"].fillna(results["province_code"]))
    merged = results.merge(mine, on=["category", "round", "cand"], suffixes=("", "_hand"),
                           validate="one_to_one")
    assert len(merged) == len(results)
    complete = merged[~merged["incomplete"]]
    assert len(complete) >= 0.99 * len(merged)
    for k in [*keys, "total"]:
        both = complete[[k, f"{k}_hand"]].dropna()
        assert (both[k] - both[f"{k}_hand"]).abs().max() < 1e-9, k
    for col in ("rank_national", "rank_region"):
        assert (complete[col].astype(int) == complete[f"{col}_hand"].astype(int)).all(), col
    prov = complete[complete["round"] == "province"]
    assert (prov["rank_province"].astype(int) == prov["rank_province_hand"].astype(int)).all()
    assert (merged["award"] == merged["award_hand"]).all()
    return merged


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_results_match_an_independent_derivation(sample, year):
    folder = sample / "clean" / str(year)
    subs, scores = read_cleaned(sample / "clean", year)
    results = pd.read_parquet(folder / "results.parquet")
    rubric = load_rubric(CRITERIA / f"{year}.yaml")
    keys = list(dict.fromkeys(k for c in rubric.categories.values() for k in c.keys))
    merged = _compare(results, rederive(subs, scores, rubric), keys)
    national = merged[merged["round"] == "national"]
    assert (national.groupby("category")["award"].apply(lambda a: (a != "").sum()) > 0).all()
    # shared ranks are exercised: some tie on total is broken, or shared, somewhere in the sample
    assert merged.duplicated(["category", "round", "total"]).any()


@pytest.mark.parametrize("method", [m for m in AGGREGATIONS if m != "mean"])
@pytest.mark.parametrize("year", [2565, 2567])
def test_every_aggregation_matches_the_derivation(sample, year, method):
    subs, scores = read_cleaned(sample / "clean", year)
    rubric = _with(load_rubric(CRITERIA / f"{year}.yaml"), method)
    results = score_year(subs, scores, rubric, intervals=False)["results"]
    keys = list(dict.fromkeys(k for c in rubric.categories.values() for k in c.keys))
    merged = _compare(results, rederive(subs, scores, rubric), keys)
    # the method changes something, or the test would not tell the methods apart
    plain = score_year(subs, scores, _with(rubric, "mean"), intervals=False)["results"]
    assert (plain["total"] - results["total"]).abs().max() > 1e-6
    assert len(merged)


def test_award_probabilities_match_an_independent_redraw(sample):
    """p_same_award and p_any_award of 2567's national rounds against the new-panel draws made
    independently (tests/helpers/redraw.py: judges drawn on the long score table, scored by rederive):
    within Monte Carlo error, the issue's mean |difference| of at most 0.03."""
    subs, scores = read_cleaned(sample / "clean", 2567)
    mine = new_panel_shares(subs, scores, load_rubric(CRITERIA / "2567.yaml"), pairs=40, seed=1)
    results = pd.read_parquet(sample / "clean" / "2567" / "results.parquet")
    results = results[results["round"] == "national"]
    results = results.assign(cand=candidate(results))
    m = mine.merge(results, on=["category", "cand"], suffixes=("_hand", ""), validate="one_to_one")
    assert len(m) == len(results) and (m["award"] == m["award_hand"]).all()
    assert (m["p_same"] - m["p_same_award"]).abs().mean() <= 0.03
    assert (m["p_any"] - m["p_any_award"]).abs().mean() <= 0.03
    close = m[(m["p_same_award"] > 0.05) & (m["p_same_award"] < 0.95)]     # the rows where it matters
    assert len(close) >= 10 and abs((close["p_same"] - close["p_same_award"]).mean()) <= 0.05
