"""The rubric file: a file of the wrong shape is refused with the file and the key named, in Thai
and English, before any code reads it; the checks between values still hold."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

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


# the wrong types, and a few more an analyst makes by hand: what is changed, where the message
# places it (the category, the criterion by its key), then what it says after the line
WRONG = {
    "an award rule written as a sentence": (
        lambda s: s["individual"]["awards"]["rules"].__setitem__(0, "ดีเด่น อันดับ 1"),
        "individual", "awards.rules[1] must be a mapping"),
    "awards as a list": (lambda s: s["province"].__setitem__("awards", [1, 2]),
                         "province", "awards must be a mapping"),
    "computed: true": (lambda s: s["individual"]["criteria"][0].__setitem__("computed", True),
                       "individual, criterion A1", "computed must be a mapping"),
    "otherwise as text": (lambda s: s["individual"]["criteria"][0]["computed"].__setitem__("otherwise", "x"),
                          "individual, criterion A1", "computed.otherwise must be a number"),
    "min_total as a word": (lambda s: s["individual"]["awards"]["rules"][1].__setitem__("min_total", "eighty"),
                            "individual", "awards.rules[2].min_total must be a number"),
    "a misspelt key": (lambda s: s["province"].__setitem__("agregation", "mean"),
                       "province", "unknown key agregation (did you mean aggregation"),
    "an unknown aggregation": (lambda s: s["province"].__setitem__("aggregation", "median"),
                               "province", "aggregation must be one of mean, trimmed_mean"),
    "a maximum that is no number": (lambda s: s["province"]["criteria"][0].__setitem__("max", "20 คะแนน"),
                                    "province, criterion P1", "max must be a number"),
    "a yes/no for a number": (lambda s: s["province"].__setitem__("min_judges", True),
                              "province", "min_judges must be a whole number"),
    "ranks as one number": (lambda s: s["province"]["awards"]["rules"][0].__setitem__("ranks", 3),
                            "province", "awards.rules[1].ranks must be a list"),
    "a review share above 1": (lambda s: s["province"]["awards"].__setitem__("review", {"p_same_below": 90}),
                               "province", "awards.review.p_same_below must be <= 1"),
}


def _placed(place: str, said: str) -> str:
    """The message's English for a problem: its place, its line, then what it says."""
    return re.escape(place) + r" \(line \d+\): " + re.escape(said)


@pytest.mark.parametrize("case", WRONG)
def test_a_wrong_type_is_named_with_its_key_and_file(tmp_path, case):
    change, place, said = WRONG[case]
    folder, path = _rubric(tmp_path, change)
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    message = str(caught.value)
    assert str(path) in message and re.search(_placed(place, said), message), message
    assert " / " in message and any("\u0e00" <= ch <= "\u0e7f" for ch in message)   # Thai, then English
    assert "บรรทัดที่" in message                                                   # the line in Thai too


@pytest.mark.parametrize("case", ["computed: true", "min_total as a word", "awards as a list"])
def test_the_command_exits_2_with_the_key_and_no_traceback(tmp_path, capsys, case):
    change, place, said = WRONG[case]
    folder, _ = _rubric(tmp_path, change)
    raw = tmp_path / "raw" / "2568" / "individual" / "submissions"
    raw.mkdir(parents=True)
    assert main(["clean", "--raw-dir", str(tmp_path / "raw"), "--years", "2568", "--clean-dir",
                 str(tmp_path / "out"), "--criteria-dir", str(folder)]) == 2
    err = capsys.readouterr().err
    assert re.search(_placed(place, said), err) and "Traceback" not in err and "internal error" not in err


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


# ------------------------------------------------------------------------------ the line of the file (issue 25)
REAL = (CRITERIA / "2568.yaml").read_text(encoding="utf-8").splitlines(keepends=True)


def _line(starts: str, after: int = 0) -> int:
    """The line (from 1) of the real rubric that starts with ``starts`` (the first after line ``after``)."""
    return next(i for i, text in enumerate(REAL, 1) if i > after and text.startswith(starts))


def _edited(folder, edits: dict[int, str | None]):
    """A copy of the real 2568 rubric with lines replaced (None: deleted), every other line where it was."""
    folder.mkdir(exist_ok=True)
    lines = [edits.get(i, text) for i, text in enumerate(REAL, 1)]
    path = folder / "2568.yaml"
    path.write_text("".join(t for t in lines if t is not None), encoding="utf-8")
    return path


def _refused(path) -> str:
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    message = str(caught.value)
    assert str(path) in message and "Traceback" not in message
    return message


def test_a_wrong_maximum_is_named_by_its_category_its_criterion_and_its_line(tmp_path):
    p1 = _line("    - {key: P1")
    message = _refused(_edited(tmp_path / "a", {p1: REAL[p1 - 1].replace("max: 20", "max: 20 คะแนน")}))
    assert f"province, criterion P1 (line {p1}): max must be a number, not '20 คะแนน'" in message
    assert f"province เกณฑ์ P1 (บรรทัดที่ {p1}): max ต้องเป็นตัวเลข" in message
    a3 = _line("      max: 25")
    message = _refused(_edited(tmp_path / "b", {a3: "      max: -25\n"}))
    assert f"individual, criterion A3 (line {a3}): max must be > 0, not -25" in message
    # a maximum of the right type that breaks the total: each criterion's maximum with its line
    message = _refused(_edited(tmp_path / "c", {a3: "      max: 26\n"}))
    assert f"individual (line {_line('  criteria:')}): the maxima add up to 101, not 100" in message
    assert f"A3 26 line {a3}" in message and f"A3 26 บรรทัดที่ {a3}" in message


def test_a_missing_field_is_named_where_its_criterion_begins(tmp_path):
    b1 = _line("    - key: B1")
    message = _refused(_edited(tmp_path / "a", {b1 + 2: None}))       # B1 without its max
    assert f"individual, criterion B1 (line {b1}): missing key max" in message
    assert f"individual เกณฑ์ B1 (บรรทัดที่ {b1}): ขาดคีย์ max" in message
    a2 = _line("    - key: A2")
    otherwise = _line("        otherwise:", after=a2)
    message = _refused(_edited(tmp_path / "b", {otherwise: None}))    # a computed criterion without otherwise
    assert f"individual, criterion A2 (line {a2 + 3}): computed missing key otherwise" in message


def test_the_value_checks_name_the_criterion_and_the_line_too(tmp_path):
    bands = _line("        bands: [[95, 10]")
    message = _refused(_edited(tmp_path / "a", {bands: REAL[bands - 1].replace("[90, 8]", "[90, 18]")}))
    assert f"individual, criterion A1 (line {bands}): points 18 exceed the maximum 10" in message
    b1 = _line("    - key: B1")
    message = _refused(_edited(tmp_path / "b", {b1: "    - key: A1\n"}))
    assert f"individual, criterion A1 (line {b1}): key A1 appears twice (first at line {_line('    - key: A1')})" \
        in message
    tie = _line("  tie_break: [B1")
    message = _refused(_edited(tmp_path / "c", {tie: REAL[tie - 1].replace("A3", "A9")}))
    assert f"individual (line {tie}): tie_break names A9, which is not a criterion" in message
    judges = _line("  min_judges:")
    message = _refused(_edited(tmp_path / "d", {judges: REAL[judges - 1].replace("min_judges", "min_judgs")}))
    assert f"individual (line {judges}): unknown key min_judgs (did you mean min_judges?)" in message


def test_problems_are_listed_in_the_order_of_the_file(tmp_path):
    p1, a1 = _line("    - {key: P1"), _line("      max: 10")
    message = _refused(_edited(tmp_path, {p1: REAL[p1 - 1].replace("max: 20", "max: x"), a1: "      max: y\n"}))
    assert message.index(f"(line {a1})") < message.index(f"(line {p1})") and "2 place" in message


# ------------------------------------------------------------------------------ YAML that is not YAML
def _content(text: str) -> bool:
    return bool(text.strip()) and not text.lstrip().startswith("#")


def _break(kind: str, text: str) -> str:
    """One line of the rubric broken the way a hand edit breaks it."""
    if kind == "a tab":
        return "\t" + text.lstrip(" ")
    if kind == "an unclosed quote":
        key, value = text.split(": ", 1)
        return f'{key}: "{value}'
    if kind == "one space too many":
        return " " + text
    end = text.rindex("]")                                                   # "an unclosed bracket"
    return text[:end] + text[end + 1:]


# the lines each kind can break, and the line the parser notices it on: the line itself, or (a bracket
# left open) the next line, whose first value is then a ',' short
ELIGIBLE = {
    "a tab": [i for i, t in enumerate(REAL, 1) if t.startswith(" ") and _content(t)],
    "an unclosed quote": [i for i, t in enumerate(REAL, 1)
                          if re.match(r"^\s+(- )?\w+: [^\[{\s#]", t) and '"' not in "".join(REAL[i:])],
    "one space too many": [i for i, t in enumerate(REAL, 1)     # a key under a plain value at its indent
                           if i > 1 and re.match(r"^\s+\w+: \S", t)
                           and re.match(r"^\s+(- )?\w+: [^\[{\s#]", REAL[i - 2])
                           and len(t) - len(t.lstrip()) == len(REAL[i - 2]) - len(REAL[i - 2].lstrip(" -"))],
    "an unclosed bracket": [i for i, t in enumerate(REAL, 1) if re.match(r"^\s+\w+: \[.*\]\s*(#.*)?$", t)
                            and t.count("[") == 1],
}


def _said_at(message: str) -> tuple[int, int]:
    line, column = re.search(r"not valid YAML at line (\d+), column (\d+)", message).groups()
    return int(line), int(column)


def _parser_means(text: str) -> tuple[int, int]:
    """Where PyYAML's own parser puts the fault: its mark, or for a quote left open where it began."""
    with pytest.raises(yaml.YAMLError) as caught:
        yaml.load(text, Loader=yaml.SafeLoader)
    e = caught.value
    mark = e.context_mark if e.problem == "found unexpected end of stream" and e.context_mark else e.problem_mark
    return mark.line + 1, mark.column + 1


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(ELIGIBLE)), st.data())
def test_a_file_that_is_not_yaml_is_named_with_the_line_the_parser_means_in_thai_and_english(kind, data):
    line = data.draw(st.sampled_from(ELIGIBLE[kind]), label="line")
    with tempfile.TemporaryDirectory() as tmp:
        path = _edited(Path(tmp), {line: _break(kind, REAL[line - 1])})
        text = path.read_text(encoding="utf-8")
        message = _refused(path)
    said = _said_at(message)
    assert said == _parser_means(text)                                         # the parser's line and column
    expected = line + 1 if kind == "an unclosed bracket" else line
    assert said[0] == expected, (kind, line, message)                         # and the line broken
    if kind == "an unclosed bracket":
        assert f"that began at line {line}" in message                         # where the bracket opened
    assert f"อ่านไฟล์ YAML ไม่ได้ที่บรรทัดที่ {said[0]} คอลัมน์ {said[1]}" in message  # in Thai
    thai, english = message.split(" / ", 1)
    assert {"a tab": "แท็บ", "an unclosed quote": "เครื่องหมายคำพูด", "one space too many": "ย่อหน้า",
            "an unclosed bracket": "วงเล็บ ["}[kind] in thai
    assert "not valid YAML" in english and not any("\u0e00" <= ch <= "\u0e7f" for ch in english.split(":")[-1])


@pytest.mark.parametrize("kind", sorted(ELIGIBLE))
def test_every_kind_of_broken_yaml_has_lines_to_break(kind):
    assert len(ELIGIBLE[kind]) >= 3, ELIGIBLE[kind]


def test_a_yaml_error_ends_the_command_with_exit_2_and_the_line(tmp_path, capsys):
    line = ELIGIBLE["a tab"][3]
    folder = tmp_path / "criteria"
    _edited(folder, {line: _break("a tab", REAL[line - 1])})
    (tmp_path / "raw" / "2568").mkdir(parents=True)
    assert main(["clean", "--raw-dir", str(tmp_path / "raw"), "--years", "2568", "--clean-dir",
                 str(tmp_path / "out"), "--criteria-dir", str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"not valid YAML at line {line}, column 1" in err and f"บรรทัดที่ {line}" in err
    assert "Traceback" not in err and "internal error" not in err and not (tmp_path / "out").exists()


def test_a_rubric_not_saved_as_utf8_says_so(tmp_path):
    path = tmp_path / "2568.yaml"
    path.write_bytes("".join(REAL).encode("cp874"))                             # Thai Windows' own encoding
    message = _refused(path)
    assert "UTF-8" in message and "ไฟล์ไม่ได้บันทึกเป็นข้อความ UTF-8" in message
