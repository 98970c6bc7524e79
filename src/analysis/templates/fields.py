"""What each column of a template is, and the check Excel runs on what is typed in it.

Every rule here is the clean step's own, taken from where the clean step keeps it: the fields and
their kinds (``clean.common.FORM_FIELDS``), the headers (``headers.CANONICAL_HEADERS``, read back
as their fields by the reader), the text limits, the submission window and the earliest start
(``clean.forms.submission_window``, ``clean.common.EARLIEST_START``, later where a date cell
would be read as a two-digit year: ``EARLIEST_TYPED``), resolved <= received, and
for the score sheets the rubric's maxima. A field added to ``FORM_FIELDS`` appears on the forms
with the check its kind calls for; nothing here needs to change. Where Excel can check less than
the clean step (a name must hold a letter), the clean step still holds the row; where the
template checks more (a rate from 0 to 1 is refused, see ``_percent``), it is to stop a value
that would be read otherwise than it was meant.

Excel keeps 32 characters of a message's title and 255 of its text: ``_fit`` holds them to that.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pythainlp.util import thai_strftime

from analysis.clean.common import EARLIEST_START, FIELD_LABELS, FORM_FIELDS, MAX_NUMBER, TEXT_LIMITS
from analysis.clean.forms import submission_window
from analysis.read.headers import CANONICAL_HEADERS
from analysis.rubric.load import CategoryRubric

TITLE_LIMIT, MESSAGE_LIMIT = 32, 255  # what Excel keeps of a validation message's title and text
# The earliest date a template takes. The clean step reads a date *cell* dated 1930-1999 as Excel's
# reading of a two-digit B.E. year (``14/9/55`` stored as 1955) and holds it, so a true 1999 typed
# into a template would come back held; and no district local officer (an office of the department
# founded in B.E. 2545) or project of the award started before 2000.
EARLIEST_TYPED = max(EARLIEST_START, dt.date(2000, 1, 1))

# What a person filling the form is told about each field (the input message's first words).
HINTS = {
    ("individual", "name"): "ชื่อและนามสกุลของท้องถิ่นอำเภอที่สมัคร พร้อมคำนำหน้า เช่น นายสมชาย ใจดี",
    ("individual", "position"): "ตำแหน่ง เช่น ท้องถิ่นอำเภอ หรือ รักษาการท้องถิ่นอำเภอ",
    ("individual", "started_on"): "วันที่เริ่มปฏิบัติหน้าที่ท้องถิ่นอำเภอในอำเภอนี้",
    ("individual", "lao_count"): "จำนวนองค์กรปกครองส่วนท้องถิ่น (อปท.) ในอำเภอ",
    ("individual", "meetings"): "จำนวนครั้งที่จัดประชุมประสานงาน อปท. ในปีการประเมิน",
    ("individual", "report_rate"): "ร้อยละของการรายงานข้อมูลผ่านเว็บไซต์ศูนย์ประสานงานท้องถิ่นอำเภอที่ตรงเวลา",
    ("individual", "complaints_received"): "จำนวนเรื่องร้องเรียนที่ได้รับในปีการประเมิน",
    ("individual", "complaints_resolved"): "จำนวนเรื่องร้องเรียนที่แก้ไขแล้ว ไม่เกินจำนวนที่ได้รับ",
    ("individual", "work_title"): "ชื่อผลงานดีเด่นหรือนวัตกรรมที่เสนอ",
    ("province", "project_title"): "ชื่อโครงการ 1 จังหวัด 1 พัฒนา ที่จังหวัดเสนอ (จังหวัดละ 1 โครงการ)",
    ("province", "budget"): "งบประมาณของโครงการ เป็นบาท",
    ("province", "lao_participants"): "จำนวน อปท. ที่เข้าร่วมโครงการ",
    ("province", "beneficiaries"): "จำนวนคนที่ได้รับประโยชน์จากโครงการ",
    ("province", "started_on"): "วันที่เริ่มโครงการ",
    ("province", "ended_on"): "วันที่สิ้นสุดโครงการ (ถ้ายังไม่สิ้นสุด เว้นว่างไว้)",
}
SUBMITTED_HINT = "วันที่ส่งแบบรายงานนี้"
# How each kind is typed (the input message's second part) and the width of its column.
KIND_HOW = {
    "text": "", "count": "จำนวนเต็ม 0 ขึ้นไป ไม่ต้องพิมพ์หน่วย (ไม่มีให้กรอก 0)",
    "money": "ตัวเลข 0 ขึ้นไป ไม่ต้องพิมพ์ บาท หรือ ล้าน",
    "percent": "ตัวเลข 0 ถึง 100 ไม่ต้องพิมพ์ % เช่น 95 หรือ 87.5",
    "date": "วัน/เดือน/ปี เช่น 19/7/2026 (ถ้าเครื่องตั้งปฏิทินไทย พิมพ์ 19/7/2569) ช่องจะแสดงเป็น พ.ศ. ให้ดูว่าแสดง 19 ก.ค. 2569",
}
KIND_HOW["datetime"] = KIND_HOW["date"]
WIDTHS = {"row_number": 6, "province": 16, "district": 20, "name": 26, "position": 22, "work_title": 36,
          "project_title": 40, "text": 24, "count": 13, "money": 16, "percent": 13, "date": 15,
          "datetime": 15, "judge": 24, "round": 9, "score": 16, "total": 14}
# Thai (041E), Buddhist calendar (07), Western digits (01): "19 ก.ค. 2569" in Excel and LibreOffice,
# which keeps the code when it saves the file again. Excel 365's "[$-th-TH,107]" says the same, but
# LibreOffice shows such a cell as its serial number, and Excel's "bbbb" (B.E. year) it shows as text.
DATE_FORMAT = "[$-107041E]d mmm yyyy"
NUMBER_FORMATS = {"count": "#,##0", "money": "#,##0.00", "percent": "General", "date": DATE_FORMAT,
                  "datetime": DATE_FORMAT, "text": "@", "score": "General"}
ERROR_TITLE = "ข้อมูลไม่ถูกต้อง"


@dataclass(frozen=True)
class Column:
    """One column of a template: the field the reader reads it as (None: a column it does not
    read, the judges' total), its header, its kind (``row_number``, ``fixed``: pre-filled and
    locked; ``district``: a drop-down; a form kind; ``score``; ``total``), whether it must be
    filled, and for a score its maximum."""

    field: str | None
    header: str
    kind: str
    required: bool = False
    maximum: float | None = None
    hint: str = ""

    @property
    def width(self) -> float:
        return WIDTHS.get(self.field or "", WIDTHS.get(self.kind, 14))

    @property
    def typed(self) -> bool:
        """Whether a person types in it (an unlocked, checked cell)."""
        return self.kind not in ("row_number", "fixed", "total")


@dataclass
class Rows:
    """Where the template's rows are, for formulas: the first data row (1-based) and each
    field's column letter."""

    first: int
    letters: dict[str, str] = field(default_factory=dict)
    last: int = 0  # the last data row (1-based)

    def ref(self, f: str) -> str | None:
        """The relative reference of field ``f`` in the first data row (Excel shifts it down)."""
        return f"{self.letters[f]}{self.first}" if f in self.letters else None


def be(day: dt.date) -> str:
    """A date as a Thai form writes it: ``19 ก.ค. 2569``."""
    return thai_strftime(dt.datetime(day.year, day.month, day.day), "%-d %b %Y")


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def header(category: str, f: str) -> str:
    """The header a field is written with: its canonical header, else its label."""
    return CANONICAL_HEADERS.get(category, {}).get(f) or FIELD_LABELS.get(f, f)


def required_fields(category: str, rubric: CategoryRubric | None) -> set[str]:
    """Fields that must be filled: those the clean step requires, and those the rubric computes
    a criterion from (a blank there would cost the candidate the criterion)."""
    out = {f for f, _kind, req in FORM_FIELDS[category] if req}
    for c in rubric.criteria if rubric else ():
        spec = c.computed or {}
        out |= {spec["field"]} if "field" in spec else set(spec.get("ratio", ()))
    return out & {f for f, _, _ in FORM_FIELDS[category]}


def form_columns(category: str, rubric: CategoryRubric | None) -> list[Column]:
    """The columns of a form (แบบ 2 or แบบ 4): its number and province (pre-filled), the
    district (a drop-down, individual form), then every field of ``FORM_FIELDS`` in order."""
    need = required_fields(category, rubric)
    cols = [Column("row_number", header(category, "row_number"), "row_number"),
            Column("province", header(category, "province"), "fixed")]
    if category == "individual":
        cols.append(Column("district", header(category, "district"), "district", required=True,
                           hint="เลือกอำเภอจากรายการ (คลิกลูกศรที่ช่อง)"))
    for f, kind, _ in FORM_FIELDS[category]:
        hint = SUBMITTED_HINT if f == "submitted_at" else HINTS.get((category, f), FIELD_LABELS.get(f, f))
        cols.append(Column(f, header(category, f), kind, required=f in need, hint=hint))
    return cols


def input_message(col: Column) -> str:
    how = KIND_HOW.get(col.kind, "")
    return " ".join(x for x in (col.hint, how, "(ต้องกรอก)" if col.required else "") if x)


def _messages(col: Column, error: str) -> dict:
    return {"input_title": _fit(col.header.replace("\n", " "), TITLE_LIMIT), "input_message": _fit(input_message(col), MESSAGE_LIMIT),
            "error_title": ERROR_TITLE, "error_message": _fit(error, MESSAGE_LIMIT), "error_type": "stop",
            "ignore_blank": True, "show_input": True, "show_error": True}


def _date(day: dt.date) -> str:
    return f"DATE({day.year},{day.month},{day.day})"


def _percent(x: str) -> str:
    """0, or more than 1 up to 100. The clean step reads a rate from 0 to 1 as a fraction (a cell
    formatted as percent stores 95% as 0.95), so a typed 1 would be read as 100%: refused here."""
    return f"AND(ISNUMBER({x}),OR({x}=0,AND({x}>1,{x}<=100)))"


_TYPE_AGAIN = "ถ้าพิมพ์ปี พ.ศ. แล้วไม่ผ่าน ให้พิมพ์ปี ค.ศ. (พ.ศ. ลบ 543) เช่น 19/7/2026 ช่องจะแสดงเป็น พ.ศ. เอง"


def _dates(col: Column, rows: Rows, year: int) -> tuple[str, str]:
    """The formula and the error text of a date field: within the clean step's bounds, and in
    order with the row's other dates (started <= submitted, started <= ended)."""
    x = rows.ref(col.field)
    first, last = submission_window(year)
    start, end, sub = rows.ref("started_on"), rows.ref("ended_on"), rows.ref("submitted_at")
    parts, th = [f"ISNUMBER({x})"], []
    if col.field == "submitted_at":
        parts += [f"{x}>={_date(first)}", f"{x}<{_date(last + dt.timedelta(days=1))}"]
        th.append(f"ต้องอยู่ระหว่าง {be(first)} ถึง {be(last)}")
        if start:
            parts.append(f"OR(NOT(ISNUMBER({start})),INT({x})>={start})")
            th.append("และไม่ก่อนวันที่เริ่ม")
    elif col.field == "ended_on":
        parts.append(f"{x}>={_date(EARLIEST_TYPED)}")
        if start:
            parts.append(f"OR(NOT(ISNUMBER({start})),{x}>={start})")
        th.append("ต้องไม่ก่อนวันที่เริ่ม")
    else:  # started_on, and any other date: from the earliest start, not after the submission
        upper = f"IF(ISNUMBER({sub}),{sub},{_date(last)})" if sub else _date(last)
        parts += [f"{x}>={_date(EARLIEST_TYPED)}", f"{x}<={upper}"]
        th.append(f"ต้องอยู่ระหว่าง {be(EARLIEST_TYPED)} ถึงวันที่ส่ง (หรือ {be(last)})")
        if end and col.field == "started_on":
            parts.append(f"OR(NOT(ISNUMBER({end})),{x}<={end})")
            th.append("และไม่หลังวันที่สิ้นสุด")
    return "AND(" + ",".join(parts) + ")", f"{col.header} {' '.join(th)} {_TYPE_AGAIN}"


def validation(col: Column, rows: Rows, year: int, *, district_list: str | None = None,
               province_name: str = "") -> dict | None:
    """The xlsxwriter ``data_validation`` options of a typed column, with its Thai input and
    error messages; None for a column nobody types in."""
    x = rows.ref(col.field) if col.field else None
    kind, name = col.kind, col.header
    if not col.typed:
        return None
    if kind == "district":
        return {"validate": "list", "source": district_list, **_messages(
            col, f"ไม่มีอำเภอนี้ในจังหวัด{province_name}: เลือกจากรายการ (คลิกลูกศรที่ช่อง) "
                 "รายชื่ออำเภออยู่ในแผ่นงาน รายชื่ออำเภอ")}
    if kind == "text":
        limit = TEXT_LIMITS.get(col.field, 1000)
        low = 1 if col.required else 0
        return {"validate": "length", "criteria": "between", "minimum": low, "maximum": limit,
                **_messages(col, f"{name} ยาวได้ไม่เกิน {limit:,} ตัวอักษร")}
    if kind == "count":
        received, resolved = rows.ref("complaints_received"), rows.ref("complaints_resolved")
        whole = f"AND(ISNUMBER({x}),{x}=INT({x}),{x}>=0"
        if col.field == "complaints_resolved" and received:
            return {"validate": "custom", "value": f"={whole},OR(NOT(ISNUMBER({received})),{x}<={received}))",
                    **_messages(col, f"{name} ต้องเป็นจำนวนเต็ม 0 ขึ้นไป และไม่เกินเรื่องร้องเรียนที่ได้รับ")}
        if col.field == "complaints_received" and resolved:
            return {"validate": "custom", "value": f"={whole},OR(NOT(ISNUMBER({resolved})),{x}>={resolved}))",
                    **_messages(col, f"{name} ต้องเป็นจำนวนเต็ม 0 ขึ้นไป และไม่น้อยกว่าเรื่องที่แก้ไขแล้ว")}
        return {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": MAX_NUMBER,
                **_messages(col, f"{name} ต้องเป็นจำนวนเต็ม 0 ขึ้นไป ไม่มีหน่วยหรือข้อความ (ถ้าไม่มีให้กรอก 0)")}
    if kind == "money":
        return {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": MAX_NUMBER,
                **_messages(col, f"{name} ต้องเป็นตัวเลข 0 ขึ้นไป ไม่มีหน่วยหรือข้อความ (เช่น 1250000)")}
    if kind == "percent":
        return {"validate": "custom", "value": "=" + _percent(x), **_messages(
            col, f"{name} ต้องเป็นตัวเลขมากกว่า 1 ถึง 100 (หรือ 0) ไม่ต้องพิมพ์ % เช่น 95 "
                 "ค่าระหว่าง 0 ถึง 1 อ่านได้สองทาง (1 อาจหมายถึงร้อยละ 1 หรือ 100) จึงไม่รับ")}
    if kind in ("date", "datetime"):
        formula, error = _dates(col, rows, year)
        return {"validate": "custom", "value": "=" + formula, **_messages(col, error)}
    if kind == "score":
        top = f"{col.maximum:g}"
        return {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": col.maximum,
                **_messages(col, f"คะแนน {name.split()[0]} ต้องเป็นตัวเลข 0 ถึง {top} (ทศนิยมได้) "
                                 "ไม่ต้องพิมพ์ คะแนน")}
    raise ValueError(f"no check for the kind {kind!r}")
