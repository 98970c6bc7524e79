"""Every notebook runs through papermill on small fixture data and shows what it should."""

from pathlib import Path

import papermill as pm
import pandas as pd

from conftest import CRITERIA, FORM_HEADER, form_row, write_csv

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def _outputs_text(nb) -> str:
    parts = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            parts += [out.get("text", "")] + [str(v) for v in out.get("data", {}).values()]
    return "\n".join(parts)


def test_01_clean_runs_and_shows_the_quarantine(year_dir, tmp_path):
    raw, root = year_dir
    write_csv(root / "individual/submissions/f.csv",
              [FORM_HEADER, form_row(), form_row(district="แม่ริม", rate=150)])
    out = tmp_path / "clean"
    nb = pm.execute_notebook(
        str(NOTEBOOKS / "01_clean.ipynb"), str(tmp_path / "01.ipynb"),
        parameters={"year": 2564, "raw_dir": str(raw), "out_dir": str(out),
                    "criteria_dir": str(CRITERIA)},
        kernel_name="python3", progress_bar=False, cwd=str(NOTEBOOKS))
    text = _outputs_text(nb)
    assert "ค่าเกินช่วงที่เป็นไปได้" in text  # the held-back row, in Thai
    assert "individual/submissions/f.csv" in text
    assert len(pd.read_parquet(out / "2564/submissions.parquet")) == 1
