"""The rubric file: a file of the wrong shape is refused with the file and the key named, in Thai
and English, before any code reads it; the checks between values still hold."""

from __future__ import annotations


import pytest
import yaml

from analysis.__main__ import main
from analysis.rubric.load import RubricError, load_rubric
from helpers.files import CRITERIA


def _rubric(tmp_path, change) -> tuple:
    spec = yaml.safe_load((CRITERIA / "2568.yaml").read_text(encoding="utf-8"))
    change(spec)
    folder = tmp_path / "criteria"
    folder.mkdir(exist_ok=True)
    (folder / "2568.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return folder, folder / "2568.yaml"


# the wrong types, and a few more an analyst makes by hand
WRONG = {
    "an award rule written as a sentence": (
        lambda s: s["individual"]["awards"]["rules"].__setitem__(0, "ดีเด่น อันดับ 1"),
        "individual.awards.rules[1]", "must be a mapping"),
    "awards as a list": (lambda s: s["province"].__setitem__("awards", [1, 2]),
                         "province.awards", "must be a mapping"),
    "computed: true": (lambda s: s["individual"]["criteria"][0].__setitem__("computed", True),
                       "individual.criteria[1].computed", "must be a mapping"),
    "otherwise as text": (lambda s: s["individual"]["criteria"][0]["computed"].__setitem__("otherwise", "x"),
                          "individual.criteria[1].computed.otherwise", "must be a number"),
    "min_total as a word": (lambda s: s["individual"]["awards"]["rules"][1].__setitem__("min_total", "eighty"),
                            "individual.awards.rules[2].min_total", "must be a number"),
    "a misspelt key": (lambda s: s["province"].__setitem__("agregation", "mean"),
                       "province", "did you mean aggregation"),
    "an unknown aggregation": (lambda s: s["province"].__setitem__("aggregation", "median"),
                               "province.aggregation", "must be one of mean, trimmed_mean"),
    "a maximum that is no number": (lambda s: s["province"]["criteria"][0].__setitem__("max", "20 คะแนน"),
                                    "province.criteria[1].max", "must be a number"),
    "a yes/no for a number": (lambda s: s["province"].__setitem__("min_judges", True),
                              "province.min_judges", "must be a whole number"),
    "ranks as one number": (lambda s: s["province"]["awards"]["rules"][0].__setitem__("ranks", 3),
                            "province.awards.rules[1].ranks", "must be a list"),
    "a review share above 1": (lambda s: s["province"]["awards"].__setitem__("review", {"p_same_below": 90}),
                               "province.awards.review.p_same_below", "must be <= 1"),
}


@pytest.mark.parametrize("case", WRONG)
def test_a_wrong_type_is_named_with_its_key_and_file(tmp_path, case):
    change, key, english = WRONG[case]
    folder, path = _rubric(tmp_path, change)
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    message = str(caught.value)
    assert str(path) in message and f"{key}:" in message and english in message
    assert " / " in message and any("\u0e00" <= ch <= "\u0e7f" for ch in message)   # Thai, then English


@pytest.mark.parametrize("case", ["computed: true", "min_total as a word", "awards as a list"])
def test_the_command_exits_2_with_the_key_and_no_traceback(tmp_path, capsys, case):
    change, key, _ = WRONG[case]
    folder, _ = _rubric(tmp_path, change)
    raw = tmp_path / "raw" / "2568" / "individual" / "submissions"
    raw.mkdir(parents=True)
    assert main(["clean", "--raw-dir", str(tmp_path / "raw"), "--years", "2568", "--clean-dir",
                 str(tmp_path / "out"), "--criteria-dir", str(folder)]) == 2
    err = capsys.readouterr().err
    assert key in err and "Traceback" not in err and "internal error" not in err


def test_every_problem_of_a_file_is_listed_at_once(tmp_path):
    def change(s):
        s["individual"]["criteria"][0]["computed"] = True
        s["province"]["awards"] = [1]
    _, path = _rubric(tmp_path, change)
    with pytest.raises(RubricError, match="2 place"):
        load_rubric(path)


def test_the_sample_rubrics_have_the_right_shape_and_the_value_checks_still_run(tmp_path):
    for path in sorted(CRITERIA.glob("*.yaml")):
        load_rubric(path)
    _, path = _rubric(tmp_path, lambda s: s["province"]["criteria"][0].__setitem__("max", 21))
    with pytest.raises(RubricError, match="add up to 101"):
        load_rubric(path)
    _, path = _rubric(tmp_path, lambda s: s["province"].__setitem__("tie_break", ["P9"]))
    with pytest.raises(RubricError, match="tie_break names P9"):
        load_rubric(path)
