"""For an analyst exploring in JupyterLab: a year's tidy frames, and one place's rows through the steps.

``load`` gives a year's files as pandas frames with the package's column names (what ``query``
and ``groupby`` need); ``thai`` relabels any of them in Thai for reading. ``trace`` follows one
province or one district through the steps: the rows of the files it sent (accepted, held back,
set aside), the judges' scores, the points, the rank and the award, so that a question like "why
did อ.ท่าวังผา get ชมเชย and not ดีเด่น?" is answered in one cell. ``raw_rows`` shows an
accepted form's row as the province typed it, read again from its file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import places
from analysis.province import facts as prov
from analysis.catalog import YearFolder
from analysis.score.year import criterion_columns
from analysis.vocab import CATEGORY_TH, REGIONS, ROUND_TH
from analysis.read.files import read_file

# Thai labels of the columns people read (the rest keep their names).
LABELS_TH = {
    "year": "ปี พ.ศ.", "category": "ประเภท", "round": "รอบ", "province_code": "รหัสจังหวัด",
    "province_name": "จังหวัด", "district_code": "รหัสอำเภอ", "district_name": "อำเภอ", "region": "ภาค",
    "name": "ชื่อ-สกุล", "project_title": "ชื่อโครงการ", "judge": "กรรมการ", "criterion": "เกณฑ์",
    "score": "คะแนน", "total": "คะแนนรวม", "rank_national": "ลำดับระดับประเทศ", "rank_region": "ลำดับในภาค",
    "rank_province": "ลำดับในจังหวัด", "rank_scope": "ลำดับที่ใช้ตัดสิน", "award": "รางวัล",
    "nominee": "ผู้ได้รับการเสนอชื่อ", "p_same_award": "โอกาสได้รางวัลเดิม", "p_any_award": "โอกาสได้รางวัล",
    "p_nominee": "โอกาสได้รับการเสนอชื่อ", "award_review": "ควรทบทวน", "review_reason": "เหตุที่ควรทบทวน",
    "source_file": "ไฟล์", "source_sheet": "แผ่นงาน", "source_row": "แถว", "reason_code": "รหัสเหตุผล",
    "reason_th": "เหตุผล", "column": "ช่อง", "value": "ค่าที่กรอก", "suggestion": "ข้อเสนอแนะ",
    "report_rate": "ร้อยละการรายงานตรงเวลา", "complaints_received": "เรื่องร้องเรียนที่ได้รับ",
    "complaints_resolved": "เรื่องร้องเรียนที่แก้ไขแล้ว", "submitted_at": "วันที่ส่ง", "n_judges": "จำนวนกรรมการ",
    "mean": "ค่าเฉลี่ย", "aggregated": "คะแนนที่ใช้", "spread": "ส่วนต่าง",
}


def load(clean_dir: str | Path, year: int) -> dict[str, pd.DataFrame]:
    """A year's files as the steps wrote them: ``submissions``, ``scores``, ``results``,
    ``judging``, ``quarantine``, ``set_aside`` (empty when a step did not run)."""
    out = dict(prov.year_files(clean_dir, year))
    judging = YearFolder(clean_dir, year).read_if("judging")
    out["judging"] = pd.DataFrame() if judging is None else judging
    return {k: v.copy() for k, v in out.items()}


def thai(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with Thai column labels and Thai category and round values, for reading."""
    out = frame.copy()
    if "category" in out:
        out["category"] = out["category"].map(CATEGORY_TH).fillna(out["category"])
    if "round" in out:
        out["round"] = out["round"].map(ROUND_TH).fillna(out["round"])
    if "region" in out:
        out["region"] = out["region"].map(REGIONS).fillna(out["region"])
    return out.rename(columns=LABELS_TH)


def _district_code(text, province_code: str | None) -> str | None:
    """A district's code from its code (5506) or its name (ท่าวังผา, อ.ท่าวังผา) inside the province."""
    text = str(text).strip()
    if text.isdigit() and places.district_name(text):
        return text
    if province_code is None:
        return None
    place = places.resolve(places.province_name(province_code), text)
    return place.district_code


def trace(clean_dir: str | Path, year: int, province=None, district=None) -> dict[str, pd.DataFrame]:
    """One province (``province``: a code or a name) or one of its districts (``district``) through
    the year's steps: ``forms`` (its accepted forms, with file and row), ``held`` and ``aside``
    (rows of its own files held back or set aside as not data), ``scores`` (the judges' scores, one
    row per judge and criterion), ``results`` (points, total, ranks, award, probabilities)."""
    code = prov.code_of(province) if province not in (None, "") else None
    dcode = _district_code(district, code) if district not in (None, "") else None
    if dcode and not code:
        code = dcode[:2]
    files = load(clean_dir, year)
    held, aside = prov.held_back(clean_dir, year, code) if code else (pd.DataFrame(), pd.DataFrame())

    def mine(frame: pd.DataFrame) -> pd.DataFrame:
        if not len(frame):
            return frame
        if dcode:
            return frame[frame["district_code"] == dcode]
        return frame[frame["province_code"] == code]

    if dcode and len(held):          # the district's own rows, when they name it
        held = held[held["raw"].fillna("").str.contains(places.district_name(dcode) or "\0", regex=False)]
    keep_forms = ["category", "province_code", "district_code", "name", "project_title", "report_rate",
                  "complaints_received", "complaints_resolved", "submitted_at", "source_file", "source_sheet",
                  "source_row"]
    keep_results = ["category", "round", "province_code", "district_code", "district_name", "name",
                    "project_title", "total", "rank_province",
                    "rank_region", "rank_national", "rank_scope", "award", "p_same_award", "p_any_award",
                    "p_nominee", "review_reason"]
    forms = mine(files["submissions"])
    results = mine(files["results"])
    criteria = criterion_columns(results)
    return {"forms": forms.reindex(columns=keep_forms),
            "held": held, "aside": aside,
            "scores": mine(files["scores"]).assign(district_name=lambda f: f["district_code"].map(places.district_name))
                      .reindex(columns=["category", "round", "judge", "district_code", "district_name", "criterion",
                                        "score", "source_file", "source_row"]),
            "results": results.reindex(columns=keep_results[:7] + criteria + keep_results[7:])}


def raw_rows(raw_dir: str | Path, year: int, forms: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``forms`` (accepted forms, with ``source_file``, ``source_sheet`` and
    ``source_row``) as they are in the province's file: one row each, its cells under the file's
    own headers. Read again from ``<raw_dir>/<year>/``, so what the clean step made of a cell can
    be set beside what was typed."""
    folder = Path(raw_dir) / str(year)
    out = []
    for source_file, rows in forms.groupby("source_file", sort=True):
        wanted = {(None if pd.isna(s) else s, int(r)) for s, r in zip(rows["source_sheet"], rows["source_row"])}
        tables, _ = read_file(folder / source_file, source_file, year=year)
        for table in tables:
            for row, cells in table.rows:
                if (table.sheet, row) in wanted:
                    out.append({"source_file": source_file, "source_sheet": table.sheet, "source_row": row,
                                **{h: c for h, c in zip(table.headers, cells) if h}})
    return pd.DataFrame(out)
