"""The compare step's edge: read each year's clean files and rubric, write the panel.

``run_compare`` scores the years with the score step's own functions (so the comparison needs only
the clean step), builds the panel (``compare.panel``) and writes ``<clean_dir>/compare/``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import store
from analysis.catalog import YearFolder, file
from analysis.compare.panel import (build_panel, criterion_shares, first_to_last, participation_changes,
                                    regional_summary, rubric_changes, top_movers, year_on_year)
from analysis.errors import UsageError
from analysis.rubric.load import Rubric, load_rubric, rubric_path
from analysis.score import read_cleaned, score_year
from analysis.vocab import CATEGORIES
from analysis.years import parse_years


def _read_year(clean_dir: Path, year: int, rubric: Rubric) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The year's forms and its totals, ranks and awards, scored here from the clean step's files
    with the score step's own functions (``score_year`` without the rank intervals, which the
    comparison does not use). So the comparison needs only the clean step: the batch runs it beside
    the years' score notebooks instead of after them, and the figures are the score step's figures
    (a test checks them against every year's ``results``)."""
    YearFolder(clean_dir, year).verify("submissions", "scores", rubric=rubric.path)
    subs, scores = read_cleaned(clean_dir, year)
    results = score_year(subs, scores, rubric, intervals=False)["results"]
    return subs.assign(year=year), results.assign(year=year)


def run_compare(clean_dir, years, criteria_dir="data/criteria", category: str = "individual"
                ) -> dict[str, pd.DataFrame]:
    """Read every year asked (the clean step's files: see ``_read_year``), build the panel and the
    change tables, write ``<clean_dir>/compare/panel.parquet``. ``category`` picks the category of
    the change tables."""
    if category not in CATEGORIES:
        raise UsageError(f"ไม่รู้จักประเภท {category} / unknown category {category} ({CATEGORIES})")
    clean_dir, years = Path(clean_dir), parse_years(years)
    rubrics = {y: load_rubric(rubric_path(criteria_dir, y)) for y in years}
    read = [_read_year(clean_dir, y, rubrics[y]) for y in years]
    panel = build_panel(pd.concat([s for s, _ in read], ignore_index=True),
                        pd.concat([r for _, r in read], ignore_index=True), rubrics, years)
    cleaned = {f"{y}/{file(name)}": YearFolder(clean_dir, y) / name for y in years
               for name in ("submissions", "scores")}
    with store.staged(clean_dir / "compare", "compare", inputs=cleaned,
                      rubric=[r.path for r in rubrics.values()]) as out_dir:
        panel.to_parquet(out_dir / "panel.parquet", index=False)
    change = first_to_last(panel, category)
    return {"panel": panel, "year_on_year": year_on_year(panel, category), "first_to_last": change,
            "improvers": top_movers(change, 10, "up"), "decliners": top_movers(change, 10, "down"),
            "participation_changes": participation_changes(panel),
            "regional": regional_summary(panel), "rubric_changes": rubric_changes(rubrics, category),
            "criterion_shares": criterion_shares(panel, sorted(
                {k for r in rubrics.values() for k in r[category].keys}, key=lambda k: (k[0], int(k[1:]))))}
