"""A template workbook: Thai formats, the instructions sheet, a table of checked columns, and the
protection that keeps the header and the pre-filled cells as they were sent.

The cells a person types in are unlocked and every other cell is locked, with sheet protection on
and no password: the lock is against accidents (a header typed over, a province changed), not
against the province office, which can lift it from the Review menu if it must. The same inputs
give the same bytes (a fixed creation time), so a template can be made again and compared.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from analysis import __version__
from analysis.templates.fields import NUMBER_FORMATS, Column, Rows, validation

FONT, SIZE = "TH Sarabun New", 14  # the government's typeface; Excel and LibreOffice substitute it if absent
CREATED = dt.datetime(2021, 7, 19, 9, 0, 0)  # fixed workbook metadata: the same template, the same bytes
HEADER_FILL, FIXED_FILL, COI_FILL, MISSING_FILL, TWICE_FILL = "#D9E2F3", "#EDEDED", "#A6A6A6", "#FCE4D6", "#F8CBAD"
PROTECT = {"format_columns": True, "format_rows": True, "select_locked_cells": True,
           "select_unlocked_cells": True}
INSTRUCTIONS = "คำชี้แจง"
INSTRUCTION_WIDTH, LINE_CHARS = 80, 68  # the column's width (A4 portrait, as LibreOffice measures it), and Thai characters to a line of it
LINE_POINTS = {"title": 27, "head": 24, "text": 21}
ROW_POINTS = 24
HEADER_CHARS_PER_WIDTH, DATA_CHARS_PER_WIDTH = 0.7, 0.8  # Thai characters to a unit of column width
_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")  # Thai vowels and tones above or below: no width


def _visible(text: str) -> int:
    return len(_MARKS.sub("", text))
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\']")


def numbered(steps: list[str]) -> list[tuple[str, str]]:
    """Instruction lines numbered 1, 2, ... (some steps are there for some templates only)."""
    return [("text", f"{i}. {step}") for i, step in enumerate(steps, start=1)]


def sheet_name(text: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of ``[]:*?/\\'``), unique in the workbook."""
    base = _BAD_SHEET_CHARS.sub(" ", text).strip()[:31] or "แผ่นงาน"
    name, n = base, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


class Book:
    """One template workbook being written (xlsxwriter), with its formats made once each."""

    def __init__(self, path: Path, title: str):
        self.wb = xlsxwriter.Workbook(str(path), {"in_memory": True})  # no temporary files: 3x quicker
        self.wb.set_properties({"title": title, "author": "กรมส่งเสริมการปกครองท้องถิ่น",
                                "comments": f"analysis {__version__}", "created": CREATED})
        self._formats: dict[tuple, object] = {}
        self.names: set[str] = set()

    def fmt(self, **spec):
        key = tuple(sorted(spec.items()))
        if key not in self._formats:
            self._formats[key] = self.wb.add_format({"font_name": FONT, "font_size": SIZE, "valign": "top", **spec})
        return self._formats[key]

    def titles(self, ws, lines: list[str]) -> None:
        """The title lines above a table, one cell each at the left (never taken for its header)."""
        for r, text in enumerate(lines):
            ws.set_row(r, LINE_POINTS["title"] if r == 0 else LINE_POINTS["head"])
            ws.write_string(r, 0, text, self.fmt(bold=r == 0, font_size=18 if r == 0 else 16))

    def sheet(self, name: str):
        ws = self.wb.add_worksheet(sheet_name(name, self.names))
        ws.set_paper(9)  # A4
        ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        return ws

    def close(self) -> None:
        self.wb.close()

    # ------------------------------------------------------------------ the instructions sheet
    def instructions(self, lines: list[tuple[str, str]]) -> None:
        """The instructions sheet: one line of text per row, one cell each (so no line can be
        taken for a table's header), ``kind`` ``title``, ``head`` or ``text``."""
        ws = self.sheet(INSTRUCTIONS)
        ws.set_column(0, 0, INSTRUCTION_WIDTH)
        ws.set_portrait()
        ws.fit_to_pages(1, 0)
        styles = {"title": self.fmt(bold=True, font_size=18), "head": self.fmt(bold=True, font_size=16),
                  "text": self.fmt(text_wrap=True)}
        for r, (kind, text) in enumerate(lines):
            if text:
                ws.write_string(r, 0, text, styles[kind])
                # neither Excel nor LibreOffice sizes a wrapped row on opening: its height is given
                ws.set_row(r, LINE_POINTS[kind] * max(1, math.ceil(_visible(text) / LINE_CHARS)))
        ws.protect("", PROTECT)
        ws.activate()

    # ------------------------------------------------------------------ a table of checked columns
    def table(self, ws, columns: list[Column], rows: list[dict], *, header_row: int, year: int,
              district_list: str | None = None, province_name: str = "", locked_cells: set | None = None,
              locked_text: dict | None = None) -> Rows:
        """Write the header and ``rows`` (pre-filled values by field; a typed column's cell is left
        blank and unlocked), each typed column's check over all the rows, and the highlighting of
        a required cell left blank in a row that was started. ``locked_cells``: (row index, field)
        cells greyed and locked instead (a judge's conflict of interest); ``locked_text``: row
        index -> text for the total column of such a row."""
        first = header_row + 2  # the first data row as Excel numbers it
        pos = Rows(first, {c.field: xl_col_to_name(i) for i, c in enumerate(columns) if c.field},
                   first + len(rows) - 1)
        head = self.fmt(bold=True, text_wrap=True, bg_color=HEADER_FILL, border=1, align="center", locked=True)
        fixed = self.fmt(bg_color=FIXED_FILL, border=1, locked=True, text_wrap=True)
        coi = self.fmt(bg_color=COI_FILL, border=1, locked=True, pattern=1)
        # a wrapped header is given its height (neither Excel nor LibreOffice sizes it on opening)
        lines = max(sum(math.ceil(_visible(part + " *") / (HEADER_CHARS_PER_WIDTH * c.width))
                        for part in c.header.split("\n")) for c in columns)
        ws.set_row(header_row, 20 * lines + 8)
        for i, c in enumerate(columns):
            ws.write_string(header_row, i, c.header + (" *" if c.required else ""), head)
            ws.set_column(i, i, c.width)
        for r, values in enumerate(rows):
            # a Thai line at 14 points with its marks, and as many as a long pre-filled text needs
            needed = [math.ceil(_visible(v) / (DATA_CHARS_PER_WIDTH * c.width)) for c in columns
                      if not c.typed and isinstance(v := values.get(c.field), str)]
            ws.set_row(header_row + 1 + r, ROW_POINTS * max([1, *needed]))
            for i, c in enumerate(columns):
                row = header_row + 1 + r
                if (r, c.field) in (locked_cells or set()):
                    ws.write_blank(row, i, None, coi)
                elif c.kind == "total":
                    text = (locked_text or {}).get(r)
                    self._total(ws, row, i, columns, text, coi if text else fixed)
                elif c.typed:
                    ws.write_blank(row, i, None, self.fmt(border=1, locked=False, text_wrap=c.kind == "text",
                                                          num_format=NUMBER_FORMATS.get(c.kind, "General")))
                else:
                    value = values.get(c.field)
                    if value is None or value == "":
                        ws.write_blank(row, i, None, fixed)
                    elif isinstance(value, (int, float)):
                        ws.write_number(row, i, value, fixed)
                    else:
                        ws.write_string(row, i, value, fixed)
        if rows:
            for i, c in enumerate(columns):
                v = validation(c, pos, year, district_list=district_list, province_name=province_name)
                if v:
                    ws.data_validation(header_row + 1, i, header_row + len(rows), i, v)
            self._highlights(ws, columns, pos, header_row, len(rows))
        ws.freeze_panes(header_row + 1, 0)
        ws.repeat_rows(header_row)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.protect("", PROTECT)
        return pos

    def _total(self, ws, row: int, col: int, columns: list[Column], text: str | None, fmt) -> None:
        """A judge's total: the sum of the row's scores once one is typed (blank before), or the
        text saying why the row is not scored."""
        if text:
            ws.write_string(row, col, text, fmt)
            return
        scores = [i for i, c in enumerate(columns) if c.kind == "score"]
        span = f"{xl_col_to_name(scores[0])}{row + 1}:{xl_col_to_name(scores[-1])}{row + 1}"
        ws.write_formula(row, col, f'=IF(COUNT({span})=0,"",SUM({span}))', fmt, "")

    def _highlights(self, ws, columns: list[Column], pos: Rows, header_row: int, n: int) -> None:
        """A required cell left blank in a row where something was typed, and a district chosen
        twice: coloured, so that the person filling the form sees it before sending."""
        typed = [i for i, c in enumerate(columns) if c.typed]
        if not typed:
            return
        r0, r1 = header_row + 1, header_row + n
        span = f"${xl_col_to_name(typed[0])}{pos.first}:${xl_col_to_name(typed[-1])}{pos.first}"
        missing = self.fmt(bg_color=MISSING_FILL)
        for i, c in enumerate(columns):
            if c.required and c.typed:
                cell = f"{xl_col_to_name(i)}{pos.first}"
                ws.conditional_format(r0, i, r1, i, {"type": "formula", "format": missing,
                                                     "criteria": f'=AND(COUNTA({span})>0,{cell}="")'})
            if c.kind == "district":
                ws.conditional_format(r0, i, r1, i, {"type": "duplicate", "format": self.fmt(bg_color=TWICE_FILL)})
