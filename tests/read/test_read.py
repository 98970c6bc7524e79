"""Readers: the table is found wherever it is, and every row keeps the number people see."""

import csv
import datetime as dt
import re

import pytest
import xlwt
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.read.files import (CSV_DELIMITERS, FIELD_SPELLINGS, FIELD_WORDS, decode,
                           delimiter_of, field_of, header_key, read_file)
from helpers.files import FORM_HEADER, form_row, write_csv, write_xlsx


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


@pytest.mark.parametrize(("sample", "expected"), [
    ("จังหวัด,อำเภอ\nเชียงใหม่,แม่ริม\n", ","), ("จังหวัด;อำเภอ\nเชียงใหม่;แม่ริม\n", ";"),
    ("จังหวัด\tอำเภอ\nเชียงใหม่\tแม่ริม\n", "\t"), ("จังหวัด|อำเภอ\nเชียงใหม่|แม่ริม\n", "|"),
    ('แบบรายงาน\n"จังหวัด";"งบประมาณ"\n"เชียงใหม่";"1,250,000"\n', ";"), ("", ","), ("จังหวัด\n", ","),
    # Excel's Unicode text: tabs, and commas inside the numbers (a character-counting sniffer says ",")
    ("แบบรายงาน\t\t\t\nจังหวัด\tโครงการ\tงบประมาณ\tผู้ได้รับประโยชน์\nลำปาง\tก\t2,034,000\t9,754\n"
     "น่าน\tข\t1,250,000 บาท\t12,500\n", "\t"),
    ("จังหวัด;งบประมาณ;ผู้ได้รับประโยชน์\nลำปาง;1,250,000;9,754\nน่าน;2,000,000;1,2\n", ";"),
    ('จังหวัด,งบประมาณ\nลำปาง,"1,250,000"\nน่าน,"2;000"\n', ","),
])
def test_the_delimiter_is_the_one_that_cuts_records_alike(sample, expected):
    assert delimiter_of(sample) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.text(alphabet="กขa1., ", max_size=6), min_size=3, max_size=3), min_size=2, max_size=8),
       st.sampled_from(CSV_DELIMITERS))
def test_a_table_written_with_any_delimiter_is_read_with_it(rows, delimiter):
    """However many commas its cells hold, a table written with one delimiter (quoted where the
    csv module quotes) is cut with that delimiter."""
    import io

    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows([["จังหวัด", "อำเภอ", "ชื่อ"], *rows])
    text = buf.getvalue()
    got = delimiter_of(text)
    assert [r for r in csv.reader(io.StringIO(text), delimiter=got)] == \
        [r for r in csv.reader(io.StringIO(text), delimiter=delimiter)]


_SPELLING_PARTS = sorted({s for ss in FIELD_SPELLINGS.values() for s in ss} | {w for w, _ in FIELD_WORDS})


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_SPELLING_PARTS), st.sampled_from(list("กขอำ ที่ชื่อ.-()A3a1\n")),
                          st.text(max_size=3)), max_size=6).map("".join))
def test_header_shortcut_gives_the_full_search_answer(header):
    """A header the shortcut passes over is one no spelling or word would have named (the Thai
    half; an English half is read by its phrases, ``headers._english``)."""
    from analysis.read import headers

    k, answer = header_key(header), field_of(header)
    if k and not (answer or "").startswith("crit:"):  # not a criterion: named by its spelling
        core = headers._core_key(header)
        assert headers._thai(k, core, header).field == headers.match_key(k, core).field
        if len(re.findall("[A-Za-z]", header)) < 2:  # no English half: the Thai search decides
            assert answer == headers.match_key(k, core).field


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["a", "ก", ",", '"', "\r", "\n", "\r\n", "\u2028", "\x0c", "\x1c", " "]),
                max_size=40).map("".join))
def test_csv_lines_are_stringios_lines(text):
    """The reader splits a CSV's text itself (StringIO held a second, 4-byte-a-character copy of
    it): the same lines, endings kept, as io.StringIO(text, newline="") gives the csv module."""
    import io

    from analysis.read.files import _lines

    assert list(_lines(text)) == list(io.StringIO(text, newline=""))


# ---------------------------------------------------------------------- issue 12: headers and hidden parts
from analysis.read.headers import find_header, match  # noqa: E402
from analysis.sample.files import Grid, write_grid  # noqa: E402


@pytest.mark.parametrize(("header", "field", "strength"), [
    ("จังหวัด", "province", 3), ("1. จังหวัด *", "province", 3), ("งบประมาณ (บาท)", "budget", 3),
    ("จังหวัดของท่าน", "province", 2),
    ("ร้อยละของการรายงานข้อมูลผ่านเว็บไซต์ฯ ที่ตรงเวลา", "report_rate", 2),  # รายงาน + ตรงเวลา
    ("ท่านปฏิบัติหน้าที่ท้องถิ่นอำเภอในอำเภอนี้มาแล้วกี่ปี", "district", 1),  # a question: weak
    ("จำนวนเรื่องร้องเรียนที่ได้รับการแก้ไข", "complaints_resolved", 2),  # "ได้รับการแก้ไข" is resolved
    ("ร้อยละการรายงานตรงเวลา ปี 2563", "report_rate", 2),
])
def test_header_match_strength(header, field, strength):
    m = match(header)
    assert (m.field, m.strength) == (field, strength)


@pytest.mark.parametrize(("header", "why"), [
    ("ร้อยละการแก้ไขเรื่องร้องเรียน", "derived"), ("% ของเรื่องร้องเรียนที่แก้ไขแล้ว", "derived"),
    ("ชื่อ-สกุล ผู้กรอกข้อมูล", "respondent"), ("ตำแหน่งผู้กรอกข้อมูล", "respondent"),
])
def test_headers_that_name_no_field_though_they_mention_one(header, why):
    m = match(header)
    assert m.field is None and m.why == why


def test_an_office_is_not_a_place_in_a_header():
    """"ท้องถิ่นอำเภอ" is the officer, "ท้องถิ่นจังหวัด" the provincial officer: never the district or province."""
    assert match("ความเห็นท้องถิ่นจังหวัด").field != "province"
    assert match("ชื่อผลงานของท้องถิ่นอำเภอ").field == "work_title"
    assert match("ท้องถิ่นอำเภอ").field == "name"


def test_a_year_named_in_a_header_is_known():
    assert match("ร้อยละการรายงานตรงเวลา ปี 2563").year == (2563,)
    assert match("งบประมาณ พ.ศ.2564").year == (2564,)
    assert match("ร้อยละการรายงานตรงเวลา (ต.ค. 2563 - ก.ย. 2564)").year == (2563, 2564)
    assert match("ร้อยละการรายงานตรงเวลา ปี 63").year == (2563,)
    assert match("ร้อยละการรายงานตรงเวลา").year is None


def test_a_pair_of_telling_words_is_as_sure_as_a_spelling():
    """"ร้อยละของการรายงานข้อมูลผ่านเว็บไซต์ฯ ที่ตรงเวลา" names the rate as surely as a question that
    only says ร้อยละ does not: beside it, the question is the weaker copy."""
    assert match("ร้อยละของการรายงานข้อมูลผ่านเว็บไซต์ ที่ตรงเวลา").strength == 2
    assert match("ร้อยละของ อปท. ที่ส่งรายงานครบ").strength == 1


def test_two_row_header_with_a_group_cell_over_sub_headers():
    grid = [["จังหวัด", "อำเภอ", "เรื่องร้องเรียน", None, "ระยะเวลาดำเนินการ", None],
            [None, None, "ที่ได้รับ", "ที่แก้ไขแล้ว", "เริ่มต้น", "สิ้นสุด"],
            ["เชียงใหม่", "สันทราย", 3, 2, "1/1/2564", "1/6/2564"]]
    h = find_header(grid)  # no merge information (a CSV): the group label stands once
    assert (h.first, h.last) == (0, 1)
    assert h.fields == ["province", "district", "complaints_received", "complaints_resolved",
                        "started_on", "ended_on"]
    assert h.names[3] == "เรื่องร้องเรียน ที่แก้ไขแล้ว"


def test_a_data_row_under_the_header_is_never_taken_into_it():
    """A first data row of text only (a typo'd province, no figures) is not a sub-header."""
    from analysis.read.files import _is_place

    grid = [["จังหวัด", "อำเภอ", "ชื่อ-สกุล"], ["เชียงใหมม", "สันทรายย", "สมชาย ใจดี"], ["เชียงใหม่", "ฝาง", "นายก ข"]]
    h = find_header(grid, None, _is_place)
    assert (h.first, h.last) == (0, 0)


def test_a_title_row_is_not_part_of_the_header():
    grid = [["แบบรายงาน ท้องถิ่นอำเภอดีเด่น ประจำปี 2564", None, None], ["จังหวัด", "อำเภอ", "ชื่อ-สกุล"],
            ["เชียงใหม่", "สันทราย", "นายก ข"]]
    h = find_header(grid, [((0, 0), (0, 2))])
    assert (h.first, h.last) == (1, 1) and h.names == ["จังหวัด", "อำเภอ", "ชื่อ-สกุล"]


def test_a_units_row_under_the_header_is_part_of_it(tmp_path):
    path = write_csv(tmp_path / "f.csv", [["จังหวัด", "อำเภอ", "ชื่อ-สกุล", "จำนวนครั้งการประชุม"],
                                         ["", "", "", "(ครั้ง)"], ["เชียงใหม่", "สันทราย", "นายก ข", "12"]])
    (t,), _ = read_file(path, "f.csv")
    assert t.header_first == 1 and t.header_row == 2 and [r for r, _ in t.rows] == [3]
    assert t.fields[3] == "meetings"


def test_a_weaker_copy_or_another_years_column_is_not_a_second_field(tmp_path):
    path = write_csv(tmp_path / "f.csv", [
        ["จังหวัด", "อำเภอ", "ร้อยละการรายงานตรงเวลา", "ร้อยละการรายงานตรงเวลา ปี 2563",
         "ท่านรับผิดชอบกี่อำเภอ", "หมายเหตุ"],
        ["เชียงใหม่", "สันทราย", "95", "80", "1", "ok"]])
    (t,), _ = read_file(path, "f.csv", year=2564)
    assert t.fields == ["province", "district", "report_rate", None, None, None]
    assert [(c.letter, c.why) for c in t.columns] == [("D", "other_year"), ("E", "weaker"), ("F", "unmapped")]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_hidden_sheets_rows_and_columns_in_every_format(tmp_path, fmt):
    rows = [["จังหวัด", "อำเภอ", "ร้อยละการรายงานตรงเวลา", "ร้อยละการรายงานตรงเวลา"],
            ["เชียงใหม่", "สันทราย", 70, 95], ["เชียงใหม่", "แม่ริม", 60, 90], ["เชียงใหม่", "ฝาง", 65, 91]]
    path = write_grid(tmp_path / f"f.{fmt}", [Grid("ปี 2563", [["จังหวัด", "อำเภอ"], ["ลำปาง", "เกาะคา"]], hidden=True),
                                              Grid("ข้อมูล", rows, hidden_rows={2}, hidden_cols={2})])
    tables, problems = read_file(path, f"f.{fmt}")
    (t,) = tables
    assert [r for r, _ in t.rows] == [2, 4] and [r for r, _ in t.hidden_rows] == [3]
    assert t.fields == ["province", "district", None, "report_rate"]
    assert [(c.letter, c.why) for c in t.columns] == [("C", "hidden")]
    (p,) = problems
    assert (p.reason_code, p.sheet, p.set_aside, [r for r, _ in p.rows]) == ("hidden_sheet", "ปี 2563", True, [2])


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_merged_cells_filled_down_in_every_format(tmp_path, fmt):
    rows = [["จังหวัด", "อำเภอ", "ชื่อ-สกุล"], ["เชียงใหม่", "สันทราย", "นายก"], [None, "แม่ริม", "นายข"],
            [None, "ฝาง", "นายค"]]
    path = write_grid(tmp_path / f"m.{fmt}", [Grid("s", rows, merges=[(1, 0, 3, 0)])])
    (t,), _ = read_file(path, f"m.{fmt}")
    assert [cells[0] for _, cells in t.rows] == ["เชียงใหม่"] * 3


def test_rows_hidden_by_a_filter_are_told_apart(tmp_path):
    import xlsxwriter

    path = tmp_path / "f.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("s")
    for r, row in enumerate([["จังหวัด", "อำเภอ"], ["เชียงใหม่", "สันทราย"], ["เชียงใหม่", "ฝาง"]]):
        ws.write_row(r, 0, row)
    ws.autofilter(0, 0, 2, 1)
    ws.set_row(2, None, None, {"hidden": True})
    wb.close()
    (t,), _ = read_file(path, "f.xlsx")
    assert [r for r, _ in t.filtered_rows] == [3] and t.hidden_rows == []


def test_a_province_form_without_a_province_column(tmp_path):
    """Found by the district and figures; the title's one province is each row's. A list of
    officials (no figure) is no form, and beside a sheet with a province column such a sheet is
    passed over."""
    form = [["แบบรายงาน จังหวัดตาก"], ["อำเภอ", "ชื่อ-สกุล", "ร้อยละการรายงานตรงเวลา"], ["แม่สอด", "นายก", 95]]
    contacts = [["ทำเนียบท้องถิ่นอำเภอ จังหวัดตาก"], ["อำเภอ", "ชื่อ-สกุล", "ตำแหน่ง", "โทรศัพท์"],
                ["แม่สอด", "นายก", "ท้องถิ่นอำเภอ", "055-1"]]
    (t,), _ = read_file(write_grid(tmp_path / "a.xlsx", [Grid("ข้อมูล", form)]), "a.xlsx")
    assert t.province_hint == "ตาก" and "province" not in t.fields
    tables, _ = read_file(write_grid(tmp_path / "b.xlsx", [Grid("ทำเนียบ", contacts)]), "b.xlsx")
    assert tables == []
    with_province = [["จังหวัด", "อำเภอ", "ชื่อ-สกุล"], ["ตาก", "แม่สอด", "นายก"]]
    tables, _ = read_file(write_grid(tmp_path / "c.xlsx", [Grid("ข้อมูล", with_province), Grid("อื่น", form)]), "c.xlsx")
    assert [t.sheet for t in tables] == ["ข้อมูล"]
