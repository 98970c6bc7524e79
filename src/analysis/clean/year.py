"""One year: every table through its cleaner, duplicates settled, the outputs checked against
the contract's schemas and written (beside, then swapped in)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from analysis.catalog import CSV_ENCODING, file
from analysis import places, store
from analysis.clean.facts import clean_facts
from analysis.clean.common import (CATEGORIES, FORM_FIELDS, JUDGE_COLUMNS, SCORE_COLUMNS,
                                   SET_ASIDE_COLUMNS, SUBMISSION_COLUMNS)
from analysis.clean.duplicates import _candidate_label, _held_duplicates, settle_duplicates
from analysis.clean.forms import clean_forms
from analysis.clean.quarantine import _aside_files, _held_files, _quarantine_frame
from analysis.clean.scores import _computed_columns_noted, _kind_of, clean_rosters, clean_scores
from analysis.read.files import FileProblem, Table, read_year
from analysis.rubric.load import Rubric
from analysis.render.xlsx import neutralise


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



COLUMN_COLUMNS = ["category", "source_file", "source_sheet", "column", "header", "why", "field"]


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
    # rows that are not data (SET_ASIDE_COLUMNS): totals, notes, signatures, hidden sheets and rows
    set_aside: pd.DataFrame = field(default_factory=lambda: _quarantine_frame([], SET_ASIDE_COLUMNS))
    # columns not read as a field (COLUMN_COLUMNS): unmapped, hidden, weaker copies, other years
    columns: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COLUMN_COLUMNS))



def clean_year(tables: dict[tuple[str, str], list[Table]], problems: list[tuple[str, FileProblem]],
               year: int, rubric: Rubric) -> CleanResult:
    """Clean one year: ``tables[(category, folder)]`` as read, file problems as found."""
    subs, scores, judges, held, notes, aside = [], [], [], [], [], []
    for category in CATEGORIES:
        accepted, q, a, later = clean_forms(tables.get((category, "submissions"), []), category, year)
        held += q
        aside += a
        key = ["district_code"] if category == "individual" else ["province_code"]
        keep, dups = settle_duplicates(accepted, key, [f for f, _, _ in FORM_FIELDS[category]],
                                       _candidate_label(category), later)
        held += _held_duplicates(accepted, dups, year, category, "submission")
        forms = accepted.frame(keep) if len(accepted.record) else pd.DataFrame()
        score_tables = tables.get((category, "scores"), [])
        notes += _computed_columns_noted(score_tables, rubric[category])
        roster, q, a = clean_rosters([t for t in score_tables if _kind_of(t) == "roster"], category, year)
        held += q
        aside += a
        sc, q, a = clean_scores([t for t in score_tables if _kind_of(t) == "score"], category, year,
                                rubric[category], forms, roster)
        held += q
        aside += a
        subs.append(forms)
        scores.append(sc)
        judges.append(roster)
    held += _held_files(problems, year)
    kinds = {(c, t.source_file): ("submission" if f == "submissions" else _kind_of(t))
             for (c, f), ts in tables.items() for t in ts}
    kinds.update({(c, p.source_file): "submission" if "/submissions/" in f"/{p.source_file}" else "score"
                  for c, p in problems if (c, p.source_file) not in kinds})
    aside += _aside_files(problems, year, kinds)
    notes += [n for ts in tables.values() for t in ts for n in t.notes]
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
        quarantine=quarantine, rows_read=_rows_read(tables, problems), notes=notes,
        set_aside=_quarantine_frame(aside, SET_ASIDE_COLUMNS), columns=_columns_frame(tables))


def _columns_frame(tables) -> pd.DataFrame:
    """Every column of every table that is not read as a field, and why (``read.Column``)."""
    rows = [{"category": c, "source_file": t.source_file, "source_sheet": t.sheet, "column": col.letter,
             "header": col.header, "why": col.why, "field": col.field}
            for (c, _f), ts in tables.items() for t in ts for col in t.columns]
    return pd.DataFrame(rows, columns=COLUMN_COLUMNS)


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
             "header_row": t.header_row, "rows": len(t.rows) + len(t.hidden_rows) + len(t.filtered_rows)
             + len(t.above_rows)}
            for (c, f), ts in tables.items() for t in ts]
    rows += [{"category": c, "folder": None, "source_file": p.source_file, "source_sheet": p.sheet,
              "header_row": None, "rows": len(p.rows)} for c, p in problems]
    return pd.DataFrame(rows, columns=["category", "folder", "source_file", "source_sheet",
                                       "header_row", "rows"])



def write_clean(result: CleanResult, out_dir: str | Path) -> Path:
    """Write the year's outputs to ``out_dir/<year>/`` (the output contract). Each file is
    written beside its place and then moved in, so a reader never sees half of one."""
    target = Path(out_dir) / str(result.year)
    target.mkdir(parents=True, exist_ok=True)

    def swap(name, write):
        part = target / f".{name}.part"
        write(part)
        os.replace(part, target / name)

    swap(file("submissions"), lambda p: result.submissions.to_parquet(p, index=False))
    swap(file("scores"), lambda p: result.scores.to_parquet(p, index=False))
    swap(file("judges"), lambda p: result.judges.to_parquet(p, index=False))
    # UTF-8 with a BOM: Thai Excel opens it with the right characters on a double-click. Raw
    # values come from the forms, so formula-like text is neutralised before Excel sees it.
    quarantine = _neutralised(result.quarantine, ("value", "suggestion", "reason_th", "reason_en",
                                                  "column", "source_file", "source_sheet"))
    swap(file("quarantine"), lambda p: quarantine.to_csv(p, index=False, encoding=CSV_ENCODING))
    aside = _neutralised(result.set_aside, ("text", "reason_th", "reason_en", "source_file", "source_sheet"))
    swap(file("set_aside"), lambda p: aside.to_csv(p, index=False, encoding=CSV_ENCODING))
    return target


def _neutralised(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """Text columns with formula-like text made inert (``render.xlsx.neutralise``), once per distinct text."""
    frame = frame.copy()
    for col in columns:
        # once per distinct text (copies of a held row repeat theirs); code -1 is a blank cell
        codes, texts = pd.factorize(frame[col])
        frame[col] = np.array([neutralise(t) for t in texts] + [None], dtype=object)[codes]
    return frame


def run_clean(raw_dir: str | Path, year: int, out_dir: str | Path, rubric: Rubric) -> CleanResult:
    tables, problems, ignored = read_year(raw_dir, year)  # year: a header naming another year is known
    result = clean_year(tables, problems, year, rubric)
    result.ignored_files = ignored
    with store.staged(Path(out_dir) / str(year), "clean", inputs=Path(raw_dir) / str(year),
                      rubric=rubric.path, facts=clean_facts(result)) as staged:
        write_clean(result, staged.parent)  # into <staged.parent>/<year>: the folder swapped in whole
    return result
