"""The forms each province fills in: แบบ 2 (one row per applicant, ท้องถิ่นอำเภอดีเด่น) and แบบ 4
(the province's one project, 1 จังหวัด 1 พัฒนา).

แบบ 2 has as many rows as the province has districts (no province can send more applicants), each
with its number and the province written in and locked, and the district to choose from a list of
the province's districts (geothai, through ``places``). A row nobody fills keeps only what the
template put there, which the clean step sets aside as ``template_unfilled``: the province does not
delete the rows it does not use. The list of districts sits on a sheet of its own, visible and
locked: a hidden sheet would be reported by the clean step as a hidden sheet of every form.
"""

from __future__ import annotations

from pathlib import Path

from analysis import places
from analysis.clean.common import FIELD_LABELS
from analysis.clean.forms import submission_window
from analysis.rubric.load import CategoryRubric, Rubric
from analysis.templates.book import INSTRUCTIONS, Book, numbered
from analysis.templates.fields import Column, be, form_columns, input_message

FORMS = {"individual": ("แบบ 2", "แบบรายงานผลการดำเนินงานของผู้สมัครคัดเลือกท้องถิ่นอำเภอดีเด่น"),
         "province": ("แบบ 4", "แบบรายงานโครงการ 1 จังหวัด 1 พัฒนา")}
LIST_SHEET = "รายชื่ออำเภอ"
HEADER_ROW = 3  # 0-based: a title, the province, a blank row, then the header


def file_name(category: str, province_name: str, year: int) -> str:
    return f"{FORMS[category][0].replace(' ', '')}_{province_name}_{year}.xlsx"


def _criteria_lines(rubric: CategoryRubric | None, year: int, rubric_year: int | None) -> list[tuple[str, str]]:
    """What the year's criteria take from this form, and what the committees judge."""
    if rubric is None or rubric_year != year:
        return []  # another year's criteria would tell the province what may not hold this year
    lines = [("head", f"เกณฑ์การประเมิน ประจำปี พ.ศ. {year}")]
    for c in rubric.criteria:
        if c.computed:
            spec = c.computed
            used = [spec["field"]] if "field" in spec else list(spec.get("ratio", ()))
            how = "คำนวณจากช่อง " + " และ ".join(FIELD_LABELS.get(f, f) for f in used) + " ของแบบฟอร์มนี้"
        else:
            how = "คณะกรรมการให้คะแนน"
        lines.append(("text", f"• {c.key} {c.name} ({c.max:g} คะแนน): {how}"))
    return lines


def _instructions(category: str, province: str, year: int, columns: list[Column], n_rows: int,
                  rubric: CategoryRubric | None, rubric_year: int | None) -> list[tuple[str, str]]:
    code, title = FORMS[category]
    first, last = submission_window(year)
    steps = [f"กรอกในแผ่นงาน \"{code}\" หนึ่งแถวต่อผู้สมัครหนึ่งราย (ท้องถิ่นอำเภอของอำเภอหนึ่ง) มีให้ {n_rows} แถว "
             "เท่าจำนวนอำเภอของจังหวัด แถวที่ไม่ใช้ปล่อยไว้ตามเดิม ไม่ต้องลบ" if category == "individual" else
             f"กรอกโครงการที่จังหวัดเสนอ 1 โครงการ ในแถวของแผ่นงาน \"{code}\"",
             "ช่องสีเทา (ลำดับ และจังหวัด) กรอกไว้ให้แล้วและแก้ไขไม่ได้ กรอกเฉพาะช่องสีขาว "
             "เมื่อคลิกที่ช่องจะมีคำอธิบายวิธีกรอก ถ้ากรอกผิดรูปแบบ โปรแกรมจะไม่รับค่านั้นและบอกเหตุผล"]
    if category == "individual":
        steps.append(f"อำเภอ: เลือกจากรายการ (คลิกลูกศรที่ช่อง) รายชื่ออำเภอทั้งหมดอยู่ในแผ่นงาน "
                     f"\"{LIST_SHEET}\" อำเภอที่เลือกซ้ำกันจะเป็นสีส้ม")
    steps += [
        "ช่องที่หัวตารางมีเครื่องหมาย * ต้องกรอก เมื่อเริ่มกรอกแถวใดแล้ว ช่องที่ต้องกรอกซึ่งยังว่างจะเป็นสีส้มอ่อน",
        "ตัวเลข: ไม่ต้องพิมพ์หน่วยหรือข้อความ (พิมพ์ 12 ไม่ใช่ 12 ครั้ง) ถ้าไม่มีให้กรอก 0 ไม่ใช้ขีด (-) "
        "ร้อยละพิมพ์ตัวเลข 0 ถึง 100 ไม่ต้องพิมพ์ %",
        "วันที่: พิมพ์ วัน/เดือน/ปี ช่องจะแสดงเป็น พ.ศ. (เช่น 19 ก.ค. 2569) ถ้าเครื่องตั้งปฏิทินไทยให้พิมพ์ปี พ.ศ. "
        "ถ้าพิมพ์ปี พ.ศ. แล้วโปรแกรมไม่รับ ให้พิมพ์ปี ค.ศ. (พ.ศ. ลบ 543 เช่น 19/7/2026) "
        f"วันที่ส่งต้องอยู่ระหว่าง {be(first)} ถึง {be(last)}",
        "ถ้าคัดลอกข้อมูลจากที่อื่นมาวาง ให้ใช้ วางแบบพิเศษ > ค่า (Paste Special > Values) "
        "เพราะค่าที่วางไม่ผ่านการตรวจ และการวางแบบปกติจะลบการตรวจของช่องนั้น เมื่อกรอกเสร็จให้ตรวจอีกครั้งด้วยเมนู "
        "ข้อมูล > การตรวจสอบความถูกต้องของข้อมูล > วงกลมล้อมรอบข้อมูลที่ไม่ถูกต้อง (Data > Data Validation > Circle Invalid Data)",
        "ไม่ต้องเปลี่ยนชื่อแผ่นงานหรือหัวตาราง บันทึกเป็นไฟล์ .xlsx แล้วส่งกลับตามที่กรมส่งเสริมการปกครองท้องถิ่นกำหนด "
        "สำนักงานที่ใช้ LibreOffice เปิดและบันทึกไฟล์นี้ได้ (เป็น .xlsx หรือ .ods) การตรวจข้อมูลยังอยู่ครบ",
    ]
    lines = [("title", f"{code} {title} ประจำปี พ.ศ. {year}"), ("title", f"จังหวัด{province}"), ("text", ""),
             ("head", "คำชี้แจง"), *numbered(steps), ("text", ""), ("head", "ช่องของแบบฟอร์ม")]
    for c in columns:
        if c.kind == "row_number":
            continue
        what = f"{province} (กรอกไว้ให้แล้ว)" if c.kind == "fixed" else input_message(c)
        lines.append(("text", f"• {c.header}{' *' if c.required else ''}: {what}"))
    criteria = _criteria_lines(rubric, year, rubric_year)
    return lines + ([("text", "")] + criteria if criteria else [])


def write_form(path: Path, category: str, province_code: str, year: int, rubric: Rubric | None,
               rubric_year: int | None) -> Path:
    """One province's form of ``category`` for B.E. ``year``, written to ``path``. ``rubric``: the
    year's (or, with ``rubric_year`` another year, the latest one there is, for the required
    fields only; None: none at all)."""
    province = places.province_name(province_code)
    cat_rubric = rubric[category] if rubric else None
    columns = form_columns(category, cat_rubric)
    districts = places.districts()
    names = districts.loc[districts["province_code"] == province_code, "district_name"].tolist()
    n_rows = len(names) if category == "individual" else 1
    code, title = FORMS[category]
    book = Book(path, f"{code} {title} พ.ศ. {year} จังหวัด{province}")
    book.instructions(_instructions(category, province, year, columns, n_rows, cat_rubric, rubric_year))
    ws = book.sheet(code)
    book.titles(ws, [f"{code} {title} ประจำปี พ.ศ. {year}",
                     f"จังหวัด{province} (คำชี้แจงอยู่ในแผ่นงาน \"{INSTRUCTIONS}\")"])
    rows = [{"row_number": i + 1, "province": province} for i in range(n_rows)]
    source = None
    if category == "individual":
        source = f"='{LIST_SHEET}'!$A$2:$A${len(names) + 1}"
    book.table(ws, columns, rows, header_row=HEADER_ROW, year=year, district_list=source, province_name=province)
    ws.print_area(0, 0, HEADER_ROW + n_rows, len(columns) - 1)
    if category == "individual":
        lst = book.sheet(LIST_SHEET)
        lst.set_column(0, 0, 34)
        lst.write_string(0, 0, f"อำเภอในจังหวัด{province} (รายการให้เลือกในแผ่นงาน {code})", book.fmt(bold=True))
        for i, name in enumerate(names, start=1):
            lst.write_string(i, 0, name, book.fmt())
        lst.protect("", {"select_locked_cells": True})
    book.close()
    return path
