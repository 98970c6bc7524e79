"""The error tree (analysis.errors): every class the package defines is an AnalysisError, main()
maps the tree to exit code 2 and anything else to "internal error", and a foreign library's errors
are translated where the package calls it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
import yaml

import analysis
from analysis import errors
from analysis.__main__ import main
from helpers.files import CRITERIA


def _modules():
    for info in pkgutil.walk_packages(analysis.__path__, "analysis."):
        if info.name.startswith("analysis.notebooks"):
            continue
        yield importlib.import_module(info.name)


def test_every_exception_the_package_defines_is_an_analysis_error():
    defined = {cls for mod in _modules() for _, cls in inspect.getmembers(mod, inspect.isclass)
               if issubclass(cls, BaseException) and cls.__module__.startswith("analysis")}
    outside = sorted(c.__qualname__ for c in defined if not issubclass(c, errors.AnalysisError))
    assert outside == []
    # each family is there and each class is documented
    for cls in defined:
        assert cls.__doc__, cls
    families = {errors.InputError, errors.RubricError, errors.OutputError, errors.PrivacyError, errors.SetupError}
    assert all(any(issubclass(c, f) for f in families) for c in defined if c is not errors.AnalysisError
               and c not in families), [c for c in defined if not any(issubclass(c, f) for f in families)]


def test_the_classes_that_moved_keep_their_names_and_builtin_bases():
    from analysis import store
    from analysis.rubric import load as rubric
    from analysis.read import files as read
    from analysis.grammar.problem import ValueProblem
    from analysis.report import NamesLeaked

    assert store.FileInUse is errors.FileInUse and store.MissingOutput is errors.MissingOutput
    assert read.Unreadable is errors.Unreadable and rubric.RubricError is errors.RubricError
    assert issubclass(ValueProblem, errors.InputError) and issubclass(ValueProblem, ValueError)
    assert issubclass(errors.RubricError, ValueError) and issubclass(errors.FileInUse, PermissionError)
    assert issubclass(NamesLeaked, errors.PrivacyError)


def _command(monkeypatch, exc):
    """main() on a command whose function raises ``exc``."""
    import argparse

    import analysis.__main__ as cli

    def fail(args):
        raise exc

    class Parser:
        def parse_args(self, argv):
            return argparse.Namespace(func=fail)

    monkeypatch.setattr(cli, "build_parser", Parser)
    return main([])


@pytest.mark.parametrize("exc", [errors.NamesLeaked("มีชื่อ / names"), errors.UsageError("ผิด / wrong"),
                                 errors.RubricError("เกณฑ์ / rubric"), errors.FileInUse("a.xlsx"),
                                 errors.SetupError("ฟอนต์ / font")])
def test_the_tree_exits_2_with_its_message(monkeypatch, capsys, exc):
    assert _command(monkeypatch, exc) == 2
    err = capsys.readouterr().err
    assert err.startswith("ผิดพลาด / error: ") and str(exc) in err and "internal" not in err


@pytest.mark.parametrize("exc", [ValueError("a pandas bug"), FileNotFoundError("a missing package file"),
                                 KeyError("column")])
def test_a_builtin_error_is_a_bug_not_the_users_mistake(monkeypatch, capsys, exc):
    assert _command(monkeypatch, exc) == 3
    assert "internal error" in capsys.readouterr().err


def test_map_exceptions_translates_at_the_boundary_and_lets_the_rest_go():
    with pytest.raises(errors.RubricError) as e:
        with errors.map_exceptions({yaml.YAMLError: lambda x: errors.RubricError(f"YAML / {x}")}):
            yaml.safe_load("a: [1, 2")
    assert isinstance(e.value.__cause__, yaml.YAMLError)
    with pytest.raises(KeyError):  # not in the mapping: a bug stays a bug
        with errors.map_exceptions({yaml.YAMLError: lambda x: errors.RubricError("x")}):
            raise KeyError("k")
    with pytest.raises(OSError):  # the translator may decline
        with errors.map_exceptions({OSError: lambda x: None}):
            raise OSError("disk")
    with pytest.raises(errors.UsageError):  # the package's own pass through untouched
        with errors.map_exceptions({ValueError: lambda x: errors.RubricError("x")}):
            raise errors.UsageError("u")


def test_a_rubric_that_is_not_yaml_is_a_rubric_error_naming_the_file(tmp_path):
    from analysis.rubric.load import load_rubric

    bad = tmp_path / "2564.yaml"
    bad.write_text("year: 2564\nindividual: [unclosed\n", encoding="utf-8")
    with pytest.raises(errors.RubricError) as e:
        load_rubric(bad)
    assert str(bad) in str(e.value) and "YAML" in str(e.value)


def test_user_mistakes_on_the_command_line_are_in_the_tree(tmp_path, capsys):

    assert main(["clean", "--raw-dir", str(tmp_path / "nowhere"), "--years", "2564",
                 "--clean-dir", str(tmp_path / "out"), "--criteria-dir", str(CRITERIA)]) == 2
    err = capsys.readouterr().err
    assert "ไม่พบ" in err and "nowhere" in err
