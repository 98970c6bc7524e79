"""The report module split by concern: the low-level output layer (``analysis.render``) imports
nothing from the package, the steps and the charts never import the publishing layer
(``analysis.report``), and the names notebooks and analysts use still work."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

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
    for folder in ("charts", "clean", "score", "compare", "read", "rubric"):
        for f in sorted((SRC / folder).glob("*.py")):
            assert not any(m.startswith("analysis.report") for m in _imports(f)), f
    for name in ("run/batch.py", "run/portfolio.py", "run/outcome.py", "store.py", "vocab.py", "catalog.py", "places.py"):
        assert not any(m.startswith("analysis.report") for m in _imports(SRC / name)), name


def test_the_names_notebooks_and_analysts_use_still_work():
    import analysis.charts.compare
    import analysis.charts.thaimap
    from analysis import charts, report

    for old in ("compare_charts", "thaimap", "headers", "thai", "locations"):
        sys.modules.pop(f"analysis.{old}", None)
    with pytest.warns(DeprecationWarning, match="analysis.thaimap is now analysis.charts.thaimap"):
        from analysis import thaimap
    with pytest.warns(DeprecationWarning, match="is now analysis.charts.compare"):
        from analysis.compare_charts import heatmap
    assert thaimap.SHORT_NAMES is analysis.charts.thaimap.SHORT_NAMES and heatmap is analysis.charts.compare.heatmap
    with pytest.warns(DeprecationWarning, match="analysis.locations is now analysis.catalog"):
        from analysis.locations import resolve
    from analysis.catalog import resolve as new_resolve
    assert resolve is new_resolve
    with pytest.raises(ImportError), pytest.warns(DeprecationWarning):
        from analysis.thai import no_such_name  # noqa: F401 - a name the new module lacks is still an error
    for name in ("show", "use_thai_font", "rank_intervals", "rank_intervals_by_region", "leniency", "png"):
        assert callable(getattr(charts, name)), name
    for name in ("show", "people_in", "table_html", "page", "notebook_html", "write_workbook", "neutralise",
                 "mask_name", "check_no_names", "build_reports", "render_step", "year_inputs"):
        assert callable(getattr(report, name)), name


def test_the_criteria_words_are_the_forms_words():
    """``vocab.COMPUTED_FIELD_TH`` (the criteria sheet's "how") says each computable field as the
    clean step labels it."""
    from analysis.clean.common import FIELD_LABELS
    from analysis.rubric.load import COMPUTABLE_FIELDS
    from analysis.vocab import COMPUTED_FIELD_TH

    assert set(COMPUTED_FIELD_TH) == COMPUTABLE_FIELDS
    assert all(FIELD_LABELS[k] == v for k, v in COMPUTED_FIELD_TH.items())


def _modules() -> dict[str, Path]:
    out = {}
    for f in SRC.rglob("*.py"):
        parts = list(f.relative_to(SRC.parent).with_suffix("").parts)
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = f
    return out


def _graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports, at its top or inside a function (a name imported
    from a package counts as its submodule when there is one: ``from analysis import places``)."""
    mods = _modules()

    def deps(path):
        out = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for a in node.names:
                    out.add(f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in mods else node.module)
            elif isinstance(node, ast.Import):
                out |= {a.name for a in node.names}
        return out

    return {m: {d for d in deps(f) if d in mods and d != m} for m, f in mods.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of imports, or None (depth-first search, colours white/grey/black)."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(m):
        state[m] = 1
        path.append(m)
        for d in sorted(graph[m]):
            if state.get(d) == 1:
                return path[path.index(d):] + [d]
            if d not in state and (found := visit(d)):
                return found
        state[m] = 2
        path.pop()
        return None

    return next((c for m in sorted(graph) if m not in state and (c := visit(m))), None)


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_no_module_imports_one_that_imports_it_back():
    """Not at the top, not inside a function: the house has a way down, not circles."""
    assert _cycle(_graph()) is None, " -> ".join(_cycle(_graph()))


def test_the_top_level_is_ten_modules_at_most_and_the_steps_are_folders():
    top = sorted(p.name for p in SRC.glob("*.py"))
    assert len(top) <= 10, top
    for step in ("read", "clean", "score", "compare", "report", "province", "sample", "rubric"):
        assert (SRC / step / "__init__.py").is_file(), step


# What an import inside a function may buy: a library that costs start-up time, loaded only when
# the function needs it. An import of the package's own modules or of the standard library
# buys nothing there, except in the command line (each command loads only its own step).
_LAZY_OK = {"matplotlib", "nbconvert", "nbformat", "itables", "docxtpl", "jsonschema", "xlrd", "odf",
            "krippendorff", "jupyter_client", "papermill", "ipykernel", "fontpkg_sarabun", "pythainlp",
            "xlsxwriter", "pandas", "numpy", "rapidfuzz", "IPython", "PIL"}
# The package's own, where it buys the same: ``show`` (the report package) is imported by every
# notebook, and only the names check needs the readers' header words.
_LAZY_INTERNAL = {("analysis.report.names", "analysis.read.headers")}


def test_imports_inside_functions_load_a_costly_library_and_say_so():
    for name, path in _modules().items():
        text = path.read_text(encoding="utf-8")
        for fn in ast.walk(ast.parse(text)):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                if not isinstance(node, (ast.Import, ast.ImportFrom)):
                    continue
                mod = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                if name == "analysis.__main__" and mod.startswith("analysis"):
                    continue  # each command imports its own step (see the module's docstring)
                assert mod.split(".")[0] in _LAZY_OK or (name, mod) in _LAZY_INTERNAL, \
                    f"{path.relative_to(SRC)}:{node.lineno} imports {mod} inside a function"


# ----------------------------------------------------------------------------- the tests' house
TESTS = SRC.parents[1] / "tests"
_NOT_A_MIRROR = {"helpers", "golden", "unseen"}   # shared code, recorded fingerprints, a form generator
# Tests at the top name a top-level module (test_<module>.py) or the house and its set-up.
_HOUSE = {"test_layers.py", "test_setup.py", "test_install.py", "test_lab.py", "test_cli.py"}


def test_the_tests_mirror_the_source():
    """A test folder per subpackage (``tests/clean`` for ``analysis.clean``), a test at the top per
    top-level module: where to look for the tests of a module, and where to put new ones. Names
    stay unique across folders (the folders are not packages)."""
    folders = {p.name for p in TESTS.iterdir() if p.is_dir() and not p.name.startswith((".", "__"))}
    for folder in folders - _NOT_A_MIRROR:
        assert (SRC / folder / "__init__.py").is_file(), f"tests/{folder} mirrors no subpackage"
        assert any((TESTS / folder).glob("test_*.py")), f"tests/{folder} holds no test"
    for test in TESTS.glob("test_*.py"):
        module = test.name.removeprefix("test_")
        assert test.name in _HOUSE or (SRC / module).is_file(), f"{test.name} names no top-level module"
    names = [p.name for p in TESTS.rglob("test_*.py") if _NOT_A_MIRROR.isdisjoint(p.relative_to(TESTS).parts)]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert [p.relative_to(TESTS) for p in TESTS.rglob("conftest.py")] == [Path("conftest.py")]  # one set of fixtures
