"""The whole batch on small fixture years: reports open offline in a real browser, the same bytes
every run, no personal names in public mode, form text never runs, a failed year does not stop
the others."""

import shutil
from pathlib import Path

import pytest

from analysis.__main__ import main
from helpers.files import CRITERIA
from helpers.years import NAMES, SIGNER, fixture_year

CHROMIUM = "/usr/bin/chromium"
YEARS = (2564, 2565)


@pytest.fixture(scope="module")
def raw(tmp_path_factory):
    base = tmp_path_factory.mktemp("reports")
    for year in YEARS:
        fixture_year(base / "raw" / str(year), year)
    shutil.copytree(CRITERIA, base / "criteria")
    return base


def _run(raw, name, *extra):
    out = raw / name
    code = main(["run", "--raw-dir", str(raw / "raw"), "--years", "2564-2565", "--out-dir", str(out),
                 "--criteria-dir", str(raw / "criteria"), *extra])
    return code, out


@pytest.fixture(scope="module")
def internal(raw):
    code, out = _run(raw, "internal")
    assert code == 0
    return out


def _html(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_every_report_is_written_and_small(internal):
    names = {p.relative_to(internal).as_posix() for p in _html(internal)}
    # a page for every province that took part (the fixture's forms come from these two)
    assert names == {"index.html", "compare.html", "2564/clean.html", "2564/score.html", "2564/summary.html",
                     "2565/clean.html", "2565/score.html", "2565/summary.html", "provinces/50.html",
                     "provinces/52.html"}
    assert all(p.stat().st_size < 1.5e6 for p in _html(internal))
    assert all(p.stat().st_size < 1e6 for p in (internal / "provinces").glob("*.html"))
    assert (internal / "2564/ผลการประเมิน_2564.xlsx").exists()
    assert (internal / "runs/2564/01_clean.ipynb").exists()  # the executed notebook is the log
    index = (internal / "index.html").read_text(encoding="utf-8")
    assert "ปี พ.ศ. 2564" in index and "2564/score.html" in index and "ดีเด่น" in index
    assert 'href="provinces/50.html">เชียงใหม่</a>' in index and 'href="provinces/52.html">ลำปาง</a>' in index
    page = (internal / "provinces/50.html").read_text(encoding="utf-8")
    assert "จ.เชียงใหม่ (ภาคเหนือ)" in page and "SHA-256" in page and "ไฟล์อื่นทั้งหมด" in page


def test_every_link_between_the_pages_leads_to_a_page(internal):
    """The year pages lead to the province pages (from a year's folder: ../provinces/), the index
    to everything; no link points at a file the run did not write."""
    import re

    for name in ("2564/clean.html", "2564/score.html", "2565/summary.html"):
        text = (internal / name).read_text(encoding="utf-8")
        assert 'href="../provinces/52.html">ลำปาง</a>' in text, name
    assert 'href="provinces/50.html">เชียงใหม่</a>' in (internal / "compare.html").read_text(encoding="utf-8")
    for page in _html(internal):
        for href in re.findall(r'href="([^"#:]+)"', page.read_text(encoding="utf-8")):
            assert (page.parent / href).resolve().exists(), (page.name, href)


def test_reports_show_no_code_and_carry_provenance(internal):
    score = (internal / "2564/score.html").read_text(encoding="utf-8")
    assert "run_score(" not in score and "import " not in score
    assert "SHA-256" in score and "individual/submissions/f.csv" in score and "2564.yaml" in score
    assert "commit" in score


def test_form_text_appears_as_text_never_as_markup(internal):
    for page in _html(internal):
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text  # our pages carry no script at all
        assert "<img src=x" not in text  # the injected tag only ever as escaped text
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in (internal / "2564/score.html").read_text(encoding="utf-8")


def test_same_inputs_give_byte_identical_reports(raw, internal):
    code, again = _run(raw, "again")
    assert code == 0
    for page in _html(internal):
        assert page.read_bytes() == (again / page.relative_to(internal)).read_bytes(), page
    workbook = "2564/ผลการประเมิน_2564.xlsx"
    assert (internal / workbook).read_bytes() == (again / workbook).read_bytes()


def test_public_mode_leaves_no_name_in_any_file(raw, internal):
    code, public = _run(raw, "public", "--public")
    assert code == 0
    internal_text = (internal / "2564/score.html").read_text(encoding="utf-8")
    assert NAMES[0] in internal_text  # the internal report does name people
    files = _html(public) + sorted(public.rglob("*.xlsx"))
    for path in files:
        data = path.read_bytes()
        if path.suffix == ".xlsx":
            import zipfile
            with zipfile.ZipFile(path) as z:
                data = b"".join(z.read(n) for n in z.namelist())
        for name in NAMES:
            assert name.encode() not in data, (path, name)
    # leaving names out does not leave the quarantine out: the held-back score (99) is still listed
    clean_page = (public / "2564/clean.html").read_text(encoding="utf-8")
    assert "out_of_range" in clean_page and "<td>99</td>" in clean_page
    # the signature block is listed as set aside, without its text (it names the signer)
    assert "signature_block" in clean_page and SIGNER not in clean_page
    assert SIGNER in (internal / "2564/clean.html").read_text(encoding="utf-8")
    assert not any(SIGNER.encode() in p.read_bytes() for p in _html(public))


def test_the_clean_page_and_the_index_show_what_was_set_aside(internal):
    page = (internal / "2564/clean.html").read_text(encoding="utf-8")
    assert "แถวที่ไม่ใช่ข้อมูลผู้สมัคร" in page and "signature_block" in page
    assert "แผ่นงาน แถว และคอลัมน์ที่ถูกซ่อนในไฟล์" in page
    index = (internal / "index.html").read_text(encoding="utf-8")
    assert "แถวที่ไม่ใช่ข้อมูลผู้สมัคร" in index and " 2 แถว" in index


def test_a_failing_year_does_not_stop_the_others(raw, tmp_path):
    broken = tmp_path / "criteria"
    shutil.copytree(raw / "criteria", broken)
    (broken / "2565.yaml").write_text("year: 2565\nindividual: {}\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["run", "--raw-dir", str(raw / "raw"), "--years", "2564-2565", "--out-dir", str(out),
                 "--criteria-dir", str(broken)])
    assert code == 1
    assert (out / "2564/score.html").exists() and not (out / "2565/clean.html").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "ปี 2565" in index and "01_clean" in index and "RubricError" in index


def test_reports_open_offline_in_chromium(internal, tmp_path):
    """Fails on a console error, on any request that is not the file itself or inline data, when
    the embedded Sarabun did not load, or when form text ran as script. Saves screenshots."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "chromium is missing: `make test` installs it"
    shots = internal / "screenshots"
    shots.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        for page_path in _html(internal):
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            errors, outside = [], []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else outside.append(r.url))
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            fonts = page.evaluate("""async () => { await document.fonts.ready;
                return [...document.fonts].filter(f => f.family.includes('Sarabun')).map(f => f.status); }""")
            assert fonts and all(s == "loaded" for s in fonts), (page_path, fonts)
            assert page.evaluate("document.fonts.check('16px Sarabun', 'ท้องถิ่นอำเภอ')")
            assert page.evaluate("window.__xss") is None, page_path
            # code spans (monospace) fall back to Sarabun for Thai, never to missing-glyph boxes
            assert page.evaluate("[...document.querySelectorAll('code, pre')].every("
                                 "e => getComputedStyle(e).fontFamily.includes('Sarabun'))"), page_path
            # no tag left open: no table, image or heading ends up inside a link
            assert page.evaluate("document.querySelectorAll('a table, a img, a h2, a td').length") == 0, page_path
            assert errors == [], (page_path, errors)
            assert outside == [], (page_path, outside)
            name = page_path.relative_to(internal).as_posix().replace("/", "_").replace(".html", ".png")
            page.screenshot(path=str(shots / name), full_page=False)
            page.close()
        browser.close()
    assert len(list(shots.glob("*.png"))) == len(_html(internal))
