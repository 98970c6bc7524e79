"""The announcement's files: the three templates drawn with a year's content (docxtpl) and written
whole into ``<out-dir>/<year>/announce/`` (thin I/O over ``content``)."""

from __future__ import annotations

import io
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.catalog import INDEX, PAGES, YearFolder, file
from analysis import store
from analysis.announce.content import Announcement, announcement
from analysis.errors import PrivacyError
from analysis.render.dates import report_date
from analysis.announce.content import OpenReview

_CHECKOUT = Path(__file__).resolve().parents[3]
# the checkout's templates (what an office restyles); a wheel installs them into <prefix>/share/analysis/announce
SHARE = _CHECKOUT / "share" / "announce"
INSTALLED = Path(sys.prefix) / "share" / "analysis" / "announce"
# the documents, in the folder: what each is drawn from
FILES = {"letter.docx": "หนังสือแจ้งผล_{year}.docx", "attachment.docx": "บัญชีรายชื่อผู้ได้รับรางวัล_{year}.docx",
         "certificates.docx": "เกียรติบัตร_{year}.docx"}
PUBLIC_MARK = "ฉบับเผยแพร่ (ปิดชื่อบุคคล)"   # report.provenance.EDITION[True]: a public folder's pages say it


TEMPLATES = ("letter.docx", "attachment.docx", "certificates.docx")  # make_templates builds them


def normalised(files: dict[str, bytes]) -> bytes:
    """A .docx of ``files`` whose bytes depend on nothing but its contents (no clock in the zip)."""
    out = io.BytesIO()
    order = ["[Content_Types].xml"] + [n for n in files if n != "[Content_Types].xml"]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, files[name])
    return out.getvalue()



class PublicFolder(PrivacyError):
    """The announcement names people by nature: it is never written into a public edition's folder."""


def template_dir(folder: Path | str | None = None) -> Path:
    """The templates' folder: ``folder`` (an office's own restyled copies), else the checkout's
    ``share/announce/``, else the installed copy."""
    candidates = [Path(folder)] if folder else [SHARE, INSTALLED]
    for c in candidates:
        if all((c / name).is_file() for name in TEMPLATES):
            return c
    where = candidates[0]
    missing = ", ".join(n for n in TEMPLATES if not (where / n).is_file())
    raise FileNotFoundError(f"ไม่พบแม่แบบ {missing} ในโฟลเดอร์ {where} "
                            f"(สร้างใหม่ได้ด้วย python -m analysis.announce.make_templates {where}) / "
                            f"templates {missing} not found in {where} "
                            f"(rebuild them with python -m analysis.announce.make_templates {where})")


def is_public_folder(out_dir: Path | str) -> bool:
    """Whether ``out_dir`` holds a public edition's reports (``analysis run --public``): its index
    page, or a year's page, says it is the public edition."""
    out = Path(out_dir)
    pages = [out / INDEX, *out.glob(f"*/{PAGES['summary']}"), *out.glob(f"*/{PAGES['score']}")]
    for page in pages:
        try:
            if PUBLIC_MARK in page.read_text(encoding="utf-8", errors="ignore"):
                return True
        except OSError:
            continue
    return False


def render(template: Path, context: dict) -> bytes:
    """One template drawn with ``context``; the bytes depend on nothing else (no clock in the zip)."""
    from docxtpl import DocxTemplate

    doc = DocxTemplate(str(template))
    doc.render(context, autoescape=True)
    buf = io.BytesIO()
    doc.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    return normalised({i.filename: src.read(i.filename) for i in src.infolist()})


def documents(a: Announcement, templates: Path | str | None = None) -> dict[str, bytes]:
    """``{file name: bytes}`` of the year's three documents."""
    folder = template_dir(templates)
    context = a.context()
    return {FILES[name].format(year=a.year): render(folder / name, context) for name in TEMPLATES}


@dataclass
class Drafted:
    year: int
    folder: Path
    files: list[Path]
    announcement: Announcement


def read_year(clean_dir: Path | str, year: int) -> tuple[pd.DataFrame, pd.DataFrame, Path]:
    """The score step's results and the clean step's forms of a year, checked as the steps wrote them."""
    folder = YearFolder(clean_dir, year)
    return folder.read("results"), folder.read("submissions"), folder


def run_announce(clean_dir: Path | str, year: int, out_dir: Path | str, *, despite_review: bool = False,
                 templates: Path | str | None = None) -> Drafted:
    """Draft the year's letter, attachment and certificates into ``<out_dir>/<year>/announce/``,
    written whole (the three and a manifest naming the results they were drawn from, or the old
    folder as it was). Refused (``OpenReview``) while review items are open unless
    ``despite_review``, and (``PublicFolder``) into a public edition's folder."""
    out = Path(out_dir)
    if is_public_folder(out):
        raise PublicFolder(
            f"{out} เป็นโฟลเดอร์ของรายงานฉบับเผยแพร่ (ปิดชื่อบุคคล) หนังสือแจ้งผลและเกียรติบัตรมีชื่อบุคคล "
            f"จึงไม่เขียนลงในโฟลเดอร์นี้ ให้ระบุ --out-dir ของรายงานฉบับใช้ภายใน เช่น reports / "
            f"{out} holds the public edition (names masked); the letter and certificates name people, so "
            f"they are never written there: give the internal edition's --out-dir, e.g. reports")
    results, submissions, folder = read_year(clean_dir, year)
    a = announcement(results, submissions, year, despite_review=despite_review,
                     dated=report_date([folder / "results"]))
    docs = documents(a, templates)
    target = out / str(year) / "announce"
    inputs = {f"{Path(clean_dir).name}/{year}/{file(n)}": folder / n for n in ("results", "submissions")}
    with store.staged(target, "announce", inputs=inputs,
                      parameters={"despite_review": bool(despite_review), "open_review": a.open_review,
                                  "templates": str(template_dir(templates))}) as stage:
        for name, data in docs.items():
            (stage / name).write_bytes(data)
    return Drafted(year=year, folder=target, files=[target / n for n in docs], announcement=a)


def notebook_draft(clean_dir: Path | str, year: int, reports_dir: Path | str, *, public: bool = False,
                   despite_review: bool = False) -> str:
    """The last cell of 02_score: draft the year's announcement into ``<reports_dir>/<year>/announce/``
    and say so in Thai (Markdown). A public edition drafts nothing (the documents name people); a
    year with review items open says what to do instead of failing the notebook (the rest of the
    report stands)."""
    if public:
        return ("ฉบับเผยแพร่ไม่ร่างหนังสือแจ้งผลและเกียรติบัตร เพราะมีชื่อบุคคล "
                "(ร่างได้จากฉบับใช้ภายใน: `analysis announce`)")

    try:
        d = run_announce(clean_dir, year, reports_dir, despite_review=despite_review)
    except (OpenReview, PublicFolder) as exc:
        return "ยังไม่ได้ร่างหนังสือแจ้งผล: " + str(exc).split(" / ")[0]
    a = d.announcement   # the folder said relative to the reports: the same page from the same inputs
    lines = [f"ร่างหนังสือแจ้งผล บัญชีรายชื่อผู้ได้รับรางวัล และเกียรติบัตร {len(a.people)} ฉบับ "
             f"ไว้ที่ `{year}/announce/` ในโฟลเดอร์รายงาน:", *[f"- `{f.name}`" for f in d.files]]
    if a.despite_review:
        lines.append(f"\n**ร่างนี้ทำทั้งที่ยังมีรายการควรทบทวน {a.open_review} รายการ** (หัวหนังสือมีข้อความสีแดงกำกับ)")
    return "\n".join(lines)
