"""Hostile input: broken, odd and huge files never crash the clean step or lose a row.

Every test here checks what happened to the data: each data row's (source_file, source_row)
is in exactly one of submissions / scores / judges / quarantine, with the reason code the
README's decisions give. A file that cannot be read at all is one ``unreadable_file`` row.
"""

import csv
import faulthandler
import io
import json
import math
import os
import random
import resource
import tempfile
import time
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter
import xlwt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis.read.files as read_module
from analysis import places
from analysis.clean import REASON_LABELS, clean_year, read_year, run_clean
from analysis.read.files import read_file
from helpers.files import FORM_HEADER, form_row, write_csv, write_xlsx

SUB = "individual/submissions"


def clean(raw_dir, rubric):
    tables, problems, _ = read_year(raw_dir, 2564)
    return clean_year(tables, problems, 2564, rubric)


def places_of(result) -> list[tuple[str, object]]:
    """Every (source_file, source_row) in every output; a file-level row has no row number."""
    out = []
    for frame in (result.submissions, result.judges):
        out += [(f, int(r)) for f, r in zip(frame["source_file"], frame["source_row"])] if len(frame) else []
    if len(result.scores):
        out += sorted({(f, int(r)) for f, r in zip(result.scores["source_file"], result.scores["source_row"])})
    for q in (result.quarantine, result.set_aside):
        out += [(f, None if pd.isna(r) else int(r)) for f, r in zip(q["source_file"], q["source_row"])]
    return out


def assert_each_once(result, expected: set):
    """Nothing counted twice, nothing lost: the outputs hold exactly ``expected``."""
    seen = places_of(result)
    assert len(seen) == len(set(seen)), "a row is in two places"
    assert set(seen) == expected


def reason_of(result, source_file, source_row=None):
    q = result.quarantine
    hit = q[(q["source_file"] == source_file)
            & (q["source_row"].isna() if source_row is None else q["source_row"].eq(source_row))]
    assert len(hit) == 1, hit
    return hit.iloc[0]


def code(district, province="เชียงใหม่"):
    return places.resolve(province, district).district_code


def good_form(root, name="ok.csv", district="แม่ริม"):
    """A good file beside the broken ones: it must still go through."""
    write_csv(root / SUB / name, [FORM_HEADER, form_row(district=district)])
    return (f"{SUB}/{name}", 2)


def tree(path: Path) -> dict[str, bytes | str]:
    """Every file (with its bytes) and link under ``path``."""
    out = {}
    for top, dirs, files in os.walk(path, followlinks=False):
        for name in dirs + files:
            p = Path(top, name)
            rel = p.relative_to(path).as_posix()
            out[rel] = ("link:" + os.readlink(p)) if p.is_symlink() else p.read_bytes() if p.is_file() else "dir"
    return out


# ---------------------------------------------------------------------- unreadable files
def _workbook_bytes(tmp_path) -> bytes:
    return write_xlsx(tmp_path / "whole.xlsx", {"s": [FORM_HEADER, form_row()]}).read_bytes()


@pytest.mark.parametrize("cut", [0.0, 0.001, 0.1, 0.5, 0.9, 0.99, -1])
def test_a_truncated_workbook_is_one_unreadable_row(year_dir, rubric, tmp_path, cut):
    """A workbook cut short anywhere (a broken download) is one ``unreadable_file`` row that
    says the workbook is damaged or cut short; the good file beside it is still accepted."""
    raw, root = year_dir
    data = _workbook_bytes(tmp_path)
    end = len(data) - 1 if cut == -1 else int(len(data) * cut)
    (root / SUB / "cut.xlsx").write_bytes(data[:end])
    ok = good_form(root)
    result = clean(raw, rubric)
    assert_each_once(result, {(f"{SUB}/cut.xlsx", None), ok})
    q = reason_of(result, f"{SUB}/cut.xlsx")
    assert q["reason_code"] == "unreadable_file"
    assert ("ว่างเปล่า" if end == 0 else "เสียหายหรือไม่ครบ") in q["reason_th"]
    assert "Traceback" not in q["reason_en"]
    assert list(result.submissions["source_file"]) == [ok[0]]


@pytest.mark.parametrize(("name", "content", "words"), [
    ("random.xlsx", random.Random(1).randbytes(5000), "ไม่ใช่ไฟล์ Excel"),
    ("random.xls", b"\x01\x02" + random.Random(2).randbytes(5000), "ไม่ใช่ไฟล์ Excel"),
    ("random.csv", random.Random(3).randbytes(5000), "ไม่ใช่ไฟล์ข้อความ"),
    ("web.xls", b"<html><body><table><tr><td>\xe0\xb8\x88</td></tr></table></body></html>", "HTML"),
    ("text.xls", "จังหวัด,อำเภอ\nเชียงใหม่,สันทราย\n".encode(), "ไฟล์ข้อความ"),
    ("workbook.csv", None, "ไฟล์ Excel ที่ตั้งชื่อเป็น .csv"),
    ("empty.xlsx", b"", "ว่างเปล่า"),
    ("empty.xls", b"", "ว่างเปล่า"),
    ("empty.csv", b"", "ว่างเปล่า"),
    ("bom_only.csv", b"\xef\xbb\xbf\r\n  \r\n", "ว่างเปล่า"),
    ("commas.csv", b",,,\r\n,,\r\n", "ไม่มีข้อมูลในไฟล์"),
    ("no_cells.xlsx", "blank", "ไม่มีข้อมูลในไฟล์"),
])
def test_files_that_are_not_what_they_say_are_one_unreadable_row(year_dir, rubric, tmp_path, name,
                                                                   content, words):
    """Random bytes, an .xls that is really a web page or a CSV, a workbook named .csv and
    empty files of each type: one ``unreadable_file`` row each, saying what the file really
    is, in Thai and English. Decision: an empty CSV (no bytes, only a BOM and blank lines,
    or not one filled cell) and a workbook without a filled cell are a row too, not
    nothing: a form that arrived empty, or a damaged workbook that opens as empty (a
    flipped byte can do that), must be asked for again.
    The other file of the year is still processed."""
    raw, root = year_dir
    if content == "blank":
        write_xlsx(root / SUB / name, {"s": [[None, None]], "s2": []})
    else:
        (root / SUB / name).write_bytes(_workbook_bytes(tmp_path) if content is None else content)
    ok = good_form(root)
    result = clean(raw, rubric)
    assert_each_once(result, {(f"{SUB}/{name}", None), ok})
    q = reason_of(result, f"{SUB}/{name}")
    assert q["reason_code"] == "unreadable_file" and words in q["reason_th"]
    assert q["reason_en"].startswith("cannot open the file")


def test_an_xlsx_saved_as_xls_is_read_by_its_content(year_dir, rubric, tmp_path):
    """Decision: within the workbook family the bytes choose the format, so an .xlsx that a
    system exported with the name .xls is read (its content is not in doubt)."""
    raw, root = year_dir
    (root / SUB / "really_xlsx.xls").write_bytes(_workbook_bytes(tmp_path))
    result = clean(raw, rubric)
    assert_each_once(result, {(f"{SUB}/really_xlsx.xls", 2)})
    assert list(result.submissions["district_code"]) == [code("สันทราย")]


@pytest.mark.parametrize("how", ["abort", "hang"])
def test_a_reader_that_crashes_or_hangs_costs_one_file(year_dir, rubric, tmp_path, monkeypatch, how):
    """The Excel reader is native code: fuzzed .xls files made it panic, abort the process
    (it asked for 660 GB) or loop. It runs in a child process with a time limit, so the
    file is one ``unreadable_file`` row and the rest of the year goes on."""
    raw, root = year_dir
    write_xlsx(root / SUB / "bad.xlsx", {"s": [FORM_HEADER, form_row()]})
    ok = good_form(root)

    def crash(*_a, **_k):
        if how == "abort":
            faulthandler.disable()  # pytest's dump of the dying child is noise here
            os.abort()
        time.sleep(60)

    monkeypatch.setattr(read_module.python_calamine, "load_workbook", crash)
    monkeypatch.setattr(read_module, "EXCEL_TIMEOUT", 1)
    result = clean(raw, rubric)
    assert_each_once(result, {(f"{SUB}/bad.xlsx", None), ok})
    q = reason_of(result, f"{SUB}/bad.xlsx")
    assert q["reason_code"] == "unreadable_file"
    assert ("stopped" if how == "abort" else "more than 1 seconds") in q["reason_en"]


def test_after_a_crash_the_next_workbooks_still_open(year_dir, rubric, monkeypatch):
    """One child process reads all of a year's workbooks: when it dies on one, the workbooks
    after it are read by a new one, and those before it are not lost."""
    raw, root = year_dir
    for name, district in (("a.xlsx", "แม่ริม"), ("b_bad.xlsx", "สันทราย"), ("c.xlsx", "หางดง")):
        write_xlsx(root / SUB / name, {"s": [FORM_HEADER, form_row(district=district)]})
    real = read_module.python_calamine.load_workbook

    def crash_on_bad(f, *a, **k):
        if "bad" in f.name:
            faulthandler.disable()
            os.abort()
        return real(f, *a, **k)

    monkeypatch.setattr(read_module.python_calamine, "load_workbook", crash_on_bad)
    result = clean(raw, rubric)
    assert_each_once(result, {(f"{SUB}/a.xlsx", 2), (f"{SUB}/b_bad.xlsx", None), (f"{SUB}/c.xlsx", 2)})
    assert reason_of(result, f"{SUB}/b_bad.xlsx")["reason_code"] == "unreadable_file"
    assert sorted(result.submissions["district_code"]) == sorted([code("แม่ริม"), code("หางดง")])


# ---------------------------------------------------------------------- headers
def test_a_sheet_with_no_header_puts_each_row_in_the_quarantine(year_dir, rubric):
    """No row names จังหวัด and another known field: every non-blank row is ``no_header``."""
    raw, root = year_dir
    rows = [form_row(), form_row(district="แม่ริม"), [], form_row(district="สารภี")]
    write_xlsx(root / SUB / "nohead.xlsx", {"ข้อมูล": rows})
    result = clean(raw, rubric)
    assert_each_once(result, {(f"{SUB}/nohead.xlsx", r) for r in (1, 2, 4)})
    assert set(result.quarantine["reason_code"]) == {"no_header"}
    assert result.submissions.empty


def test_two_columns_for_one_field_agree_or_hold_the_row(year_dir, rubric):
    """Two อำเภอ columns and ชื่อ-สกุล twice. Where they agree, or one is blank, the filled
    value is used; where both are filled and differ (after the text clean: an extra space or
    a zero-width space is no difference) the row is ``conflicting_columns`` with both values
    named by column letter, rather than silently taking the first."""
    raw, root = year_dir
    header = FORM_HEADER + ["อำเภอ", "ชื่อ-สกุล"]
    write_csv(root / SUB / "twice.csv", [
        header,
        form_row(district="สันทราย") + ["สันทราย", "นายสมชาย ใจดี"],          # agree
        form_row(district="แม่ริม", name="") + ["แม่ริม", "นายข ค"],           # first name blank
        form_row(district="", name="นายง จ") + ["สารภี", "นายง\u200b  จ"],    # first district blank
        form_row(district="หางดง") + ["สันป่าตอง", "นายสมชาย ใจดี"],           # districts differ
        form_row(district="ฝาง", name="นายก") + ["ฝาง", "นายข"],                # names differ
    ])
    result = clean(raw, rubric)
    assert_each_once(result, {(f"{SUB}/twice.csv", r) for r in range(2, 7)})
    s = result.submissions.set_index("source_row")
    assert s.loc[2, "district_code"] == code("สันทราย") and s.loc[3, "name"] == "นายข ค"
    assert s.loc[4, "district_code"] == code("สารภี") and s.loc[4, "name"] == "นายง จ"
    for row, values in [(5, ("'หางดง' (คอลัมน์ B)", "'สันป่าตอง' (คอลัมน์ M)")),
                        (6, ("'นายก' (คอลัมน์ C)", "'นายข' (คอลัมน์ N)"))]:
        q = reason_of(result, f"{SUB}/twice.csv", row)
        assert q["reason_code"] == "conflicting_columns"
        assert all(v in q["reason_th"] for v in values)
    raw5 = json.loads(reason_of(result, f"{SUB}/twice.csv", 5)["raw"])  # both kept, the second by letter
    assert raw5["อำเภอ"] == "หางดง" and raw5["อำเภอ (M)"] == "สันป่าตอง"
    assert "conflicting_columns" in REASON_LABELS


def test_two_criterion_columns_on_a_score_sheet(year_dir, rubric):
    """The same mechanism on a score sheet: two A3 columns that differ hold the judge's row."""
    raw, root = year_dir
    write_csv(root / SUB / "f.csv", [FORM_HEADER, form_row()])
    write_csv(root / "individual/scores/s.csv", [
        ["กรรมการ", "รอบ", "จังหวัด", "อำเภอ", "A3", "B1", "C1", "A3"],
        ["นายก", "จังหวัด", "เชียงใหม่", "สันทราย", "20", "25", "15", "20"],
        ["นายข", "จังหวัด", "เชียงใหม่", "สันทราย", "20", "25", "15", "21"],
    ])
    result = clean(raw, rubric)
    assert_each_once(result, {(f"{SUB}/f.csv", 2), ("individual/scores/s.csv", 2),
                              ("individual/scores/s.csv", 3)})
    assert reason_of(result, "individual/scores/s.csv", 3)["reason_code"] == "conflicting_columns"
    a3 = result.scores[result.scores["criterion"] == "A3"]
    assert a3["score"].tolist() == [20.0]


# ---------------------------------------------------------------------- long cells
LONG = "ก" * 100_000


def test_very_long_cells_are_held_with_the_raw_value_kept_short(year_dir, rubric, tmp_path):
    """100,000 characters of Thai in a name, a work title, a number and a header cell, and a
    200,000-character cell (over Python's CSV limit of 131,072). Decisions: a name or
    position over 200 characters, a title over 1,000, or a number/percent/date cell over 100
    is ``bad_value`` (a pasted page, not a value); the quarantine keeps at most 1,000
    characters of a cell (2,000 of a message) and says so: "…(ตัดเหลือ 1,000 ตัวอักษร จาก N)".
    A long header that names no field is just an unknown column."""
    raw, root = year_dir
    write_csv(root / SUB / "long.csv", [
        FORM_HEADER + ["หมายเหตุ" + LONG],
        form_row(name="นาย" + LONG) + [""],
        form_row(district="แม่ริม", **{"ชื่อผลงานดีเด่น": LONG}) + [""],
        form_row(district="สารภี", rate="9" * 100_000) + [""],
        form_row(district="หางดง") + ["ข" * 200_000],
        form_row(district="ฝาง", province=LONG) + [""],
    ])
    out = tmp_path / "out"
    result = run_clean(raw, 2564, out, rubric)
    assert_each_once(result, {(f"{SUB}/long.csv", r) for r in range(2, 7)})
    assert list(result.submissions["source_row"]) == [5]  # the long note is no field's business
    reasons = dict(zip(result.quarantine["source_row"], result.quarantine["reason_code"]))
    assert reasons == {2: "bad_value", 3: "bad_value", 4: "bad_value", 6: "unknown_province"}
    q = pd.read_csv(out / "2564/quarantine.csv", encoding="utf-8-sig").set_index("source_row")
    assert "100,003" in q.loc[2, "reason_th"] and "เกิน 200" in q.loc[2, "reason_th"]
    assert q.loc[2, "value"].startswith("นายกกก") and q.loc[2, "value"].endswith("(ตัดเหลือ 1,000 ตัวอักษร จาก 100,003)")
    assert "ยาว 100,000 ตัวอักษร" in q.loc[4, "reason_th"]
    for row in (2, 3, 4, 6):
        assert len(q.loc[row, "raw"]) < 3_000 and len(q.loc[row, "reason_th"]) < 2_100
        assert "ตัดเหลือ" in q.loc[row, "raw"]
    assert len(result.submissions.loc[0, "name"]) < 200


def test_a_long_name_in_a_workbook(year_dir, rubric):
    """Excel holds at most 32,767 characters in a cell: such a name is read and held back."""
    raw, root = year_dir
    write_xlsx(root / SUB / "long.xlsx", {"s": [FORM_HEADER, form_row(name="ก" * 32_767)]})
    result = clean(raw, rubric)
    assert_each_once(result, {(f"{SUB}/long.xlsx", 2)})
    assert reason_of(result, f"{SUB}/long.xlsx", 2)["reason_code"] == "bad_value"


# ---------------------------------------------------------------------- formulas, HTML
def test_formula_cells_read_as_their_cached_value(year_dir, rubric):
    """An xlsx formula cell is read as the value Excel saved with it, never run."""
    raw, root = year_dir
    path = root / SUB / "formulas.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("s")
    ws.write_row(0, 0, FORM_HEADER)
    ws.write_row(1, 0, form_row())
    ws.write_formula(1, 7, "=190/2", None, 95)  # report_rate
    ws.write_formula(1, 8, "=5+5", None, 10)  # complaints received
    ws.write_formula(1, 2, '=CONCATENATE("นาย","สมชาย ใจดี")', None, "นายสมชาย ใจดี")
    wb.close()
    result = clean(raw, rubric)
    assert_each_once(result, {(f"{SUB}/formulas.xlsx", 2)})
    (s,) = result.submissions.to_dict("records")
    assert (s["report_rate"], s["complaints_received"], s["name"]) == (95.0, 10, "นายสมชาย ใจดี")


def test_formula_text_is_a_bad_number_but_kept_as_text(year_dir, rubric, tmp_path):
    """CSV text like ``=1+1`` is never evaluated: in a number field it is ``bad_value``; in a
    text field it is kept as the text typed. In quarantine.csv a cell that starts like a
    formula is written with a leading ' so Excel shows it and does not run it."""
    raw, root = year_dir
    link = '=HYPERLINK("http://evil.example","คลิก")'
    write_csv(root / SUB / "f.csv", [
        FORM_HEADER,
        form_row(rate="=1+1"),
        form_row(district="แม่ริม", received=link),
        form_row(district="สารภี", **{"ชื่อผลงานดีเด่น": "=1+1", "ตำแหน่ง": "@SUM(A1)"}),
    ])
    out = tmp_path / "out"
    result = run_clean(raw, 2564, out, rubric)
    assert_each_once(result, {(f"{SUB}/f.csv", r) for r in (2, 3, 4)})
    (s,) = result.submissions.to_dict("records")
    assert (s["work_title"], s["position"]) == ("=1+1", "@SUM(A1)")
    q = pd.read_csv(out / "2564/quarantine.csv", encoding="utf-8-sig").set_index("source_row")
    assert q.loc[2, "reason_code"] == q.loc[3, "reason_code"] == "bad_value"
    assert q.loc[2, "value"] == "'=1+1" and q.loc[3, "value"] == "'" + link
    assert json.loads(q.loc[3, "raw"])["เรื่องร้องเรียนที่ได้รับ"] == link  # raw is JSON: starts with {


def test_html_and_script_are_plain_text(year_dir, rubric, tmp_path):
    """HTML and script typed into text fields are data: kept exactly as typed (after the
    normal text clean) in submissions.parquet and in the quarantine, never interpreted or
    escaped here (the reports escape them; tested with the reports)."""
    raw, root = year_dir
    script = "<script>alert('x')</script> นายก ข"
    title = '<img src=x onerror="alert(1)"> &amp; <b>ผลงาน</b>'
    write_csv(root / SUB / "f.csv", [
        FORM_HEADER,
        form_row(name=script, **{"ชื่อผลงานดีเด่น": title}),
        form_row(district="<b>แม่ริม</b>", name=script),
    ])
    out = tmp_path / "out"
    run_clean(raw, 2564, out, rubric)
    (s,) = pd.read_parquet(out / "2564/submissions.parquet").to_dict("records")
    assert (s["name"], s["work_title"]) == (script, title)
    q = pd.read_csv(out / "2564/quarantine.csv", encoding="utf-8-sig")
    assert q["reason_code"].tolist() == ["unknown_district"]
    assert q["value"].tolist() == ["<b>แม่ริม</b>"] and json.loads(q["raw"][0])["ชื่อ-สกุล"] == script


# ---------------------------------------------------------------------- names like paths
ODD_NAMES = ["..csv", "-rf.csv", "$(rm -rf ~).csv", "a\\..\\b.csv", "new\nline.csv", "%2E%2E%2Fetc.csv",
             "`touch pwned`.csv", "=cmd.csv", " space .csv", "ชื่อ;ไฟล์|.csv"]


def test_names_that_look_like_paths_stay_names(year_dir, rubric, tmp_path):
    """Files named like shell commands, paths or formulas, and cells holding paths: the
    source_file is the relative path exactly as written, the cell values are plain data,
    and the step writes its outputs and manifest in ``<out>/<year>/`` and nothing else anywhere.
    Decision: a name starting with a dot (``..csv``) is a hidden file, like ``~$`` lock
    files: listed as ignored, not read (as before)."""
    raw, root = year_dir
    districts = ["สันทราย", "แม่ริม", "สารภี", "หางดง", "ฝาง", "สันป่าตอง", "ดอยสะเก็ด", "แม่แตง", "จอมทอง"]
    for name, district in zip(ODD_NAMES[1:], districts):
        write_csv(root / SUB / name, [FORM_HEADER, form_row(district=district,
                                                           **{"ชื่อผลงานดีเด่น": "../../etc/passwd"})])
    write_csv(root / SUB / "..csv", [FORM_HEADER, form_row(district="พร้าว")])
    write_csv(root / SUB / "paths.csv", [FORM_HEADER, form_row(district="../../etc/passwd")])
    before = tree(tmp_path)
    out = tmp_path / "out"
    result = run_clean(raw, 2564, out, rubric)
    after = tree(tmp_path)
    written = {k for k in after if k not in before}
    assert written == {"out", "out/2564"} | {f"out/2564/{f}" for f in (
        "submissions.parquet", "scores.parquet", "judges.parquet", "quarantine.csv", "set_aside.csv",
        "manifest.json")}
    assert all(after[k] == v for k, v in before.items())  # nothing read was changed
    expected = {(f"{SUB}/{n}", 2) for n in ODD_NAMES[1:]} | {(f"{SUB}/paths.csv", 2)}
    assert_each_once(result, expected)
    assert result.ignored_files == [f"{SUB}/..csv"]
    assert set(result.submissions["work_title"]) == {"../../etc/passwd"}
    q = pd.read_csv(out / "2564/quarantine.csv", encoding="utf-8-sig")
    assert q["source_file"].tolist() == [f"{SUB}/paths.csv"] and q["value"].tolist() == ["../../etc/passwd"]


def test_links_are_never_followed(year_dir, rubric, tmp_path):
    """A symlink in the raw folder, to a file or a folder outside it (or inside it), is not
    read: one ``unreadable_file`` row naming the link. Decision: nothing outside the raw
    year folder is read, and a link to a file already there would count its rows twice. A
    dangling link and a named pipe are one row each too (a pipe would block a reader)."""
    raw, root = year_dir
    outside = write_csv(tmp_path / "outside" / "secret.csv", [FORM_HEADER, form_row(district="ฝาง")])
    ok = good_form(root)
    (root / SUB / "link.csv").symlink_to(outside)
    (root / SUB / "inside.csv").symlink_to(root / SUB / "ok.csv")
    (root / SUB / "folder").symlink_to(outside.parent, target_is_directory=True)
    (root / SUB / "dangling.csv").symlink_to(tmp_path / "nowhere.csv")
    os.mkfifo(root / SUB / "pipe.csv")
    result = clean(raw, rubric)
    links = {f"{SUB}/{n}" for n in ("link.csv", "inside.csv", "folder", "dangling.csv", "pipe.csv")}
    assert_each_once(result, {(f, None) for f in links} | {ok})
    q = result.quarantine
    assert set(q["reason_code"]) == {"unreadable_file"}
    assert q.set_index("source_file").loc[f"{SUB}/link.csv", "reason_en"].count("symlink") == 1
    assert list(result.submissions["district_code"]) == [code("แม่ริม")]  # only ok.csv; ฝาง never read


# ---------------------------------------------------------------------- a million rows
# Ten distinct rows, cycled: three good districts (แม่ริม, เกาะคา, and สันทราย sent twice, the
# second time later), ดอยสะเก็ด twice at the same time with different values, and four wrong rows.
MILLION_ROWS = [
    form_row(), form_row(district="แม่ริม"), form_row(province="ลำปาง", district="เกาะคา"),
    form_row(rate=80, submitted="20 ก.ค. 2564"),
    form_row(district="ดอยสะเก็ด", rate=90), form_row(district="ดอยสะเก็ด", rate=85),
    form_row(district="หางดง", rate=150), form_row(district="อำเภอสมมุติ"),
    form_row(province="กรุงเทพฯ", district="บางรัก"), form_row(district="สันป่าตอง", rate="=1+1"),
]


@pytest.mark.slow
def test_a_million_row_csv(year_dir, rubric):
    """1,000,000 rows: every row accounted for and duplicates settled as the rules say. The
    latest สันทราย (20 ก.ค.) wins over its own 99,999 identical copies and the earlier
    version; แม่ริม and เกาะคา keep their last copy; ดอยสะเก็ด's two versions share a time,
    so all 200,000 are ``duplicate_conflict``. Time and memory are printed, not asserted
    (timings belong to the benchmark)."""
    raw, root = year_dir
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(FORM_HEADER)
    writer.writerows(MILLION_ROWS * 100_000)
    (root / SUB / "big.csv").write_bytes(buf.getvalue().encode("utf-8"))
    del buf
    start = time.perf_counter()
    result = clean(raw, rubric)
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n1,000,000-row CSV: read and cleaned in {took:.1f} s; peak RSS of the test process {peak:,.0f} MB")
    s, q = result.submissions, result.quarantine
    assert len(s) + len(q) == 1_000_000
    assert q["source_row"].is_unique and not set(q["source_row"]) & set(s["source_row"])
    assert set(q["source_row"]) | set(s["source_row"]) == set(range(2, 1_000_002))
    last = 2 + 10 * 99_999  # the line of the last cycle's first row
    assert dict(zip(s["district_code"], s["source_row"])) == {
        code("สันทราย"): last + 3, code("แม่ริม"): last + 1, code("เกาะคา", "ลำปาง"): last + 2}
    assert q["reason_code"].value_counts().to_dict() == {
        "duplicate_superseded": 399_997, "duplicate_conflict": 200_000, "out_of_range": 100_000,
        "unknown_district": 100_000, "out_of_scope": 100_000, "bad_value": 100_000}
    sup = q[q["reason_code"] == "duplicate_superseded"]
    assert sup["reason_th"].str.len().max() < 300  # a message stays short in a file of thousands
    assert q[q["reason_code"] == "duplicate_conflict"]["reason_th"].str.contains("และอีก 199,996 แถว").any()


# Ten distinct judges' score rows, cycled: นายก's province-round scores for สันทราย and his
# national-round scores for เกาะคา (C1 left blank) sent again and again, นายข sending แม่ริม twice
# with different A3, and six wrong rows.
SCORE_SHEET_HEADER = ["กรรมการ", "รอบ", "จังหวัด", "อำเภอ", "A3", "B1", "C1"]
MILLION_SCORE_ROWS = [
    ["นายก", "จังหวัด", "เชียงใหม่", "สันทราย", "20", "25", "15"],
    ["นายก", "ประเทศ", "ลำปาง", "เกาะคา", "18.5", "๒๐", ""],
    ["นายข", "จังหวัด", "เชียงใหม่", "แม่ริม", "20", "20", "10"],
    ["นายข", "จังหวัด", "เชียงใหม่", "แม่ริม", "21", "20", "10"],
    ["นายก", "จังหวัด", "เชียงใหม่", "สันทราย", "26", "25", "15"],    # A3 is out of 25
    ["นายก", "จังหวัด", "เชียงใหม่", "ดอยสะเก็ด", "20", "25", "15"],   # no form from ดอยสะเก็ด
    ["", "จังหวัด", "เชียงใหม่", "สันทราย", "20", "25", "15"],         # no judge named
    ["นายง", "ประเทศ", "ลำปาง", "เกาะคา", "20", "20", "10"],           # นายง's home is ลำปาง
    ["นายก", "จังหวัด", "กรุงเทพฯ", "บางรัก", "20", "25", "15"],        # Bangkok: out of scope
    ["นายก", "จังหวัด", "เชียงใหม่", "สันทราย", "ดี", "25", "15"],      # not a number
]


@pytest.mark.slow
def test_a_million_row_score_sheet(year_dir, rubric):
    """A judges' score sheet of 1,000,000 rows: every row accepted or held exactly once, with
    the reason the rules give. Each good row's last copy counts and its 99,999 identical copies
    are ``duplicate_superseded``; นายข's two different แม่ริม rows cannot be ordered (a score
    row has no time), so all 200,000 are ``duplicate_conflict``. Time and memory are printed,
    not asserted (the file is written line by line, so the peak is the read and the clean)."""
    raw, root = year_dir
    write_csv(root / SUB / "f.csv", [FORM_HEADER, form_row(), form_row(district="แม่ริม", name="นายข ค"),
                                     form_row(province="ลำปาง", district="เกาะคา", name="นายง จ")])
    write_csv(root / "individual/scores/judges.csv", [["กรรมการ", "จังหวัด"], ["นายง", "ลำปาง"]])
    sheet = "individual/scores/big.csv"
    with open(root / sheet, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(SCORE_SHEET_HEADER)
        for _ in range(100_000):
            writer.writerows(MILLION_SCORE_ROWS)
    start = time.perf_counter()
    result = clean(raw, rubric)
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n1,000,000-row score sheet: read and cleaned in {took:.1f} s; peak RSS of the test process {peak:,.0f} MB")
    assert_each_once(result, {(sheet, r) for r in range(2, 1_000_002)}
                     | {(f"{SUB}/f.csv", r) for r in (2, 3, 4)} | {("individual/scores/judges.csv", 2)})
    sc, q = result.scores, result.quarantine
    last = 2 + 10 * 99_999  # the line of the last cycle's first row
    assert len(sc) == 6 and sc["score"].isna().sum() == 1  # two rows x A3, B1, C1; เกาะคา's C1 blank
    assert set(zip(sc["source_row"], sc["round"], sc["district_code"])) == {
        (last, "province", code("สันทราย")), (last + 1, "national", code("เกาะคา", "ลำปาง"))}
    held = q[q["source_file"] == sheet]
    assert held["reason_code"].value_counts().to_dict() == {
        "duplicate_conflict": 200_000, "duplicate_superseded": 199_998, "out_of_range": 100_000,
        "unknown_candidate": 100_000, "missing_value": 100_000, "conflict_of_interest": 100_000,
        "out_of_scope": 100_000, "bad_value": 100_000}
    superseded = held[held["reason_code"] == "duplicate_superseded"].set_index("source_row")
    assert f"แถว {last}" in superseded.loc[2, "reason_th"] and f"row {last + 1}" in superseded.loc[3, "reason_en"]
    conflicts = held[held["reason_code"] == "duplicate_conflict"]
    assert conflicts["reason_th"].str.contains("และอีก 199,996 แถว").any()
    assert conflicts["reason_th"].str.len().max() < 400  # a message stays short in a file of thousands


# ---------------------------------------------------------------------- fuzzing
@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".xlsx", ".xls", ".csv"]))
def test_random_bytes_never_crash_the_reader(data, suffix):
    """Any bytes under any of the accepted names give tables or problems, never an error;
    a problem is always one of the file-level reason codes with both messages."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"f{suffix}"
        path.write_bytes(data)
        tables, problems = read_file(path, f"f{suffix}")
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n"):
        assert [p.reason_code for p in problems] == ["unreadable_file"] and not tables
    for p in problems:
        assert p.reason_code in {"unreadable_file", "no_header"} and p.th and p.en
    for t in tables:
        assert all(r >= 1 for r, _ in t.rows)


def _workbook_mutations():
    """A real workbook (xlsx or xls) with some of its bytes overwritten."""
    return st.tuples(st.sampled_from(["xlsx", "xls"]),
                     st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)),
                              min_size=1, max_size=20))


@settings(max_examples=25, deadline=None)
@given(mutation=_workbook_mutations())
def test_damaged_workbooks_never_crash_the_reader(mutation):
    """Bytes flipped inside real workbooks: the kind of file that made the native reader
    panic or abort. Tables or one ``unreadable_file`` problem, never a crash."""
    kind, flips = mutation
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"f.{kind}"
        if kind == "xlsx":
            write_xlsx(path, {"s": [FORM_HEADER, form_row()]})
        else:
            book = xlwt.Workbook()
            sheet = book.add_sheet("s")
            for r, row in enumerate([FORM_HEADER, form_row()]):
                for c, v in enumerate(row):
                    sheet.write(r, c, v)
            book.save(str(path))
        data = bytearray(path.read_bytes())
        for where, byte in flips:
            data[int(where * len(data))] = byte
        path.write_bytes(bytes(data))
        tables, problems = read_file(path, path.name)
    assert tables or problems
    assert all(p.reason_code in {"unreadable_file", "no_header"} for p in problems)


# any character at all, including control characters, line breaks and surrogates' neighbours
wild_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
wild_cell = st.one_of(
    st.none(), wild_text, st.text(st.sampled_from("กขค๑๒ 0123-=<>/\\"), min_size=200, max_size=3000),
    st.integers(-10**20, 10**20), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["=1+1", "<script>x</script>", "../../etc/passwd", "9" * 400, "1e999", "-", "\x00"]))
wild_form = st.builds(
    lambda place, cells: form_row(place[0], place[1], *cells[:5], **dict(zip(FORM_HEADER[3:7], cells[5:]))),
    st.sampled_from([("เชียงใหม่", "สันทราย"), ("ลำปาง", "เกาะคา"), ("", ""), ("กรุงเทพฯ", "บางรัก")]),
    st.lists(wild_cell, min_size=9, max_size=9))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(forms=st.lists(wild_form, min_size=1, max_size=8), excel=st.booleans())
def test_wild_cells_never_crash_the_clean_and_keep_every_row(rubric, forms, excel):
    """Random cells (control characters, line breaks, NUL, huge and tiny numbers, NaN and
    inf, long text) in a form: no crash, and each data row in exactly one place. In a CSV
    a cell with line breaks moves the line numbers of the rows after it, so rows are
    counted, not matched by number, there."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "2564"
        name = "f.xlsx" if excel else "f.csv"
        path = root / SUB / name
        if excel:
            write_xlsx(path, {"s": [FORM_HEADER] + forms})
        else:
            write_csv(path, [FORM_HEADER] + [["" if v is None else v for v in r] for r in forms])
        tables, problems, _ = read_year(tmp, 2564)
        result = clean_year(tables, problems, 2564, rubric)
        seen = places_of(result)
        assert len(seen) == len(set(seen))
        if problems:  # a NUL makes a CSV binary: the file is one unreadable row
            assert [p.reason_code for _, p in problems] == ["unreadable_file"] and seen == [(f"{SUB}/{name}", None)]
            return
        n_rows = sum(len(t.rows) for ts in tables.values() for t in ts)
        assert len(seen) == n_rows
        if excel:
            def blank(v):
                return v is None or (isinstance(v, float) and not math.isfinite(v)) or (
                    isinstance(v, str) and read_module._is_blank(v))
            assert {r for _, r in seen} == {i + 2 for i, row in enumerate(forms) if not all(map(blank, row))}
        s = result.submissions
        assert s["report_rate"].between(0, 100).all() if len(s) else True
        q = result.quarantine
        assert (q["raw"].fillna("").str.len() < 20_000).all() and (q["reason_th"].str.len() < 2_100).all()
