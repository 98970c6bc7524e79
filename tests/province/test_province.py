"""A province's own page: its figures are the national files' figures, and the rows held back from
its own files are exactly the ones tied to it."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pandas as pd
import pytest

from analysis import province as P
from analysis.province import facts
from analysis.errors import AnalysisError
from helpers.files import CRITERIA, SAMPLE_YEARS


@pytest.mark.parametrize("text, code", [("57", "57"), (57, "57"), ("5", None), ("เชียงราย", "57"),
                                        ("จ.เชียงราย", "57"), ("โคราช", "30"), ("Chiang Rai", "57"),
                                        ("นครศรีฯ", "80")])
def test_a_province_is_named_by_code_or_as_people_write_it(text, code):
    if code is None:
        with pytest.raises(AnalysisError):
            P.code_of(text)
    else:
        assert P.code_of(text) == code


def test_an_unknown_or_out_of_scope_province_says_so_with_the_nearest_names():
    with pytest.raises(AnalysisError, match="เชียงราย"):
        P.code_of("เชียงรายย")
    with pytest.raises(AnalysisError, match="unknown province"):
        P.code_of("10")                     # Bangkok: no page, out of scope


def _rows(**columns) -> pd.DataFrame:
    return pd.DataFrame(columns)


def test_a_held_row_belongs_to_its_province_cell_else_its_files_province_else_its_files_name():
    raw = [json.dumps({"จังหวัด": "น่าน", "อำเภอ": "ปัว"}, ensure_ascii=False),      # its own cell
           json.dumps({"จังหวัด": "ทดสอบ", "อำเภอ": "เมือง"}, ensure_ascii=False),   # unreadable: the file's
           json.dumps({"จังหวัด": "", "อำเภอ": ""}, ensure_ascii=False),             # blank: the file's
           "",                                                                       # a whole-file row
           json.dumps({"จังหวัด": "เชียงใหม่"}, ensure_ascii=False)]                  # another province
    files = ["individual/submissions/a.xlsx"] * 3 + ["individual/submissions/แบบ2_ลำปาง.xlsx",
                                                     "individual/submissions/a.xlsx"]
    rows = _rows(raw=raw, source_file=files)
    accepted = _rows(source_file=["individual/submissions/a.xlsx"] * 2, province_code=["55", "55"])
    assert P.tie(rows, accepted).tolist() == ["55", "55", "55", "52", "50"]
    # a file whose accepted rows name two provinces ties nothing by itself
    two = _rows(source_file=["individual/submissions/a.xlsx"] * 2, province_code=["55", "56"])
    assert P.tie(rows, two).tolist() == ["55", None, None, "52", "50"]


def test_a_file_name_ties_only_when_it_names_one_province():
    assert facts._named_in("individual/submissions/แบบ2_สมุทรสาคร.xlsx") == "74"
    assert facts._named_in("province/submissions/ลำปาง และ ลำพูน.xlsx") is None
    assert facts._named_in("individual/scores/คะแนนรอบประเทศ_2568.csv") is None


def test_national_committees_sheets_are_not_a_provinces_own_files():
    rows = _rows(kind=["submission", "score", "score", "score", "roster"],
                 category=["individual", "individual", "individual", "province", "individual"],
                 source_file=["f.xlsx", "prov.xlsx", "nat.xlsx", "p.xlsx", "r.xlsx"],
                 raw=["", "", json.dumps({"รอบ": "ประเทศ"}, ensure_ascii=False), "", ""])
    scores = _rows(source_file=["prov.xlsx"], round=["province"])
    assert P.provinces_own(rows, scores).tolist() == [True, True, False, False, False]


def _truth(sample, year):
    t = pd.read_csv(sample / "truth" / str(year) / "submissions_truth.csv", dtype=str)
    return t


def test_each_held_row_of_a_provinces_forms_is_tied_to_the_province_that_sent_it(sample):
    """Against the generator's truth: every form row held back or set aside lies in a file that
    one province sent; the page of that province lists it, and no other page does."""
    for year in SAMPLE_YEARS:
        truth = _truth(sample, year)
        accepted = truth[truth["expected"] == "accept"]
        sender = accepted.groupby("source_file")["province_code"].agg(lambda s: s.mode().iloc[0])
        held = {}
        for code in P.provinces_that_took_part(sample / "clean", [year]):
            q, a = P.held_back(sample / "clean", year, code)
            for rows in (q, a):
                for key in zip(rows["source_file"], rows["source_sheet"].fillna(""), rows["source_row"]):
                    assert key not in held, (year, key)            # never on two pages
                    held[key] = code
        forms = truth[truth["expected"] != "accept"]
        forms = forms[forms["source_file"].isin(sender.index)]
        assert len(forms) > 10
        for f, sheet, r in zip(forms["source_file"], forms["source_sheet"].fillna(""), forms["source_row"]):
            if sender[f] == "10":                                  # Bangkok's file: no page
                continue
            sheet = "" if f.endswith(".csv") else sheet
            assert held.get((f, sheet, str(r))) == sender[f], (year, f, sheet, r)


def test_every_own_file_row_of_the_quarantine_is_on_at_most_one_page_and_most_on_one(sample):
    for year in SAMPLE_YEARS:
        files = P.year_files(sample / "clean", year)
        q = files["quarantine"]
        own = P.provinces_own(q, files["scores"])
        owner, _ = facts._owners(sample / "clean", year)
        assert owner[~own.to_numpy()].isna().all()                  # national sheets: no page
        assert owner[own.to_numpy()].notna().mean() > 0.9


def test_a_pages_figures_are_the_national_files_figures(sample):
    year, results = 2566, pd.read_parquet(sample / "clean" / "2566" / "results.parquet")
    nominees = results[(results["round"] == "national") & (results["category"] == "individual")]
    code = nominees.sort_values("total").iloc[-1]["province_code"]
    national = P.national_th(results, code)
    mine = results[(results["round"] == "national") & (results["province_code"] == code)].sort_values("category")
    assert national["คะแนนรวม"].tolist() == mine["total"].round(2).tolist()
    assert national["ลำดับ"].tolist() == mine["rank_scope"].tolist()
    assert national["รางวัล"].tolist() == mine["award"].replace("", "ไม่ได้รางวัล").tolist()
    applicants = P.applicants_th(results, code)
    prov_round = results[(results["round"] == "province") & (results["province_code"] == code)]
    assert sorted(applicants["คะแนนรวม"].dropna()) == sorted(prov_round["total"].dropna().round(2))
    assert (applicants["ผู้ได้รับการเสนอชื่อ"] == "✓").sum() == prov_round["nominee"].sum()
    from analysis.rubric.load import load_rubric

    crit = P.points_th(results, code, load_rubric(CRITERIA / "2566.yaml"))
    nat = results[(results["round"] == "national") & (results["category"] == "individual")]
    row = crit[(crit["ประเภท"] == "ประเภทบุคคล") & crit["เกณฑ์"].str.startswith("B1")].iloc[0]
    assert row["จังหวัดนี้"] == round(float(nat.loc[nat["province_code"] == code, "B1"].iloc[0]), 2)
    assert row["เฉลี่ยทั้งประเทศ"] == round(float(nat["B1"].mean()), 2)


def test_the_trend_is_the_comparisons_panel(sample, tmp_path):
    from analysis import compare

    shutil.copytree(sample / "clean", tmp_path / "clean")   # the comparison writes beside the years
    panel = compare.run_compare(tmp_path / "clean", "2564-2568", CRITERIA)["panel"]
    code = "55"
    trend = P.trend(sample / "clean", "2564-2568", code, CRITERIA)
    mine = panel[panel["province_code"] == code].sort_values("year")
    assert trend["ปี พ.ศ."].tolist() == [str(y) for y in mine["year"]]
    np.testing.assert_allclose(trend["คะแนนผู้ได้รับการเสนอชื่อ"].astype(float),
                               mine["nominee_total"].round(2).astype(float), equal_nan=True)
    region = panel[panel["region"] == mine["region"].iloc[0]].groupby("year")["nominee_total"].mean()
    np.testing.assert_allclose(trend.iloc[:, 5].astype(float), region.round(2).to_numpy())
    assert trend["ผู้สมัครประเภทบุคคล"].tolist() == mine["applicants"].tolist()
