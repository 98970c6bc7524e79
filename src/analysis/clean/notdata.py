"""Rows that are plainly not an applicant's data: totals, notes, signature blocks, repeated
headers, column numbers, rows of a template left unfilled.

Provinces type these under (or inside) the table, and each would otherwise reach the quarantine
as an applicant with a strange province. They are listed apart (``set_aside``), with why.
The rule for each is strict, because a real applicant's row must never land here: every filled
cell of the row must be explained by the rule (a signature row holds nothing but ``ลงชื่อ``,
dots, a name in brackets, ``ตำแหน่ง`` or ``โทร.`` lines), and a row that holds a figure, a place,
a date or a name outside a signature is not set aside by any rule. When in doubt the row goes
on to the checks, and from there to the quarantine.
"""

from __future__ import annotations

import re

from analysis import places
from analysis.grammar.tests import is_keyboard_run, is_test_marker
from analysis.read.headers import annotation_row, header_key, match
from analysis.read.files import Table
from analysis.read.thai import clean_text, thai_digits_to_arabic

# code -> (Thai, English): why a row is not data
NOT_DATA = {
    "hidden_sheet": ("อยู่ในแผ่นงานที่ถูกซ่อน", "on a hidden sheet"),
    "hidden_row": ("แถวที่ถูกซ่อนในไฟล์", "a row hidden in the workbook"),
    "total_row": ("แถวผลรวมหรือค่าเฉลี่ย", "a total or average row"),
    "note_row": ("หมายเหตุหรือคำรับรองใต้ตาราง", "a note or certification under the table"),
    "signature_block": ("ส่วนลงชื่อผู้รายงาน (ลงชื่อ ตำแหน่ง โทร.)", "a signature block (signed, position, phone)"),
    "repeated_header": ("หัวตารางซ้ำ", "a header repeated inside the table"),
    "column_numbers": ("แถวเลขลำดับคอลัมน์", "a row numbering the columns"),
    "separator_row": ("แถวเส้นคั่น (มีแต่ขีดหรือจุด)", "a separator line (dashes or dots only)"),
    "example_row": ("แถวตัวอย่างการกรอก", "a filling-in example"),
    "test_response": ("คำตอบทดสอบหรือทดลองกรอกแบบฟอร์ม (เช่น 'ทดสอบ', 'test', 'ลองกรอก')",
                      "a test or trial response to the form ('ทดสอบ', 'test', 'ลองกรอก')"),
    "template_unfilled": ("แถวของแบบฟอร์มที่ยังไม่ได้กรอก (มีแต่ค่าที่พิมพ์ไว้ล่วงหน้า เช่น ลำดับ จังหวัด อำเภอ)",
                          "a template row left unfilled (only pre-filled cells: number, province, district)"),
}

_TOTAL = re.compile(r"^(?:รวมทั้งสิ้น|รวมทั้งหมด|รวมทั้งจังหวัด|รวมทั้งประเทศ|รวมทุกอำเภอ|รวมจำนวน|ยอดรวม|ผลรวม|รวม"
                    r"|คะแนนเฉลี่ย|ค่าเฉลี่ย|เฉลี่ย|grand\s*total|total|sum|average|mean)(?=$|[\s:()\-=]|\d)", re.I)
_NOTE = re.compile(r"^(?:\*|※|หมายเหตุ|หมายเหต|ข้อสังเกต|แหล่งที่มา|ที่มา\s*:|แหล่งข้อมูล|ข้อมูล\s*ณ|คำอธิบาย"
                   r"|ข้าพเจ้าขอรับรอง|ขอรับรอง|รับรองว่า|note|remark)", re.I)
_SIGN = re.compile(r"^\(?\s*(?:ลงชื่อ|ลงนาม|ลายมือชื่อ)|(?:ผู้รายงาน|ผู้รับรอง(?:ข้อมูล)?|ผู้ตรวจสอบ(?:ข้อมูล)?|ผู้จัดทำ|"
                   r"ผู้กรอก(?:ข้อมูล)?|ผู้ประสานงาน|ผู้อนุมัติ|ผู้บันทึก(?:ข้อมูล)?|ผู้ให้ข้อมูล|ผู้เสนอ|ผู้ส่ง(?:ข้อมูล)?)\s*\)?$"
                   r"|^(?:ตำแหน่ง|โทร|โทรศัพท์|มือถือ|หมายเลขโทรศัพท์|เบอร์โทร|โทรสาร|แฟกซ์|fax|tel|e-?mail|อีเมล|ไลน์|line\s*id)",
                   re.I)
_DOTS = re.compile(r"^[\s.…_\-–—=*~·•]+$")
_IN_BRACKETS = re.compile(r"^\(\s*[^()]{0,80}\)$")
_OFFICE = re.compile(r"^(?:ท้องถิ่นจังหวัด|ท้องถิ่นอำเภอ|นายอำเภอ|ผู้ว่าราชการจังหวัด|รองผู้ว่าราชการจังหวัด|ปลัดจังหวัด|"
                     r"หัวหน้า|ผู้อำนวยการ|นักส่งเสริมการปกครองท้องถิ่น|นักวิเคราะห์|นักจัดการงานทั่วไป|เจ้าพนักงาน|"
                     r"รักษาราชการแทน|ปฏิบัติราชการแทน|รักษาการ|ประธานกรรมการ|กรรมการและเลขานุการ|เลขานุการ|"
                     r"วันที่\s*[.…_\d])")
_EXAMPLE = re.compile(r"^[(\[]?\s*(?:ตัวอย่าง|ตย\.|example|e\.g\.)", re.I)
_PLACEHOLDER = re.compile(r"^(?:[\s.…_\-–—]+|[(\[]?\s*(?:ระบุ|กรอก)[^()]{0,20}[)\]]?)$")
_PERSON = re.compile(r"^(?:นาย|นาง|นางสาว|น\.ส\.|ว่าที่|ดร\.)\S")
# What a template's formula shows in a row nobody filled (in a column that is no field).
_FORMULA_BLANKS = {"0", "0.00", "0.0", "-", "#DIV/0!", "#N/A", "#VALUE!"}
# Cells a test marker is looked for in: free text, and columns that name no field (a note). A place
# is never one ("ลอง" is a district of แพร่).
_FREE_TEXT = {None, "name", "surname", "name_title", "position", "work_title", "project_title", "judge"}
# Fields that say who or what a row is about: typed as a keyboard run, the row is a test.
_IDENTITY = {"name", "surname", "project_title", "work_title", "judge"}
# Fields a template fills in before it is sent out; a row holding nothing else is unfilled.
PRE_FILLED = {"row_number", "province", "district", "position"}


def _texts(cells: list) -> list[tuple[int, object, str]]:
    out = []
    for c, v in enumerate(cells):
        text = clean_text(v)
        if text is not None:
            out.append((c, v, thai_digits_to_arabic(text)))
    return out


def _number(v, text: str) -> float | None:
    """A whole number of at most four digits (a column's number), or None."""
    if isinstance(v, bool):
        return None
    try:
        n = float(v) if isinstance(v, (int, float)) else float(text.strip("()[]").replace(",", ""))
    except (ValueError, OverflowError):
        return None
    return n if n == n and abs(n) < 10_000 and n == int(n) else None


def _footer_cell(text: str) -> str | None:
    """What kind of footer text a cell holds: sign, note, office (a title line, or a name alone:
    not data only under a signature), dots, or None."""
    if _DOTS.match(text):
        return "dots"
    if _SIGN.search(text) or _IN_BRACKETS.match(text):
        return "sign"
    if _OFFICE.match(text) or (_PERSON.match(text) and len(text) <= 60):
        return "office"
    return None


def classify(table: Table, cols: dict[str, int], cells: list, kind: str) -> str | None:
    """The not-data code of one row of ``table`` (``kind``: submission, score or roster), or
    None when it may be data. ``office`` is conditional: a title line (``ท้องถิ่นจังหวัด...``)
    that is not data only under a signature (``signature_after``)."""
    filled = _texts(cells[:len(table.headers)])
    if not filled:
        return None
    texts = [t for _, _, t in filled]
    fields = {c: table.fields[c] if c < len(table.fields) else None for c, _, _ in filled}
    # a separator: dashes, dots or stars only
    if all(_DOTS.match(t) for t in texts):
        return "separator_row"
    # a filling-in example: the row says so where its number would be ("ตัวอย่าง", "ตย.")
    first = next((t for c, _, t in filled if fields[c] in ("row_number", None) or c == filled[0][0]), "")
    if _EXAMPLE.match(first):
        return "example_row"
    # a test or trial response (a form export keeps them): a cell that says so, or a name or title
    # typed as a keyboard run. A real answer from the same district, before or after it, is kept.
    if any(is_test_marker(t) for c, v, t in filled if isinstance(v, str) and fields[c] in _FREE_TEXT) or any(
            fields[c] in _IDENTITY and is_keyboard_run(t) for c, v, t in filled if isinstance(v, str)):
        return "test_response"
    # the header again (a page break, or a second table pasted under the first)
    same = sum(1 for c, _, t in filled if c < len(table.headers) and table.headers[c]
               and header_key(t) and header_key(t) in header_key(table.headers[c]))
    if same >= 2 and same * 2 >= len(filled) and not any(_substance(t) for t in texts):
        return "repeated_header"
    named = sum(1 for t in texts if (m := match(t)).field and m.strength >= 2)
    if named >= 2 and not any(_substance(t) for t in texts):
        return "repeated_header"
    # numbers of the columns: 1 2 3 ... or (1) (2) (3) ...
    numbers = [_number(v, t) for _, v, t in filled]
    if len(filled) >= 3 and all(n is not None for n in numbers) and all(
            b - a == 1 for a, b in zip(numbers, numbers[1:])) and (annotation_row(cells) or numbers[0] in (0, 1)):
        return "column_numbers"
    # a total or an average: the word in some cell, and no one's name or project beside it
    if any(_TOTAL.match(t) for t in texts):
        identity = [c for c in ("district", "name", "project_title", "work_title") if c in cols]
        if all(_TOTAL.match(thai_digits_to_arabic(clean_text(cells[cols[f]]) or "")) or clean_text(cells[cols[f]]) is None
               for f in identity):
            return "total_row"
    # a note or a certification: the row starts with it, and holds no figure or place
    if _NOTE.match(texts[0]) and len(filled) <= 3 and not any(_substance(t) for t in texts[1:]):
        return "note_row"
    # a signature block: every filled cell is part of one
    kinds = [_footer_cell(t) for t in texts]
    if any(re.match(r"^\(?\s*(?:ลงชื่อ|ลงนาม)", t) for t in texts):  # "ลงชื่อ" | "นายสมชาย ใจดี" | "ผู้รายงาน"
        kinds = [k or ("sign" if _PERSON.match(t) else None) for k, t in zip(kinds, texts)]
    if len(filled) <= 4 and all(kinds) and "sign" in kinds:
        return "signature_block"
    if len(filled) <= 2 and all(k in ("office", "dots") for k in kinds):
        return "office"
    # a template row nobody filled: only pre-filled cells hold anything
    if kind == "submission" and all(_pre_filled(fields[c], v, t) for c, v, t in filled):
        return "template_unfilled"
    return None


def _pre_filled(field: str | None, value, text: str) -> bool:
    """Whether a cell holds what a template is sent out with: its number, a real province or
    district, the position, or what a formula shows in a row nobody filled."""
    if _PLACEHOLDER.match(text):  # "..........", "-", "(ระบุ)": a blank to be filled in
        return True
    if field is None:
        return text in _FORMULA_BLANKS
    if field == "row_number":
        return _number(value, text) is not None
    if field in ("province", "district"):
        return places.names_a_place(text) or places.key(text) in ("เมือง", "mueang")
    return field == "position"


def _substance(text: str) -> bool:
    """Whether a cell holds what an applicant's row holds: a place, a person, or a figure."""
    if re.search(r"\d", text) and not re.search(r"[ก-ฮA-Za-z]", text):
        return True
    return places.names_a_place(text) or bool(re.match(r"^(?:นาย|นาง|นางสาว|น\.ส\.)\S", text))


def reason(code: str) -> tuple[str, str]:
    th, en = NOT_DATA[code]
    return f"ไม่ใช่ข้อมูลผู้สมัคร: {th}", f"not an applicant's data: {en}"
