"""Analysis of DLA's outstanding district local officer evaluation and the 1 province 1
development award: clean the forms, score them, compare provinces, report in Thai.

The package follows the data's way, one subpackage per step: ``read`` -> ``clean`` -> ``score``
-> ``compare`` -> ``report`` (with ``render`` and ``charts`` beneath it, ``province`` and
``announce`` beside it), ``run`` for the notebooks, ``sample`` for the bundled data. Beside them
at the top: ``catalog`` (every file and folder, named once), ``vocab`` (the shared words),
``errors`` (the one exception tree), ``store`` (outputs written whole), ``places``, ``years`` and
``explore``. ``docs/developers.md`` is the map.
"""

import importlib
import importlib.abc
import importlib.util
import sys
import types
import warnings

__version__ = "0.1.0"

# Modules that moved into the steps' folders in 0.2. Their old names still import (a notebook
# written with ``from analysis import thaimap`` keeps working) for one release, each with a
# DeprecationWarning that names the new place.
MOVED = {
    "analysis.thaimap": "analysis.charts.thaimap", "analysis.compare_charts": "analysis.charts.compare",
    "analysis.headers": "analysis.read.headers", "analysis.workbook": "analysis.read.sheets",
    "analysis.thai": "analysis.read.thai", "analysis.rubric_schema": "analysis.rubric.schema",
    "analysis.sample_marks": "analysis.sample.marks", "analysis.locations": "analysis.catalog",
    "analysis.batch": "analysis.run.batch", "analysis.portfolio": "analysis.run.portfolio",
    "analysis.kernels": "analysis.run.kernels", "analysis.outcome": "analysis.run.outcome",
}


class _OldName(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports an old module name as a stand-in that forwards every name to the new module."""

    def find_spec(self, name, path=None, target=None):
        return importlib.util.spec_from_loader(name, self) if name in MOVED else None

    def create_module(self, spec):
        return types.ModuleType(spec.name, f"moved to {MOVED[spec.name]}")

    def exec_module(self, module):
        new = MOVED[module.__name__]
        warnings.warn(f"{module.__name__} is now {new}", DeprecationWarning, stacklevel=2)
        target = importlib.import_module(new)
        module.__getattr__ = lambda name: getattr(target, name)
        module.__dir__ = lambda: dir(target)


if not any(isinstance(f, _OldName) for f in sys.meta_path):
    sys.meta_path.append(_OldName())
