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
