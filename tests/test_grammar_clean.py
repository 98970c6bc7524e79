"""The grammars in the clean step: test responses set aside, values read by their grammar, and
every value held back says which part failed and what to write instead."""

from __future__ import annotations

import datetime as dt

from analysis.clean import clean_year, read_year
from analysis.grammar.tests import is_keyboard_run, is_test_marker
from conftest import FORM_HEADER, form_row, write_csv

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
