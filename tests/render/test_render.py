"""The low-level output layer: Thai dates, text widths, tables, workbooks, and charts cut into
pieces that fit a printed page."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile

import numpy as np
import pandas as pd
import pytest

from analysis.render.dates import EXCEL_BE_DATE, be_date, report_date
from analysis.render.table import table_html
from analysis.render.text import THAI_LETTER, text_width
from analysis.render.xlsx import Sheet, workbook_bytes


@pytest.mark.parametrize(("value", "text"), [
    (dt.date(2021, 7, 19), "19 ก.ค. 2564"),
    (dt.datetime(2025, 7, 10, 14, 59), "10 ก.ค. 2568 14:59 น."),
    (pd.Timestamp("2024-06-16 00:00"), "16 มิ.ย. 2567"),      # midnight: a date, no time
    (np.datetime64("2023-11-23"), "23 พ.ย. 2566"),
    (pd.NaT, ""), (None, ""), (np.nan, ""),
])
def test_dates_are_written_in_be(value, text):
    assert be_date(value) == text


def test_the_report_date_is_the_newest_input_unless_source_date_epoch_says(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    old, new = tmp_path / "a.csv", tmp_path / "b.yaml"
    old.write_text("a")
    new.write_text("b")
    # 17:30 UTC on 9 July 2025 is already 10 July in Thailand (UTC+7), whatever the machine's zone
    os.utime(old, (0, dt.datetime(2025, 7, 1, tzinfo=dt.timezone.utc).timestamp()))
    os.utime(new, (0, dt.datetime(2025, 7, 9, 17, 30, tzinfo=dt.timezone.utc).timestamp()))
    assert report_date([old, new]) == dt.date(2025, 7, 10)
    assert report_date([old]) == dt.date(2025, 7, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 1, 2, tzinfo=dt.timezone.utc).timestamp())))
    assert report_date([old, new]) == dt.date(2026, 1, 2)


def test_thai_width_counts_what_takes_room_on_the_line():
    assert text_width("สิ่งที่") == pytest.approx(3 * THAI_LETTER)  # three letters, four marks
    assert text_width("นางสาวชนิดา") == pytest.approx(10 * THAI_LETTER)  # sara aa takes room, sara i none
    assert text_width("94.30") == 5 and text_width("") == 0
    assert text_width("ab\nabcd") == 4  # the widest line
    assert text_width("a\u200bb") == 2  # a zero-width space takes nothing


def test_a_table_has_be_dates_its_own_scroll_box_and_wraps_only_long_text():
    frame = pd.DataFrame({"วันที่ส่ง": [pd.Timestamp("2025-07-10 14:59")], "ลำดับ": [3],
                          "ชื่อโครงการ": ["โครงการพัฒนาคุณภาพชีวิตผู้สูงอายุแบบมีส่วนร่วมของชุมชนในพื้นที่"],
                          "จังหวัด": ["พระนครศรีอยุธยา"]})
    html = table_html(frame)
    assert html.startswith('<div class="table-wrap"><table>') and html.endswith("</table></div>")
    assert "10 ก.ค. 2568 14:59 น." in html and "2025" not in html
    assert '<td class="num">3</td>' in html
    assert '<td class="w">โครงการพัฒนา' in html and "<td>พระนครศรีอยุธยา</td>" in html


# ------------------------------------------------------------------------------ workbooks
def _book(data: bytes) -> tuple[str, str, list[str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        styles = z.read("xl/styles.xml").decode()
        strings = re.findall(r"<t[^>]*>(.*?)</t>", z.read("xl/sharedStrings.xml").decode()) \
            if "xl/sharedStrings.xml" in z.namelist() else []
    return sheet, styles, strings


def test_a_workbook_writes_numbers_as_numbers_blanks_as_nothing_and_dates_in_be():
    frame = pd.DataFrame({
        "ลำดับ": pd.array([1, 2, None], dtype="Int64"),          # numpy and pandas integers alike
        "ลำดับในภาค": [1.0, np.nan, 3.0],                           # a rank with a blank is a float
        "คะแนนรวม": [94.3, 90.125, np.nan],
        "งบประมาณ": [1_250_000.0, 0.0, 5.5],
        "หมายเหตุ": ["", None, "=1+1"],                              # empty text, missing, a formula
        "วันที่ส่ง": pd.to_datetime(["2025-07-10", None, "2025-07-12"]),
        "ผู้ได้รับการเสนอชื่อ": [True, False, True]})
    data = workbook_bytes([Sheet("ผล", frame, "ผลการประเมิน ปี พ.ศ. 2568", ("จัดทำ 10 ก.ค. 2568",))])
    sheet, styles, strings = _book(data)
    assert "" not in strings and "'=1+1" in strings and "<f>" not in sheet
    head = 4  # title, one note, a blank row, then the header (row 4, 1-based)
    cells = dict(re.findall(r'<c r="([A-Z]+\d+)"([^>]*?)(?:/>|>.*?</c>)', sheet))
    assert ' t="s"' not in cells[f"A{head + 1}"] and ' t="s"' not in cells[f"B{head + 1}"]  # numbers
    for blank in (f"A{head + 3}", f"B{head + 2}", f"C{head + 3}", f"E{head + 1}", f"E{head + 2}",
                  f"F{head + 2}", f"G{head + 2}"):
        assert "<v>" not in re.search(rf'<c r="{blank}"[^>]*?(?:/>|>.*?</c>)', sheet).group(0), blank
    formats = set(re.findall(r'formatCode="([^"]*)"', styles))
    assert EXCEL_BE_DATE in formats and "#,##0.00" in formats
    assert re.search(rf'<c r="F{head + 1}" s="\d+"><v>45848</v>', sheet)  # 10 July 2025, a real date
    assert "ใช่" in strings
    assert '<autoFilter ref="A4:G7"/>' in sheet and 'ySplit="4"' in sheet
    assert workbook_bytes([Sheet("ผล", frame, "ผลการประเมิน ปี พ.ศ. 2568", ("จัดทำ 10 ก.ค. 2568",))]) == data


def test_a_sheet_without_rows_says_so():
    sheet, _, strings = _book(workbook_bytes([Sheet("ควรทบทวน", pd.DataFrame(columns=["ผู้สมัคร"]), "ทบทวน",
                                                    empty="ไม่มีรายการที่ต้องทบทวน")]))
    assert "ไม่มีรายการที่ต้องทบทวน" in strings and "<autoFilter" in sheet


def test_column_widths_follow_the_content_measured_in_thai():
    frame = pd.DataFrame({"ภาค": ["ภาคตะวันออกเฉียงเหนือ"], "A1": [10.0],
                          "ชื่อโครงการ": ["ก" * 120]})
    sheet, _, _ = _book(workbook_bytes([Sheet("ผล", frame, "t")]))
    widths = [float(w) for w in re.findall(r'<col min="\d+" max="\d+" width="([\d.]+)"', sheet)]
    assert widths[0] == pytest.approx(text_width("ภาคตะวันออกเฉียงเหนือ") + 2, abs=1)  # the region, whole
    assert widths[1] < 10                                           # a score is narrow
    assert widths[2] < 50 and re.search(r'<row r="4"[^>]*customHeight="1"', sheet)  # long text wraps


# ------------------------------------------------------------------------------ charts per page
def test_cuts_fall_between_panels_and_leave_no_small_piece_alone():
    from analysis.charts.base import cuts

    panels = [(0, 90), (110, 190), (210, 290), (310, 390)]
    assert cuts(panels, 400, 1000) == []                    # it fits: no cut
    assert cuts(panels, 400, 250) == [200]                  # two panels a page
    assert cuts(panels, 400, 150) == [100, 200, 300]        # a panel a page
    assert cuts([(0, 900), (920, 960)], 970, 600) == []     # a colour bar stays with its map
    assert cuts([(0, 500), (520, 1000)], 1000, 600) == [510]


def test_a_tall_chart_is_shown_as_pieces_that_stack_back_into_it():
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt
    from PIL import Image

    from analysis.charts.base import PAGE_INCHES, png, pngs, use_thai_font

    use_thai_font()
    fig, axes = plt.subplots(4, 1, figsize=(7, 16))
    for i, ax in enumerate(axes):
        ax.plot([0, 1], [i, i + 1])
        ax.set_title(f"ภาคที่ {i + 1}")
    fig.tight_layout()
    pieces = [Image.open(io.BytesIO(p)) for p in pngs(fig)]
    assert len(pieces) >= 3 and all(im.mode == "P" for im in pieces)
    assert all(im.size[1] <= PAGE_INCHES * 100 for im in pieces)
    assert sum(im.size[1] for im in pieces) == 1600 and {im.size[0] for im in pieces} == {700}
    plt.close(fig)
    small, ax = plt.subplots(figsize=(7, 3))
    ax.plot([0, 1])
    assert pngs(small) == [png(small)]
    plt.close(small)


def test_the_glossary_lists_only_the_words_a_page_uses():
    from analysis.report.glossary import glossary_html

    text = glossary_html("<p>ค่า ICC(A,k) และอัลฟาของคริพเพนดอร์ฟ</p>")
    assert "<dt>ICC</dt>" in text and "อัลฟาของคริพเพนดอร์ฟ" in text and "ความเข้ม/ผ่อน" not in text
    assert glossary_html("<p>ไม่มีศัพท์</p>") == ""
