"""Provinces year over year: who improved, who slipped, who stopped or started taking part.

``panel`` is the computation (pure functions of DataFrames), ``tables`` the same frames in Thai,
``year`` the edge (``run_compare`` reads each year's clean files and rubrics, scores them with the
score step's functions and writes ``compare/panel.parquet``).

The *panel* has one row per in-scope province (76, Bangkok excluded) per year asked, whether the
province took part or not; a province that did not take part has ``participated`` False, zero
applicants and NaN scores. How to read the changes:

- Totals are out of 100 every year, so a total delta is comparable even across rubric changes.
- Criteria are compared as a *share* of that year's maximum (``share_A1`` = points / max), matched
  by the stable criterion key. A key that exists in only one of two years is **not comparable**
  and is never compared (``comparable_criteria`` says which and why).
- Rank delta = earlier rank - later rank: **positive = moved up** (improved), negative = slipped.
  Ranks are among that year's national-round candidates, so the field size can differ by year.
"""

from analysis.compare.panel import (CHANGE_TH, MEASURES, build_panel, comparable_criteria, criterion_changes,
                                    criterion_shares, first_to_last, participation_changes, regional_summary,
                                    rubric_changes, top_movers, year_on_year)
from analysis.compare.tables import (comparable_th, movers_th, participation_changes_th, participation_th,
                                     regional_th, shares_th)
from analysis.compare.year import run_compare

__all__ = ["CHANGE_TH", "MEASURES", "build_panel", "comparable_criteria", "comparable_th", "criterion_changes",
           "criterion_shares", "first_to_last", "movers_th", "participation_changes", "participation_changes_th",
           "participation_th", "regional_summary", "regional_th", "rubric_changes", "run_compare", "shares_th",
           "top_movers", "year_on_year"]
