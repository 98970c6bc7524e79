"""The report module split by concern: the low-level output layer (``analysis.render``) imports
nothing from the package, the steps and the charts never import the publishing layer
(``analysis.report``), and the names notebooks and analysts use still work."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "analysis"


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports from the package, at its top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return {m for m in found if m == "analysis" or m.startswith("analysis.")}


def test_the_render_layer_imports_nothing_from_the_package():
    files = sorted((SRC / "render").glob("*.py"))
    assert {f.name for f in files} >= {"html.py", "table.py", "image.py", "xlsx.py", "dates.py", "text.py"}
    for f in files:
        outside = {m for m in _imports(f) if not m.startswith("analysis.render")}
        assert outside == set(), (f.name, outside)


def test_steps_and_charts_never_import_the_publishing_layer():
    for folder in ("charts", "clean", "score"):
        for f in sorted((SRC / folder).glob("*.py")):
            assert not any(m.startswith("analysis.report") for m in _imports(f)), f
    for name in ("compare.py", "batch.py", "store.py", "outcome.py", "vocab.py"):
        assert not any(m.startswith("analysis.report") for m in _imports(SRC / name)), name


def test_the_names_notebooks_and_analysts_use_still_work():
    import analysis.charts.compare
    import analysis.charts.thaimap
    from analysis import charts, compare_charts, report, thaimap

    assert compare_charts is analysis.charts.compare and thaimap is analysis.charts.thaimap
    for name in ("show", "use_thai_font", "rank_intervals", "rank_intervals_by_region", "leniency", "png"):
        assert callable(getattr(charts, name)), name
    for name in ("show", "people_in", "table_html", "page", "notebook_html", "write_workbook", "neutralise",
                 "mask_name", "check_no_names", "build_reports", "render_step", "year_inputs"):
        assert callable(getattr(report, name)), name


def test_the_criteria_words_are_the_forms_words():
    """``vocab.COMPUTED_FIELD_TH`` (the criteria sheet's "how") says each computable field as the
    clean step labels it."""
    from analysis.clean.common import FIELD_LABELS
    from analysis.rubric import COMPUTABLE_FIELDS
    from analysis.vocab import COMPUTED_FIELD_TH

    assert set(COMPUTED_FIELD_TH) == COMPUTABLE_FIELDS
    assert all(FIELD_LABELS[k] == v for k, v in COMPUTED_FIELD_TH.items())
