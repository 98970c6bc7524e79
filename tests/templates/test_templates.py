"""Templates the provinces and judges fill in (issue 16): every form read back with its drop-down
and checks, filled as a clerk would and cleaned with every filled row accepted and nothing held,
a value pasted past a check still held by the clean step, the score sheets per committee with
their maxima and conflict-of-interest cells, and the command line around them."""

from __future__ import annotations

import datetime as dt
import errno
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import places, store
from analysis.__main__ import main
from analysis.clean import clean_year, run_clean
from analysis.clean.common import FORM_FIELDS, TEXT_LIMITS
from analysis.clean.forms import submission_window
from analysis.read.headers import CANONICAL_HEADERS, match
from analysis.read.files import read_file
from analysis.rubric.load import load_rubric
from analysis.templates import make_forms, make_score_sheets
from analysis.templates.fields import EARLIEST_TYPED, MESSAGE_LIMIT, TITLE_LIMIT, form_columns
from analysis.templates.scoresheets import COI_TEXT, committees
from helpers.files import CRITERIA, ROOT
from helpers.xlsxfill import cell_styles, cell_values, fill, protected, sheet_names, unlocked_styles, validations

YEAR = 2569
SOFFICE = "/usr/bin/soffice"
HEADER = 4  # the header's row as Excel numbers it; data from row 5


@pytest.fixture(scope="module")
def criteria(tmp_path_factory) -> Path:
    """A criteria folder with a 2569 rubric (2568's, as an analyst starts the year)."""
    folder = tmp_path_factory.mktemp("criteria")
    text = (CRITERIA / "2568.yaml").read_text(encoding="utf-8")
    (folder / f"{YEAR}.yaml").write_text(re.sub(r"(?m)^year: 2568", f"year: {YEAR}", text), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def forms(tmp_path_factory, criteria):
    """Every province's forms for 2569."""
    return make_forms(tmp_path_factory.mktemp("templates"), YEAR, criteria)


def _form(forms, category, province) -> Path:
    code = "แบบ2" if category == "individual" else "แบบ4"
    return forms.folder / category / f"{code}_{province}_{YEAR}.xlsx"


def _col(v: dict) -> str:
    """The column letter a validation starts in."""
    return re.match(r"[A-Z]+", v["sqref"]).group()


def _letters(category: str, rubric=None) -> dict[str, str]:
    from xlsxwriter.utility import xl_col_to_name
    return {c.field: xl_col_to_name(i) for i, c in enumerate(form_columns(category, rubric))}


# ------------------------------------------------------------------ headers: one place, read back
def test_every_canonical_header_reads_back_as_its_field():
    for category, headers in CANONICAL_HEADERS.items():
        for field, text in headers.items():
            m = match(text)
            assert m.field == field and m.strength >= 2, (category, field, text, m)
            assert match(text + " *").field == field  # the required mark is no part of the name
    for category, fields in FORM_FIELDS.items():  # what the forms write, canonical or the label, reads back
        assert [match(c.header).field for c in form_columns(category, None)] == \
            [c.field for c in form_columns(category, None)], category


# ------------------------------------------------------------------ all 76 provinces, read back
def test_every_province_gets_both_forms_with_its_districts_and_every_check(forms):
    provinces = places.provinces()
    assert len(forms.files) == 2 * 76 == 2 * len(provinces)
    districts = places.districts()
    for code, name in zip(provinces["province_code"], provinces["province_name"]):
        mine = districts.loc[districts["province_code"] == code, "district_name"].tolist()
        for category in ("individual", "province"):
            path = _form(forms, category, name)
            sheets = sheet_names(path)
            data = sheets[1]
            assert sheets[0] == "คำชี้แจง" and data == ("แบบ 2" if category == "individual" else "แบบ 4")
            n = len(mine) if category == "individual" else 1
            dv = {_col(v): v for v in validations(path, data)}
            typed = [c for c in form_columns(category, None) if c.typed]
            letters = _letters(category)
            assert set(dv) == {letters[c.field] for c in typed}, (name, category)  # every typed field checked
            for c in typed:
                v = dv[letters[c.field]]
                col = letters[c.field]
                assert v["sqref"] == (f"{col}{HEADER + 1}" if n == 1 else f"{col}{HEADER + 1}:{col}{HEADER + n}")
                assert v.get("errorStyle", "stop") == "stop" and v.get("showErrorMessage") == "1"  # stop is the default
                assert re.search("[ก-๙]", v["error"]) and re.search("[ก-๙]", v["prompt"])  # Thai both
                assert len(v["error"]) <= MESSAGE_LIMIT and len(v["prompt"]) <= MESSAGE_LIMIT
                assert len(v["errorTitle"]) <= TITLE_LIMIT and len(v["promptTitle"]) <= TITLE_LIMIT
            if category == "individual":
                lst = dv[letters["district"]]
                assert lst["type"] == "list" and lst["formula1"] == f"'รายชื่ออำเภอ'!$A$2:$A${n + 1}"
                cells = cell_values(path, "รายชื่ออำเภอ")
                assert [cells[f"A{i}"] for i in range(2, n + 2)] == mine and f"A{n + 2}" not in cells
                # ... exactly the province's districts, and each reads back as itself
                assert all(places.resolve(name, d).district_code for d in mine)
            assert all(protected(path, s) for s in sheets)
            styles, unlocked = cell_styles(path, data), unlocked_styles(path)
            for i, c in enumerate(form_columns(category, None)):
                col = _letters(category)[c.field]
                assert styles[f"{col}{HEADER}"] not in unlocked  # the header is locked
                assert (styles[f"{col}{HEADER + 1}"] in unlocked) == c.typed  # typed cells only are open


def test_the_reader_finds_each_form_without_guessing(forms):
    for category in ("individual", "province"):
        for path in sorted((forms.folder / category).glob("*.xlsx"))[:10]:
            tables, problems = read_file(path, path.name, year=YEAR)
            assert problems == [] and len(tables) == 1
            t = tables[0]
            assert t.fields == [c.field for c in form_columns(category, None)]
            assert t.columns == []  # no column left unread
            assert all(m.strength >= 2 for m in (match(h) for h in t.headers))


def test_each_kind_gets_its_check(forms):
    path = _form(forms, "individual", "เชียงใหม่")
    got = {v["sqref"].split(":")[0]: v for v in validations(path, "แบบ 2")}
    L = _letters("individual")
    first, last = submission_window(YEAR)
    assert got[f"{L['lao_count']}5"]["type"] == "whole" and got[f"{L['lao_count']}5"]["formula1"] == "0"
    assert got[f"{L['name']}5"]["type"] == "textLength" and got[f"{L['name']}5"]["formula2"] == str(TEXT_LIMITS["name"])
    rate = got[f"{L['report_rate']}5"]
    assert rate["type"] == "custom" and "I5>1" in rate["formula1"] and "I5<=100" in rate["formula1"]
    resolved = got[f"{L['complaints_resolved']}5"]["formula1"]
    assert f"K5<=J5" in resolved and "K5=INT(K5)" in resolved  # whole, and no more than received
    assert "J5>=K5" in got[f"{L['complaints_received']}5"]["formula1"]
    sub = got[f"{L['submitted_at']}5"]["formula1"]
    assert f"DATE({first.year},1,1)" in sub and f"DATE({last.year + 1},1,1)" in sub and "INT(M5)>=F5" in sub
    start = got[f"{L['started_on']}5"]["formula1"]
    assert "DATE(2000,1,1)" in start and "IF(ISNUMBER(M5),M5" in start
    prov = {v["sqref"].split(":")[0]: v["formula1"] for v in validations(_form(forms, "province", "เชียงใหม่"), "แบบ 4")}
    P = _letters("province")
    assert f"{P['ended_on']}5>={P['started_on']}5" in prov[f"{P['ended_on']}5"]


def test_the_instructions_say_what_the_year_s_criteria_take_from_the_form(forms, criteria):
    lines = list(cell_values(_form(forms, "individual", "ตรัง"), "คำชี้แจง").values())
    rubric = load_rubric(criteria / f"{YEAR}.yaml")["individual"]
    for c in rubric.criteria:
        (line,) = [t for t in lines if t.startswith(f"• {c.key} ")]
        assert f"({c.max:g} คะแนน)" in line
        assert ("ร้อยละการรายงานตรงเวลา" in line) == (c.key == "A1") and ("คณะกรรมการ" in line) == c.judged
    header = cell_values(_form(forms, "individual", "ตรัง"), "แบบ 2")
    required = {h[:-2] for h in header.values() if h.endswith(" *")}
    assert required == {"อำเภอ", "ชื่อ-สกุล", "ร้อยละการรายงานตรงเวลา", "เรื่องร้องเรียนที่ได้รับ",
                        "เรื่องร้องเรียนที่แก้ไขแล้ว"}  # the clean step's, and what A1 and A2 read


def test_b_e_date_format_and_the_same_bytes_again(forms, criteria, tmp_path):
    path = _form(forms, "individual", "น่าน")
    with __import__("zipfile").ZipFile(path) as zf:
        styles = zf.read("xl/styles.xml").decode()
    assert '[$-107041E]d mmm yyyy' in styles  # Buddhist calendar, Thai: shown as 19 ก.ค. 2569
    again = make_forms(tmp_path, YEAR, criteria, provinces=["55"])
    assert (again.folder / "individual" / path.name).read_bytes() == path.read_bytes()


# ------------------------------------------------------------------ filled as a clerk would
def _applicant(r: int, L: dict, **over) -> dict:
    """A clerk's row ``r`` of แบบ 2: every field typed (``...``: left blank), ``over`` changed."""
    values = {"district": "ป่าซาง", "name": "นายสมชาย ใจดี", "position": "ท้องถิ่นอำเภอ", "started_on": dt.date(2019, 10, 1),
              "lao_count": 12, "meetings": 20, "report_rate": 95, "complaints_received": 10,
              "complaints_resolved": 9, "work_title": "ศูนย์ประสานงานเคลื่อนที่",
              "submitted_at": dt.datetime(2026, 7, 19, 10, 30)}
    values.update(over)
    return {f"{L[f]}{r}": v for f, v in values.items() if v is not ...}


def _project(L: dict, **over) -> dict:
    """A clerk's one row of แบบ 4, ``over`` changed."""
    values = {"project_title": "ธนาคารน้ำใต้ดินระบบปิด", "budget": 1250000, "lao_participants": 12,
              "beneficiaries": 3400, "started_on": dt.date(2025, 10, 1), "ended_on": dt.date(2026, 9, 30),
              "submitted_at": dt.date(2026, 7, 1)}
    values.update(over)
    return {f"{L[f]}5": v for f, v in values.items() if v is not ...}


def _raw(tmp_path: Path) -> Path:
    for c in ("individual", "province"):
        for f in ("submissions", "scores"):
            (tmp_path / "raw" / str(YEAR) / c / f).mkdir(parents=True, exist_ok=True)
    return tmp_path / "raw"


def _roster(path: Path, judges: list[tuple[str, str]]) -> None:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("กรรมการ")
    ws.write_row(0, 0, ["กรรมการ", "จังหวัด", "รอบ"])
    for i, (judge, home) in enumerate(judges, start=1):
        ws.write_row(i, 0, [judge, home, "ประเทศ"])
    wb.close()


def _fill_scores(path: Path, dst: Path, value=lambda i, top: round(top * 0.6 + i % 3, 1)) -> int:
    """Every open score cell of every judge's sheet typed in (locked cells left as they are)."""
    open_ = unlocked_styles(path)
    typed = {}
    for sheet in sheet_names(path)[1:]:
        dvs = {_col(v): float(v["formula2"]) for v in validations(path, sheet)}
        typed[sheet] = {ref: value(i, dvs[ref.rstrip("0123456789")])
                        for i, (ref, s) in enumerate(cell_styles(path, sheet).items()) if s in open_}
    fill(path, dst, typed)
    return sum(map(len, typed.values()))


def test_round_trip_forms_then_score_sheets_nothing_held(forms, criteria, tmp_path):
    """Forms filled as a clerk would (some districts, the rest left as sent; one province sends its
    form untouched), cleaned: every filled row accepted with its values, nothing held, the unfilled
    rows set aside as template rows. Then the score sheets made from that, every open score typed,
    cleaned again: every score accepted, the conflict-of-interest cells blank scores."""
    raw = _raw(tmp_path)
    root = raw / str(YEAR)
    rubric = load_rubric(criteria / f"{YEAR}.yaml")
    L, P = _letters("individual"), _letters("province")
    fill(_form(forms, "individual", "เชียงใหม่"), root / "individual/submissions/แบบ2_เชียงใหม่_2569.xlsx",
         {"แบบ 2": {**_applicant(5, L, district="เมืองเชียงใหม่", name="นายสมชาย ใจดี"),
                    **_applicant(8, L, district="สันทราย", name="นางสมหญิง ใจงาม", report_rate=87.5, complaints_received=0,
                                 complaints_resolved=0, position=..., work_title=..., started_on=...),
                    **_applicant(9, L, district="ฝาง", name="นายวีระ ศรีสุข", report_rate=100, submitted_at=dt.date(2026, 7, 20))}})
    fill(_form(forms, "individual", "ขอนแก่น"), root / "individual/submissions/แบบ2_ขอนแก่น_2569.xlsx",
         {"แบบ 2": _applicant(5, L, district="ชุมแพ", name="นางสาวปวีณา แก้วมณี", report_rate=0)})
    shutil.copy(_form(forms, "individual", "ลำพูน"), root / "individual/submissions/")  # sent back untouched
    for province in ("เชียงใหม่", "ขอนแก่น"):
        fill(_form(forms, "province", province), root / f"province/submissions/แบบ4_{province}_2569.xlsx",
             {"แบบ 4": _project(P, project_title=f"โครงการของจังหวัด{province}")})
    _roster(root / "individual/scores/รายชื่อกรรมการ.xlsx",
            [("นายกรรม หนึ่ง", "เชียงใหม่"), ("นางกรรม สอง", "ลำพูน"), ("นายกรรม สาม", "ตรัง")])
    _roster(root / "province/scores/รายชื่อกรรมการ.xlsx",
            [("นางกรรม สี่", "ขอนแก่น"), ("นายกรรม ห้า", "ชลบุรี"), ("นางกรรม หก", "ตรัง")])

    result = run_clean(raw, YEAR, tmp_path / "clean", rubric)
    assert result.quarantine.empty, result.quarantine[["source_file", "source_row", "reason_th"]].to_string()
    subs = result.submissions
    ind = subs[subs["category"] == "individual"].set_index("name")
    assert sorted(ind.index) == sorted(["นายสมชาย ใจดี", "นางสมหญิง ใจงาม", "นายวีระ ศรีสุข", "นางสาวปวีณา แก้วมณี"])
    assert ind.loc["นายสมชาย ใจดี", "district_code"] == "5001" and ind.loc["นายสมชาย ใจดี", "source_row"] == 5
    assert ind.loc["นายสมชาย ใจดี", "started_on"] == dt.date(2019, 10, 1)  # a B.E.-formatted date cell, read right
    assert ind.loc["นายสมชาย ใจดี", "submitted_at"] == pd.Timestamp("2026-07-19 10:30")
    assert ind.loc["นางสมหญิง ใจงาม", "report_rate"] == 87.5 and pd.isna(ind.loc["นางสมหญิง ใจงาม", "position"])
    assert ind.loc["นายวีระ ศรีสุข", "report_rate"] == 100 and ind.loc["นางสาวปวีณา แก้วมณี", "report_rate"] == 0
    prov = subs[subs["category"] == "province"].set_index("province_code")
    assert prov.loc["50", "budget"] == 1250000 and prov.loc["50", "ended_on"] == dt.date(2026, 9, 30)
    aside = result.set_aside
    assert set(aside["reason_code"]) == {"template_unfilled"}
    n = places.districts().groupby("province_code").size()
    assert len(aside) == (n["50"] - 3) + (n["40"] - 1) + n["51"]  # every row nobody filled, nothing else

    sheets = make_score_sheets(tmp_path / "templates", YEAR, tmp_path / "clean", criteria)
    assert sorted(sheets.files) == sorted([
        "individual/คะแนนรอบจังหวัด_เชียงใหม่_2569.xlsx", "individual/คะแนนรอบจังหวัด_ขอนแก่น_2569.xlsx",
        "individual/คะแนนรอบประเทศ_ท้องถิ่นอำเภอดีเด่น_2569.xlsx", "province/คะแนน_1จังหวัด1พัฒนา_2569.xlsx"])
    assert any("no province-round results yet" in n for n in sheets.notes)  # all applicants go national
    typed = {f: _fill_scores(sheets.folder / f, root / f.replace("/", "/scores/", 1)) for f in sheets.files}
    judged = len(rubric["individual"].judged_keys)
    # province rounds: 3 seats x applicants; national: judge หนึ่ง sits out เชียงใหม่'s 3 applicants
    assert typed["individual/คะแนนรอบจังหวัด_เชียงใหม่_2569.xlsx"] == 3 * 3 * judged
    assert typed["individual/คะแนนรอบประเทศ_ท้องถิ่นอำเภอดีเด่น_2569.xlsx"] == (3 * 4 - 3) * judged
    assert typed["province/คะแนน_1จังหวัด1พัฒนา_2569.xlsx"] == (3 * 2 - 1) * len(rubric["province"].judged_keys)

    again = run_clean(raw, YEAR, tmp_path / "clean", rubric)
    assert again.quarantine.empty, again.quarantine[["source_file", "source_row", "reason_th"]].to_string()
    scores = again.scores
    assert scores["score"].notna().sum() == sum(typed.values())  # every typed score, once
    coi = scores[(scores["judge"] == "นายกรรม หนึ่ง") & (scores["province_code"] == "50")]
    assert len(coi) == 3 * judged and coi["score"].isna().all()  # sat out, kept as missing scores
    assert set(again.set_aside["reason_code"]) == {"template_unfilled", "signature_block"}
    from analysis.score import score_year

    results = score_year(again.submissions, again.scores, rubric, draws=50)["results"]
    assert results["total"].notna().all() and not results["incomplete"].any()


@pytest.mark.parametrize(("field", "pasted", "reason"), [
    ("report_rate", 120, "out_of_range"), ("report_rate", -5, "out_of_range"),
    ("complaints_resolved", 12, "inconsistent_values"),  # received is 10
    ("lao_count", -1, "out_of_range"), ("meetings", 2.5, "bad_value"),
    ("submitted_at", dt.date(2030, 1, 1), "out_of_range"),
    ("started_on", dt.date(2026, 8, 1), "out_of_range"),  # after the form was sent
    ("started_on", dt.date(1999, 10, 1), "bad_value"),  # a 19xx date cell may be a two-digit year: why 2000
    ("submitted_at", "32/13/2569", "bad_value"), ("name", "-", "bad_value"),
    ("district", "สันทราย", "place_mismatch"),  # a district of another province, pasted in ลำพูน's form
    ("district", "อำเภอที่ไม่มี", "unknown_district"),
])
def test_a_value_pasted_past_the_check_is_still_held(forms, criteria, tmp_path, field, pasted, reason):
    """Excel lets a paste through its checks: the clean step holds the row, with the right reason."""
    L = _letters("individual")
    path = fill(_form(forms, "individual", "ลำพูน"), tmp_path / "แบบ2_ลำพูน.xlsx",
                {"แบบ 2": {**_applicant(5, L, **{field: pasted}),
                           **_applicant(6, L, district="บ้านโฮ่ง", name="นางสมหญิง ใจงาม")}})
    result = _clean_one(path, "individual", criteria)
    assert list(result.quarantine["reason_code"]) == [reason] and list(result.quarantine["source_row"]) == [5]
    assert list(result.submissions["name"]) == ["นางสมหญิง ใจงาม"]


@pytest.mark.parametrize(("field", "pasted", "reason"), [
    ("ended_on", dt.date(2025, 1, 1), "inconsistent_values"), ("budget", -100, "out_of_range"),
    ("project_title", "", "missing_value"),
])
def test_a_value_pasted_past_the_province_form_check_is_held(forms, criteria, tmp_path, field, pasted, reason):
    path = fill(_form(forms, "province", "ตรัง"), tmp_path / "แบบ4_ตรัง.xlsx",
                {"แบบ 4": _project(_letters("province"), **{field: pasted or None})})
    result = _clean_one(path, "province", criteria)
    assert list(result.quarantine["reason_code"]) == [reason]


def _clean_one(path: Path, category: str, criteria: Path):
    tables, problems = read_file(path, f"{category}/submissions/{path.name}", year=YEAR)
    return clean_year({(category, "submissions"): tables}, [(category, p) for p in problems], YEAR,
                      load_rubric(criteria / f"{YEAR}.yaml"))


_ad = YEAR - 543
_counts = st.integers(0, 10_000)
_dates = st.dates(dt.date(_ad - 1, 1, 1), dt.date(_ad + 1, 12, 31))


@st.composite
def _typed_rows(draw):
    """A row of values the template's checks let through (the checks' rules, stated again)."""
    received = draw(_counts)
    submitted = draw(_dates)
    return {"report_rate": draw(st.one_of(st.just(0), st.floats(1.01, 100).map(lambda x: round(x, 2)))),
            "complaints_received": received, "complaints_resolved": draw(st.integers(0, received)),
            "lao_count": draw(_counts), "meetings": draw(_counts),
            "name": draw(st.sampled_from(["นายสมชาย ใจดี", "นางสาว ก. ข", "ว่าที่ร.ต. ปิยะ มั่นคง"])),
            "started_on": draw(st.dates(EARLIEST_TYPED, submitted)),
            "submitted_at": dt.datetime.combine(submitted, dt.time(draw(st.integers(0, 23)), draw(st.integers(0, 59))))}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(row=_typed_rows())
def test_whatever_the_checks_let_through_the_clean_step_accepts_as_typed(forms, criteria, tmp_path, row):
    L = _letters("individual")
    path = fill(_form(forms, "individual", "ลำปาง"), tmp_path / "แบบ2_ลำปาง.xlsx",
                {"แบบ 2": _applicant(7, L, district="เกาะคา", **row)})
    result = _clean_one(path, "individual", criteria)
    assert result.quarantine.empty, result.quarantine["reason_th"].tolist()
    (got,) = result.submissions.to_dict("records")
    for f, v in row.items():
        want = pd.Timestamp(v) if f == "submitted_at" else v
        assert got[f] == pytest.approx(want) if isinstance(v, float) else got[f] == want, (f, got[f], v)


# ------------------------------------------------------------------ score sheets
@pytest.fixture(scope="module")
def sample_year(tmp_path_factory):
    """The bundled sample's 2568, cleaned and scored (nominees in results.parquet, a national roster)."""
    from analysis.score import run_score

    base = tmp_path_factory.mktemp("sample2568")
    rubric = load_rubric(CRITERIA / "2568.yaml")
    run_clean(ROOT / "data" / "raw", 2568, base / "clean", rubric)
    run_score(base / "clean", 2568, rubric, draws=100)
    return base, rubric


def test_score_sheets_of_a_sample_year_per_committee(sample_year, tmp_path):
    base, rubric = sample_year
    made = make_score_sheets(tmp_path, 2568, base / "clean", CRITERIA)
    folder = base / "clean" / "2568"
    forms = pd.read_parquet(folder / "submissions.parquet")
    results = pd.read_parquet(folder / "results.parquet")
    roster = pd.read_parquet(folder / "judges.parquet")
    applicants = forms[forms["category"] == "individual"]
    assert len(made.files) == applicants["province_code"].nunique() + 2
    prov_round = results[(results["category"] == "individual") & (results["round"] == "province")]
    nominees = set(prov_round.loc[prov_round["nominee"], "district_code"])
    without = set(applicants["province_code"]) - {d[:2] for d in nominees}
    expected = nominees | set(applicants.loc[applicants["province_code"].isin(without), "district_code"])
    national = made.folder / "individual" / "คะแนนรอบประเทศ_ท้องถิ่นอำเภอดีเด่น_2568.xlsx"
    judges = roster[roster["category"] == "individual"]
    assert sheet_names(national)[1:] == list(judges["judge"])  # a sheet per judge of the roster
    tables, problems = read_file(national, "n.xlsx", year=2568)
    assert problems == [] and [t.sheet for t in tables] == list(judges["judge"])
    judged = rubric["individual"].judged_keys
    open_ = unlocked_styles(national)
    for t, home in zip(tables, judges["home_province_code"]):
        f = t.fields
        crit = [x for x in f if x and x.startswith("crit:")]
        assert crit == [f"crit:{k}" for k in judged]  # one column per judged criterion: no A1, A2
        for h, x in zip(t.headers, f):
            if x in crit:
                key = x[5:]
                c = rubric["individual"].criterion(key)
                assert h == f"{key} ({c.max:g} คะแนน) {c.name}"  # the key, its maximum, its name
        dvs = validations(national, t.sheet)
        assert all(v["type"] == "decimal" and v["formula1"] == "0" for v in dvs)
        assert sorted(float(v["formula2"]) for v in dvs) == sorted(rubric["individual"].criterion(k).max for k in judged)
        styles = cell_styles(national, t.sheet)
        rows = [(r, cells) for r, cells in t.rows if cells[f.index("judge")]]  # not the signature lines
        assert {places.resolve(cells[f.index("province")], cells[f.index("district")]).district_code
                for _, cells in rows} == expected  # the nominees
        for r, cells in rows:
            coi = places.read_province(cells[f.index("province")])[0] == home
            scored = [styles[f"{chr(65 + f.index(c))}{r}"] in open_ for c in crit]
            assert scored == [not coi] * len(crit), (t.sheet, r)  # greyed and locked where it is home
            assert (cells[-1] == COI_TEXT) == coi
        assert any(cells[-1] == COI_TEXT for _, cells in rows) == (home in {d[:2] for d in expected})
    cm = made.folder / "individual" / "คะแนนรอบจังหวัด_เชียงใหม่_2568.xlsx"
    assert sheet_names(cm)[1:] == ["กรรมการคนที่ 1", "กรรมการคนที่ 2", "กรรมการคนที่ 3"]  # seats
    tables, _ = read_file(cm, "c.xlsx", year=2568)
    mine = set(applicants.loc[applicants["province_code"] == "50", "district_code"])
    for t in tables:
        f = t.fields
        assert {places.resolve(c[f.index("province")], c[f.index("district")]).district_code
                for _, c in t.rows if c[f.index("judge")]} == mine


def _sample_raw_without_scores(tmp_path: Path) -> Path:
    """The sample's 2568 forms and judges' rosters, without its score sheets."""
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw" / "2568", raw / "2568",
                    ignore=lambda d, names: names if d.endswith("scores") else [])
    for d in ("individual", "province"):
        for roster in (ROOT / "data/raw/2568" / d / "scores").glob("รายชื่อกรรมการ*"):
            shutil.copy(roster, raw / "2568" / d / "scores" / roster.name)
    return raw


def test_score_sheets_of_a_sample_year_round_trip(sample_year, tmp_path):
    """The sample's own score sheets replaced by filled templates: every score accepted."""
    base, rubric = sample_year
    made = make_score_sheets(tmp_path / "t", 2568, base / "clean", CRITERIA)
    raw = _sample_raw_without_scores(tmp_path)
    typed = sum(_fill_scores(made.folder / f, raw / "2568" / f.replace("/", "/scores/", 1)) for f in made.files)
    result = run_clean(raw, 2568, tmp_path / "clean", rubric)
    held = result.quarantine[result.quarantine["kind"] == "score"]
    assert held.empty, held[["source_file", "reason_th"]].head().to_string()
    assert result.scores["score"].notna().sum() == typed


def test_score_sheets_list_nominees_and_provinces_not_yet_scored():
    forms = pd.DataFrame({"category": "individual", "province_code": ["50", "50", "51", "52"],
                          "district_code": ["5001", "5002", "5101", "5201"], "name": list("กขคง"),
                          "project_title": None})
    results = pd.DataFrame({"category": "individual", "round": "province", "province_code": ["50", "50", "51"],
                            "district_code": ["5001", "5002", "5101"], "nominee": [False, True, True]})
    roster = pd.DataFrame(columns=["category", "judge", "home_province_code", "round"])
    found = {(c.category, c.round, c.province_code): c for c in committees(forms, roster, results, YEAR, 3)}
    national = found[("individual", "national", None)]
    assert list(national.candidates["district_code"]) == ["5002", "5101", "5201"]  # 52: no round yet, all
    assert any("ลำปาง" in n for n in national.notes)
    assert [j.name for j in national.judges] == [f"กรรมการคนที่ {i}" for i in range(1, 6)]  # no roster: seats
    assert list(found[("individual", "province", "50")].candidates["district_code"]) == ["5001", "5002"]
    assert ("province", "national", None) not in found  # no project accepted: no sheet
    before = committees(forms, roster, None, YEAR, 3)
    assert len(before[-1].candidates) == 4 and "all 4 applicants" in before[-1].notes[-1]


def test_a_score_pasted_past_its_check_or_into_a_sat_out_cell_is_held(sample_year, tmp_path):
    base, rubric = sample_year
    made = make_score_sheets(tmp_path / "t", 2568, base / "clean", CRITERIA)
    path = made.folder / "province" / "คะแนน_1จังหวัด1พัฒนา_2568.xlsx"
    tables, _ = read_file(path, "p.xlsx", year=2568)
    t = next(t for t in tables if any(cells[-1] == COI_TEXT for _, cells in t.rows))  # a judge who sits out one
    p3 = chr(65 + t.fields.index("crit:P3"))
    coi_row = next(r for r, cells in t.rows if cells[-1] == COI_TEXT)
    free = [r for r, cells in t.rows if cells[t.fields.index("judge")] and cells[-1] != COI_TEXT]
    raw = _sample_raw_without_scores(tmp_path)
    fill(path, raw / "2568/province/scores" / path.name,
         {t.sheet: {f"{p3}{free[0]}": 31, f"{p3}{free[1]}": -2, f"{p3}{coi_row}": 20, f"{p3}{free[2]}": 25}})
    result = run_clean(raw, 2568, tmp_path / "clean", rubric)
    held = result.quarantine[result.quarantine["kind"] == "score"].set_index("source_row")["reason_code"]
    assert held.to_dict() == {free[0]: "out_of_range", free[1]: "out_of_range", coi_row: "conflict_of_interest"}
    ok = result.scores[(result.scores["judge"] == t.sheet) & (result.scores["criterion"] == "P3")]
    assert ok["score"].dropna().tolist() == [25.0]


# ------------------------------------------------------------------ the command line
def test_the_command_makes_the_forms_and_says_which_rubric(tmp_path, capsys):
    assert main(["templates", "--years", "2569", "--out-dir", str(tmp_path / "t"), "--criteria-dir", str(CRITERIA)]) == 0
    out = capsys.readouterr().out
    assert "152" in out and "ยังไม่มีเกณฑ์ปี 2569" in out and "no rubric for 2569 yet" in out and "2568" in out
    assert len(list((tmp_path / "t/2569/forms").rglob("*.xlsx"))) == 152
    texts = " ".join(cell_values(tmp_path / "t/2569/forms/individual/แบบ2_ตรัง_2569.xlsx", "คำชี้แจง").values())
    assert "จังหวัดตรัง" in texts and "เกณฑ์การประเมิน" not in texts  # no other year's criteria told


def test_the_command_refuses_a_folder_it_did_not_make_and_a_file_in_use(forms, criteria, tmp_path, capsys,
                                                                       monkeypatch):
    target = tmp_path / "t" / "2569" / "forms" / "individual"
    target.mkdir(parents=True)
    (target / "แบบ2_ตรัง_2569 (ส่งกลับ).xlsx").write_bytes(b"returned")
    assert main(["templates", "--years", "2569", "--out-dir", str(tmp_path / "t"), "--criteria-dir", str(criteria)]) == 2
    err = capsys.readouterr().err
    assert "ไม่ได้สร้าง" in err and "did not make" in err and "(ส่งกลับ)" in err and "Traceback" not in err
    assert (target / "แบบ2_ตรัง_2569 (ส่งกลับ).xlsx").read_bytes() == b"returned"  # left alone

    out = forms.folder.parent.parent  # a folder the command made: made again, swapped in whole
    before = {p.name: p.read_bytes() for p in forms.folder.rglob("*.xlsx")}
    real = store._move

    def locked(src, dst):  # the folder's files held open (Excel on Windows)
        if Path(src) == forms.folder:
            raise PermissionError(errno.EACCES, "in use", str(src))
        return real(src, dst)

    monkeypatch.setattr(store, "_move", locked)
    monkeypatch.setattr(store.time, "sleep", lambda s: None)
    assert main(["templates", "--years", "2569", "--out-dir", str(out), "--criteria-dir", str(criteria)]) == 2
    err = capsys.readouterr().err
    assert "ปิดไฟล์" in err and "close it" in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in forms.folder.rglob("*.xlsx")} == before  # the previous set, whole
    monkeypatch.setattr(store, "_move", real)
    assert main(["templates", "--years", "2569", "--out-dir", str(out), "--criteria-dir", str(criteria)]) == 0
    assert {p.name: p.read_bytes() for p in forms.folder.rglob("*.xlsx")} == before  # the same bytes again


def test_the_command_needs_the_year_s_rubric_and_the_clean_step_for_score_sheets(tmp_path, capsys):
    args = ["templates", "--years", "2569", "--out-dir", str(tmp_path), "--criteria-dir", str(CRITERIA)]
    assert main(args + ["--score-sheets", "--clean-dir", str(tmp_path / "clean")]) == 2
    err = capsys.readouterr().err
    assert "ต้องใช้เกณฑ์ของปี 2569" in err and "need the 2569 rubric" in err
    assert main(["templates", "--years", "2568", "--out-dir", str(tmp_path), "--criteria-dir", str(CRITERIA),
                 "--score-sheets", "--clean-dir", str(tmp_path / "clean")]) == 2
    assert "run the clean step" in capsys.readouterr().err
    assert main(["templates", "--years", "2026", "--out-dir", str(tmp_path)]) == 2
    assert "did you mean B.E. 2569?" in capsys.readouterr().err


def test_help_in_thai_and_english(capsys):
    with pytest.raises(SystemExit):
        main(["templates", "--help"])
    text = capsys.readouterr().out
    assert "วิธีใช้ / usage: analysis templates" in text and "--score-sheets" in text and "--clean-dir" in text
    assert "ตัวอย่าง / examples" in text and "analysis templates --years 2569 --out" in text


# ------------------------------------------------------------------ as LibreOffice shows it
@pytest.mark.slow
@pytest.mark.skipif(not Path(SOFFICE).exists(), reason="LibreOffice is not installed")
def test_libreoffice_shows_a_filled_form_in_thai_and_keeps_its_checks(forms, criteria, tmp_path):
    """A filled form opened by LibreOffice: printed with its Thai text and B.E. dates, and saved
    again as .xlsx and .ods with every check still there; the clean step reads what it saved."""
    L = _letters("individual")
    src = fill(_form(forms, "individual", "น่าน"), tmp_path / "in" / "แบบ2_น่าน_2569.xlsx",
               {"แบบ 2": _applicant(5, L, district="ปัว", name="นายสมชาย ใจดี")})
    for target in ("pdf", "xlsx", "ods"):
        subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", target,
                        "--outdir", str(tmp_path / target), str(src)], check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "pdf" / "แบบ2_น่าน_2569.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "ชื่อ-สกุล" in text and "นายสมชาย ใจดี" in text and "19 ก.ค. 2569" in text and "1 ต.ค. 2562" in text
    saved = tmp_path / "xlsx" / "แบบ2_น่าน_2569.xlsx"
    assert {v["sqref"] for v in validations(saved, "แบบ 2")} == {v["sqref"] for v in validations(src, "แบบ 2")}
    assert {v["type"] for v in validations(saved, "แบบ 2")} >= {"list", "whole", "custom", "textLength"}
    assert protected(saved, "แบบ 2")
    with __import__("zipfile").ZipFile(tmp_path / "ods" / "แบบ2_น่าน_2569.ods") as zf:
        content = zf.read("content.xml").decode()
    assert content.count("<table:content-validation ") == len(validations(src, "แบบ 2"))
    assert "cell-content-is-in-list" in content
    for path in (saved, tmp_path / "ods" / "แบบ2_น่าน_2569.ods"):
        result = _clean_one(path, "individual", criteria)
        assert result.quarantine.empty and list(result.submissions["name"]) == ["นายสมชาย ใจดี"]
        assert result.submissions["started_on"].iloc[0] == dt.date(2019, 10, 1)
