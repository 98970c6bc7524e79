"""Which rows are a province's, year by year: its forms, its results and what was held back.

How a held row is tied to a province: see the package's docstring (``analysis.province``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pandas as pd
from rapidfuzz import process

from analysis import places
from analysis.catalog import DATASETS, YearFolder
from analysis.errors import UsageError
from analysis.read.headers import field_of
from analysis.years import parse_years


def code_of(province) -> str:
    """A province's DOPA code from its code (57) or its name as people write it (เชียงราย,
    จ.เชียงราย, Chiang Rai); an error in Thai and English, with the nearest names, otherwise."""
    text = str(province).strip()
    if text.isdigit() and places.province_name(text.zfill(2)) and text.zfill(2) != places.BANGKOK:
        return text.zfill(2)
    code, _ = places.read_province(text)
    if code and code != places.BANGKOK:
        return code
    names = places.provinces()["province_name"].tolist()
    near = [n for n, score, _ in process.extract(text, names, limit=3) if score >= 60]
    raise UsageError(f"ไม่รู้จักจังหวัด '{province}'" + (f" (หรือหมายถึง {', '.join(near)})" if near else "")
                        + f" / unknown province '{province}'"
                        + (f" (did you mean {', '.join(near)}?)" if near else ""))


def _stamp(path: Path) -> tuple:
    st = path.stat()
    return (str(path.resolve()), st.st_mtime_ns, st.st_size)


@cache
def _cached(folder: YearFolder, name: str, stamp: tuple) -> pd.DataFrame:
    # the held rows' cells as typed (text), every other dataset as the steps wrote it
    return folder.read(name, verified=True, dtype=str if DATASETS[name].kind == "csv" else None)


def _read(folder: YearFolder, name: str) -> pd.DataFrame:
    """A dataset of the year (checked through the manifest), or an empty frame when its step has
    not run; kept while the file is unchanged."""
    if not folder.has(name):
        return pd.DataFrame()
    folder.verify(name)
    return _cached(folder, name, _stamp(folder / name))


def year_files(clean_dir: str | Path, year: int) -> dict[str, pd.DataFrame]:
    """A year's files as the steps wrote them (empty frames for a step that did not run). Kept
    between calls: do not change them in place."""
    folder = YearFolder(clean_dir, year)
    return {name: _read(folder, name) for name in ("submissions", "scores", "results", "quarantine", "set_aside")}


def _raw_cells(raw, field: str) -> list[str]:
    """The text cells of a held row (its ``raw`` JSON) whose header names ``field``, in order."""
    if not isinstance(raw, str) or not raw.startswith("{"):
        return []
    try:
        row = json.loads(raw)
    except ValueError:
        return []
    return [v for h, v in row.items() if field_of(h) == field and isinstance(v, str)]


def _province_cell(raw) -> str | None:
    """The province a held row's own province cell names, when certain."""
    for value in _raw_cells(raw, "province"):
        code, _ = places.read_province(value)
        if code and code != places.BANGKOK:       # Bangkok has no page: the file's province says
            return code
    return None


@cache
def _named_in(path: str) -> str | None:
    """The one province a file's path names (แบบ2_น่าน.xlsx), or None."""
    found = {c for c, n in zip(places.provinces()["province_code"], places.provinces()["province_name"])
             if n in path}
    # a name inside another (a province whose name contains another's) counts once, the longer
    found = {c for c in found if not any(c != o and places.province_name(c) in places.province_name(o)
                                         for o in found)}
    return found.pop() if len(found) == 1 else None


def tie(rows: pd.DataFrame, accepted: pd.DataFrame) -> pd.Series:
    """The province each held or set-aside row belongs to (see the module docstring), None when
    none is certain. ``accepted``: the year's accepted forms and score rows (``source_file``,
    ``province_code``)."""
    if not len(rows):
        return pd.Series([], dtype=object)
    own = rows["raw"].map(_province_cell) if "raw" in rows else pd.Series(None, index=rows.index)
    by_file = {}
    if len(accepted):
        counts = accepted.groupby("source_file")["province_code"].agg(lambda s: s.dropna().unique())
        by_file = {f: v[0] for f, v in counts.items() if len(v) == 1}
    from_file = rows["source_file"].map(by_file)
    from_name = rows["source_file"].map(lambda f: _named_in(f) if isinstance(f, str) else None)
    out = own.where(own.notna(), from_file)
    return out.where(out.notna(), from_name).astype(object).where(lambda s: s.notna(), None)


def _accepted(files: dict) -> pd.DataFrame:
    parts = [files[k][["source_file", "province_code"]] for k in ("submissions", "scores") if len(files[k])]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["source_file", "province_code"])


def _round_cell(raw) -> str | None:
    """The round a held score row's own รอบ cell names (province / national), when it says."""
    for value in _raw_cells(raw, "round")[:1]:
        return "province" if "จังหวัด" in value else "national" if "ประเทศ" in value else None
    return None


def provinces_own(rows: pd.DataFrame, scores: pd.DataFrame) -> pd.Series:
    """Which rows come from files a province sent: its forms (both categories) and its committee's
    province-round score sheets; not the national committee's sheets and rosters."""
    if not len(rows):
        return pd.Series([], dtype=bool)
    rounds = {}
    if len(scores):
        by = scores.groupby("source_file")["round"].agg(lambda s: set(s.dropna()))
        rounds = {f: next(iter(v)) for f, v in by.items() if len(v) == 1}
    kind = rows["kind"].fillna("") if "kind" in rows else pd.Series("submission", index=rows.index)
    rnd = rows["source_file"].map(rounds)
    if "raw" in rows:
        rnd = rnd.where(rnd.notna(), rows["raw"].map(_round_cell))
    province_sheet = (kind == "score") & (rows["category"] == "individual") & (rnd == "province")
    return (kind == "submission") | province_sheet


def _owners(clean_dir, year: int) -> tuple[pd.Series, pd.Series]:
    """For the year's quarantine and set-aside rows: the province each belongs to, when it comes
    from a file a province sent (``provinces_own``) and is tied to one (``tie``); else None. Worked
    out once per version of the year's files (every province's page asks)."""
    folder = YearFolder(clean_dir, year)
    stamps = tuple(_stamp(folder / n) if folder.has(n) else None
                   for n in ("quarantine", "set_aside", "submissions", "scores"))
    return _owners_of(str(folder.path), stamps)


@cache
def _owners_of(folder: str, stamps) -> tuple[pd.Series, pd.Series]:
    files = year_files(Path(folder).parent, int(Path(folder).name))
    accepted = _accepted(files)
    out = []
    for rows in (files["quarantine"], files["set_aside"]):
        if not len(rows):
            out.append(pd.Series([], dtype=object))
            continue
        owner = tie(rows, accepted)
        out.append(owner.where(provinces_own(rows, files["scores"]).to_numpy(), None))
    return out[0], out[1]


def held_back(clean_dir, year: int, code: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The quarantine rows and the set-aside rows of a year, from the files the province sent,
    tied to the province (``tie``)."""
    files = year_files(clean_dir, year)
    q_owner, a_owner = _owners(clean_dir, year)
    q, a = files["quarantine"], files["set_aside"]
    return (q[(q_owner == code).to_numpy()] if len(q) else q,
            a[(a_owner == code).to_numpy()] if len(a) else a)


def took_part(clean_dir, years, code: str) -> list[int]:
    """The years in which the province sent anything (a form, or rows tied to it)."""
    out = []
    for y in parse_years(years):
        f = year_files(clean_dir, y)
        sent = len(f["submissions"]) and (f["submissions"]["province_code"] == code).any()
        q, a = held_back(clean_dir, y, code)
        if sent or len(q) or len(a):
            out.append(y)
    return out


def provinces_that_took_part(clean_dir, years) -> list[str]:
    """Every province with a form, or a row tied to it, in any of the years: the pages to make."""
    found = set()
    for y in parse_years(years):
        f = year_files(clean_dir, y)
        if len(f["submissions"]):
            found |= set(f["submissions"]["province_code"].dropna())
        for owner in _owners(clean_dir, y):
            found |= {c for c in owner.dropna() if c != places.BANGKOK}
    return sorted(found)
