"""Every notebook runs through papermill on small fixture data and shows what it should."""

from pathlib import Path

import papermill as pm
import pandas as pd

from analysis.report.interactive import REPORT_MIME
from helpers.files import CRITERIA, FORM_HEADER, form_row, write_csv
from helpers.years import small_scored_year

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def _outputs_text(nb) -> str:
    parts = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            parts += [out.get("text", "")] + [str(v) for v in out.get("data", {}).values()]
    return "\n".join(parts)


def _output_of(nb, code: str) -> dict:
    """The display output of the code cell whose source contains ``code``."""
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code" and code in "".join(c["source"]))
    return next(o for o in cell["outputs"] if "data" in o)


def _interactive(output: dict) -> bool:
    """An itables table in the notebook's view, the static table beside it for the report."""
    html = "".join(output["data"]["text/html"])
    return ('<table id="itables_' in html and "new ITable(" in html
            and "<table>" in "".join(output["data"][REPORT_MIME]))


def test_01_clean_runs_and_shows_the_quarantine(year_dir, tmp_path):
    raw, root = year_dir
    write_csv(root / "individual/submissions/f.csv",
              [FORM_HEADER, form_row(), form_row(district="แม่ริม", rate=150)])
    out = tmp_path / "clean"
    nb = pm.execute_notebook(
        str(NOTEBOOKS / "01_clean.ipynb"), str(tmp_path / "01.ipynb"),
        parameters={"year": 2564, "raw_dir": str(raw), "clean_dir": str(out),
                    "criteria_dir": str(CRITERIA)},
        kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOKS))
    text = _outputs_text(nb)
    assert "ค่าเกินช่วงที่เป็นไปได้" in text  # the held-back row, in Thai
    assert "individual/submissions/f.csv" in text
    assert len(pd.read_parquet(out / "2564/submissions.parquet")) == 1
    # the quarantine to sort and search in JupyterLab; the first table brings the offline bundle
    quarantine = _output_of(nb, "show(quarantine_th(")
    assert _interactive(quarantine) and "ค่าเกินช่วงที่เป็นไปได้" in quarantine["data"][REPORT_MIME]
    assert "injectModule(" in "".join(_output_of(nb, "show(summary_th(")["data"]["text/html"])


def test_02_score_runs_in_public_mode_without_names(year_dir, tmp_path):
    raw, root = year_dir
    small_scored_year(root)
    out = tmp_path / "clean"
    params = {"year": 2564, "raw_dir": str(raw), "clean_dir": str(out), "criteria_dir": str(CRITERIA),
              "public": True}
    pm.execute_notebook(str(NOTEBOOKS / "01_clean.ipynb"), str(tmp_path / "01.ipynb"), parameters=params,
                        kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOKS))
    nb = pm.execute_notebook(
        str(NOTEBOOKS / "02_score.ipynb"), str(tmp_path / "02.ipynb"),
        parameters={"year": 2564, "clean_dir": str(out), "criteria_dir": str(CRITERIA),
                    "draws": 50, "public": True, "reports_dir": str(tmp_path / "reports")},
        kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOKS))
    text = _outputs_text(nb)
    assert not (tmp_path / "reports").exists()  # no announcement in a public run: it names people
    assert "ฉบับเผยแพร่ไม่ร่างหนังสือแจ้งผล" in text
    assert "ดีเด่น" in text and "สันทราย" in text  # the award and the winner's district
    assert "image/png" in str(nb)  # the rank-interval chart
    for name in ("นายสมชาย ใจดี", "นางสาวสมศรี ดีใจ", "นายมานะ อดทน"):
        assert name not in text
    results = pd.read_parquet(out / "2564/results.parquet")
    assert set(results["round"]) == {"province", "national"}


def test_00_explore_follows_one_district_from_its_file_to_its_award(year_dir, tmp_path):
    raw, root = year_dir
    small_scored_year(root)
    out = tmp_path / "clean"
    params = {"year": 2564, "raw_dir": str(raw), "clean_dir": str(out),
              "criteria_dir": str(CRITERIA), "draws": 50, "reports_dir": str(tmp_path / "reports")}
    for name in ("01_clean", "02_score"):
        pm.execute_notebook(str(NOTEBOOKS / f"{name}.ipynb"), str(tmp_path / f"{name}.ipynb"),
                            parameters=params, kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOKS))
    # the year has no review item open: 02_score's last cell drafted its announcement, where it was told
    from docx import Document

    letter = tmp_path / "reports/2564/announce/หนังสือแจ้งผล_2564.docx"
    assert "ประจำปี พ.ศ. ๒๕๖๔" in "\n".join(p.text for p in Document(str(letter)).paragraphs)
    nb = pm.execute_notebook(  # no year: the newest with raw files, here 2564
        str(NOTEBOOKS / "00_explore.ipynb"), str(tmp_path / "00.ipynb"),
        parameters={"province": "ลำปาง", "district": "อ.เกาะคา", "raw_dir": str(raw), "clean_dir": str(out)},
        kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOKS))
    assert "## ปี พ.ศ. 2564: ลำปาง อ.เกาะคา" in _outputs_text(nb)

    def static(code):
        return "".join(_output_of(nb, code)["data"][REPORT_MIME])

    typed = static("explore.raw_rows(")  # the row as typed in the file, with its file and row
    assert "นายมานะ อดทน" in typed and "individual/submissions/f.csv" in typed and "เถิน" not in typed
    results = static('show(explore.thai(steps["results"]))')
    assert "รอบจังหวัด" in results and "รอบประเทศ" in results and "นายปิติ ยินดี" not in results
    assert results.count("<tr>") == 3  # the header and the district's two rounds
    scores = static('show(explore.thai(steps["scores"]))')
    assert scores.count("<tr>") == 1 + 3 * 3 * 2  # three judges, three criteria, two rounds


def test_parameters_have_types_papermill_shows():
    expected = {"01_clean.ipynb": {"year": "int", "raw_dir": "str", "clean_dir": "str", "criteria_dir": "str",
                                   "public": "bool"},
                "02_score.ipynb": {"year": "int", "clean_dir": "str", "criteria_dir": "str", "raw_dir": "str",
                                   "draws": "int", "seed": "int", "public": "bool", "reports_dir": "str",
                                   "despite_review": "bool"},
                "00_explore.ipynb": {"year": "int", "province": "str", "district": "str", "raw_dir": "str",
                                     "clean_dir": "str"},
                "03_compare.ipynb": {"years": "str", "category": "str", "clean_dir": "str", "criteria_dir": "str"},
                "04_province.ipynb": {"province": "str", "years": "str", "clean_dir": "str", "criteria_dir": "str",
                                      "public": "bool"}}
    for name, types in expected.items():
        found = pm.inspect_notebook(str(NOTEBOOKS / name))
        assert {k: v["inferred_type_name"] for k, v in found.items()} == types, name


def test_papermill_runs_each_notebook_from_the_root_and_from_elsewhere(tmp_path):
    """As an analyst types it: ``papermill notebooks/02_score.ipynb out.ipynb -p year 2568``. The
    folders left at their defaults (``data/raw``, ``data/criteria``) are the project's, whatever the
    working directory; the kernel is the one the notebooks name (``analysis``, registered by setup)."""
    import os
    import subprocess
    import sys

    root = NOTEBOOKS.parent
    papermill = str(Path(sys.executable).with_name("papermill"))
    clean = tmp_path / "clean"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("ANALYSIS_PROJECT", "JUPYTER_PATH")}
    runs = [(root, ["notebooks/01_clean.ipynb", "-p", "year", "2567", "-p", "clean_dir", clean]),
            (elsewhere, [NOTEBOOKS / "01_clean.ipynb", "-p", "year", "2568", "-p", "clean_dir", clean]),
            (root, ["notebooks/02_score.ipynb", "-p", "clean_dir", clean, "-p", "draws", "50",
                    "-p", "reports_dir", tmp_path / "reports"]),  # no year: 2568
            (elsewhere, [NOTEBOOKS / "03_compare.ipynb", "-p", "years", "2567-2568", "-p", "clean_dir", clean])]
    for i, (cwd, (notebook, *params)) in enumerate(runs):
        out = tmp_path / f"out{i}.ipynb"
        done = subprocess.run([papermill, str(notebook), str(out), "--no-progress-bar", *map(str, params)],
                              cwd=cwd, capture_output=True, text=True, env=env, timeout=600)
        assert done.returncode == 0, (notebook, cwd, done.stderr[-3000:])
        import json

        nb = json.loads(out.read_text(encoding="utf-8"))
        assert nb["metadata"]["kernelspec"]["name"] == "analysis"
        if "02_score" in str(notebook):  # the newest year with raw files, when no year is given
            assert "## ปี พ.ศ. 2568" in _outputs_text(nb)
            board = _output_of(nb, "leaderboard_th(results, \"individual\", \"national\"")
            assert _interactive(board) and "ภาคตะวันออกเฉียงเหนือ" in board["data"][REPORT_MIME]
    assert (clean / "2567/submissions.parquet").exists() and (clean / "2568/results.parquet").exists()
    assert (clean / "compare/panel.parquet").exists()
    assert not (root / "notebooks" / "data").exists() and not (elsewhere / "data").exists()
