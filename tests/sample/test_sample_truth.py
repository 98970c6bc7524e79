"""The cleaner against the sample generator's truth: every row where it should be, every value right.

The bar is the issue's: no row resolved to a wrong place or wrongly accepted, nothing lost, at
least 99% of resolvable rows resolved and 99% of field values right.
"""

import filecmp
from pathlib import Path

import pytest

from helpers.files import ROOT, SAMPLE_YEARS
from helpers.truth import compare

def _same_tree(a: Path, b: Path) -> list[str]:
    cmp = filecmp.dircmp(a, b)
    diffs = cmp.left_only + cmp.right_only + cmp.diff_files
    return diffs + [d for sub in cmp.common_dirs for d in _same_tree(a / sub, b / sub)]


def test_committed_sample_is_what_the_generator_makes(sample):
    assert _same_tree(sample / "raw", ROOT / "data" / "raw") == []


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_clean_meets_the_bar_on_the_sample(sample, year):
    r = compare(sample / "clean", sample / "truth", year)
    assert r["wrong_accepts"] == []
    assert r["wrong_place"] == []
    assert r["lost"] == []
    assert r["resolved_share"] >= 0.99, r["missed"][:5]
    assert r["field_share"] >= 0.99, r["field_errors"][:5]
    assert r["reason_mismatch"] == []
    # rows that are not data (totals, signature blocks, a hidden stale sheet) are set aside,
    # none of them in the quarantine, and nothing else is set aside
    assert r["not_set_aside"] == [] and r["wrongly_set_aside"] == [] and r["twice"] == []
