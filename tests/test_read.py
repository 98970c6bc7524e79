"""Readers: the table is found wherever it is, and every row keeps the number people see."""

import csv
import datetime as dt

import pytest
import xlwt
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.read import (CSV_DELIMITERS, FIELD_SPELLINGS, FIELD_WORDS, _field_by_spelling, decode,
                           delimiter_of, field_of, header_key, read_file)
from conftest import FORM_HEADER, form_row, write_csv, write_xlsx


@pytest.mark.parametrize(("header", "field"), [
    ("จังหวัด", "province"), (" จังหวัด ", "province"), ("อำเภอ", "district"),
    ("ชื่อ-สกุล", "name"), ("ชื่อ - นามสกุล", "name"), ("ชื่อ\nนามสกุล", "name"),
    ("ชื่อท้องถิ่นอำเภอ", "name"),
    ("ร้อยละการรายงาน\nตรงเวลา", "report_rate"), ("ร้อยละการรายงานข้อมูลตรงเวลา", "report_rate"),
    ("เรื่องร้องเรียนที่ได้รับ", "complaints_received"),
    ("เรื่องร้องเรียนที่แก้ไขแล้ว", "complaints_resolved"),
    ("จำนวน อปท.", "lao_count"), ("จำนวน อปท. ที่เข้าร่วม", "lao_participants"),
    ("จำนวนครั้งการประชุมประสานงาน", "meetings"), ("ชื่อผลงานดีเด่น", "work_title"),
    ("วันที่เริ่มปฏิบัติหน้าที่", "started_on"), ("วันที่เริ่ม", "started_on"),
    ("วันที่สิ้นสุด", "ended_on"), ("วันที่ส่ง", "submitted_at"), ("วันที่ส่งผลงาน", "submitted_at"),
    ("ประทับเวลา", "submitted_at"), ("Timestamp", "submitted_at"),
    ("งบประมาณ (บาท)", "budget"), ("จำนวนผู้ได้รับประโยชน์", "beneficiaries"),
    ("ชื่อโครงการ", "project_title"), ("กรรมการ", "judge"), ("รอบ", "round"),
    ("A3", "crit:A3"), ("a3", "crit:A3"), ("B1 (30 คะแนน)", "crit:B1"), ("P3.", "crit:P3"),
    ("ลำดับ", "row_number"), ("ที่", "row_number"), ("หมายเหตุ", None), ("", None),
])
def test_header_spellings(header, field):
    assert field_of(header) == field


def test_header_under_title_rows_after_an_instructions_sheet(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", {
        "คำชี้แจง": [["กรุณากรอกข้อมูลทุกช่อง"], ["ส่งภายในวันที่ 31 ก.ค. 2564"]],
        "ข้อมูล": [["แบบรายงานผลการดำเนินงาน ประจำปี พ.ศ. 2564"], [], ["ลำดับ"] + FORM_HEADER,
                   [1] + form_row(), [], [2] + form_row(district="แม่ริม")],
    })
    tables, problems = read_file(path, "individual/submissions/f.xlsx")
    assert problems == []
    assert len(tables) == 1
    t = tables[0]
    assert t.sheet == "ข้อมูล" and t.header_row == 3
    assert [r for r, _ in t.rows] == [4, 6]  # the row numbers Excel shows; blank row 5 skipped
    assert t.fields[:3] == ["row_number", "province", "district"]


def test_columns_in_any_order_and_broken_header_cells(tmp_path):
    header = ["อำเภอ", "  ชื่อ-สกุล ", "ร้อยละการรายงาน\nตรงเวลา", "จังหวัด"]
    path = write_csv(tmp_path / "f.csv", [header, ["สันทราย", "นายก ข", "95", "เชียงใหม่"]])
    (t,), _ = read_file(path, "f.csv")
    assert t.fields == ["district", "name", "report_rate", "province"]
    # the quoted header cell with a line break spans lines 1-2, so the data is on line 3
    assert t.rows == [(3, ["สันทราย", "นายก ข", "95", "เชียงใหม่"])]


@pytest.mark.parametrize("encoding", ["cp874", "utf-8-sig", "utf-8", "utf-16"])
def test_csv_encodings_thai_users_produce(tmp_path, encoding):
    rows = [FORM_HEADER, form_row(name="นางสาวสมศรี ดีใจ", district="เมืองเชียงใหม่")]
    delimiter = "\t" if encoding == "utf-16" else ","  # Excel's "Unicode text"
    path = write_csv(tmp_path / "f.csv", rows, encoding=encoding, delimiter=delimiter)
    (t,), problems = read_file(path, "f.csv")
    assert problems == []
    assert t.rows[0][1][2] == "นางสาวสมศรี ดีใจ"
    assert t.rows[0][1][1] == "เมืองเชียงใหม่"


def test_cp874_is_detected_not_assumed():
    text, encoding = decode("จังหวัด,อำเภอ\nเชียงใหม่,สันทราย\n".encode("cp874"))
    assert "เชียงใหม่" in text
    assert encoding.replace("_", "").lower() in {"cp874", "tis620", "iso885911"}


def test_csv_line_numbers_count_lines_inside_quoted_cells(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("หัวเรื่อง\nจังหวัด,อำเภอ,ชื่อ-สกุล\nเชียงใหม่,สันทราย,\"นายก\nข\"\nเชียงใหม่,แม่ริม,นายค\n",
                    encoding="utf-8")
    (t,), _ = read_file(path, "f.csv")
    assert t.header_row == 2
    assert [r for r, _ in t.rows] == [3, 5]


def test_old_xls_with_date_cells(tmp_path):
    book = xlwt.Workbook()
    sheet = book.add_sheet("ข้อมูล")
    for c, h in enumerate(FORM_HEADER):
        sheet.write(1, c, h)
    for c, v in enumerate(form_row(submitted=None)):
        if c == len(FORM_HEADER) - 1:
            sheet.write(2, c, dt.datetime(2021, 7, 19), xlwt.easyxf(num_format_str="D/M/YYYY"))
        elif v is not None:
            sheet.write(2, c, v)
    book.save(str(tmp_path / "f.xls"))
    (t,), _ = read_file(tmp_path / "f.xls", "f.xls")
    assert t.header_row == 2
    assert t.rows[0][0] == 3
    assert t.rows[0][1][-1] in (dt.date(2021, 7, 19), dt.datetime(2021, 7, 19))


def test_percent_cell_keeps_its_stored_fraction(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", {"s": [FORM_HEADER, form_row(rate=0.95)]},
                      formats={("s", 1, 7): "0%"})
    (t,), _ = read_file(path, "f.xlsx")
    assert t.rows[0][1][7] == pytest.approx(0.95)


@pytest.mark.parametrize(("name", "content"), [
    ("random.xlsx", b"\x00\x01garbage" * 50), ("empty.xlsx", b""), ("empty.csv", b""),
    ("notes.docx", b"PK\x03\x04"),
])
def test_unreadable_files_are_reported_not_raised(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    tables, problems = read_file(path, name)
    assert tables == []
    if content or not name.endswith(".csv"):
        assert [p.reason_code for p in problems] == ["unreadable_file"]
        assert problems[0].th and problems[0].en


def test_a_sheet_without_header_keeps_its_rows_for_the_quarantine(tmp_path):
    path = write_csv(tmp_path / "f.csv", [["เชียงใหม่", "สันทราย", "95"], ["ลำปาง", "เกาะคา", "90"]])
    tables, (problem,) = read_file(path, "f.csv")
    assert tables == []
    assert problem.reason_code == "no_header"
    assert [r for r, _ in problem.rows] == [1, 2]


@pytest.mark.parametrize(("header", "field"), [
    ("ร้อยละของการรายงานข้อมูลผ่านเว็บไซต์ฯ ที่ตรงเวลา", "report_rate"),
    ("จำนวน อปท. ในเขตอำเภอ (แห่ง)", "lao_count"),
    ("จำนวนการประชุม", "meetings"),
    ("วันที่ยื่นใบสมัคร", "submitted_at"),
    ("ชื่อ", "name"), ("ชื่อผู้เข้ารับการคัดเลือก", "name"), ("ชื่อกรรมการ", "judge"),
    ("เกณฑ์ A3", "crit:A3"), ("คะแนน B1 (30)", "crit:B1"),
    ("Province", "province"), ("Top 10", None),
])
def test_headers_from_other_forms_by_their_giveaway_word(header, field):
    assert field_of(header) == field


def test_a_province_merged_down_its_rows_applies_to_each(tmp_path):
    path = tmp_path / "m.xlsx"
    wb = __import__("xlsxwriter").Workbook(str(path))
    ws = wb.add_worksheet("s")
    ws.merge_range(0, 0, 0, 2, "แบบรายงาน ประจำปี 2564")  # a title merged across: left alone
    ws.write_row(1, 0, ["จังหวัด", "อำเภอ", "ชื่อ-สกุล"])
    ws.merge_range(2, 0, 4, 0, "เชียงใหม่")
    for r, d in enumerate(["สันทราย", "แม่ริม", "ฝาง"], start=2):
        ws.write(r, 1, d)
        ws.write(r, 2, "นายก")
    wb.close()
    (t,), _ = read_file(path, "m.xlsx")
    assert t.header_row == 2
    assert [cells[0] for _, cells in t.rows] == ["เชียงใหม่"] * 3
    assert t.headers[1] == "อำเภอ"


def _sniffed(sample: str) -> str:
    """The delimiter as the reader chose it before the shortcut: always sniffed."""
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        return ","


_CSV_TEXT = st.lists(st.sampled_from(list(',;\t| "\'\n\rกขa1.') + ["จังหวัด", "\r\n"]),
                    max_size=60).map("".join)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(_CSV_TEXT, st.lists(st.lists(st.sampled_from(["จังหวัด", "1", '"a,b"', "", "x y"]),
                                               min_size=1, max_size=5), max_size=8).map(
    lambda rows: "\n".join(",".join(r) for r in rows))))
def test_delimiter_shortcut_gives_the_sniffers_answer(sample):
    """Skipping the sniffer never changes the delimiter a CSV is read with."""
    assert delimiter_of(sample) == _sniffed(sample)


@pytest.mark.parametrize("sample", [
    "จังหวัด,อำเภอ\nเชียงใหม่,แม่ริม\n", "จังหวัด;อำเภอ\nเชียงใหม่;แม่ริม\n",
    "จังหวัด\tอำเภอ\nเชียงใหม่\tแม่ริม\n", "จังหวัด|อำเภอ\nเชียงใหม่|แม่ริม\n",
    'แบบรายงาน\n"จังหวัด";"งบประมาณ"\n"เชียงใหม่";"1,250,000"\n', "", "จังหวัด\n",
])
def test_delimiter_of_forms(sample):
    assert delimiter_of(sample) == _sniffed(sample)


_SPELLING_PARTS = sorted({s for ss in FIELD_SPELLINGS.values() for s in ss} | {w for w, _ in FIELD_WORDS})


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_SPELLING_PARTS), st.sampled_from(list("กขอำ ที่ชื่อ.-()A3a1\n")),
                          st.text(max_size=3)), max_size=6).map("".join))
def test_header_shortcut_gives_the_full_search_answer(header):
    """A header the shortcut passes over is one no spelling or word would have named."""
    k, answer = header_key(header), field_of(header)
    if k and not (answer or "").startswith("crit:"):  # not a criterion: named by its spelling
        assert answer == _field_by_spelling(k)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["a", "ก", ",", '"', "\r", "\n", "\r\n", "\u2028", "\x0c", "\x1c", " "]),
                max_size=40).map("".join))
def test_csv_lines_are_stringios_lines(text):
    """The reader splits a CSV's text itself (StringIO held a second, 4-byte-a-character copy of
    it): the same lines, endings kept, as io.StringIO(text, newline="") gives the csv module."""
    import io

    from analysis.read import _lines

    assert list(_lines(text)) == list(io.StringIO(text, newline=""))
