"""The command line as a person meets it: help in Thai and English with examples, a version,
years in one form on every command, and a hint for the common slips instead of a silent nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pathlib import Path

from analysis import __version__
from analysis.__main__ import build_parser, main
from analysis.errors import YearsError
from analysis.years import parse_years
from helpers.files import CRITERIA, FORM_HEADER, form_row, write_csv

COMMANDS = ("run", "clean", "score", "compare", "sample", "kernel")


def test_years_in_every_form():
    assert parse_years("2568") == [2568]
    assert parse_years("2564-2566") == [2564, 2565, 2566]
    assert parse_years("2566,2564") == [2564, 2566]
    assert parse_years("๒๕๖๔–๒๕๖๕") == [2564, 2565]  # Thai digits and an en dash, as a Thai document writes it
    assert parse_years(" 2564 , 2566-2567 ") == [2564, 2566, 2567]
    assert parse_years(2565) == [2565] and parse_years([2566, "2564"]) == [2564, 2566]


@pytest.mark.parametrize(("typed", "hint"), [
    ("2025", "did you mean B.E. 2568?"), ("2021-2025", "did you mean B.E. 2564?"),
    ("68", "did you mean B.E. 2568?"), ("64-68", "did you mean B.E. 2564?"),
    ("2568-2564", "did you mean 2564-2568?"), ("25x8", "not a year"), ("", "no year given"),
    ("3000", "not a B.E. year"),
])
def test_the_common_slips_get_a_hint(typed, hint):
    with pytest.raises(YearsError) as err:
        parse_years(typed)
    assert hint in str(err.value)
    assert "หรือไม่" in str(err.value) or "ไม่" in str(err.value)  # and in Thai


@pytest.mark.parametrize("command", ["clean", "score", "compare", "run"])
def test_every_command_takes_years_and_year(command, tmp_path, capsys):
    """``--years`` everywhere, ``--year`` kept as its alias; a slip exits 2 with the hint."""
    base = {"clean": ["--raw-dir", str(tmp_path), "--clean-dir", str(tmp_path)],
            "score": ["--clean-dir", str(tmp_path)], "compare": ["--clean-dir", str(tmp_path)],
            "run": ["--raw-dir", str(tmp_path), "--out-dir", str(tmp_path)]}[command]
    for flag in ("--years", "--year"):
        args = build_parser().parse_args([command, *base, flag, "2564-2565"])
        assert args.years == "2564-2565"
        assert main([command, *base, flag, "2568-2564"]) == 2
        err = capsys.readouterr().err
        assert "did you mean 2564-2568?" in err and "กลับด้าน" in err and "Traceback" not in err


def test_an_ad_year_says_so_before_looking_for_a_rubric(year_dir, tmp_path, capsys):
    raw, _ = year_dir
    assert main(["clean", "--raw-dir", str(raw), "--year", "2021", "--clean-dir", str(tmp_path / "o"),
                 "--criteria-dir", str(CRITERIA)]) == 2
    assert "did you mean B.E. 2564?" in capsys.readouterr().err


@pytest.mark.parametrize("command", (None, *COMMANDS))
def test_help_is_in_thai_and_english_with_examples(command, capsys):
    with pytest.raises(SystemExit) as done:
        main(([command] if command else []) + ["--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert "วิธีใช้ / usage: analysis" in text and "ตัวเลือก / options" in text
    assert "ตัวอย่าง / example" in text and "analysis " + (command or "run") in text.split("ตัวอย่าง / example")[1]
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in text)  # Thai
    assert '"""' not in text and "``" not in text  # no raw docstring


def test_version_and_the_documented_command():
    out = subprocess.run([sys.executable, "-m", "analysis", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == f"analysis {__version__}"
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "analysis"]
    assert script.value == "analysis.__main__:main"


def test_a_usage_error_is_said_in_thai_too(capsys):
    with pytest.raises(SystemExit) as done:
        main(["clean", "--raw-dir", "x"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "ผิดพลาด / error" in err and "--years" in err and "analysis clean --help" in err


@pytest.mark.parametrize("typed, codes", [("50", ["50"]), ("50, ลำปาง", ["50", "52"]),
                                          ("จังหวัดเชียงใหม่,กรุงเทพมหานคร", ["50", "10"])])
def test_province_pages_by_code_or_name(typed, codes):
    from analysis.__main__ import parse_provinces

    assert parse_provinces(typed) == codes


def test_a_province_not_known_is_an_error_not_a_guess(capsys):
    with pytest.raises(SystemExit) as done:
        main(["run", "--raw-dir", "x", "--years", "2568", "--out-dir", "y", "--provinces", "50,เชียงใม"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "ไม่รู้จักจังหวัด 'เชียงใม'" in err and "unknown province 'เชียงใม'" in err


def test_excel_lock_files_are_listed_as_lock_files(year_dir, tmp_path, capsys):
    raw, root = year_dir
    write_csv(root / "individual/submissions/f.csv", [FORM_HEADER, form_row()])
    (root / "individual/submissions/~$f.xlsx").write_bytes(b"\x00" * 165)
    (root / "notes.txt").write_text("from the province")
    assert main(["clean", "--raw-dir", str(raw), "--year", "2564", "--clean-dir", str(tmp_path / "o"),
                 "--criteria-dir", str(CRITERIA)]) == 0
    out = capsys.readouterr().out
    lock = next(l for l in out.splitlines() if "~$f.xlsx" in l)
    assert "Excel lock file" in lock and "ไฟล์ล็อกของ Excel" in lock and "category folder" not in lock
    notes = next(l for l in out.splitlines() if "notes.txt" in l)
    assert "not in an <individual|province>/<submissions|scores>/ folder" in notes
    from analysis import store

    aside = store.verify(tmp_path / "o/2564", "clean")["facts"]["set_aside"]
    assert {(a["file"], a["kind"]) for a in aside} == {("individual/submissions/~$f.xlsx", "excel_lock_file"),
                                                       ("notes.txt", "outside_category_folder")}


COMMANDS = ["run", "clean", "score", "compare", "templates", "announce", "sample"]


def _help(command: str, capsys) -> str:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    return "".join(capsys.readouterr().out.split())  # argparse wraps at spaces, dashes and slashes


def test_every_command_names_its_folders_the_same_way_with_one_default(capsys):
    """--raw-dir, --clean-dir, --criteria-dir and --out-dir mean one thing and have one default
    in every command's --help (catalog.Folders)."""
    from analysis.__main__ import FOLDER_HELP

    said = {}
    for command in COMMANDS:
        text = _help(command, capsys)
        for name, help_ in FOLDER_HELP.items():
            flag = "--" + name.replace("_", "-")
            if f"{flag}DIR" in text:
                assert "".join(help_.split()) in text, (command, flag)
                said.setdefault(flag, set()).add(command)
    assert said["--clean-dir"] >= {"run", "clean", "score", "compare", "templates"}
    assert said["--criteria-dir"] == set(COMMANDS) - {"announce"} and said["--out-dir"] == {"run", "templates", "announce"}
    from analysis.catalog import Folders

    f = Folders.given()
    assert (f.raw_dir, f.clean_dir, f.criteria_dir, f.out_dir) == (
        Path("data/raw"), Path("data/clean"), Path("data/criteria"), Path("reports"))
    g = Folders.given(raw_dir="/x/raw")
    assert g.clean_dir == Path("/x/clean") and g.criteria_dir == Path("/x/criteria")


def test_the_old_spellings_still_work_and_say_so(capsys):
    from analysis.__main__ import build_parser, folders

    args = build_parser().parse_args(["clean", "--years", "2564", "--out-dir", "c"])
    assert folders(args).clean_dir == Path("c")
    args = build_parser().parse_args(["templates", "--years", "2569", "--out", "t"])
    assert folders(args).out_dir == Path("t")
    err = capsys.readouterr().err
    assert "--out-dir is now --clean-dir" in err and "--out is now --out-dir" in err


@pytest.mark.parametrize("command", ["run", "clean", "score"])
def test_a_year_with_neither_raw_files_nor_a_rubric_is_refused_before_anything_starts(command, tmp_path, capsys,
                                                                                      monkeypatch):
    """Issue 25: ``--years 2596`` (2569 typed with two digits swapped) used to start a kernel and end
    "rubric not found"; it is refused up front with what is there and the year likely meant."""
    import shutil

    from analysis.run import batch

    def no_kernel(*args, **kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(batch, "run_notebooks", no_kernel)
    raw, clean, criteria, out = (tmp_path / n for n in ("raw", "clean", "criteria", "reports"))
    for year in (2568, 2569):
        (raw / str(year) / "individual" / "submissions").mkdir(parents=True)
        (clean / str(year)).mkdir(parents=True)
    criteria.mkdir()
    shutil.copy(CRITERIA / "2568.yaml", criteria / "2568.yaml")
    shutil.copy(CRITERIA / "2568.yaml", criteria / "2569.yaml")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    folder = {"run": ["--raw-dir", str(raw), "--clean-dir", str(clean), "--out-dir", str(out)],
              "clean": ["--raw-dir", str(raw), "--clean-dir", str(clean)],
              "score": ["--clean-dir", str(clean), "--draws", "10"]}[command]
    assert main([command, *folder, "--criteria-dir", str(criteria), "--years", "2596"]) == 2
    captured = capsys.readouterr()
    err = captured.err
    assert "ไม่พบปี พ.ศ. 2596" in err and "no B.E. 2596" in err                  # in Thai and in English
    assert "หมายถึง 2569 หรือไม่" in err and "did you mean 2569?" in err          # the swap, not the nearer 2568
    seen = raw if command != "score" else clean
    assert f"{seen / '2596'}" in err and f"{criteria / '2596.yaml'}" in err      # where it looked
    assert "2568-2569" in err                                                    # what is there
    assert "Traceback" not in err and "internal error" not in err and "rubric file not found" not in err
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before  # nothing written
    assert not out.exists()                                                       # no runs/ folder: no kernel


def test_a_year_with_its_folder_or_its_rubric_goes_on_to_its_step(tmp_path, capsys):
    """Only a year with neither is refused before the steps: one with a rubric but no forms, or forms
    but no rubric, reaches the step, which names what it lacks."""
    raw, criteria = tmp_path / "raw", tmp_path / "criteria"
    (raw / "2568").mkdir(parents=True)
    criteria.mkdir()
    assert main(["clean", "--raw-dir", str(raw), "--clean-dir", str(tmp_path / "c"), "--criteria-dir",
                 str(criteria), "--years", "2568"]) == 2
    assert "rubric file not found" in capsys.readouterr().err
    assert main(["clean", "--raw-dir", str(raw), "--clean-dir", str(tmp_path / "c"), "--criteria-dir",
                 str(CRITERIA), "--years", "2566,2568"]) == 2      # 2566: a rubric and no raw folder
    err = capsys.readouterr().err
    assert "ไม่พบปี" not in err and "2566" in err
