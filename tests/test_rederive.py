"""Totals, ranks and awards of every sample year re-derived independently (tests/rederive.py)
from submissions.parquet, scores.parquet and the rubric: they must match results.parquet."""

import pandas as pd
import pytest

from analysis.rubric import load_rubric
from conftest import CRITERIA, SAMPLE_YEARS
from rederive import rederive


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_results_match_an_independent_derivation(sample, year):
    folder = sample / "clean" / str(year)
    subs = pd.read_parquet(folder / "submissions.parquet")
    scores = pd.read_parquet(folder / "scores.parquet")
    results = pd.read_parquet(folder / "results.parquet")
    mine = rederive(subs, scores, load_rubric(CRITERIA / f"{year}.yaml"))
    mine["cand"] = mine["district_code"].fillna(mine["province_code"])
    results["cand"] = results["district_code"].fillna(results["province_code"])
    merged = results.merge(mine, on=["category", "round", "cand"], suffixes=("", "_hand"),
                           validate="one_to_one")
    complete = merged[~merged["incomplete"]]
    assert len(complete) >= 0.99 * len(merged)
    assert (complete["total"] - complete["total_hand"]).abs().max() < 0.01
    assert (complete["rank_national"].astype(int) == complete["rank_national_hand"].astype(int)).all()
    assert (complete["rank_region"].astype(int) == complete["rank_region_hand"].astype(int)).all()
    assert (merged["award"] == merged["award_hand"]).all()
    national = merged[merged["round"] == "national"]
    assert (national.groupby("category")["award"].apply(lambda a: (a != "").sum()) > 0).all()
