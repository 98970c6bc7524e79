"""The cleaner against the sample generator's truth: every row where it should be, every value right.

The bar is the issue's: no row resolved to a wrong place or wrongly accepted, nothing lost, at
least 99% of resolvable rows resolved and 99% of field values right.
"""

import filecmp
from pathlib import Path

import pytest

from analysis.clean import run_clean
from analysis.rubric import load_rubric
from analysis.sample import generate
from conftest import CRITERIA, ROOT
from truth import compare

YEARS = (2564, 2565, 2566, 2567, 2568)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    base = tmp_path_factory.mktemp("sample")
    generate(base / "raw", years=YEARS, truth_dir=base / "truth", criteria_dir=CRITERIA)
    for year in YEARS:
        run_clean(base / "raw", year, base / "clean", load_rubric(CRITERIA / f"{year}.yaml"))
    return base


def _same_tree(a: Path, b: Path) -> list[str]:
    cmp = filecmp.dircmp(a, b)
    diffs = cmp.left_only + cmp.right_only + cmp.diff_files
    return diffs + [d for sub in cmp.common_dirs for d in _same_tree(a / sub, b / sub)]


def test_committed_sample_is_what_the_generator_makes(sample):
    assert _same_tree(sample / "raw", ROOT / "data" / "raw") == []


@pytest.mark.parametrize("year", YEARS)
def test_clean_meets_the_bar_on_the_sample(sample, year):
    r = compare(sample / "clean", sample / "truth", year)
    assert r["wrong_accepts"] == []
    assert r["wrong_place"] == []
    assert r["lost"] == []
    assert r["resolved_share"] >= 0.99, r["missed"][:5]
    assert r["field_share"] >= 0.99, r["field_errors"][:5]
    assert r["reason_mismatch"] == []
