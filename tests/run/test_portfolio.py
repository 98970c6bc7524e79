"""Every province's page: the parameterised notebook run by papermill in a warm kernel, the same
bytes as one fresh papermill run of it, and nothing personal in public mode."""

from __future__ import annotations

from functools import partial

import papermill as pm

from analysis import catalog
from analysis.run import kernels
from analysis.run import portfolio
from analysis.report import check_no_names, people_in, render_province
from helpers.files import CRITERIA, ROOT, SAMPLE_YEARS


def _params(sample, public=False):
    return {"years": "2564-2568", "clean_dir": str(sample / "clean"), "criteria_dir": str(CRITERIA),
            "public": public}


def _folders(sample, out):
    return catalog.Folders(ROOT / "data" / "raw", sample / "clean", CRITERIA, out)


def test_pages_from_the_portfolio_are_the_pages_of_a_fresh_papermill_run(sample, tmp_path):
    codes = ["55", "26", "90"]           # a nominee with awards, held-back score rows, the south
    render = partial(render_province, folders=_folders(sample, tmp_path / "warm"), years=list(SAMPLE_YEARS),
                     public=False)
    pages = portfolio.run_portfolio(codes, _params(sample), tmp_path / "runs", render, workers=1)
    assert [p.ok for p in pages] == [True, True, True] and [p.province for p in pages] == sorted(codes)
    for code in codes:
        log = tmp_path / f"fresh_{code}.ipynb"
        with kernels.this_interpreter():
            pm.execute_notebook(str(catalog.notebooks() / portfolio.NOTEBOOK), str(log),
                                parameters={**_params(sample), "province": code}, kernel_name=kernels.NAME,
                                progress_bar=False)
        fresh = render_province(portfolio.Page(code, log, True), _folders(sample, tmp_path / "fresh"),
                                list(SAMPLE_YEARS), False)[0]
        warm = tmp_path / "warm" / "provinces" / f"{code}.html"
        # the fresh run had JupyterLab's interactive tables, the portfolio's kernels static ones:
        # the report is made from the static view either way
        assert "new ITable(" in log.read_text(encoding="utf-8")
        assert warm.read_bytes() == fresh.read_bytes(), code
    text = (tmp_path / "warm" / "provinces" / "26.html").read_text(encoding="utf-8")
    assert "จ.นครนายก" in text and "แถวจากไฟล์ของจังหวัดที่ยังใช้ไม่ได้" in text and "ควรแก้อย่างไร" in text


def test_a_page_that_fails_is_reported_and_the_next_pages_still_run(sample, tmp_path):
    pages = portfolio.run_portfolio(["99", "55"], _params(sample), tmp_path / "runs", workers=1)
    by = {p.province: p for p in pages}
    assert not by["99"].ok and "unknown province" in by["99"].error
    assert by["55"].ok and (tmp_path / "runs" / "55.ipynb").is_file()


def test_a_page_that_kills_its_kernel_fails_alone_and_the_next_page_runs(tmp_path):
    """A cell that ends the kernel's process (a crash, the out-of-memory killer) fails that page
    in a second or two and the next page gets a new kernel: it used to hang the run for ever."""
    import nbformat

    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("province = ''", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import os\nif province == '99':\n    os._exit(1)\nprint('page', province)")])
    nb.metadata["kernelspec"] = {"name": "analysis", "display_name": "analysis", "language": "python"}
    nbformat.write(nb, folder / portfolio.NOTEBOOK)
    pages = portfolio.run_portfolio(["99", "55"], {}, tmp_path / "runs", workers=1, notebooks=folder)
    by = {p.province: p for p in pages}
    assert not by["99"].ok and "DeadKernelError" in by["99"].error
    assert by["55"].ok and "page 55" in (tmp_path / "runs" / "55.ipynb").read_text(encoding="utf-8")


def test_public_pages_carry_no_personal_name(sample, tmp_path):
    render = partial(render_province, folders=_folders(sample, tmp_path), years=list(SAMPLE_YEARS), public=True)
    pages = portfolio.run_portfolio(["55", "34"], _params(sample, public=True), tmp_path / "runs", render,
                                    workers=1)
    written = [p for page in pages for p in page.written]
    assert len(written) == 2
    names = sorted({n for y in SAMPLE_YEARS for n in people_in(sample / "clean", y)})
    check_no_names(written, names)                         # raises when a name is left
    assert "***" in written[0].read_text(encoding="utf-8") or "ผู้สมัคร" in written[0].read_text(encoding="utf-8")
