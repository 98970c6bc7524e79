"""The clean step on small hand-made years: what is accepted, what is held back and why."""

import datetime as dt
import json
import math

import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.clean import clean_year, read_year, run_clean
from analysis.read.files import Table, field_of
from helpers.files import CRITERIA, FORM_HEADER, PROJECT_HEADER, form_row, write_csv, write_xlsx

SCORE_HEADER = ["กรรมการ", "รอบ", "จังหวัด", "อำเภอ", "A3", "B1", "C1"]


def clean(raw_dir, rubric):
    tables, problems, _ = read_year(raw_dir, 2564)
    return clean_year(tables, problems, 2564, rubric)


def reasons(result):
    q = result.quarantine
    return dict(zip(zip(q["source_file"].str.rsplit("/", n=1).str[-1], q["source_row"]), q["reason_code"]))


def test_messy_but_recoverable_values_are_read_right(year_dir, rubric):
    raw, root = year_dir
    write_xlsx(root / "individual/submissions/f.xlsx", {"s": [
        FORM_HEADER,
        form_row(rate=0.95, received="๑๒ เรื่อง", resolved="12", submitted="19/7/64",
                 **{"จำนวนครั้งการประชุมประสานงาน": "๒๐ ครั้ง"}),
        form_row(province="จ.เชียงใหม่", district="อ.เมือง", name="นาง\u200bสมศรี  ดีใจ",
                 rate="ร้อยละ 88", submitted="2021-07-20 10:15:00"),
    ]}, formats={("s", 1, 7): "0%"})
    result = clean(raw, rubric)
    assert result.quarantine.empty
    s = result.submissions.set_index("district_code")
    assert s.loc["5014", "report_rate"] == 95.0
    assert s.loc["5014", "complaints_received"] == 12
    assert s.loc["5014", "meetings"] == 20
    assert s.loc["5014", "submitted_at"] == pd.Timestamp("2021-07-19")
    assert s.loc["5014", "started_on"] == dt.date(2017, 1, 1)
    assert s.loc["5001", "name"] == "นางสมศรี ดีใจ"
    assert s.loc["5001", "report_rate"] == 88.0
    assert s.loc["5001", "place_match"] == "capital"
    assert set(s["region"]) == {"north"} and set(s["province_name"]) == {"เชียงใหม่"}
    assert list(s["source_row"]) == [2, 3] or sorted(s["source_row"]) == [2, 3]


@pytest.mark.parametrize(("row", "reason"), [
    (form_row(province="กรุงเทพฯ", district="บางรัก"), "out_of_scope"),
    (form_row(district="อำเภอสมมุติ"), "unknown_district"),
    (form_row(province="เชียงราย"), "place_mismatch"),
    (form_row(province="ดาวอังคาร"), "unknown_province"),
    (form_row(rate=150), "out_of_range"),
    (form_row(received=-1, resolved=0), "out_of_range"),
    (form_row(received=3, resolved=5), "inconsistent_values"),
    (form_row(name=""), "missing_value"),
    (form_row(rate=None), "missing_value"),
    (form_row(rate="ไม่ทราบ"), "bad_value"),
    (form_row(submitted="32/13/2564"), "bad_value"),
    (form_row(submitted="19/7/2550"), "out_of_range"),  # years before the evaluation
    (form_row(**{"วันที่เริ่มปฏิบัติหน้าที่": "1 ม.ค. 2570"}), "out_of_range"),  # after it was sent
])
def test_wrong_rows_are_held_back_with_a_reason(year_dir, rubric, row, reason):
    raw, root = year_dir
    write_csv(root / "individual/submissions/f.csv", [FORM_HEADER, row, form_row(district="แม่ริม")])
    result = clean(raw, rubric)
    assert list(result.submissions["district_code"]) == ["5007"]  # the good row still goes through
    (q,) = result.quarantine.to_dict("records")
    assert q["reason_code"] == reason
    assert q["source_file"] == "individual/submissions/f.csv" and q["source_row"] == 2
    assert q["reason_th"] and q["reason_en"]
    assert json.loads(q["raw"])["จังหวัด"] == row[0]  # the raw values travel with the row


def test_the_later_submission_counts(year_dir, rubric):
    raw, root = year_dir
    write_csv(root / "individual/submissions/a.csv", [
        FORM_HEADER, form_row(rate=80, submitted="20 ก.ค. 2564"), form_row(district="แม่ริม")])
    write_csv(root / "individual/submissions/b.csv", [
        FORM_HEADER, form_row(rate=90, submitted="19 ก.ค. 2564")])
    result = clean(raw, rubric)
    s = result.submissions.set_index("district_code")
    assert s.loc["5014", "report_rate"] == 80  # sent later, though read first
    (q,) = result.quarantine.to_dict("records")
    assert (q["source_file"], q["source_row"], q["reason_code"]) == (
        "individual/submissions/b.csv", 2, "duplicate_superseded")
    assert "a.csv" in q["reason_th"] and "แถว 2" in q["reason_th"]


def test_duplicates_that_cannot_be_ordered_are_all_held(year_dir, rubric):
    raw, root = year_dir
    write_csv(root / "individual/submissions/a.csv", [
        FORM_HEADER, form_row(rate=80), form_row(rate=90)])
    result = clean(raw, rubric)
    assert result.submissions.empty
    assert list(result.quarantine["reason_code"]) == ["duplicate_conflict"] * 2


def test_identical_duplicates_keep_one(year_dir, rubric):
    raw, root = year_dir
    write_csv(root / "individual/submissions/a.csv", [FORM_HEADER, form_row(), form_row()])
    result = clean(raw, rubric)
    assert list(result.submissions["source_row"]) == [3]
    assert list(result.quarantine["reason_code"]) == ["duplicate_superseded"]


def _forms_and_scores(root, score_rows, roster=None):
    write_csv(root / "individual/submissions/f.csv", [
        FORM_HEADER, form_row(), form_row(district="แม่ริม", name="นายข ค"),
        form_row(province="ลำปาง", district="เกาะคา", name="นายง จ")])
    write_csv(root / "individual/scores/s.csv", [SCORE_HEADER] + score_rows)
    if roster:
        write_csv(root / "individual/scores/judges.csv", [["กรรมการ", "จังหวัด"]] + roster)


def test_score_sheets_to_long_form_with_blanks_kept_as_missing(year_dir, rubric):
    raw, root = year_dir
    _forms_and_scores(root, [
        ["นายก", "จังหวัด", "เชียงใหม่", "สันทราย", "20", "25", "15"],
        ["นายก", "ระดับประเทศ", "ลำปาง", "เกาะคา", "", "", ""],  # conflict of interest: blank
        ["นายข", "ประเทศ", "ลำปาง", "เกาะคา", "18.5", "๒๐", ""],
    ])
    result = clean(raw, rubric)
    assert result.quarantine.empty
    sc = result.scores
    assert len(sc) == 9  # three rows x three judged criteria, blanks included
    assert set(sc["criterion"]) == {"A3", "B1", "C1"}
    row = sc[(sc.judge == "นายข") & (sc.criterion == "B1")].iloc[0]
    assert (row["round"], row["district_code"], row["score"]) == ("national", "5203", 20.0)
    assert sc[sc.judge == "นายก"].groupby("round")["score"].count().to_dict() == {"national": 0, "province": 3}


@pytest.mark.parametrize(("score_row", "reason"), [
    (["นายก", "จังหวัด", "เชียงใหม่", "สันทราย", "26", "25", "15"], "out_of_range"),  # A3 max 25
    (["นายก", "จังหวัด", "เชียงใหม่", "สันทราย", "-1", "25", "15"], "out_of_range"),
    (["นายก", "จังหวัด", "เชียงใหม่", "ดอยสะเก็ด", "20", "25", "15"], "unknown_candidate"),
    (["นายก", "จังหวัด", "เชียงใหม่", "สันทราย", "ดี", "25", "15"], "bad_value"),
    (["", "จังหวัด", "เชียงใหม่", "สันทราย", "20", "25", "15"], "missing_value"),
    (["นายก", "", "เชียงใหม่", "สันทราย", "20", "25", "15"], "missing_value"),
    (["นายก", "อำเภอ", "เชียงใหม่", "สันทราย", "20", "25", "15"], "bad_value"),
    (["นายก", "จังหวัด", "กรุงเทพฯ", "บางรัก", "20", "25", "15"], "out_of_scope"),
])
def test_wrong_score_rows_are_held_back(year_dir, rubric, score_row, reason):
    raw, root = year_dir
    _forms_and_scores(root, [score_row, ["นายข", "จังหวัด", "เชียงใหม่", "แม่ริม", "20", "20", "10"]])
    result = clean(raw, rubric)
    assert list(result.quarantine["reason_code"]) == [reason]
    assert result.quarantine["source_row"].tolist() == [2]
    assert set(result.scores["source_row"]) == {3}


def test_unknown_and_computed_criteria_columns(year_dir, rubric):
    raw, root = year_dir
    _forms_and_scores(root, [])
    write_csv(root / "individual/scores/s.csv", [
        SCORE_HEADER + ["D1", "A1"],
        ["นายก", "จังหวัด", "เชียงใหม่", "สันทราย", "20", "25", "15", "", ""],  # blank: fine
        ["นายก", "จังหวัด", "เชียงใหม่", "แม่ริม", "20", "25", "15", "5", ""],
        ["นายข", "จังหวัด", "เชียงใหม่", "แม่ริม", "20", "25", "15", "", "10"],
    ])
    result = clean(raw, rubric)
    # D1 is no criterion of the year: held. A1 is computed from the form: the judge's value is
    # set aside (noted), and the row's judged scores count.
    assert result.quarantine["reason_code"].tolist() == ["unknown_criterion"]
    assert result.quarantine["source_row"].tolist() == [3]
    assert "A3" in result.quarantine["suggestion"].iloc[0]
    assert set(result.scores["source_row"]) == {2, 4}
    assert set(result.scores["criterion"]) == {"A3", "B1", "C1"}
    assert any("A1" in n for n in result.notes)


def test_roster_catches_a_judge_scoring_their_home_province(year_dir, rubric):
    raw, root = year_dir
    _forms_and_scores(root, [
        ["นายก", "ประเทศ", "ลำปาง", "เกาะคา", "20", "25", "15"],
        ["นายก", "ประเทศ", "เชียงใหม่", "สันทราย", "20", "25", "15"],
    ], roster=[["นายก", "ลำปาง"]])
    result = clean(raw, rubric)
    assert result.quarantine["reason_code"].tolist() == ["conflict_of_interest"]
    assert result.judges[["judge", "home_province_code"]].values.tolist() == [["นายก", "52"]]



def test_copies_of_a_row_share_its_verdict_and_keep_their_own_row_numbers(year_dir, rubric):
    """Each distinct score or roster row is checked once (a big file repeats its rows): every
    copy still lands in one place under its own row number, and a good row sent again is
    settled as a duplicate, the last copy counting."""
    raw, root = year_dir
    good, blank_judge = ["นายก", "จังหวัด", "เชียงใหม่", "สันทราย", "20", "25", "15"], \
        ["", "จังหวัด", "เชียงใหม่", "สันทราย", "20", "25", "15"]
    _forms_and_scores(root, [good, blank_judge, good, blank_judge,
                             ["นายข", "จังหวัด", "เชียงใหม่", "แม่ริม", "20", "20", "10"], good],
                      roster=[["นายค", "ลำปาง"], ["", "ลำปาง"], ["นายค", "ลำปาง"], ["", "ลำปาง"]])
    result = clean(raw, rubric)
    assert reasons(result) == {("s.csv", 2): "duplicate_superseded", ("s.csv", 4): "duplicate_superseded",
                               ("s.csv", 3): "missing_value", ("s.csv", 5): "missing_value",
                               ("judges.csv", 3): "missing_value", ("judges.csv", 5): "missing_value"}
    q = result.quarantine.set_index(["source_file", "source_row"])
    assert "แถว 7" in q.loc[("individual/scores/s.csv", 2), "reason_th"]
    assert sorted(set(result.scores["source_row"])) == [6, 7]
    assert result.judges["source_row"].tolist() == [2, 4]


def test_cells_equal_in_python_but_typed_differently_stay_apart(rubric):
    """0.0 and -0.0, or 1.0 and True, are equal to Python but not as typed: rows that differ
    only so are not one row, and each keeps its own raw values."""
    headers = ["กรรมการ", "รอบ", "จังหวัด", "อำเภอ", "A3", "B1", "C1"]
    values = [0.0, -0.0, 1.0, True, 1]
    sheet = Table("individual/scores/s.xlsx", "s", 1, headers, [field_of(h) for h in headers],
                  [(2 + i, [None, "จังหวัด", "เชียงใหม่", "สันทราย", v, 25.0, 15.0]) for i, v in enumerate(values)])
    result = clean_year({("individual", "scores"): [sheet]}, [], 2564, rubric)
    q = result.quarantine
    assert q["reason_code"].tolist() == ["missing_value"] * 5
    a3 = [json.loads(r)["A3"] for r in q.sort_values("source_row")["raw"]]
    assert [(type(v), math.copysign(1, v)) for v in a3] == [
        (float, 1), (float, -1), (float, 1), (bool, 1), (int, 1)]

def test_province_category(year_dir, rubric):
    raw, root = year_dir
    write_xlsx(root / "province/submissions/p.xlsx", {"s": [
        ["โครงการ 1 จังหวัด 1 พัฒนา ประจำปี 2564"], PROJECT_HEADER,
        ["นครศรีฯ", "โครงการ ก", "1,250,000 บาท", "๑๒", 500, "1/3/2564", "30/6/2564", "19/7/2564"],
        ["ลำปาง", "โครงการ ข", "1.2 ล้านบาท", 5, 100, "1/3/2564", "1/2/2564", "19/7/2564"],
    ]})
    write_csv(root / "province/scores/n.csv", [
        ["กรรมการ", "รอบ", "จังหวัด", "P1", "P2", "P3", "P4", "P5"],
        ["นายก", "", "นครศรีธรรมราช", "15", "20", "25", "10", "8"],
        ["นายก", "", "ลำปาง", "15", "20", "25", "10", "8"]])
    result = clean(raw, rubric)
    (p,) = result.submissions.to_dict("records")
    assert (p["province_code"], p["budget"], p["lao_participants"], p["source_row"]) == ("80", 1250000, 12, 3)
    assert pd.isna(p["district_code"])
    assert reasons(result) == {("p.xlsx", 4): "inconsistent_values", ("n.csv", 3): "unknown_candidate"}
    assert set(result.scores["round"]) == {"national"} and len(result.scores) == 5


def test_every_row_lands_in_exactly_one_place(year_dir, rubric):
    raw, root = year_dir
    _forms_and_scores(root, [
        ["นายก", "จังหวัด", "เชียงใหม่", "สันทราย", "20", "25", "15"],
        ["นายก", "จังหวัด", "เชียงใหม่", "สันทราย", "20", "25", "14"],
        ["นายข", "จังหวัด", "เชียงใหม่", "xx", "20", "25", "14"],
    ])
    (root / "province/scores/broken.xlsx").write_bytes(b"\x00" * 10)
    result = clean(raw, rubric)
    accepted = {(r.source_file, r.source_row) for r in result.submissions.itertuples()}
    accepted |= {(r.source_file, r.source_row) for r in result.scores.itertuples()}
    held = [(r.source_file, r.source_row) for r in result.quarantine.itertuples() if pd.notna(r.source_row)]
    assert not accepted & set(held) and len(held) == len(set(held))
    read = {(t, r) for t, n in [("individual/submissions/f.csv", 4), ("individual/scores/s.csv", 4)]
            for r in range(2, n + 1)}
    assert accepted | set(held) == read
    assert "unreadable_file" in set(result.quarantine["reason_code"])


def test_cli_writes_the_contract_and_exits_0_with_rows_held(year_dir, tmp_path, capsys):
    raw, root = year_dir
    write_csv(root / "individual/submissions/f.csv", [FORM_HEADER, form_row(), form_row(rate=150)])
    out = tmp_path / "out"
    code = main(["clean", "--raw-dir", str(raw), "--year", "2564", "--clean-dir", str(out),
                 "--criteria-dir", str(CRITERIA)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "out_of_range" in printed and "2564" in printed
    subs = pd.read_parquet(out / "2564/submissions.parquet")
    assert {"category", "province_code", "district_code", "source_file", "source_row"} <= set(subs)
    scores = pd.read_parquet(out / "2564/scores.parquet")
    assert list(scores.columns)[:10] == ["year", "category", "round", "judge", "province_code",
                                         "district_code", "criterion", "score", "source_file", "source_sheet"]
    q = pd.read_csv(out / "2564/quarantine.csv", encoding="utf-8-sig")
    assert q["reason_code"].tolist() == ["out_of_range"]


@pytest.mark.parametrize(("args", "words"), [
    (["--year", "2599"], ["ไม่พบ", "2599"]),
    (["--year", "2564", "--criteria-dir", "/nonexistent"], ["rubric file not found"]),
])
def test_cli_errors_are_clear_not_tracebacks(year_dir, tmp_path, capsys, args, words):
    raw, _ = year_dir
    code = main(["clean", "--raw-dir", str(raw), "--clean-dir", str(tmp_path / "o"),
                 "--criteria-dir", str(CRITERIA), *args])
    assert code == 2
    err = capsys.readouterr().err
    assert all(w in err for w in words) and "Traceback" not in err


def test_run_clean_writes_outputs(year_dir, rubric, tmp_path):
    raw, root = year_dir
    write_csv(root / "individual/submissions/f.csv", [FORM_HEADER, form_row()])
    run_clean(raw, 2564, tmp_path / "o", rubric)
    assert {p.name for p in (tmp_path / "o/2564").iterdir()} == {
        "submissions.parquet", "scores.parquet", "judges.parquet", "quarantine.csv", "set_aside.csv",
        "manifest.json"}


@pytest.mark.parametrize("name", ["-", "12345", "..."])
def test_a_name_must_be_a_name(year_dir, rubric, name):
    raw, root = year_dir
    write_csv(root / "individual/submissions/f.csv", [FORM_HEADER, form_row(name=name)])
    result = clean(raw, rubric)
    assert result.submissions.empty
    assert result.quarantine["reason_code"].tolist() == ["bad_value"]


def test_formula_text_in_the_quarantine_csv_is_neutralised(year_dir, rubric, tmp_path):
    raw, root = year_dir
    write_csv(root / "individual/submissions/f.csv",
              [FORM_HEADER, form_row(rate="=HYPERLINK(\"http://x\",\"95\")")])
    run_clean(raw, 2564, tmp_path / "o", rubric)
    q = pd.read_csv(tmp_path / "o/2564/quarantine.csv", encoding="utf-8-sig")
    assert q["reason_code"].tolist() == ["bad_value"]
    assert q["value"].iloc[0].startswith("'=")


# ---------------------------------------------------------------------- issue 12: rows that are not data
def _aside(result):
    a = result.set_aside
    return dict(zip(a["source_row"], a["reason_code"]))


@pytest.mark.parametrize(("row", "code"), [
    (["รวม", "", "", "", "", "", "", "", "17", "15", "", ""], "total_row"),
    (["เชียงใหม่", "รวมทั้งสิ้น 3 อำเภอ", "", "", "", "", "", "", "17", "15", "", ""], "total_row"),
    (["หมายเหตุ: ข้อมูล ณ วันที่ 30 มิ.ย. 2564"] + [""] * 11, "note_row"),
    (["* ร้อยละจากระบบศูนย์ประสานงาน"] + [""] * 11, "note_row"),
    (["ขอรับรองว่าข้อมูลถูกต้อง"] + [""] * 11, "note_row"),
    (["", "", "ลงชื่อ ............................ ผู้รายงาน"] + [""] * 9, "signature_block"),
    (["", "", "ลงชื่อ", "................", "ผู้รายงาน"] + [""] * 7, "signature_block"),
    (["", "", "(นายสมชาย ใจดี)"] + [""] * 9, "signature_block"),
    (["", "", "( .............................. )"] + [""] * 9, "signature_block"),
    (["", "", "ตำแหน่ง ท้องถิ่นจังหวัดเชียงใหม่"] + [""] * 9, "signature_block"),
    (["", "", "โทร. 053-112345"] + [""] * 9, "signature_block"),
    (FORM_HEADER, "repeated_header"),
    (["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)", "(12)"], "column_numbers"),
    (["-----", "", "-----", "", "", "", "", "", "", "", "", ""], "separator_row"),
    (["เชียงใหม่", "ดอยเต่า", "", "ท้องถิ่นอำเภอ", "", "", "", "", "", "", "", ""], "template_unfilled"),
    (["เชียงใหม่", "ดอยเต่า", "..................", "ท้องถิ่นอำเภอ", "-", "-", "-", "(ระบุ)", "", "", "", ""],
     "template_unfilled"),
    (["ตัวอย่าง", "เมือง", "นายสมมติ ตัวอย่าง", "ท้องถิ่นอำเภอ", "1 ม.ค. 2560", "10", "12", "95", "1", "1", "", ""],
     "example_row"),
])
def test_rows_that_are_not_data_are_set_aside_not_held(year_dir, rubric, row, code):
    raw, root = year_dir
    write_csv(root / "individual/submissions/f.csv", [FORM_HEADER, form_row(), row])
    result = clean(raw, rubric)
    assert result.quarantine.empty, result.quarantine[["source_row", "reason_code", "reason_th"]]
    assert _aside(result) == {3: code}
    assert list(result.submissions["source_row"]) == [2]
    a = result.set_aside.iloc[0]
    assert a["reason_th"].startswith("ไม่ใช่ข้อมูลผู้สมัคร") and a["reason_en"] and a["source_file"].endswith("f.csv")


@pytest.mark.parametrize(("row", "code"), [
    (form_row(name="(นายสมชาย ใจดี)"), None),  # an applicant whatever the brackets: accepted
    (form_row(**{"ชื่อผลงานดีเด่น": "รวมพลังชุมชนสร้างสุข"}), None),
    (form_row(**{"ชื่อผลงานดีเด่น": "ลงชื่อเข้าใช้ระบบออนไลน์"}), None),
    (form_row(district="รวม"), "unknown_district"),  # a name is there: could be an applicant
    (["", "", "ลงชื่อ นายสมชาย ใจดี", "", "", "", "", "95", "", "", "", ""], "missing_value"),  # a figure
    (["หมายเหตุ", "สันทราย", "", "", "", "", "", "", "", "", "", ""], "unknown_province"),  # a place
    (["", "", "นายสมชาย ใจดี", "", "", "", "", "", "", "", "", ""], "missing_value"),  # a name alone
    (["ตารางที่ 2"] + [""] * 11, "missing_value"),  # a caption: could be anything
])
def test_rows_that_could_be_an_applicant_are_never_set_aside(year_dir, rubric, row, code):
    raw, root = year_dir
    write_csv(root / "individual/submissions/f.csv", [FORM_HEADER, row])
    result = clean(raw, rubric)
    assert result.set_aside.empty
    if code is None:
        assert list(result.submissions["source_row"]) == [2]
    else:
        assert result.quarantine["reason_code"].tolist() == [code]


def test_a_title_line_is_not_data_only_under_a_signature(year_dir, rubric):
    """A line like "ท้องถิ่นจังหวัดเชียงใหม่" is a signer's title under "ลงชื่อ"; above the data it
    could be anything, so it is held. (Identical copies share one verdict: if one copy is not
    under a signature, every copy is held.)"""
    raw, root = year_dir
    write_csv(root / "individual/submissions/f.csv", [
        FORM_HEADER, ["ท้องถิ่นจังหวัดลำพูน"] + [""] * 11, form_row(),
        ["", "", "ลงชื่อ ........ ผู้รายงาน"] + [""] * 9, ["ท้องถิ่นจังหวัดเชียงใหม่"] + [""] * 11])
    result = clean(raw, rubric)
    assert _aside(result) == {4: "signature_block", 5: "signature_block"}
    assert result.quarantine["source_row"].tolist() == [2]


def test_a_name_alone_is_not_data_only_under_a_signature(year_dir, rubric):
    raw, root = year_dir
    write_csv(root / "individual/submissions/f.csv", [
        FORM_HEADER, form_row(), ["", "", "ลงชื่อ ..................... ผู้รายงาน"] + [""] * 9,
        ["", "", "นายสมชาย ใจดี"] + [""] * 9, ["", "", "นางสมศรี มีสุข"] + [""] * 9])
    result = clean(raw, rubric)
    assert _aside(result) == {3: "signature_block", 4: "signature_block", 5: "signature_block"}


def test_a_name_alone_above_the_signature_is_held(year_dir, rubric):
    raw, root = year_dir
    write_csv(root / "individual/submissions/f.csv", [
        FORM_HEADER, form_row(), ["", "", "นายสมชาย ใจดี"] + [""] * 9,
        ["", "", "ลงชื่อ ..................... ผู้รายงาน"] + [""] * 9])
    result = clean(raw, rubric)
    assert _aside(result) == {4: "signature_block"}
    assert result.quarantine[["source_row", "reason_code"]].values.tolist() == [[3, "missing_value"]]


def test_score_sheet_totals_and_signatures_are_set_aside(year_dir, rubric):
    raw, root = year_dir
    _forms_and_scores(root, [
        ["นายก", "จังหวัด", "เชียงใหม่", "สันทราย", "20", "25", "15"],
        ["", "", "", "คะแนนเฉลี่ย", "20", "25", "15"],
        ["", "ลงชื่อ ................ กรรมการ", "", "", "", "", ""],
        ["", "(นายก)", "", "", "", "", ""]])
    result = clean(raw, rubric)
    assert result.quarantine.empty
    a = result.set_aside
    assert dict(zip(a["source_row"], a["reason_code"])) == {3: "total_row", 4: "signature_block", 5: "signature_block"}
    assert set(a["kind"]) == {"score"}


def test_set_aside_csv_and_the_invariant(year_dir, rubric, tmp_path):
    """Every data row in exactly one place: accepted, held back, or set aside as not data."""
    raw, root = year_dir
    write_csv(root / "individual/submissions/f.csv", [
        FORM_HEADER, form_row(), form_row(rate=150), ["รวม"] + [""] * 11,
        ["", "", "(นายสมชาย ใจดี)"] + [""] * 9])
    result = run_clean(raw, 2564, tmp_path / "o", rubric)
    aside = pd.read_csv(tmp_path / "o/2564/set_aside.csv", encoding="utf-8-sig")
    assert list(aside.columns) == ["year", "category", "kind", "source_file", "source_sheet", "source_row",
                                   "reason_code", "reason_th", "reason_en", "text"]
    assert aside[["source_row", "reason_code"]].values.tolist() == [[4, "total_row"], [5, "signature_block"]]
    assert aside["text"].tolist() == ["รวม", "(นายสมชาย ใจดี)"]
    places = [("accepted", r) for r in result.submissions["source_row"]] + \
        [("held", r) for r in result.quarantine["source_row"]] + [("aside", r) for r in result.set_aside["source_row"]]
    rows = [r for _, r in places]
    assert sorted(rows) == [2, 3, 4, 5] and len(rows) == len(set(rows))
    from analysis.clean import summary
    s = summary(result).set_index("category")
    assert (s.loc["individual", "forms_accepted"], s.loc["individual", "held_back"],
            s.loc["individual", "set_aside"]) == (1, 1, 2)
