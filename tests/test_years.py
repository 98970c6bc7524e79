"""The notebooks' default years: the newest with raw files, every cleaned year."""

import pytest

from analysis.errors import YearsError
from analysis.years import cleaned, given_or_cleaned, latest


def test_the_newest_year_with_raw_files_not_an_empty_folder_nor_a_stray_name(tmp_path):
    for year in (2566, 2568):
        (tmp_path / str(year) / "individual").mkdir(parents=True)
        (tmp_path / str(year) / "individual" / "f.xlsx").write_bytes(b"x")
    (tmp_path / "2569" / "individual").mkdir(parents=True)  # made for next year, nothing in it yet
    (tmp_path / "9999").mkdir()
    (tmp_path / "9999" / "f.csv").write_text("x")  # not a B.E. year this package works with
    assert latest(tmp_path) == 2568


def test_no_year_at_all_says_where_it_looked(tmp_path):
    with pytest.raises(YearsError, match="ไม่พบข้อมูลดิบ.*no year's raw files") as info:
        latest(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_blank_years_are_every_cleaned_year_and_given_years_are_kept(tmp_path):
    for year in (2564, 2567):
        (tmp_path / str(year)).mkdir()
        (tmp_path / str(year) / "submissions.parquet").write_bytes(b"x")
    (tmp_path / "2565").mkdir()  # a year whose clean step did not finish
    assert cleaned(tmp_path) == [2564, 2567]
    assert given_or_cleaned("", tmp_path) == [2564, 2567]
    assert given_or_cleaned(" 2565-2566 ", tmp_path) == [2565, 2566]
    with pytest.raises(YearsError, match="run analysis clean first"):
        cleaned(tmp_path / "nothing")


def test_the_year_meant_is_two_digits_swapped_first_then_the_nearest():
    from analysis.years import closest

    assert closest(2596, [2568, 2569]) == 2569          # a swap, though 2568 is nearer
    assert closest(2586, [2568, 2585]) == 2568          # the swap wins over one digit off
    assert closest(5268, [2564, 2568]) == 2568          # any two digits, the nearest pair first
    assert closest(2596, [2564, 2568]) == 2568          # no swap is there: the nearest
    assert closest(2566, [2565, 2567]) == 2567          # as near both ways: the newer
    assert closest(2596, []) is None and closest(2568, [2568]) is None


def test_a_year_nothing_holds_names_what_is_there(tmp_path):
    from analysis.rubric.load import rubric_path
    from analysis.years import on_disk

    (tmp_path / "raw" / "2567").mkdir(parents=True)
    (tmp_path / "raw" / "notes").mkdir()
    (tmp_path / "criteria").mkdir()
    (tmp_path / "criteria" / "2568.yaml").write_text("year: 2568\n")
    (tmp_path / "criteria" / "2568.yaml.bak").write_text("")
    raw, criteria = tmp_path / "raw", tmp_path / "criteria"
    assert on_disk([2567, 2568], raw, criteria, rubric_path) == [2567, 2568]  # a folder, or a rubric
    with pytest.raises(YearsError) as info:
        on_disk([2567, 2586], raw, criteria, rubric_path)
    said = str(info.value)
    assert "ข้อมูลดิบของปี 2567" in said and "raw files for 2567" in said
    assert "เกณฑ์ของปี 2568" in said and "rubrics for 2568" in said and "did you mean 2568?" in said
    with pytest.raises(YearsError, match="no B.E. 2590-2591: neither") as info:  # several: no guess
        on_disk([2590, 2591], raw, criteria, rubric_path)
    assert "did you mean" not in str(info.value)
    with pytest.raises(YearsError, match="no year has raw files; no rubric at all"):
        on_disk([2568], tmp_path / "none", tmp_path / "none", rubric_path)
