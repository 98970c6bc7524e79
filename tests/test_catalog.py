"""The catalog (analysis.catalog): each file of a year is named once, and the readers go
through the manifest."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import catalog, store
from analysis.catalog import DATASETS, ReportFolder, YearFolder

SRC = Path(__file__).resolve().parents[1] / "src" / "analysis"


def test_each_file_of_a_year_is_spelled_in_the_catalog_only():
    """No module but the catalog writes a year's file name as a string (the sample generator
    writes raw files, not these)."""
    spelled = {}
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for d in DATASETS.values():
            if re.search(rf"[\"']{re.escape(d.file)}[\"']", text):
                spelled.setdefault(d.file, set()).add(path.relative_to(SRC).as_posix())
    assert all(where == {"catalog.py"} for where in spelled.values()), spelled
    assert set(spelled) == {d.file for d in DATASETS.values()}


def test_the_score_steps_tables_are_the_catalogs():
    from analysis.score import OUTPUTS

    assert OUTPUTS == catalog.SCORE_OUTPUTS and "results" in OUTPUTS and "timing" not in OUTPUTS
    assert all(DATASETS[n].step == "score" for n in OUTPUTS)


def test_a_read_checks_the_manifest_and_sees_a_changed_file(tmp_path):
    folder = YearFolder(tmp_path, 2564)
    with store.staged(folder.path, "clean") as stage:
        pd.DataFrame({"a": [1, 2]}).to_parquet(stage / catalog.file("submissions"), index=False)
        pd.DataFrame({"reason_code": ["x"]}).to_csv(stage / catalog.file("quarantine"), index=False,
                                                    encoding=catalog.CSV_ENCODING)
    assert folder.read("submissions")["a"].tolist() == [1, 2]
    assert folder.read("quarantine")["reason_code"].tolist() == ["x"]
    assert folder.read_if("results") is None  # the score step has not run
    pd.DataFrame({"a": [9, 9, 9]}).to_parquet(folder / "submissions", index=False)  # edited by hand
    with pytest.raises(store.StaleOutput):
        folder.read("submissions")
    with pytest.raises(store.MissingOutput):
        folder.read("judges")


def test_the_report_folder_names_the_pages():
    out = ReportFolder("reports")
    assert out.page(2568, "summary") == Path("reports/2568/summary.html")
    assert out.workbook(2568) == Path("reports/2568/ผลการประเมิน_2568.xlsx")
    assert out.index == Path("reports/index.html") and out.province("50") == Path("reports/provinces/50.html")
    from analysis.report import workbook_name

    assert workbook_name(2568) == out.workbook(2568).name
