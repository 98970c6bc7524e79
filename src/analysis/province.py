"""One province's own report: how it did, and what went wrong with what it sent, year by year.

Every figure comes from the files the steps wrote (``results.parquet``, ``quarantine.csv``,
``set_aside.csv``, ``submissions.parquet`` of each year) and is filtered to the province, so the
province page says what the national pages say. ``province_page`` gathers the tables a page shows;
``notebooks/04_province.ipynb`` shows them.

**Which held-back rows are the province's** (``tie``): only rows of the files a province sends
(its forms, and its committee's province-round score sheets; not the national committee's sheets,
``provinces_own``). Such a row belongs to the province its own province cell names (read as the
clean step reads places, only when certain, and not Bangkok, which has no page); a row without a
readable province cell (a blank or misspelt province, Bangkok, a signature under the table, a file
that could not be opened) belongs to the province that the other rows of the same file were
accepted for, when they agree on one; failing that, to the province the file's name names, when
it names exactly one. A row tied to no province stays on the national clean page only.

The years' files are read once per process and kept (keyed by each file's size and time): a
portfolio run that makes every province's page in one kernel reads them once, and a page made
alone reads them the same way, so the two give the same page.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import places
from analysis.catalog import CSV_ENCODING, YearFolder
from analysis.errors import AnalysisError
from analysis.rubric import Rubric, load_rubric, parse_years, rubric_path
from analysis.vocab import CATEGORY_TH, REGIONS, ROUND_TH, SCOPE_TH

# What to do about each reason a row was held back, in the words sent to a province.
FIX_TH = {
    "unreadable_file": "ส่งไฟล์ใหม่ที่เปิดได้ (บันทึกเป็น .xlsx จาก Excel หรือ LibreOffice)",
    "no_header": "ใส่หัวตารางตามแบบฟอร์ม (จังหวัด อำเภอ ชื่อ-สกุล ...) ในแถวเดียว เหนือข้อมูล",
    "missing_value": "กรอกช่องที่ว่างให้ครบ",
    "bad_value": "กรอกเป็นตัวเลขหรือวันที่ตามแบบฟอร์ม (ถ้าไม่มีให้กรอก 0 ไม่ใช่ขีด)",
    "out_of_range": "ตรวจสอบค่าให้อยู่ในช่วงที่กำหนด (เช่น ร้อยละ 0–100 คะแนนไม่เกินคะแนนเต็ม)",
    "inconsistent_values": "ตรวจสอบค่าที่ขัดกัน (เช่น เรื่องที่แก้ไขแล้วมากกว่าเรื่องที่ได้รับ วันสิ้นสุดก่อนวันเริ่ม)",
    "unknown_province": "เขียนชื่อจังหวัดให้ตรงกับทะเบียนของกรมการปกครอง",
    "unknown_district": "เขียนชื่ออำเภอให้ตรงกับทะเบียนของกรมการปกครอง",
    "place_mismatch": "ตรวจสอบว่าอำเภอนี้อยู่ในจังหวัดที่กรอก",
    "ambiguous_place": "ระบุจังหวัดให้ชัดเจน (ชื่ออำเภอนี้ซ้ำกันหลายแห่ง)",
    "out_of_scope": "กรุงเทพมหานครไม่อยู่ในการประเมินนี้",
    "duplicate_superseded": "ไม่ต้องแก้: ใช้แถวที่ส่งภายหลังแทนแล้ว",
    "duplicate_conflict": "ส่งแถวเดียวต่อหนึ่งอำเภอ หรือระบุวันที่ส่งให้ต่างกัน",
    "unknown_criterion": "ใช้รหัสเกณฑ์ของปีนั้นเท่านั้น",
    "unknown_candidate": "ผู้สมัครนี้ไม่มีแบบฟอร์มที่รับไว้: ส่งแบบฟอร์มหรือแก้แบบฟอร์มที่ถูกกันไว้ก่อน",
    "conflict_of_interest": "กรรมการไม่ให้คะแนนผู้สมัครจากจังหวัดของตนเอง: เว้นว่างไว้",
    "conflicting_columns": "ลบคอลัมน์ที่ซ้ำกัน หรือทำให้สองคอลัมน์ตรงกัน",
    "filtered_row": "ยกเลิกการกรอง (ตัวกรอง) ในไฟล์ก่อนส่ง หรือลบแถวที่ไม่ต้องการ",
    "above_header": "ให้หัวตารางอยู่แถวบนสุดของตาราง และข้อมูลทุกแถวอยู่ใต้หัวตาราง",
}


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
    from rapidfuzz import process

    near = [n for n, score, _ in process.extract(text, names, limit=3) if score >= 60]
    raise AnalysisError(f"ไม่รู้จักจังหวัด '{province}'" + (f" (หรือหมายถึง {', '.join(near)})" if near else "")
                        + f" / unknown province '{province}'"
                        + (f" (did you mean {', '.join(near)}?)" if near else ""))


# ------------------------------------------------------------------------ the years' files
def _stamp(path: Path) -> tuple:
    st = path.stat()
    return (str(path.resolve()), st.st_mtime_ns, st.st_size)


@cache
def _parquet(path: str, mtime_ns: int, size: int) -> pd.DataFrame:
    return pd.read_parquet(path)


@cache
def _csv(path: str, mtime_ns: int, size: int) -> pd.DataFrame:
    return pd.read_csv(path, encoding=CSV_ENCODING, dtype=str)


def _read(folder: YearFolder, name: str) -> pd.DataFrame:
    """A dataset of the year (checked through the manifest), or an empty frame when its step has
    not run; kept while the file is unchanged."""
    if not folder.has(name):
        return pd.DataFrame()
    folder.verify(name)
    return (_parquet if name != "quarantine" and name != "set_aside" else _csv)(*_stamp(folder / name))


def year_files(clean_dir: str | Path, year: int) -> dict[str, pd.DataFrame]:
    """A year's files as the steps wrote them (empty frames for a step that did not run). Kept
    between calls: do not change them in place."""
    folder = YearFolder(clean_dir, year)
    return {name: _read(folder, name) for name in ("submissions", "scores", "results", "quarantine", "set_aside")}


# ------------------------------------------------------------------------ tying rows to a province
def _raw_cells(raw, field: str) -> list[str]:
    """The text cells of a held row (its ``raw`` JSON) whose header names ``field``, in order."""
    from analysis.headers import field_of

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


# ------------------------------------------------------------------------ the page
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


def _who(row) -> str:
    if isinstance(row.get("district_code"), str) and row["district_code"]:
        return f"อ.{places.district_name(row['district_code'])}"
    return f"จ.{places.province_name(row['province_code'])}"


def applicants_th(results: pd.DataFrame, code: str, names: bool = True) -> pd.DataFrame:
    """The province's applicants in the individual province round: points, rank in the province,
    the nominee and how often another draw of the committee would nominate the same one."""
    from analysis.score.tables import out_of_100

    f = results[(results["category"] == "individual") & (results["round"] == "province")
                & (results["province_code"] == code)].sort_values("rank_province", na_position="last")
    table = pd.DataFrame({"ลำดับในจังหวัด": f["rank_province"], "อำเภอ": f["district_name"]})
    if names:
        table["ชื่อ-สกุล"] = f["name"]
    table["คะแนนรวม"] = f["total"].round(2)
    table["ผู้ได้รับการเสนอชื่อ"] = np.where(f["nominee"], "✓", "")
    table["โอกาสได้รับการเสนอชื่อ (จาก 100)"] = out_of_100(f["p_nominee"])
    return table.reset_index(drop=True)


def national_th(results: pd.DataFrame, code: str, names: bool = True) -> pd.DataFrame:
    """The province's candidates in the national rounds (its nominee and its project): rank in the
    award scope, award, and what the award probability means."""
    from analysis.score.tables import probability_sentence

    f = results[(results["round"] == "national") & (results["province_code"] == code)]
    rows = []
    for _, r in f.sort_values("category").iterrows():
        rows.append({"ประเภท": CATEGORY_TH[r["category"]], "ผู้สมัคร": _who(r) + (
            f" {r['name']}" if names and isinstance(r.get("name"), str) and r["category"] == "individual"
            else "") + (f" {r['project_title']}" if r["category"] == "province" else ""),
            "คะแนนรวม": round(float(r["total"]), 2) if pd.notna(r["total"]) else np.nan,
            "ลำดับ": r["rank_scope"], "ลำดับใน": SCOPE_TH[r["award_scope"]].removeprefix("ลำดับ"),
            "รางวัล": r["award"] or "ไม่ได้รางวัล",
            "ความหมาย": probability_sentence(r["p_same_award"], r["p_any_award"], r["award"])})
    return pd.DataFrame(rows, columns=["ประเภท", "ผู้สมัคร", "คะแนนรวม", "ลำดับ", "ลำดับใน", "รางวัล", "ความหมาย"])


def criteria_th(results: pd.DataFrame, code: str, rubric: Rubric) -> pd.DataFrame:
    """Each criterion of the province's national-round candidates beside the mean of its region's
    and of the nation's candidates in the same round, with the criterion's name and maximum."""
    nat = results[results["round"] == "national"]
    rows = []
    for category in ("individual", "province"):
        c = nat[nat["category"] == category]
        mine = c[c["province_code"] == code]
        if mine.empty:
            continue
        region = places.region_of(code)
        for crit in rubric[category].criteria:
            rows.append({"ประเภท": CATEGORY_TH[category], "เกณฑ์": f"{crit.key} {crit.name}",
                         "คะแนนเต็ม": crit.max, "จังหวัดนี้": round(float(mine[crit.key].iloc[0]), 2),
                         f"เฉลี่ย{REGIONS[region]}": round(float(c.loc[c["region"] == region, crit.key].mean()), 2),
                         "เฉลี่ยทั้งประเทศ": round(float(c[crit.key].mean()), 2)})
    return pd.DataFrame(rows)


def held_th(q: pd.DataFrame, public: bool = False) -> pd.DataFrame:
    """The held-back rows as sent to the province: which file and row, what was found, the cell,
    and what to do."""
    if not len(q):
        return pd.DataFrame(columns=["ไฟล์", "แผ่นงาน", "แถว", "สิ่งที่พบ", "ช่อง", "ค่าที่กรอก", "ควรแก้อย่างไร"])
    fix = q["reason_code"].map(FIX_TH).fillna("")
    hint = q["suggestion"].fillna("") if "suggestion" in q else ""
    return pd.DataFrame({
        "ไฟล์": q["source_file"], "แผ่นงาน": q["source_sheet"].fillna(""),
        "แถว": pd.to_numeric(q["source_row"], errors="coerce").astype("Int64"),
        "สิ่งที่พบ": q["reason_th"], "ช่อง": q["column"].fillna(""),
        "ค่าที่กรอก": "" if public else q["value"].fillna(""),
        "ควรแก้อย่างไร": (fix + np.where(hint != "", " (" + hint + ")", "")).str.strip()}).reset_index(drop=True)


def aside_th(a: pd.DataFrame, public: bool = False) -> pd.DataFrame:
    """The rows of the province's files set aside as not an applicant's data."""
    if not len(a):
        return pd.DataFrame(columns=["ไฟล์", "แผ่นงาน", "แถว", "เหตุ", "ข้อความในแถว"])
    table = pd.DataFrame({"ไฟล์": a["source_file"], "แผ่นงาน": a["source_sheet"].fillna(""),
                          "แถว": pd.to_numeric(a["source_row"], errors="coerce").astype("Int64"),
                          "เหตุ": a["reason_th"]})
    if not public:                     # a signature block names its signer
        table["ข้อความในแถว"] = a["text"].fillna("")
    return table.reset_index(drop=True)


def trend(clean_dir, years, code: str, criteria_dir) -> pd.DataFrame:
    """Year over year: the province beside its region's mean, both categories (from the compare
    step's panel, built here from the years' results)."""
    from analysis.compare import build_panel

    years = parse_years(years)
    rubrics = {y: load_rubric(rubric_path(criteria_dir, y)) for y in years}
    files = {y: year_files(clean_dir, y) for y in years}
    subs = [f["submissions"] for f in files.values() if len(f["submissions"])]
    res = [f["results"] for f in files.values() if len(f["results"])]
    if not subs or not res:
        return pd.DataFrame()
    panel = build_panel(pd.concat(subs, ignore_index=True), pd.concat(res, ignore_index=True), rubrics, years)
    region = places.region_of(code)
    mine = panel[panel["province_code"] == code].set_index("year")
    others = panel[panel["region"] == region].groupby("year")
    return pd.DataFrame({
        "ปี พ.ศ.": [str(y) for y in mine.index],
        "ผู้สมัครประเภทบุคคล": mine["applicants"].to_numpy(),
        "อำเภอที่ส่งผู้สมัคร (ร้อยละ)": (mine["participation"] * 100).round(1).to_numpy(),
        f"ร้อยละเฉลี่ย{REGIONS[region]}": (others["participation"].mean() * 100).round(1).reindex(mine.index).to_numpy(),
        "คะแนนผู้ได้รับการเสนอชื่อ": mine["nominee_total"].round(2).to_numpy(),
        f"เฉลี่ย{REGIONS[region]}": others["nominee_total"].mean().round(2).reindex(mine.index).to_numpy(),
        "รางวัลประเภทบุคคล": mine["nominee_award"].to_numpy(),
        "คะแนนโครงการ": mine["project_total"].round(2).to_numpy(),
        f"เฉลี่ยโครงการ{REGIONS[region]}": others["project_total"].mean().round(2).reindex(mine.index).to_numpy(),
        "รางวัลโครงการ": mine["project_award"].to_numpy()})


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


def round_th(rnd: str) -> str:
    return ROUND_TH[rnd]
