"""The grammars in the clean step: test responses set aside, values read by their grammar, and
every value held back says which part failed and what to write instead."""

from __future__ import annotations

import datetime as dt

from analysis.clean import clean_year, read_year
from analysis.grammar.tests import is_keyboard_run, is_test_marker
from helpers.files import FORM_HEADER, form_row, write_csv

GOOGLE_FORMS = ["ประทับเวลา", "ที่อยู่อีเมล", "จังหวัด", "อำเภอ", "ชื่อ-สกุล", "ร้อยละการรายงานตรงเวลา",
                "เรื่องร้องเรียนที่ได้รับ", "เรื่องร้องเรียนที่แก้ไขแล้ว", "หมายเหตุ"]


def clean(raw_dir, rubric):
    tables, problems, _ = read_year(raw_dir, 2564)
    return clean_year(tables, problems, 2564, rubric)


def test_test_responses_are_set_aside_and_the_real_answers_beside_them_kept(year_dir, rubric):
    raw, root = year_dir
    write_csv(root / "individual/submissions/ฟอร์ม (การตอบกลับ).csv", [
        GOOGLE_FORMS,
        ["2021/07/19 9:00:00 AM GMT+7", "a@x.th", "เชียงใหม่", "สันทราย", "ทดสอบ", "90", "1", "1", ""],  # 2
        ["2021/07/19 9:05:00 AM GMT+7", "b@x.th", "เชียงใหม่", "สันทราย", "นายสมชาย ใจดี", "95", "4", "3", ""],  # 3
        ["2021/07/19 9:30:00 AM GMT+7", "a@x.th", "เชียงใหม่", "สันทราย", "Test Test", "10", "0", "0", ""],  # 4
        ["2021/07/19 9:40:00 AM GMT+7", "c@x.th", "เชียงใหม่", "แม่ริม", "นางสมศรี ดีใจ", "91", "2", "2",
         "ลองกรอก"],  # 5: a note says it was a trial
        ["2021/07/19 9:50:00 AM GMT+7", "d@x.th", "เชียงใหม่", "แม่ริม", "นางสมศรี ดีใจ", "92", "2", "2", ""],  # 6
        ["2021/07/19 10:00:00 AM GMT+7", "e@x.th", "เชียงใหม่", "ฝาง", "ฟหกฟหกฟหก", "50", "0", "0", ""],  # 7
    ])
    result = clean(raw, rubric)
    aside = dict(zip(result.set_aside["source_row"], result.set_aside["reason_code"]))
    assert aside == {2: "test_response", 4: "test_response", 5: "test_response", 7: "test_response"}
    s = result.submissions.set_index("source_row")
    assert sorted(s.index) == [3, 6]  # the test after the real answer does not supersede it
    assert s.loc[3, "name"] == "นายสมชาย ใจดี" and s.loc[3, "report_rate"] == 95
    assert s.loc[3, "submitted_at"] == dt.datetime(2021, 7, 19, 9, 5)
    assert result.quarantine.empty


def test_a_test_marker_is_a_whole_cell_of_test_words_only():
    for text in ["ทดสอบ", "test", "Test Test", "นายทดสอบ ทดสอบ", "ทดสอบระบบ", "ลองกรอกข้อมูล", "ทดสอบ 2",
                 "ｔｅｓｔ", "ทด\u200bสอบ"]:
        assert is_test_marker(text), text
    for text in ["นายสมชาย ใจดี", "โครงการทดสอบคุณภาพน้ำประปาหมู่บ้าน", "ทดลองงาน", "ท้องถิ่นอำเภอ",
                 "ทดลองปลูกผักปลอดสารพิษ", "test@dla.go.th", "นายลองจันทร์ ทองดี", "12"]:
        assert not is_test_marker(text), text
    assert is_keyboard_run("ฟหกฟหกฟหก") and is_keyboard_run("aaaa") and is_keyboard_run("asdfasdfasdf")
    assert not is_keyboard_run("นายสมชาย ใจดี") and not is_keyboard_run("ก.ค.")


def test_a_value_held_back_names_the_part_and_what_to_write(year_dir, rubric):
    raw, root = year_dir
    write_csv(root / "individual/submissions/f.csv", [
        FORM_HEADER,
        form_row(received="ประมาณ 12"),
        form_row(district="แม่ริม", **{"จำนวนครั้งการประชุมประสานงาน": "12 ครั้ง/เดือน"}),
        form_row(district="ฝาง", rate="95,5"),
        form_row(district="สารภี", submitted="ก.ค. 2564"),
    ])
    q = clean(raw, rubric).quarantine.set_index("source_row")
    assert set(q["reason_code"]) == {"bad_value"}
    assert "ประมาณ" in q.loc[2, "reason_th"] and "inexact" in q.loc[2, "reason_en"]
    assert q.loc[2, "suggestion"] == "เขียนค่าที่แน่นอน / write the exact value"
    assert "ต่อเดือน" in q.loc[3, "reason_th"] and "year's total" in q.loc[3, "suggestion"]
    assert "decimal" in q.loc[4, "reason_en"] and "95.5" in q.loc[4, "suggestion"]
    assert "no day" in q.loc[5, "reason_en"] and "1 ก.ค. 2564" in q.loc[5, "suggestion"]


def test_full_width_iso_and_restated_money_are_read(year_dir, rubric):
    raw, root = year_dir
    write_csv(root / "province/submissions/p.csv", [
        ["จังหวัด", "ชื่อโครงการ", "งบประมาณ (บาท)", "จำนวนผู้ได้รับประโยชน์", "วันที่ส่ง"],
        ["ลำปาง", "โครงการ ก", "1,250,000 บาท (หนึ่งล้านสองแสนห้าหมื่นบาทถ้วน)", "１，２００ คน",
         "2021-07-22T07:30:00Z"],
        ["น่าน", "โครงการ ข", "1,250,000 บาท (หนึ่งล้านบาทถ้วน)", "๒๐๐", "22/7/2564"],
    ])
    result = clean(raw, rubric)
    s = result.submissions.set_index("source_row")
    assert s.loc[2, "budget"] == 1_250_000 and s.loc[2, "beneficiaries"] == 1200
    assert s.loc[2, "submitted_at"] == dt.datetime(2021, 7, 22, 14, 30)  # 07:30 UTC is 14:30 in Thailand
    q = result.quarantine.set_index("source_row")
    assert list(q.index) == [3] and "หนึ่งล้าน" in q.loc[3, "reason_th"]


def test_of_two_columns_headed_as_surely_the_one_whose_values_fit_is_read(year_dir, rubric):
    """Two อำเภอ columns: one holds districts, the other a count (a form that numbers its
    districts). The count column is never a second district (it would hold every row back as
    conflicting); an empty column headed more surely loses to a filled one."""
    raw, root = year_dir
    header = ["จังหวัด", "อำเภอ", "อำเภอ", "ชื่อ-สกุล", "ร้อยละการรายงานตรงเวลา", "เรื่องร้องเรียนที่ได้รับ",
              "เรื่องร้องเรียนที่แก้ไขแล้ว", "วันที่ส่ง", "วันที่ส่งแบบ"]
    write_csv(root / "individual/submissions/f.csv", [
        header,
        ["เชียงใหม่", "สันทราย", "1", "นายสมชาย ใจดี", "95", "4", "3", "", "19/7/2564"],
        ["เชียงใหม่", "แม่ริม", "2", "นางสมศรี ดีใจ", "90", "2", "2", "", "20/7/2564"],
    ])
    result = clean(raw, rubric)
    assert result.quarantine.empty
    s = result.submissions.set_index("source_row").sort_index()
    assert list(s["district_name"]) == ["สันทราย", "แม่ริม"]
    assert s.loc[2, "submitted_at"] == dt.datetime(2021, 7, 19)  # the filled date column, not the empty one
    why = dict(zip(result.columns["column"], result.columns["why"]))
    assert why["C"] == "unfit" and why["H"] == "weaker"


# --- header blocks: classes found on generated forms (a unit row, a group label whose merge was
# lost, English inflections, a column in millions whose cells name their own multiplier)

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from analysis.clean.forms import _says_unit  # noqa: E402
from analysis.read.headers import _column_match, combined, find_header, match  # noqa: E402
from analysis.read.files import _is_place  # noqa: E402

TOP = ["จังหวัด", "อำเภอ", "ชื่อ-นามสกุล", "ตำแหน่ง", "ร้อยละการรายงานตรงเวลา", "เรื่องร้องเรียนที่ได้รับ",
       "เรื่องร้องเรียนที่แก้ไขแล้ว"]
FIELDS = ["province", "district", "name", "position", "report_rate", "complaints_received", "complaints_resolved"]


UNITS_OF = [[], [], [], [], ["(%)", "%", "（％）", "(ร้อยละ)", "ร้อยละ"],
            ["(เรื่อง)", "เรื่อง", "(ระบุเป็นตัวเลข)", "(หน่วย: เรื่อง)", "(ราย)"],
            ["(เรื่อง)", "เรื่อง", "(พิมพ์เป็นตัวเลข)", "[เรื่อง]", "ราย"]]


@settings(max_examples=60, deadline=None)
@given(st.tuples(*(st.one_of(st.none(), st.sampled_from(u)) if u else st.none() for u in UNITS_OF)))
def test_a_row_of_units_under_the_header_is_part_of_it(units):
    """A row of units ("(%)", "(คน)") under the header is the header's, whatever units it holds:
    a cell of signs without a digit is no figure."""
    grid = [TOP, list(units), ["เชียงใหม่", "สันทราย", "นายสมชาย ใจดี", "ท้องถิ่นอำเภอ", "95", "4", "3"]]
    header = find_header(grid, None, _is_place)
    assert header is not None and [m.field for m in header.matches] == FIELDS
    assert header.last == (1 if any(units) else 0)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(TOP) - 2), st.sampled_from(["(เรื่อง)", "(%)", "(คน)", "(แห่ง)"]))
def test_a_sub_header_that_names_a_field_is_not_under_the_label_beside_it(col, unit):
    """Merges lost (a PDF converted, a CSV): a label followed by a blank cell spreads over the
    sub-headers under the blank, unless the sub-header names a field by itself."""
    upper = [h if c != col + 1 else None for c, h in enumerate(TOP)]
    lower = [None] * len(TOP)
    lower[col], lower[col + 1] = unit, TOP[col + 1]
    upper_fields = [m.field for m in (match(h) for h in upper)]
    parts = combined([upper, lower], 0, 1, len(TOP), None)
    assert _column_match(parts[col + 1]).field == FIELDS[col + 1], parts[col + 1]
    assert upper_fields[col] == FIELDS[col]
    # the label names a field of its own that would take the sub-header's column
    work = combined([["เรื่องร้องเรียนที่แก้ไขแล้ว", None], [unit, "ชื่อผลงานดีเด่น"]], 0, 1, 2, None)
    assert work[1] == ["ชื่อผลงานดีเด่น"] and _column_match(work[1]).field == "work_title"
    # a sub-header that names nothing by itself is still under its group's label
    assert match("ที่ได้รับ").field is None
    group = combined([["เรื่องร้องเรียน", None, None], ["ที่แก้ไขแล้ว", "ที่ได้รับ", None]], 0, 1, 3, None)
    assert group[1] == ["เรื่องร้องเรียน", "ที่ได้รับ"]


def _inflect(word: str, how: str) -> str:
    if how == "s":
        return word + ("es" if word.endswith("s") else "s")
    if how == "ed":
        return word + ("d" if word.endswith("e") else "ed")
    if how == "ing":
        return (word[:-1] if word.endswith("e") else word) + "ing"
    return word


ENGLISH = {"started_on": ["start", "start date"], "ended_on": ["end", "end date", "complete"],
           "complaints_resolved": ["complaint resolve"], "complaints_received": ["complaint receive"],
           "submitted_at": ["submit"]}


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(sorted(ENGLISH)), st.data())
def test_english_headers_read_through_inflections_and_the_project_word(field, data):
    """"Start", "Started", "Starting", "Project start", "PROJECT STARTED" name one field: English
    words compare without their inflection, and "project" names the title only when nothing else
    is named (as โครงการ does in Thai)."""
    phrase = data.draw(st.sampled_from(ENGLISH[field]))
    words = [_inflect(w, data.draw(st.sampled_from(["", "s", "ed", "ing"]))) if w != "date" else w
             for w in phrase.split()]
    header = " ".join(words)
    if data.draw(st.booleans()):
        header = "Project " + header
    header = data.draw(st.sampled_from([str.title, str.upper, str.lower]))(header)
    assert match(header).field == field, header
    assert match("Project").field == "project_title" and match("Project name").field == "project_title"


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["2.5", "๒.๕", "２．５", "0.75"]), st.sampled_from(["ล้านบาท", "ล้าน", "ลบ.", "ลบ．", "ＭＢ", "million"]),
       st.sampled_from(["", " ", "\u00a0", "\n", "\u3000"]))
def test_a_cell_that_names_its_multiplier_is_not_scaled_again(number, unit, space):
    """Under "งบประมาณ (ล้านบาท)" a bare 2.5 is 2,500,000 baht; "2.5 ล้านบาท" in any width,
    digit or space form says so itself and must not become 2,500,000 million."""
    assert _says_unit(number + space + unit)
    assert not _says_unit(number) and not _says_unit(number + space + "บาท")


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([("Province", "Project", "Budget", "Start"), ("จังหวัด", "ชื่อโครงการ", "งบประมาณ", "วันที่เริ่ม")]),
       st.sampled_from(["(million baht)", "(ล้านบาท)", "(หน่วย: ล้านบาท)", "（ｍｉｌｌｉｏｎ ｂａｈｔ）", "ล้านบาท"]),
       st.booleans())
def test_a_row_that_gives_a_column_its_scale_is_the_headers(top, unit, words):
    """"Budget" over "(million baht)", with "name" and "date" beside it that add nothing: the row
    is the header's, so a bare 2.5 under it is 2,500,000 baht, not 2.5."""
    english = top[0] == "Province"
    second = [None, ("name" if english else None) if words else None, unit,
              ("date" if english else "(วัน/เดือน/ปี)") if words else None]
    grid = [list(top), second, ["ลพบุรี", "ถนนปลอดภัย", "2.5", "1/3/2564"]]
    header = find_header(grid, None, _is_place)
    assert header is not None and header.last == 1
    assert [m.field for m in header.matches] == ["province", "project_title", "budget", "started_on"]
    assert header.matches[2].scale == 1_000_000
