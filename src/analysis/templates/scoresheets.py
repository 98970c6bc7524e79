"""Score sheets for each committee, made from what the clean step accepted.

- A province committee (individual, province round) scores its province's applicants: one
  workbook per province with applicants, one sheet per seat (``กรรมการคนที่ 1`` ...). No roster
  names a province committee's members (the roster gives national judges' home provinces, and a
  home province on a province committee would make every score a conflict of interest), so the
  seat is the judge's name in the results; the member signs under the sheet.
- The national committee scores the nominees (individual, national round) and every province's
  project (province category): one workbook each, one sheet per judge of the category's roster
  (``judges``), or per seat where there is none. The nominees are the province round's
  rank 1 (``results``'s ``nominee``) where the province round has been scored; in a
  province where it has not (or before the score step has run at all), every applicant of the
  province is listed, and the run says so.
- One column per judged criterion of the year's rubric, headed ``B1 <name> (30 คะแนน)`` (the
  reader takes the key), checked from 0 to its maximum. Criteria computed from the form (A1, A2)
  are not on the sheets. Where the roster gives a judge's home province, that judge's cells for
  candidates of that province are greyed and locked: blank, as the clean step expects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.catalog import file
from analysis import places
from analysis.read.headers import CANONICAL_HEADERS
from analysis.rubric.load import CategoryRubric
from analysis.templates.book import Book, numbered
from analysis.templates.fields import Column
from analysis.vocab import ROUND_SHEET_TH

HEADER_ROW = 3
NATIONAL_SEATS = 5  # the national committee, when no roster names it
SEAT = "กรรมการคนที่ {n}"
COI_TEXT = "งดให้คะแนน"  # a judge of the candidate's home province: not scored
WHAT = {("individual", "province"): "ท้องถิ่นอำเภอดีเด่น รอบจังหวัด",
        ("individual", "national"): "ท้องถิ่นอำเภอดีเด่น รอบประเทศ",
        ("province", "national"): "1 จังหวัด 1 พัฒนา"}


@dataclass
class Judge:
    name: str
    home: str | None = None  # home province code (the roster's), for conflicts of interest
    seat: bool = False  # a seat, not a name from a roster


@dataclass
class Committee:
    """One committee's workbook: who judges, whom, and why the list is what it is."""

    category: str
    round: str
    province_code: str | None  # a province committee's province
    judges: list[Judge]
    candidates: pd.DataFrame  # province_code, district_code, label (name or project title)
    file: str  # relative to the score-sheets folder
    notes: list[str] = field(default_factory=list)  # for the analyst (Thai / English)
    list_note: str = ""  # for the committee: who is on the list


def seats(n: int) -> list[Judge]:
    return [Judge(SEAT.format(n=i), seat=True) for i in range(1, n + 1)]


def _national_judges(roster: pd.DataFrame, category: str, year: int) -> tuple[list[Judge], list[str]]:
    rows = roster[(roster["category"] == category) & (roster["round"].isna() | (roster["round"] == "national"))] \
        if len(roster) else roster
    judges, seen = [], set()
    for name, home in zip(rows.get("judge", []), rows.get("home_province_code", [])):
        if name not in seen:
            seen.add(name)
            judges.append(Judge(name, home if isinstance(home, str) else None))
    if judges:
        return judges, []
    return seats(NATIONAL_SEATS), [
        f"{category}: ไม่มีรายชื่อกรรมการรอบประเทศ ({file('judges')}) จึงใช้ {SEAT.format(n='1')}-{NATIONAL_SEATS} "
        f"และไม่ได้ทำเครื่องหมายช่องที่มีส่วนได้ส่วนเสีย / no national roster for {category} in {year}: "
        f"{NATIONAL_SEATS} seats, and no conflict-of-interest cells marked"]


def _candidates(forms: pd.DataFrame, category: str) -> pd.DataFrame:
    f = forms[forms["category"] == category].copy()
    f["label"] = f["name" if category == "individual" else "project_title"].fillna("")
    return f.sort_values(["province_code", "district_code"] if category == "individual" else ["province_code"],
                         kind="stable")[["province_code", "district_code", "label"]].reset_index(drop=True)


def _nominees(applicants: pd.DataFrame, results: pd.DataFrame | None, year: int) -> tuple[pd.DataFrame, list[str], str]:
    """The national round's individual candidates: each province's nominee (the province round's
    rank 1), or every applicant of a province whose round has not been scored."""
    if results is None or results.empty:
        return applicants, [
            f"ยังไม่มีผลรอบจังหวัด ({file('results')}) ใบให้คะแนนรอบประเทศจึงมีผู้สมัครทุกราย ({len(applicants)} ราย) "
            f"/ no province-round results yet ({file('results')}): the national sheets list all {len(applicants)} "
            f"applicants; run the score step once the province round is cleaned, then make them again"], \
            "ยังไม่มีผลรอบจังหวัด รายชื่อนี้จึงเป็นผู้สมัครทุกรายที่รับแบบฟอร์มไว้"
    prov = results[(results["category"] == "individual") & (results["round"] == "province")]
    nominated = set(prov.loc[prov["nominee"].astype(bool), "district_code"])
    with_nominee = {d[:2] for d in nominated}
    keep = applicants["district_code"].isin(nominated) | ~applicants["province_code"].isin(with_nominee)
    without = sorted(set(applicants.loc[~applicants["province_code"].isin(with_nominee), "province_code"]))
    notes = []
    if without:
        names = ", ".join(places.province_name(p) for p in without)
        notes.append(f"จังหวัดที่ยังไม่มีผู้ได้รับการเสนอชื่อจากรอบจังหวัด ({len(without)}): {names} ใส่ผู้สมัครทุกรายของจังหวัดเหล่านี้ "
                     f"/ {len(without)} provinces have no province-round nominee yet ({names}): all their applicants are listed")
    list_note = "ผู้ที่จังหวัดเสนอชื่อ (อันดับ 1 ของรอบจังหวัด)" + (
        f" และผู้สมัครทุกรายของจังหวัดที่ยังไม่มีผลรอบจังหวัด ({len(without)} จังหวัด)" if without else "")
    return applicants[keep].reset_index(drop=True), notes, list_note


def committees(forms: pd.DataFrame, roster: pd.DataFrame, results: pd.DataFrame | None, year: int,
               province_seats: int) -> list[Committee]:
    """Every committee of the year with its judges and candidates (see the module's docstring)."""
    out = []
    applicants = _candidates(forms, "individual")
    for code, group in applicants.groupby("province_code", sort=True):
        name = places.province_name(code)
        out.append(Committee("individual", "province", code, seats(province_seats), group.reset_index(drop=True),
                             f"individual/คะแนนรอบจังหวัด_{name}_{year}.xlsx",
                             list_note=f"ผู้สมัครของจังหวัด{name}ที่รับแบบฟอร์มไว้"))
    if len(applicants):
        judges, notes = _national_judges(roster, "individual", year)
        nominees, more, list_note = _nominees(applicants, results, year)
        out.append(Committee("individual", "national", None, judges, nominees,
                             f"individual/คะแนนรอบประเทศ_ท้องถิ่นอำเภอดีเด่น_{year}.xlsx", notes + more, list_note))
    projects = _candidates(forms, "province")
    if len(projects):
        judges, notes = _national_judges(roster, "province", year)
        out.append(Committee("province", "national", None, judges, projects,
                             f"province/คะแนน_1จังหวัด1พัฒนา_{year}.xlsx", notes,
                             "โครงการของทุกจังหวัดที่รับแบบฟอร์มไว้"))
    return out


def score_columns(category: str, rubric: CategoryRubric) -> list[Column]:
    h = CANONICAL_HEADERS["score"]
    cols = [Column("row_number", h["row_number"], "row_number"), Column("judge", h["judge"], "fixed"),
            Column("round", h["round"], "fixed"), Column("province", h["province"], "fixed")]
    if category == "individual":
        cols += [Column("district", h["district"], "fixed"), Column("name", h["name"], "fixed")]
    else:
        cols.append(Column("project_title", h["project_title"], "fixed"))
    judged = [c for c in rubric.criteria if c.judged]
    for c in judged:
        cols.append(Column(f"crit:{c.key}", f"{c.key} ({c.max:g} คะแนน)\n{c.name}", "score", maximum=c.max,
                           hint=f"{c.key} {c.name}: คะแนน 0 ถึง {c.max:g} (ทศนิยมได้ เช่น {c.max * 0.75:g})"))
    cols.append(Column(None, f"รวม (เต็ม {sum(c.max for c in judged):g} คะแนน)", "total"))
    return cols


def _instructions(c: Committee, rubric: CategoryRubric, year: int) -> list[tuple[str, str]]:
    what = WHAT[(c.category, c.round)]
    where = f"จังหวัด{places.province_name(c.province_code)}" if c.province_code else "คณะกรรมการระดับประเทศ"
    judged = [k for k in rubric.criteria if k.judged]
    computed = [k for k in rubric.criteria if not k.judged]
    steps = ["กรรมการแต่ละคนกรอกคะแนนในแผ่นงานของตน (หนึ่งแผ่นงานต่อกรรมการหนึ่งคน) หนึ่งแถวต่อผู้เข้ารับการประเมินหนึ่งราย",
             "ช่องสีเทากรอกไว้ให้แล้วและแก้ไขไม่ได้ กรอกเฉพาะช่องคะแนนสีขาว เมื่อคลิกที่ช่องจะมีคำอธิบาย "
             "คะแนนเป็นตัวเลข 0 ถึงคะแนนเต็มของเกณฑ์ (ทศนิยมได้) ไม่ต้องพิมพ์คำว่า คะแนน ถ้าเกินหรือติดลบ โปรแกรมจะไม่รับ",
             "ช่องที่ไม่ได้ให้คะแนน เว้นว่างไว้ (อย่ากรอก 0 แทนช่องว่าง: 0 คือให้ 0 คะแนน)"]
    if any(j.seat for j in c.judges):
        steps.append(f"แผ่นงานตั้งชื่อตามลำดับกรรมการ ({c.judges[0].name} ถึง {c.judges[-1].name}) "
                     "ผลคะแนนจะบันทึกด้วยชื่อนี้ กรรมการแต่ละคนใช้แผ่นงานเดียวกันทุกครั้ง และลงชื่อท้ายแผ่นงาน "
                     "ถ้ามีกรรมการน้อยกว่าจำนวนแผ่นงาน ให้ลบแผ่นงานที่ไม่ใช้ออก")
    if any(j.home for j in c.judges):
        steps.append("ช่องสีเทาเข้มในแถวใด คือผู้เข้ารับการประเมินจากจังหวัดภูมิลำเนาของกรรมการ (มีส่วนได้ส่วนเสีย) "
                     f"งดให้คะแนน ช่องรวมของแถวนั้นเขียนว่า \"{COI_TEXT}\"")
    steps += ["ถ้าคัดลอกคะแนนจากที่อื่นมาวาง ให้ใช้ วางแบบพิเศษ > ค่า (Paste Special > Values) แล้วตรวจด้วยเมนู "
              "ข้อมูล > การตรวจสอบความถูกต้องของข้อมูล > วงกลมล้อมรอบข้อมูลที่ไม่ถูกต้อง",
              "บันทึกเป็นไฟล์ .xlsx แล้วส่งกลับ ไม่ต้องเปลี่ยนชื่อแผ่นงานหรือหัวตาราง"]
    lines = [("title", f"แบบบันทึกคะแนน {what} ประจำปี พ.ศ. {year}"), ("title", where), ("text", ""),
             ("head", "คำชี้แจง"), *numbered(steps), ("text", ""), ("head", "เกณฑ์ที่กรรมการให้คะแนน")]
    lines += [("text", f"• {k.key} {k.name}: เต็ม {k.max:g} คะแนน") for k in judged]
    if computed:
        lines.append(("text", "เกณฑ์ " + ", ".join(f"{k.key} ({k.max:g} คะแนน)" for k in computed)
                      + " คำนวณจากแบบฟอร์มของผู้สมัคร กรรมการไม่ต้องให้คะแนน"))
    lines += [("text", ""), ("head", f"ผู้เข้ารับการประเมิน {len(c.candidates)} ราย"), ("text", c.list_note)]
    return lines


def write_committee(path: Path, c: Committee, rubric: CategoryRubric, year: int) -> Path:
    """One committee's workbook: the instructions, then a sheet per judge (see the module)."""
    what = WHAT[(c.category, c.round)]
    book = Book(path, f"แบบบันทึกคะแนน {what} พ.ศ. {year}")
    book.instructions(_instructions(c, rubric, year))
    columns = score_columns(c.category, rubric)
    where = f"จังหวัด{places.province_name(c.province_code)}" if c.province_code else "คณะกรรมการระดับประเทศ"
    for judge in c.judges:
        ws = book.sheet(judge.name)
        book.titles(ws, [f"แบบบันทึกคะแนน {what} ประจำปี พ.ศ. {year}", f"{where} · {judge.name}"])
        rows, locked, text = [], set(), {}
        for r, cand in enumerate(c.candidates.itertuples(index=False)):
            rows.append({"row_number": r + 1, "judge": judge.name, "round": ROUND_SHEET_TH[c.round],
                         "province": places.province_name(cand.province_code),
                         "district": places.district_name(cand.district_code) if c.category == "individual" else None,
                         "name": cand.label, "project_title": cand.label})
            if judge.home and judge.home == cand.province_code:
                locked |= {(r, col.field) for col in columns if col.kind == "score"}
                text[r] = COI_TEXT
        pos = book.table(ws, columns, rows, header_row=HEADER_ROW, year=year, locked_cells=locked, locked_text=text)
        sign_col = next(i for i, col in enumerate(columns) if col.field in ("name", "project_title"))
        below = pos.last + 1  # 0-based: one blank row under the table
        ws.write_string(below, sign_col, "ลงชื่อ ........................................ กรรมการ", book.fmt())
        ws.write_string(below + 1, sign_col, "(........................................)" if judge.seat
                        else f"({judge.name})", book.fmt())
    book.close()
    return path
