"""Workbooks an official uses as they are: sort, filter, print.

Every value is written as what it is (a number as a number with its format: scores ``0.00``,
ranks and counts whole numbers; a date as a date shown in B.E.; nothing at all for a blank, never
an empty string), under a title row that names the report, its category and B.E. year. Each sheet
has an autofilter on its header row, the header frozen, columns as wide as their content, and a
page set up for A4: landscape, one page wide, the header row repeated on every page, the title and
"หน้า 3 จาก 7" in the footer. Text that starts like a formula is written so that it stays text.

Column widths are in Excel's unit, the width of a "0", measured as ``render.text.text_width`` does
(Thai vowels and tone marks above and below a letter take no room).
"""

from __future__ import annotations

import datetime as dt
import io
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.render.dates import EXCEL_BE_DATE, EXCEL_BE_DATETIME
from analysis.render.text import text_width

# What a spreadsheet may read as the start of a formula (OWASP's CSV-injection list): the four
# operators, and a tab or carriage return, which some programs drop before reading the rest.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
WRAP_AT = 45          # a text column wider than this wraps inside its cells instead
MIN_WIDTH = 5
A4 = 9                # Excel's paper code
LINE = 16             # points a line of wrapped text takes (Excel and LibreOffice do not size rows on opening)


def neutralise(value):
    """A text cell that begins like a formula is prefixed with ' so a spreadsheet shows it as
    text and never runs it (a form field can hold anything)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


@dataclass
class Sheet:
    """One sheet: ``frame`` under a ``title`` row (what, which category, which B.E. year) and
    ``notes`` rows (when it was made, from what, which edition). ``formats`` gives a column an
    Excel number format other than its type's (``0.00`` for decimals, ``0`` or ``#,##0`` for whole
    numbers); ``empty`` is said under the header when there are no rows; ``footer`` is the printed
    pages' title (default: ``title``)."""

    name: str
    frame: pd.DataFrame
    title: str
    notes: tuple[str, ...] = ()
    formats: dict[str, str] = field(default_factory=dict)
    empty: str = "ไม่มีรายการ"
    footer: str = ""


def _excel_escape(text: str) -> str:
    return text.replace("&", "&&")


def _number_format(series: pd.Series, header: str) -> str | None:
    """The Excel format a column's values are shown in, from its type; None for text."""
    if pd.api.types.is_bool_dtype(series):
        return None
    if pd.api.types.is_datetime64_any_dtype(series):
        times = series.dropna()
        return EXCEL_BE_DATETIME if len(times) and (times.dt.normalize() != times).any() else EXCEL_BE_DATE
    if pd.api.types.is_integer_dtype(series):
        top = pd.to_numeric(series, errors="coerce").abs().max()
        return "#,##0" if pd.notna(top) and top >= 10_000 else "0"
    if pd.api.types.is_float_dtype(series):
        if str(header).startswith("ลำดับ"):  # a rank with blanks is a float column: still whole
            return "0"
        top = series.abs().max()
        return "#,##0.00" if pd.notna(top) and top >= 10_000 else "0.00"
    sample = series.dropna()
    if len(sample) and all(isinstance(v, dt.date) for v in sample):
        return EXCEL_BE_DATETIME if any(isinstance(v, dt.datetime) and (v.hour, v.minute) != (0, 0)
                                        for v in sample) else EXCEL_BE_DATE
    return None


def _shown(value, number_format: str | None) -> str:
    """Roughly what a cell shows, to measure its column."""
    if number_format in (EXCEL_BE_DATE, EXCEL_BE_DATETIME):
        return "10 ก.ค. 2568" + (" 14:59" if number_format == EXCEL_BE_DATETIME else "")
    if number_format is not None:
        decimals = 2 if "0.00" in number_format else 0
        return f"{float(value):,.{decimals}f}"
    return str(value)


def _blank(value) -> bool:
    """Nothing to write: a missing value or an empty text (written, it would be a cell that holds
    "" and sorts apart from the blanks)."""
    if isinstance(value, str):
        return value == ""
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def workbook_bytes(sheets: list[Sheet], *, created: dt.datetime | None = None) -> bytes:
    """The workbook as bytes (the caller writes it beside its place, then swaps it in). ``created``
    goes into the file's properties; the same sheets and date give the same bytes."""
    import xlsxwriter

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"nan_inf_to_errors": True, "strings_to_formulas": False,
                                   "strings_to_urls": False, "strings_to_numbers": False})
    wb.set_properties({"created": created or dt.datetime(2000, 1, 1),
                       "title": sheets[0].title if sheets else ""})
    title_f = wb.add_format({"bold": True, "font_size": 14})
    note_f = wb.add_format({"italic": True, "font_color": "#555555", "font_size": 9})
    head_f = wb.add_format({"bold": True, "bg_color": "#EEF3F8", "border": 1, "text_wrap": True,
                            "valign": "top"})
    empty_f = wb.add_format({"italic": True, "font_color": "#555555"})
    formats: dict = {}

    def body(number_format, wrap):
        key = (number_format, wrap)
        if key not in formats:
            spec = {"border": 1, "valign": "top", "border_color": "#BFBFBF"}
            if number_format:
                spec["num_format"] = number_format
            if wrap:
                spec["text_wrap"] = True
            formats[key] = wb.add_format(spec)
        return formats[key]

    for sheet in sheets:
        ws = wb.add_worksheet(_sheet_name(sheet.name))
        frame = sheet.frame.reset_index(drop=True)
        ws.write_string(0, 0, sheet.title, title_f)
        for i, note in enumerate(sheet.notes, start=1):
            ws.write_string(i, 0, note, note_f)
        head = len(sheet.notes) + 2  # a blank row between the title block and the table
        ncols = max(frame.shape[1], 1)
        lines = [1] * len(frame)  # lines each row needs (wrapped text): rows are not sized on opening
        head_lines = 1
        for c, col in enumerate(frame.columns):
            header = str(col)
            series = frame[col]
            number_format = sheet.formats.get(header, _number_format(series, header))
            values = series.tolist()
            shown = [_shown(v, number_format) for v in values if not _blank(v)]
            data_width = max((text_width(s) for s in shown), default=0)
            wrap = number_format is None and data_width > WRAP_AT
            header_width = text_width(header)
            need = max(data_width, min(header_width, max(math.ceil(header_width / 2), 8)))
            width = min(max(need + 2, MIN_WIDTH), WRAP_AT + 2)
            ws.set_column(c, c, width)
            head_lines = max(head_lines, math.ceil(header_width / (width - 1.5)))
            ws.write_string(head, c, header, head_f)
            fmt = body(number_format, wrap)
            for i, v in enumerate(values):
                r = head + 1 + i
                if _blank(v):
                    ws.write_blank(r, c, None, fmt)  # no value (a true blank), but the table's border
                elif isinstance(v, (bool, np.bool_)):
                    if v:
                        ws.write_string(r, c, "ใช่", fmt)
                    else:
                        ws.write_blank(r, c, None, fmt)
                elif number_format in (EXCEL_BE_DATE, EXCEL_BE_DATETIME):
                    ws.write_datetime(r, c, pd.Timestamp(v).to_pydatetime().replace(tzinfo=None), fmt)
                elif number_format is not None:
                    ws.write_number(r, c, float(v), fmt)
                else:
                    ws.write_string(r, c, neutralise(str(v)), fmt)
                    if wrap:
                        lines[i] = max(lines[i], math.ceil(text_width(v) / (width - 1.5)))
        ws.set_row(head, LINE * head_lines)
        for i, n in enumerate(lines):
            if n > 1:
                ws.set_row(head + 1 + i, LINE * n)
        last = head + len(frame)
        if len(frame) == 0:
            ws.write_string(head + 1, 0, sheet.empty, empty_f)
        ws.autofilter(head, 0, max(last, head), ncols - 1)
        ws.freeze_panes(head + 1, 0)
        ws.set_paper(A4)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)  # one page wide, as many long as it takes
        ws.repeat_rows(head)
        ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        ws.center_horizontally()
        ws.set_footer(f"&L&8{_excel_escape(sheet.footer or sheet.title)[:120]}&R&8หน้า &P จาก &N")
    wb.close()
    return out.getvalue()


def _sheet_name(name: str) -> str:
    """A name Excel accepts: 31 characters at most, none of []:*?/\\."""
    for ch in "[]:*?/\\":
        name = name.replace(ch, " ")
    return name[:31]
