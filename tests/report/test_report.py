"""Report building blocks: names masked, text escaped, pages self-contained, Excel neutralised."""

import re
import zipfile

import nbformat
import pandas as pd
import pytest

from analysis.report import (NamesLeaked, check_no_names, mask_known_names, mask_name,
                             neutralise, notebook_html, page, table_html, write_workbook)


@pytest.mark.parametrize(("name", "masked"), [
    ("นายสมชาย ใจดี", "นาย ส*** ใ***"),
    ("นางสาวธิดารัตน์ แสนทวี", "นางสาว ธ*** แ***"),
    ("นางสมศรี มีสุข", "นาง ส*** ม***"),
    ("สมชาย ใจดี", "ส*** ใ***"),
    ("", ""),
])
def test_mask_name(name, masked):
    assert mask_name(name) == masked


def test_known_names_are_masked_inside_messages_too():
    frame = pd.DataFrame({"รายละเอียด": ["กรรมการ นายสมชาย ใจดี ให้คะแนนจังหวัดตน"], "n": [1]})
    out = mask_known_names(frame, ["นายสมชาย ใจดี"])
    assert out["รายละเอียด"].iloc[0] == "กรรมการ นาย ส*** ใ*** ให้คะแนนจังหวัดตน"


def test_table_escapes_form_text_and_formats_numbers():
    html = table_html(pd.DataFrame({"ชื่อโครงการ": ["<script>alert(1)</script>"],
                                    "งบประมาณ": [1250000.0], "อำเภอ": [12]}))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "1,250,000.00" in html and ">12<" in html


def test_page_is_self_contained_with_sarabun():
    text = page("ทดสอบ", "<p>สวัสดี</p>")
    assert "font-family:'Sarabun'" in text and "data:font/ttf;base64," in text
    assert not re.search(r"(?:src|href)=\"https?://", text)
    assert "<script" not in text


def test_notebook_html_has_no_code_and_no_cdn():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print('hidden code')")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="ผลลัพธ์\n"),
                    nbformat.v4.new_output("stream", name="stderr", text="a warning\n")]
    nb.cells = [nbformat.v4.new_markdown_cell("# หัวเรื่อง"), cell]
    text = notebook_html(nb, "ทดสอบ")
    assert "ผลลัพธ์" in text and "หัวเรื่อง" in text
    assert "hidden code" not in text and "a warning" not in text
    assert "cdnjs" not in text and "<script" not in text
    assert notebook_html(nb, "ทดสอบ") == text  # stable bytes
    assert text.count("<a ") == text.count("</a>") and "/>" not in re.sub(r"<(br|img|meta|hr)[^>]*>", "", text)


def test_a_chart_reaches_the_report_once_as_a_palette_png_with_its_title_as_alt_text():
    """``charts.show`` draws a chart once into a 256-colour PNG on white; the page keeps those
    bytes as they are and gives the image the chart's titles as its alternative text."""
    import base64
    import io

    import matplotlib
    matplotlib.use("agg")
    import matplotlib.pyplot as plt
    from IPython.display import Image as IPyImage
    from PIL import Image

    from analysis import charts

    charts.use_thai_font()
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([1, 2], [3, 4])
    ax.set_title("คะแนน <รวม>")
    fig.suptitle("ปี พ.ศ. 2567")
    png = charts.png(fig)
    image = Image.open(io.BytesIO(png))
    assert image.mode == "P" and image.size == (300, 200)
    assert min(image.convert("RGB").getpixel((0, 0))) >= 250  # white, not transparent black
    alt = charts.titles(fig)
    assert alt == "ปี พ.ศ. 2567 · คะแนน <รวม>"
    plt.close(fig)

    data, metadata = IPyImage(data=png, format="png", alt=alt)._repr_png_()  # base64 text, as Jupyter sends it
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": data},
                                           metadata={"image/png": metadata})]
    nb.cells = [cell]
    text = notebook_html(nb, "ทดสอบ")
    assert 'alt="ปี พ.ศ. 2567 · คะแนน &lt;รวม&gt;"' in text
    assert base64.b64encode(png).decode() in text  # not re-encoded


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+66", "'+66"), ("-cmd", "'-cmd"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1+1", "'\t=1+1"), ("\r=cmd|' /C calc'!A0", "'\r=cmd|' /C calc'!A0"),
    ("ปกติ", "ปกติ"), (5, 5), ("a=b", "a=b"),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_workbook_text_cells_never_start_like_a_formula(tmp_path):
    path = write_workbook(tmp_path / "r.xlsx", {"ผล": pd.DataFrame(
        {"ชื่อโครงการ": ["=HYPERLINK(\"http://x\")", "ปกติ"], "คะแนน": [90.5, 80.0]})})
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
    assert "<f>" not in xml  # no formula anywhere
    assert "'=HYPERLINK" in xml
    first = path.read_bytes()
    write_workbook(tmp_path / "r.xlsx", {"ผล": pd.DataFrame(
        {"ชื่อโครงการ": ["=HYPERLINK(\"http://x\")", "ปกติ"], "คะแนน": [90.5, 80.0]})})
    assert path.read_bytes() == first  # stable bytes


def test_check_no_names_catches_a_leak(tmp_path):
    (tmp_path / "a.html").write_text("<p>นาย ส*** ใ***</p>", encoding="utf-8")
    check_no_names([tmp_path / "a.html"], ["นายสมชาย ใจดี"])
    (tmp_path / "b.html").write_text("<p>นายสมชาย ใจดี</p>", encoding="utf-8")
    with pytest.raises(NamesLeaked):
        check_no_names([tmp_path / "b.html"], ["นายสมชาย ใจดี"])


def test_people_in_takes_names_from_held_rows_but_not_titles(tmp_path):
    import json

    from analysis.report import people_in

    folder = tmp_path / "2564"
    folder.mkdir()
    raw = json.dumps({"ชื่อ-สกุล": "นายสมชาย ใจดี", "ชื่อโครงการ": "โครงการ ก", "กรรมการ": "นางข ค"},
                     ensure_ascii=False)
    pd.DataFrame({"raw": [raw]}).to_csv(folder / "quarantine.csv", index=False, encoding="utf-8-sig")
    assert people_in(tmp_path, 2564) == ["นางข ค", "นายสมชาย ใจดี"]


def test_the_workbook_gives_each_rank_interval_as_two_whole_numbers_from_and_to(tmp_path):
    """Issue 25: "1–2" as text is flagged by Excel and sorts as text; every sheet with a rank
    interval has it as two number cells, from <= to, in a whole-number format, and no text range."""
    from analysis.clean import run_clean
    from analysis.report.workbook import results_workbook
    from analysis.rubric.load import load_rubric
    from analysis.score import run_score
    from analysis.score.tables import INTERVAL_FROM_TH, INTERVAL_TH, INTERVAL_TO_TH
    from helpers.files import CRITERIA
    from helpers.xlsxfill import cells, number_formats, sheet_names
    from helpers.years import fixture_year

    fixture_year(tmp_path / "raw" / "2564", 2564)
    rubric = load_rubric(CRITERIA / "2564.yaml")
    run_clean(tmp_path / "raw", 2564, tmp_path / "clean", rubric)
    results = run_score(tmp_path / "clean", 2564, rubric, draws=200)["results"]
    book = results_workbook(tmp_path / "clean", 2564, tmp_path / "r.xlsx", False, rubric)
    formats = number_formats(book)
    with zipfile.ZipFile(book) as z:
        shared = re.findall(r"<si><t[^>]*>(.*?)</t></si>", z.read("xl/sharedStrings.xml").decode(), re.S)
    with_interval = {}
    for name in sheet_names(book):
        found = cells(book, name)
        text = {ref: shared[int(v)] for ref, (t, _, v) in found.items() if t == "s"}
        if name != "คำอธิบายศัพท์":                                      # (the glossary explains the term)
            assert INTERVAL_TH not in text.values(), name                # the old text column is gone
        heads = {v: ref for ref, v in text.items() if v in (INTERVAL_FROM_TH, INTERVAL_TO_TH)}
        if not heads:
            continue
        assert set(heads) == {INTERVAL_FROM_TH, INTERVAL_TO_TH}, name
        (low, row), (high, _) = (re.fullmatch(r"([A-Z]+)(\d+)", heads[h]).groups()
                                 for h in (INTERVAL_FROM_TH, INTERVAL_TO_TH))
        assert len(low) == len(high) and high > low, name                # from, then to, side by side
        pairs = []
        for r in range(int(row) + 1, max(int(re.sub(r"[A-Z]+", "", ref)) for ref in found) + 1):
            (t1, s1, v1), (t2, s2, v2) = found[f"{low}{r}"], found[f"{high}{r}"]
            assert t1 is None and t2 is None, (name, r)                  # numbers (or true blanks), never text
            assert formats[s1] == formats[s2] == "0", (name, r)           # shown as whole numbers
            assert (v1 is None) == (v2 is None), (name, r)
            if v1 is not None:
                assert float(v1).is_integer() and 1 <= float(v1) <= float(v2), (name, r, v1, v2)
                pairs.append((int(float(v1)), int(float(v2))))
        with_interval[name] = pairs
    assert set(with_interval) == {"รางวัล", "บุคคล รอบประเทศ", "บุคคล รอบจังหวัด", "1 จังหวัด 1 พัฒนา"}
    for name, (category, rnd) in {"บุคคล รอบประเทศ": ("individual", "national"),
                                  "บุคคล รอบจังหวัด": ("individual", "province"),
                                  "1 จังหวัด 1 พัฒนา": ("province", "national")}.items():
        r = results[(results["category"] == category) & (results["round"] == rnd)].dropna(subset=["rank_p05"])
        assert sorted(with_interval[name]) == sorted(zip(r["rank_p05"].astype(int), r["rank_p95"].astype(int)))
    assert with_interval["รางวัล"]                                        # the year gives awards
    assert not any("–" in v for name in sheet_names(book) for v in  # no text range left anywhere in a table
                   (shared[int(v)] for t, _, v in cells(book, name).values() if t == "s")
                   if re.fullmatch(r"\d+–\d+", v))
