"""Outputs are written whole or not at all; the next step refuses a stale or partial folder; a
file open elsewhere is named, with what to do. The stop tests kill a real process mid-write."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from analysis import __version__, store
from analysis.__main__ import main
from analysis.clean import run_clean
from analysis.score import run_score
from helpers.files import CRITERIA, FORM_HEADER, form_row, write_csv
from helpers.years import small_scored_year

ROOT = Path(__file__).resolve().parents[1]


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def scored(year_dir, tmp_path, rubric):
    """A small year cleaned and scored: (raw_dir, year_root, clean_dir)."""
    raw, root = year_dir
    small_scored_year(root)
    run_clean(raw, 2564, tmp_path / "clean", rubric)
    run_score(tmp_path / "clean", 2564, rubric, draws=20)
    return raw, root, tmp_path / "clean"


# ------------------------------------------------------------------------------ the mechanism
def test_a_folder_is_swapped_in_whole_with_its_manifest(tmp_path):
    target = tmp_path / "out" / "2564"
    with store.staged(target, "clean", facts={"held_back": 1}) as stage:
        (stage / "a.csv").write_text("1")
        assert not target.exists()  # nothing is visible before the block ends
    record = store.verify(target, "clean")
    assert record["version"] == __version__ and record["facts"] == {"held_back": 1}
    assert set(record["files"]) == {"a.csv"} and _leftovers(tmp_path / "out") == []


def test_an_error_inside_leaves_the_previous_outputs(tmp_path):
    target = tmp_path / "2564"
    with store.staged(target, "clean") as stage:
        (stage / "a.csv").write_text("old")
    with pytest.raises(RuntimeError):
        with store.staged(target, "clean") as stage:
            (stage / "a.csv").write_text("new, half written")
            raise RuntimeError("stopped")
    assert (target / "a.csv").read_text() == "old" and _leftovers(tmp_path) == []
    store.verify(target, "clean")


def test_score_keeps_the_clean_files_and_a_new_clean_drops_old_results(scored, rubric):
    raw, root, clean = scored
    folder = clean / "2564"
    manifest = store.read_manifest(folder)
    assert set(manifest["steps"]) == {"clean", "score"}
    assert manifest["steps"]["score"]["inputs"] == manifest["steps"]["clean"]["files"]
    assert {"results.parquet", "judging.parquet", "timing.parquet"} <= set(manifest["steps"]["score"]["files"])
    store.verify(folder, "score")
    # results made from last time's cleaned data would be stale: a new clean takes them away
    write_csv(root / "individual/submissions/g.csv", [FORM_HEADER, form_row(district="สารภี", name="นายใหม่ มาก")])
    run_clean(raw, 2564, clean, rubric)
    assert not (folder / "results.parquet").exists()
    assert set(store.read_manifest(folder)["steps"]) == {"clean"}


@pytest.mark.parametrize("spoil", ["truncate", "delete", "no_manifest", "version", "rubric"])
def test_a_stale_or_partial_year_is_refused_naming_the_step(scored, tmp_path, capsys, spoil):
    raw, root, clean = scored
    folder = clean / "2564"
    criteria = tmp_path / "criteria"
    criteria.mkdir()
    (criteria / "2564.yaml").write_bytes((CRITERIA / "2564.yaml").read_bytes())
    if spoil == "truncate":
        data = (folder / "scores.parquet").read_bytes()
        (folder / "scores.parquet").write_bytes(data[: len(data) // 2])
    elif spoil == "delete":
        (folder / "judges.parquet").unlink()
    elif spoil == "no_manifest":
        (folder / store.MANIFEST).unlink()
    elif spoil == "version":
        m = json.loads((folder / store.MANIFEST).read_text(encoding="utf-8"))
        m["steps"]["clean"]["version"] = "0.0.1"
        (folder / store.MANIFEST).write_text(json.dumps(m), encoding="utf-8")
    elif spoil == "rubric":
        (criteria / "2564.yaml").write_text((CRITERIA / "2564.yaml").read_text(encoding="utf-8") + "\n# edited\n",
                                            encoding="utf-8")
    code = main(["score", "--clean-dir", str(clean), "--year", "2564", "--criteria-dir", str(criteria),
                 "--draws", "10"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and "internal error" not in err
    assert "ให้รันขั้น clean ของปี 2564" in err and "run the clean step for 2564" in err
    assert str(folder) in err
    expected = {"truncate": "scores.parquet changed or is incomplete", "delete": "judges.parquet not found",
                "no_manifest": "no record of how its files were written", "version": "written by analysis 0.0.1",
                "rubric": "2564.yaml changed after the clean step"}[spoil]
    assert expected in err
    # the comparison refuses it too
    assert main(["compare", "--clean-dir", str(clean), "--years", "2564", "--criteria-dir", str(criteria)]) == 2


def test_a_stop_between_the_two_renames_is_put_back(scored):
    _, _, clean = scored
    folder = clean / "2564"
    before = _snapshot(folder)
    os.rename(folder, clean / ".2564.old-99999")  # what a power cut after the first rename leaves
    store.verify(folder, "score")
    assert _snapshot(folder) == before and _leftovers(clean) == []


# ------------------------------------------------------------------------------ files in use
def _locking(monkeypatch, locked: str):
    """``store._move`` as on Windows when ``locked`` (a path ending) is open in Excel."""
    real = store._move

    def move(src, dst):
        if Path(src).as_posix().endswith(locked) or Path(dst).as_posix().endswith(locked):
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(dst))
        return real(src, dst)

    monkeypatch.setattr(store, "_move", move)


def test_a_quarantine_open_in_excel_is_named_and_the_old_outputs_stay(scored, monkeypatch, capsys):
    raw, root, clean = scored
    folder = clean / "2564"
    before = _snapshot(folder)
    _locking(monkeypatch, "clean/2564")
    real_open = open

    def opening(path, mode="r", *a, **kw):  # the one file Excel holds
        if "+" in mode and Path(path).name == "quarantine.csv":
            raise PermissionError(errno.EACCES, "locked", str(path))
        return real_open(path, mode, *a, **kw)

    monkeypatch.setattr(store, "open", opening, raising=False)
    code = main(["clean", "--raw-dir", str(raw), "--year", "2564", "--clean-dir", str(clean),
                 "--criteria-dir", str(CRITERIA)])
    err = capsys.readouterr().err
    assert code == 2 and "internal error" not in err
    assert str(folder / "quarantine.csv") in err and "ปิดไฟล์แล้วรันใหม่" in err and "close it and run again" in err
    assert _snapshot(folder) == before and _leftovers(clean) == []


def test_a_report_that_cannot_be_replaced_is_named(tmp_path, monkeypatch):
    page = tmp_path / "index.html"
    store.write_text(page, "old")
    _locking(monkeypatch, "index.html")
    with pytest.raises(store.FileInUse) as err:
        store.write_text(page, "new")
    assert str(page) in str(err.value) and page.read_text() == "old" and _leftovers(tmp_path) == []


def test_an_excel_writer_error_around_a_permission_error_is_a_file_in_use():
    from xlsxwriter.exceptions import FileCreateError

    wrapped = FileCreateError(PermissionError(errno.EACCES, "Permission denied", "r/ผลการประเมิน_2564.xlsx"))
    assert "r/ผลการประเมิน_2564.xlsx" in str(store.in_use(wrapped))
    assert store.in_use(ValueError("no")) is None
    assert store.in_use(FileNotFoundError(errno.ENOENT, "gone", "x")) is None


# ------------------------------------------------------------------------------ a real stop
STOPPER = textwrap.dedent("""
    import os, signal, sys, time
    # Ctrl-C as at a terminal: a pytest-xdist worker ignores SIGINT, and an ignored signal is
    # inherited through exec, so without this the stopped process would sleep on
    signal.signal(signal.SIGINT, signal.default_int_handler)
    import pandas as pd
    from analysis import store
    point = os.environ["STOP_AT"]

    def pause():
        print("STOPPING", flush=True)
        time.sleep(120)

    if point == "writing":  # after the first file of the staged folder is written
        real = pd.DataFrame.to_parquet
        def to_parquet(self, *a, **kw):
            real(self, *a, **kw)
            pause()
        pd.DataFrame.to_parquet = to_parquet
    elif point == "before_swap":
        real_swap = store._swap
        def swap(stage, target):
            pause()
            real_swap(stage, target)
        store._swap = swap
    elif point == "between_renames":  # the old folder renamed aside, the new one not yet in place
        real_move, moves = store._move, []
        def move(src, dst):
            moves.append(src)
            if len(moves) == 2:
                pause()
            real_move(src, dst)
        store._move = move
    from analysis.__main__ import main
    sys.exit(main(sys.argv[1:]))
""")


def _stopped(args: list[str], point: str, sig: int) -> subprocess.CompletedProcess:
    """Run ``analysis args`` in a real process, stop it at ``point`` with ``sig``."""
    env = {**os.environ, "STOP_AT": point}
    proc = subprocess.Popen([sys.executable, "-c", STOPPER, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    line = proc.stdout.readline()
    assert line.strip() == "STOPPING", (line, proc.stderr.read() if proc.poll() is not None else "")
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.parametrize(("point", "sig"), [("writing", signal.SIGKILL), ("before_swap", signal.SIGKILL),
                                            ("between_renames", signal.SIGKILL),
                                            ("between_renames", signal.SIGINT)])
def test_a_clean_killed_mid_way_leaves_the_previous_outputs_and_a_rerun_is_right(scored, tmp_path, rubric,
                                                                                 point, sig):
    raw, root, clean = scored
    folder = clean / "2564"
    before = _snapshot(folder)
    accepted = len(pd.read_parquet(folder / "submissions.parquet"))
    write_csv(root / "individual/submissions/g.csv", [FORM_HEADER, form_row(district="สารภี", name="นายใหม่ มาก")])
    done = _stopped(["clean", "--raw-dir", str(raw), "--year", "2564", "--clean-dir", str(clean),
                     "--criteria-dir", str(CRITERIA)], point, sig)
    assert done.returncode != 0
    if sig == signal.SIGINT:  # Ctrl-C: said plainly, no traceback
        assert done.returncode == 130 and "Traceback" not in done.stderr and "Ctrl-C" in done.stderr
    store.verify(folder, "score")  # the previous outputs, whole: cleaned data and its results
    assert _snapshot(folder) == before
    # a rerun gives what a run that was never stopped gives
    run_clean(raw, 2564, clean, rubric)
    run_clean(raw, 2564, tmp_path / "reference", rubric)
    for name in ("submissions.parquet", "scores.parquet", "judges.parquet"):
        pd.testing.assert_frame_equal(pd.read_parquet(folder / name),
                                      pd.read_parquet(tmp_path / "reference/2564" / name))
    assert (folder / "quarantine.csv").read_bytes() == (tmp_path / "reference/2564/quarantine.csv").read_bytes()
    assert len(pd.read_parquet(folder / "submissions.parquet")) == accepted + 1 and _leftovers(clean) == []


def test_a_score_killed_mid_way_leaves_the_previous_results(scored):
    raw, root, clean = scored
    folder = clean / "2564"
    before = _snapshot(folder)
    done = _stopped(["score", "--clean-dir", str(clean), "--year", "2564", "--criteria-dir", str(CRITERIA),
                     "--draws", "30"], "between_renames", signal.SIGKILL)
    assert done.returncode == -signal.SIGKILL
    store.verify(folder, "score")
    assert _snapshot(folder) == before
    assert main(["score", "--clean-dir", str(clean), "--year", "2564", "--criteria-dir", str(CRITERIA),
                 "--draws", "30"]) == 0
    store.verify(folder, "score")
    assert store.read_manifest(folder)["steps"]["score"]["parameters"] == {"draws": 30, "seed": 2564}
    assert _leftovers(clean) == []


def test_a_file_held_for_a_moment_is_waited_for(tmp_path, monkeypatch):
    """On Windows a reader or a virus scanner holds a file for a moment; the rename is tried again
    before the file is reported as in use."""
    real, calls = store._move, []

    def move(src, dst):
        calls.append(dst)
        if len(calls) <= 2:
            raise PermissionError(errno.EACCES, "in use for a moment", str(dst))
        return real(src, dst)

    monkeypatch.setattr(store, "_move", move)
    store.write_text(tmp_path / "index.html", "new")
    assert (tmp_path / "index.html").read_text() == "new" and len(calls) == 3
