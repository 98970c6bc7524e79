"""One year: every table through its cleaner, duplicates settled, the outputs checked against
the contract's schemas and written (beside, then swapped in)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from analysis import places
from analysis.clean.common import (CATEGORIES, FORM_FIELDS, JUDGE_COLUMNS, SCORE_COLUMNS,
                                   SUBMISSION_COLUMNS)
from analysis.clean.duplicates import _candidate_label, _held_duplicates, settle_duplicates
from analysis.clean.forms import clean_forms
from analysis.clean.quarantine import _held_files, _quarantine_frame
from analysis.clean.scores import _computed_columns_noted, _kind_of, clean_rosters, clean_scores
from analysis.read import FileProblem, Table, read_year
from analysis.rubric import Rubric


# The output contract as schemas: the last guard before anything is written. A failure here is a
# bug in the cleaner (the row checks above should have held the row back), so it must be loud.
_count = pa.Column("Int64", pa.Check.ge(0), nullable=True)
SUBMISSIONS_SCHEMA = pa.DataFrameSchema(
    {
        "category": pa.Column(str, pa.Check.isin(CATEGORIES)),
        "province_code": pa.Column(str, [pa.Check.str_matches(r"^\d{2}$"), pa.Check.ne("10")]),
        "district_code": pa.Column(str, pa.Check.str_matches(r"^\d{4}$"), nullable=True),
        "report_rate": pa.Column(float, pa.Check.in_range(0, 100), nullable=True),
        "complaints_received": _count, "complaints_resolved": _count, "lao_count": _count,
        "meetings": _count, "lao_participants": _count, "beneficiaries": _count,
        "budget": pa.Column(float, pa.Check.ge(0), nullable=True),
        "source_file": pa.Column(str), "source_row": pa.Column(int, pa.Check.ge(1)),
    },
    checks=[
        pa.Check(lambda d: (d["category"] == "province") | d["district_code"].str[:2].eq(d["province_code"]),
                 error="a district must lie in its province"),
        pa.Check(lambda d: ~d.duplicated(["category", "province_code", "district_code"]),
                 error="one accepted form per candidate"),
    ],
)
SCORES_SCHEMA = pa.DataFrameSchema({
    "round": pa.Column(str, pa.Check.isin(["province", "national"])),
    "judge": pa.Column(str),
    "province_code": pa.Column(str, [pa.Check.str_matches(r"^\d{2}$"), pa.Check.ne("10")]),
    "criterion": pa.Column(str, pa.Check.str_matches(r"^[A-Z]\d{1,2}$")),
    "score": pa.Column(float, pa.Check.ge(0), nullable=True),
    "source_row": pa.Column(int, pa.Check.ge(1)),
})



@dataclass
class CleanResult:
    year: int
    submissions: pd.DataFrame
    scores: pd.DataFrame
    judges: pd.DataFrame
    quarantine: pd.DataFrame
    rows_read: pd.DataFrame  # per file and sheet: data rows seen
    ignored_files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # things set aside that are not rows



def clean_year(tables: dict[tuple[str, str], list[Table]], problems: list[tuple[str, FileProblem]],
               year: int, rubric: Rubric) -> CleanResult:
    """Clean one year: ``tables[(category, folder)]`` as read, file problems as found."""
    subs, scores, judges, held, notes = [], [], [], [], []
    for category in CATEGORIES:
        accepted, q = clean_forms(tables.get((category, "submissions"), []), category, year)
        held += q
        key = ["district_code"] if category == "individual" else ["province_code"]
        keep, dups = settle_duplicates(accepted, key, [f for f, _, _ in FORM_FIELDS[category]],
                                       _candidate_label(category))
        held += _held_duplicates(accepted, dups, year, category, "submission")
        forms = accepted.frame(keep) if len(accepted.record) else pd.DataFrame()
        score_tables = tables.get((category, "scores"), [])
        notes += _computed_columns_noted(score_tables, rubric[category])
        roster, q = clean_rosters([t for t in score_tables if _kind_of(t) == "roster"], category, year)
        held += q
        sc, q = clean_scores([t for t in score_tables if _kind_of(t) == "score"], category, year,
                             rubric[category], forms, roster)
        held += q
        subs.append(forms)
        scores.append(sc)
        judges.append(roster)
    held += _held_files(problems, year)
    submissions = _finish_submissions(pd.concat([s for s in subs if not s.empty] or [pd.DataFrame()]), year)
    quarantine = _quarantine_frame(held)
    score_frame = pd.concat([s for s in scores if not s.empty] or [pd.DataFrame(columns=SCORE_COLUMNS)])
    score_frame = score_frame.astype({"score": "float64", "source_row": "int64"}).reset_index(drop=True)
    if not submissions.empty:
        SUBMISSIONS_SCHEMA.validate(submissions)
    if not score_frame.empty:
        SCORES_SCHEMA.validate(score_frame)
    return CleanResult(
        year=year, submissions=submissions, scores=score_frame,
        judges=pd.concat(judges).reset_index(drop=True) if judges else pd.DataFrame(columns=JUDGE_COLUMNS),
        quarantine=quarantine, rows_read=_rows_read(tables, problems), notes=notes)


def _finish_submissions(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """Names and region from the codes, fixed column order and types."""
    frame = frame.reindex(columns=SUBMISSION_COLUMNS)
    if frame.empty:
        return frame
    frame["year"] = year
    frame["province_name"] = frame["province_code"].map(places.province_name)
    frame["district_name"] = frame["district_code"].map(
        lambda c: places.district_name(c) if isinstance(c, str) else None)
    frame["region"] = frame["province_code"].map(places.region_of)
    for f in ("lao_count", "meetings", "complaints_received", "complaints_resolved",
              "lao_participants", "beneficiaries"):
        frame[f] = frame[f].astype("Int64")
    for f in ("report_rate", "budget"):
        frame[f] = frame[f].astype("float64")
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"])
    frame["source_row"] = frame["source_row"].astype("int64")
    return frame.sort_values(["category", "province_code", "district_code"], kind="stable",
                             na_position="first").reset_index(drop=True)


def _rows_read(tables, problems) -> pd.DataFrame:
    rows = [{"category": c, "folder": f, "source_file": t.source_file, "source_sheet": t.sheet,
             "header_row": t.header_row, "rows": len(t.rows)}
            for (c, f), ts in tables.items() for t in ts]
    rows += [{"category": c, "folder": None, "source_file": p.source_file, "source_sheet": p.sheet,
              "header_row": None, "rows": len(p.rows)} for c, p in problems]
    return pd.DataFrame(rows, columns=["category", "folder", "source_file", "source_sheet",
                                       "header_row", "rows"])



def write_clean(result: CleanResult, out_dir: str | Path) -> Path:
    """Write the year's outputs to ``out_dir/<year>/`` (the output contract)."""
    target = Path(out_dir) / str(result.year)
    target.mkdir(parents=True, exist_ok=True)
    result.submissions.to_parquet(target / "submissions.parquet", index=False)
    result.scores.to_parquet(target / "scores.parquet", index=False)
    result.judges.to_parquet(target / "judges.parquet", index=False)
    # UTF-8 with a BOM: Thai Excel opens it with the right characters on a double-click. Raw
    # values come from the forms, so formula-like text is neutralised before Excel sees it.
    from analysis.report import neutralise

    quarantine = result.quarantine.copy()
    for col in ("value", "suggestion", "reason_th", "reason_en", "column", "source_file",
                "source_sheet"):
        # once per distinct text (copies of a held row repeat theirs); code -1 is a blank cell
        codes, texts = pd.factorize(quarantine[col])
        quarantine[col] = np.array([neutralise(t) for t in texts] + [None], dtype=object)[codes]
    quarantine.to_csv(target / "quarantine.csv", index=False, encoding="utf-8-sig")
    return target


def run_clean(raw_dir: str | Path, year: int, out_dir: str | Path, rubric: Rubric) -> CleanResult:
    tables, problems, ignored = read_year(raw_dir, year)
    result = clean_year(tables, problems, year, rubric)
    result.ignored_files = ignored
    write_clean(result, out_dir)
    return result
