"""The announcement (analysis announce): the results letter, its winners' list and the certificates,
read back with python-docx and checked against results.parquet; the letter's parts against the seed
letter; the review gate, the public folder, atomic writing; LibreOffice renders them with Sarabun."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from docx import Document

from analysis import store
from analysis.announce import (FILES, OpenReview, PublicFolder, announcement, documents, notebook_draft,
                               run_announce)
from analysis.announce.write import template_dir

ROOT = Path(__file__).resolve().parents[2]
CRITERIA = ROOT / "data" / "criteria"
SEED = Path("/work/shared/seeds/000_a5606adfc99e477d.txt")
YEARS = (2564, 2565, 2566, 2567, 2568)


@pytest.fixture(scope="module")
def clean(sample):
    """The sample, cleaned and scored (the session's, shared by the test workers)."""
    return sample / "clean"


@pytest.fixture(scope="module")
def drafted(clean, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    return out, {y: run_announce(clean, y, out, despite_review=True) for y in YEARS}


def _winners(clean: Path, year: int) -> pd.DataFrame:
    r = pd.read_parquet(clean / str(year) / "results.parquet")
    return r[(r["round"] == "national") & (r["award"] != "")]


def _doc(d, which: str) -> Document:
    return Document(str(d.folder / FILES[which].format(year=d.year)))


def _text(doc: Document) -> str:
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _rows(doc: Document) -> list[list[str]]:
    return [[c.text for c in row.cells] for t in doc.tables for row in t.rows[1:]]


@pytest.mark.parametrize("year", YEARS)
def test_every_winner_exactly_as_in_the_results_and_nobody_else(clean, drafted, year):
    d = drafted[1][year]
    w = _winners(clean, year)
    forms = pd.read_parquet(clean / str(year) / "submissions.parquet").set_index("district_code")["position"]
    ind, prov = w[w["category"] == "individual"], w[w["category"] == "province"]
    rows = _rows(_doc(d, "attachment.docx"))
    people = [r for r in rows if len(r) == 6]
    projects = [r for r in rows if len(r) == 4]
    # the list: every individual winner with name, position, district, province and award as accepted
    expected = sorted((r["award"], r["name"], forms[r["district_code"]], r["district_name"], r["province_name"])
                      for _, r in ind.iterrows())
    assert sorted(tuple(r[1:]) for r in people) == expected
    assert sorted((r[1], r[2], r[3]) for r in projects) == sorted(
        (r["award"], r["province_name"], r["project_title"]) for _, r in prov.iterrows())
    # in award order within each scope: ดีเด่น before ชมเชย, by rank
    for table in _doc(d, "attachment.docx").tables:
        awards = [row.cells[1].text for row in table.rows[1:]]
        assert awards == sorted(awards, key=["ดีเด่น", "ชมเชย"].index)
    # the letter names each winner with their district and province; the certificates, one page each
    letter = _text(_doc(d, "letter.docx"))
    for _, r in ind.iterrows():
        assert f"{r['name']} อำเภอ{r['district_name']} จังหวัด{r['province_name']}" in letter
    for _, r in prov.iterrows():
        assert f"จังหวัด{r['province_name']} (โครงการ{r['project_title']})" in letter
    cert = _doc(d, "certificates.docx")
    breaks = sum(bool(p.paragraph_format.page_break_before) for p in cert.paragraphs)
    assert breaks + 1 == len(w)
    paras = [p.text for p in cert.paragraphs]
    for _, r in ind.iterrows():
        at = paras.index(r["name"])
        assert paras[at + 1] == forms[r["district_code"]]
        assert paras[at + 2] == f"อำเภอ{r['district_name']} จังหวัด{r['province_name']}"
        assert paras[at + 3].startswith(f"ได้รับรางวัล{r['award']} ")
    for _, r in prov.iterrows():
        at = paras.index(f"จังหวัด{r['province_name']}")
        assert paras[at + 1] == r["project_title"] and paras[at + 3].startswith(f"ได้รับรางวัล{r['award']} ")
    # nobody else: no other candidate's name in any of the three documents
    r = pd.read_parquet(clean / str(year) / "results.parquet")
    others = set(r["name"].dropna()) - set(ind["name"])
    everything = "\n".join(_text(_doc(d, n)) for n in FILES)
    assert others and not [n for n in others if n in everything]
    assert len(people) + len(projects) == len(w) == len(d.announcement.people)


def test_the_letter_has_the_seed_letters_parts_in_its_order(drafted):
    """The parts of a government letter, found in the seed letter (the 2564 call) and in ours: the
    same parts, in the same order."""
    months = "มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม"
    parts = [("number", r"^ที่ มท ๐๘"), ("address", r"ถนนนครราชสีมา"), ("date", rf"^(\S+ )?({months}) [๐-๙0-9]{{4}}$"),
             ("subject", r"^เรื่อง\s"), ("to", r"^เรียน\s"), ("reference", r"^อ้างถึง\s"),
             ("enclosures", r"^สิ่งที่ส่งมาด้วย\s"), ("opening", r"^ตามที่"), ("closing", r"^จึงเรียนมา"),
             ("regards", r"^ขอแสดงความนับถือ$"), ("signatory", r"^\([^()]+\)$"), ("phone", r"^โทร\."),
             ("coordinator", r"^ผู้ประสานงาน")]

    def order(lines):
        lines = [re.sub(r"^\[bookmark: \S+\]", "", l).strip() for l in lines]
        found = {}
        for name, pattern in parts:
            at = next((i for i, l in enumerate(lines) if re.search(pattern, l)), None)
            found[name] = at
        assert None not in found.values(), found
        return sorted(found, key=found.get)

    seed = order(SEED.read_text(encoding="utf-8").splitlines())
    assert seed == [p for p, _ in parts]  # the markers are right for the seed itself
    d = drafted[1][2568]
    paragraphs = [p.text for p in _doc(d, "letter.docx").paragraphs]
    assert order(paragraphs) == seed
    # the signatory's position under the name; the department beside the number, as the seed has them
    sign = next(i for i, t in enumerate(paragraphs) if re.match(r"^\([^()]+\)$", t))
    assert paragraphs[sign + 1] == "[ตำแหน่งผู้ลงนาม]" and "[ชื่อผู้ลงนาม]" in paragraphs[sign]
    assert paragraphs[[i for i, t in enumerate(paragraphs) if t.startswith("ที่ มท")][0]].endswith(
        "\tกรมส่งเสริมการปกครองท้องถิ่น")


def test_the_letters_own_numbers_and_dates_are_thai_digits_and_be(clean, drafted):
    d = drafted[1][2568]
    paragraphs = [p.text for p in _doc(d, "letter.docx").paragraphs]
    text = "\n".join(paragraphs)
    assert "ประจำปี พ.ศ. ๒๕๖๘" in text and "2568" not in text
    winners = _winners(clean, 2568)
    stripped = text
    for value in pd.concat([winners["name"], winners["project_title"]]).dropna():
        stripped = stripped.replace(value, "")
    assert not re.search(r"[0-9]", stripped)  # every digit of the letter's own is Thai
    counts = d.announcement.counts
    r = pd.read_parquet(clean / "2568" / "results.parquet")
    assert counts["individual"]["nominees"] == len(r[(r["category"] == "individual") & (r["round"] == "national")])
    assert f"ระดับประเทศ จำนวน {str(counts['individual']['nominees']).translate(str.maketrans('0123456789', '๐๑๒๓๔๕๖๗๘๙'))} ราย" in text
    date = next(t for t in paragraphs if t.startswith("[วันที่] "))
    assert re.fullmatch(r"\[วันที่\] \S+ [๐-๙]{4}", date)
    # the fields an official fills are marked: in brackets and highlighted
    letter = _doc(d, "letter.docx")
    marked = [r.text for p in letter.paragraphs for r in p.runs if r.font.highlight_color is not None]
    for field in ("[เลขที่หนังสือ]", "[วันที่]", "[ชื่อผู้ลงนาม]", "[ตำแหน่งผู้ลงนาม]", "[ชื่อผู้ประสานงาน]"):
        assert field in marked


def test_refused_while_review_items_are_open_and_said_in_red_with_despite_review(clean, tmp_path):
    r = pd.read_parquet(clean / "2568" / "results.parquet")
    n_open = int((r["round"].eq("national") & r["award_review"]).sum())
    assert n_open > 0  # the sample's 2568 has awards a new panel might change
    with pytest.raises(OpenReview) as exc:
        run_announce(clean, 2568, tmp_path)
    assert "--despite-review" in str(exc.value) and "ทบทวน" in str(exc.value) and " / " in str(exc.value)
    assert not (tmp_path / "2568" / "announce").exists()
    d = run_announce(clean, 2568, tmp_path, despite_review=True)
    first = _doc(d, "letter.docx").paragraphs[0]
    assert first.text.startswith("ร่าง: ยังมีรายการที่คณะกรรมการควรทบทวนก่อนประกาศ")
    assert str(n_open).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")) in first.text
    assert all(str(run.font.color.rgb) == "C00000" for run in first.runs if run.text.strip())
    manifest = store.read_manifest(d.folder)["steps"]["announce"]
    assert manifest["parameters"]["despite_review"] is True and manifest["parameters"]["open_review"] == n_open
    # the committee has decided (no item open): drafted without the flag, and without the red line
    subs = pd.read_parquet(clean / "2568" / "submissions.parquet")
    settled = announcement(r.assign(award_review=False), subs, 2568)
    letter = documents(settled)[FILES["letter.docx"].format(year=2568)]
    (tmp_path / "settled.docx").write_bytes(letter)
    paragraphs = Document(str(tmp_path / "settled.docx")).paragraphs
    assert paragraphs[0].text == "[ตราครุฑ]" and not any("ร่าง:" in p.text for p in paragraphs)
    # the command line: exit 2 with the bilingual message, nothing written
    from analysis.__main__ import main

    assert main(["announce", "--clean-dir", str(clean), "--years", "2568", "--out-dir", str(tmp_path / "cli")]) == 2
    assert not (tmp_path / "cli" / "2568").exists()


def test_never_written_into_a_public_folder(clean, tmp_path):
    from analysis.report.provenance import EDITION

    public = tmp_path / "reports-public"
    (public / "2568").mkdir(parents=True)
    (public / "index.html").write_text(f"<p>ปี พ.ศ. 2568 · {EDITION[True]}</p>", encoding="utf-8")
    with pytest.raises(PublicFolder):
        run_announce(clean, 2568, public, despite_review=True)
    assert not (public / "2568" / "announce").exists()
    # the notebook's cell in a public run drafts nothing, and names nobody
    said = notebook_draft(clean, 2568, tmp_path / "internal", public=True, despite_review=True)
    assert "ฉบับเผยแพร่" in said and not (tmp_path / "internal").exists()
    # an internal edition's folder is fine
    internal = tmp_path / "reports"
    internal.mkdir()
    (internal / "index.html").write_text(f"<p>{EDITION[False]}</p>", encoding="utf-8")
    assert run_announce(clean, 2568, internal, despite_review=True).files


def test_written_whole_the_same_bytes_again(clean, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1757894400")  # 15 Sep 2025: กันยายน ๒๕๖๘
    first = run_announce(clean, 2567, tmp_path, despite_review=True)
    before = {f.name: f.read_bytes() for f in first.files}
    assert "[วันที่] กันยายน ๒๕๖๘" in [p.text for p in _doc(first, "letter.docx").paragraphs]
    again = run_announce(clean, 2567, tmp_path, despite_review=True)
    assert {f.name: f.read_bytes() for f in again.files} == before  # deterministic

    def broken(folder):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "_flush", broken)
    with pytest.raises(OSError):
        run_announce(clean, 2567, tmp_path, despite_review=True)
    assert {f.name: f.read_bytes() for f in first.files} == before   # the old set, whole
    assert not list((tmp_path / "2567").glob(".announce*"))            # nothing half-written left


def test_an_office_restyles_the_template_without_touching_code(clean, tmp_path):
    from docx.shared import Pt

    mine = tmp_path / "templates"
    shutil.copytree(template_dir(), mine)
    doc = Document(str(mine / "letter.docx"))
    doc.styles["Normal"].font.name = "TH Sarabun New"
    doc.styles["Normal"].font.size = Pt(16)
    doc.save(str(mine / "letter.docx"))
    d = run_announce(clean, 2568, tmp_path / "out", despite_review=True, templates=mine)
    letter = _doc(d, "letter.docx")
    assert letter.styles["Normal"].font.name == "TH Sarabun New" and letter.styles["Normal"].font.size == Pt(16)
    assert "ผลการคัดเลือกและประเมินผลงานของท้องถิ่นอำเภอดีเด่น ประจำปี พ.ศ. ๒๕๖๘" in _text(letter)


def _bases(text: str) -> str:
    """Thai text without spaces and without its marks above and below the letter: pdftotext gives a
    positioned mark before or after its letter as it lies on the page ("ได้รบัรางวัล")."""
    return re.sub(r"[\s\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]", "", text)


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdffonts"),
                    reason="LibreOffice and poppler are installed by make test")
def test_libreoffice_opens_them_and_renders_every_glyph_in_sarabun(clean, drafted, tmp_path):
    files = [f for y in YEARS for f in drafted[1][y].files]
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, files)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    for year in YEARS:
        d = drafted[1][year]
        w = _winners(clean, year)
        for name in FILES:
            pdf = tmp_path / (FILES[name].format(year=year)[:-5] + ".pdf")
            fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
            # Sarabun, embedded, for every character: a glyph Sarabun lacked would come from another font
            assert fonts and all(re.search(r"\+Sarabun-(Regular|Bold)\s", f) and " yes " in f for f in fonts), fonts
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
            assert "\ufffd" not in text
            flat = _bases(text)
            for person in w["name"].dropna():
                assert _bases(person) in flat, (pdf.name, person)
            pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                                     text=True).stdout).group(1))
            if name == "certificates.docx":
                assert pages == len(w)          # a page each
            elif name == "letter.docx":
                assert pages <= 3
