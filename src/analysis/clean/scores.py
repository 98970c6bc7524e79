"""Judges' score sheets (long form, a blank kept as a missing score) and rosters (judge, home
province, for conflicts of interest)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.clean.common import (FIELD_LABELS, JUDGE_COLUMNS, SCORE_COLUMNS, SCORE_RECORD,
                                   Problem, _cell_key, _cells, _merged, _place_problem, _resolve_places)
from analysis.clean.duplicates import _candidate_label, _held_duplicates, settle_duplicates
from analysis.clean.quarantine import Held, _aside_row, _hidden_rows, _quarantine_row
from analysis.clean.rows import Verdicts, distinct_rows
from analysis.clean.values import _per_value, parse_column
from analysis.read.files import Table
from analysis.rubric.load import CategoryRubric
from analysis.read.thai import clean_text
from analysis.vocab import ROUND_SHEET_TH


def _parse_round(value, category: str) -> tuple[str | None, Problem | None]:
    text = (clean_text(value) or "").lower()
    if not text:
        if category == "province":
            return "national", None  # the province category has only the national round
        return None, Problem("missing_value", "ไม่ได้กรอกรอบการประเมิน", "the round is blank",
                             FIELD_LABELS["round"])
    if any(w in text for w in ("ประเทศ", "national", "ส่วนกลาง")):
        return "national", None
    if any(w in text for w in ("จังหวัด", "province")) and category == "individual":
        return "province", None
    return None, Problem("bad_value", f"รอบ '{value}' ไม่ใช่ จังหวัด หรือ ประเทศ",
                         f"round '{value}' is neither จังหวัด (province) nor ประเทศ (national)",
                         FIELD_LABELS["round"], value)


def clean_rosters(tables: list[Table], category: str, year: int) -> tuple[pd.DataFrame, list[Held], list[Held]]:
    """Judges' rosters (judge, home province): used to check conflicts of interest.

    Each distinct row of a table is checked once and its verdict given to every copy.
    """
    records, gathered = [], Verdicts()
    for table in tables:
        t = distinct_rows(table)
        rows, cols = t.rows, t.cols
        held, aside = _hidden_rows(table, year, category, "roster")
        gathered.held += held
        gathered.aside += aside
        not_data = t.not_data(table, "roster")
        resolved = _resolve_places(rows, cols, False, table.province_hint)
        verdicts = []  # per distinct row: its quarantine entry, or its index in records
        for i, cells in enumerate(rows):
            if i in not_data:
                verdicts.append(_aside_row(year, category, "roster", table.source_file, table.sheet,
                                           cells[:len(table.headers)], not_data[i]))
                continue
            judge = clean_text(cells[cols["judge"]]) if "judge" in cols else None
            place = resolved[i]
            problem = t.conflicts.get(i)  # columns that disagree come first: nothing else is sure
            if not problem and not judge:
                problem = Problem("missing_value", "ไม่ได้กรอกชื่อกรรมการ", "the judge is blank", "กรรมการ")
            elif not problem and place.problem and place.problem != "out_of_scope":
                problem = _place_problem(place, cells[cols["province"]], None)
            if problem:
                verdicts.append(_quarantine_row(year, category, "roster", table, None, cells, problem))
                continue
            rnd = _parse_round(cells[cols["round"]], category)[0] if "round" in cols else None
            verdicts.append(len(records))
            records.append({"year": year, "category": category, "judge": judge,
                            "home_province_code": place.province_code, "round": rnd,
                            "source_file": table.source_file, "source_sheet": table.sheet})
        gathered.add(t, verdicts)
    accepted, held = gathered.accepted(pd.DataFrame(records), []), gathered.held
    if not len(accepted.record):
        return pd.DataFrame(columns=JUDGE_COLUMNS), held, gathered.aside
    return accepted.frame()[JUDGE_COLUMNS], held, gathered.aside


def clean_scores(tables: list[Table], category: str, year: int, rubric: CategoryRubric,
                 forms: pd.DataFrame, roster: pd.DataFrame) -> tuple[pd.DataFrame, list[Held], list[Held]]:
    """Judges' score sheets to long form: one row per judge, candidate and criterion.

    A blank cell is a score not given (a judge does not score candidates from the home
    province): it is kept as a missing score, never a zero. A row is held back when any of
    its cells is wrong, so that a candidate is never scored on part of a judge's sheet.
    Each distinct row of a table is checked once and its verdict given to every copy.
    """
    need_district = category == "individual"
    judged_keys = rubric.judged_keys
    judged = set(judged_keys)
    maxima = {c.key: c.max for c in rubric.criteria}
    key = "district_code" if need_district else "province_code"
    known = set(forms[key]) if not forms.empty else set()
    home = dict(zip(roster["judge"], roster["home_province_code"])) if not roster.empty else {}
    records, sources, gathered = [], [], Verdicts()
    for table in tables:
        t = distinct_rows(table)
        rows, cols = t.rows, t.cols
        held, aside = _hidden_rows(table, year, category, "score")
        gathered.held += held
        gathered.aside += aside
        not_data = t.not_data(table, "score")
        # A computed criterion's column (A1, A2) is the form's business: a value a committee
        # wrote there is ignored (clean_year notes it), never a reason to hold the judge's row.
        crit_cols = {f[5:]: i for f, i in cols.items()
                     if f.startswith("crit:") and (f[5:] in judged or f[5:] not in maxima)}
        scores = {k: parse_column(_cells(rows, i), "score", k) for k, i in crit_cols.items()}
        resolved = _resolve_places(rows, cols, need_district, table.province_hint)
        judges = _per_value(clean_text, _cells(rows, cols.get("judge")))
        rounds = _per_value(lambda v: _parse_round(v, category), _cells(rows, cols.get("round")))
        verdicts = []  # per distinct row: its quarantine entry, or its index in records
        for i, cells in enumerate(rows):
            if i in not_data:
                verdicts.append(_aside_row(year, category, "score", table.source_file, table.sheet,
                                           cells[:len(table.headers)], not_data[i]))
                continue
            if i in t.conflicts:  # what the row says is unsure: nothing more is read from it
                verdicts.append(_quarantine_row(year, category, "score", table, None, cells,
                                                t.conflicts[i]))
                continue
            problems = []
            judge = judges[i]
            if not judge:
                problems.append(Problem("missing_value", "ไม่ได้กรอกชื่อกรรมการ", "the judge is blank",
                                        FIELD_LABELS["judge"]))
            rnd, prob = rounds[i]
            if prob:
                problems.append(prob)
            place = resolved[i]
            if place.problem:
                problems.append(_place_problem(
                    place, cells[cols["province"]] if "province" in cols else None,
                    cells[cols["district"]] if "district" in cols else None))
            values = {}
            for k, (parsed, probs) in scores.items():
                v, prob = parsed[i], probs[i]
                if prob:
                    problems.append(prob)
                elif v is None:
                    continue
                elif k not in maxima:
                    problems.append(Problem(
                        "unknown_criterion", f"คอลัมน์ {k} ไม่ใช่เกณฑ์ในปี {year}",
                        f"column {k} is not a criterion of {year}", k, v,
                        f"เกณฑ์ที่มี: {', '.join(judged_keys)}"))
                elif not 0 <= v <= maxima[k]:
                    problems.append(Problem(
                        "out_of_range", f"คะแนน {k} = {v:g} อยู่นอกช่วง 0-{maxima[k]:g}",
                        f"score {k} = {v:g} is outside 0-{maxima[k]:g}", k, v))
                else:
                    values[k] = float(v)
            if not problems and place.province_code and judge in home and \
                    home[judge] == place.province_code and values:
                problems.append(Problem(
                    "conflict_of_interest",
                    f"กรรมการ {judge} ให้คะแนนผู้สมัครจากจังหวัดภูมิลำเนาของตน",
                    f"judge {judge} scored a candidate from their own home province", "กรรมการ", judge))
            cand = place.district_code if need_district else place.province_code
            if not problems and cand not in known:
                problems.append(Problem(
                    "unknown_candidate",
                    f"ไม่มีแบบฟอร์มที่รับไว้ของ {_candidate_label(category)({'district_code': place.district_code, 'province_code': place.province_code})}",
                    f"no accepted form for this candidate ({cand})",
                    FIELD_LABELS["district" if need_district else "province"], cand))
            if problems:
                verdicts.append(_quarantine_row(year, category, "score", table, None, cells,
                                                _merged(problems)))
                continue
            verdicts.append(len(records))
            records.append((year, category, rnd, judge, place.province_code, place.district_code,
                            table.source_file, table.sheet, *[values.get(k, np.nan) for k in judged_keys]))
            sources.append((table, cells))
        gathered.add(t, verdicts)
    # A record is a tuple, not a dict: a sheet can hold a million distinct rows.
    accepted = gathered.accepted(pd.DataFrame(records, columns=SCORE_RECORD + judged_keys), sources)
    held = gathered.held
    del records  # the frame holds them now
    if not len(accepted.record):
        return pd.DataFrame(columns=SCORE_COLUMNS), held, gathered.aside
    keep, dups = settle_duplicates(
        accepted, ["round", "judge", "province_code", "district_code"], judged_keys,
        lambda r: f"คะแนนของกรรมการ {r['judge']} รอบ{ROUND_SHEET_TH[r['round']]} สำหรับ "
                  f"{_candidate_label(category)(r)}")
    held += _held_duplicates(accepted, dups, year, category, "score")
    frame = accepted.frame(keep)
    long = frame.melt(id_vars=[c for c in frame.columns if c not in judged],
                      value_vars=judged_keys, var_name="criterion", value_name="score")
    return long[SCORE_COLUMNS].sort_values(
        ["round", "province_code", "district_code", "judge", "criterion"], kind="stable"
    ).reset_index(drop=True), held, gathered.aside


def _distinct_values(values) -> list:
    """Each distinct (type, value) once, in order of first appearance."""
    return list({_cell_key(v): v for v in values}.values())


def _computed_columns_noted(tables: list[Table], rubric: CategoryRubric) -> list[str]:
    """Score-sheet columns for criteria computed from the form, where a committee wrote values."""
    computed = {c.key for c in rubric.criteria if not c.judged}
    notes = []
    for t in tables:
        for i, f in enumerate(t.fields):
            if f and f.startswith("crit:") and f[5:] in computed and any(
                    clean_text(v) for v in _distinct_values(cells[i] for _, cells in t.rows)):
                notes.append(f"{t.source_file}: คอลัมน์ {f[5:]} ไม่ได้ใช้ เพราะคำนวณจากแบบฟอร์ม / "
                             f"column {f[5:]} ignored: it is computed from the form")
    return notes


def _kind_of(table: Table) -> str:
    """A table in a scores folder is a score sheet if it has criterion columns, else a roster."""
    return "score" if any(f and f.startswith("crit:") for f in table.fields) else "roster"
