"""Tables in JupyterLab to sort and search; the report keeps the static table."""


import pandas as pd

from analysis.report import interactive, sections, show
from analysis.report.interactive import NOTEBOOK_STYLE, REPORT_MIME
from analysis.report.tables import for_report

FRAME = pd.DataFrame({"อำเภอ": ["สันทราย", "แม่ริม"], "คะแนนรวม": [84.125, 1234.5],
                      "ลำดับ": pd.array([1, None], dtype="Int64"),
                      "วันที่ส่ง": pd.to_datetime(["2025-07-10 14:59", None]), "ควรทบทวน": [True, False]})


def test_numbers_stay_numbers_to_sort_and_text_is_marked_to_align_left():
    data, numbers, texts = interactive._for_datatables(FRAME, 2)
    assert numbers == {1: 2, 2: 0} and texts == [0, 3, 4]  # ranks shown whole, scores to 2 places
    assert data["คะแนนรวม"].tolist() == [84.125, 1234.5]  # sorted as numbers, not as "1,234.50"
    assert data["วันที่ส่ง"].tolist() == ["10 ก.ค. 2568 14:59 น.", ""]  # B.E., as in the report
    assert data["ควรทบทวน"].tolist() == ["ใช่", ""]


def test_in_jupyterlab_a_table_is_interactive_and_carries_the_report_table(monkeypatch):
    monkeypatch.delenv(interactive.ENV, raising=False)
    monkeypatch.setattr(interactive, "_ready", True)  # the bundle is a kernel's business
    bundle = show(FRAME)._repr_mimebundle_()
    html = bundle["text/html"]
    assert "new ITable(" in html and "dt-left" in html and "\\u0e04\\u0e49\\u0e19\\u0e2b\\u0e32:" in html  # ค้นหา:
    assert "maximumFractionDigits: 2" in html and "maximumFractionDigits: 0" in html  # 1,234.50 and 12
    assert bundle[REPORT_MIME] == show(FRAME).static and "<script" not in bundle[REPORT_MIME]
    assert for_report({"output_type": "display_data", "data": bundle})["data"] == {"text/html": bundle[REPORT_MIME]}


def test_a_batch_gets_the_static_table_and_the_report_the_same_bytes(monkeypatch):
    monkeypatch.setenv(interactive.ENV, "static")
    bundle = show(FRAME)._repr_mimebundle_()
    assert bundle == {"text/html": NOTEBOOK_STYLE + show(FRAME).static}
    assert for_report({"data": bundle})["data"]["text/html"] == show(FRAME).static


def test_the_bundle_output_is_left_out_of_the_report_and_other_outputs_kept():
    assert for_report({"data": {"text/html": "<script>x</script>", REPORT_MIME: ""}}) is None
    png = {"output_type": "display_data", "data": {"image/png": "iVBOR"}}
    assert for_report(png) is png


def test_sections_fold_in_the_notebook_and_head_the_report(monkeypatch):
    monkeypatch.setenv(interactive.ENV, "static")
    parts = {"ภาคเหนือ": show(FRAME), "ภาคใต้ <1>": show(FRAME.head(1))}
    bundle = sections(parts)._repr_mimebundle_()
    assert bundle["text/html"].count("<details>") == 2 and "(2 แถว)" in bundle["text/html"]
    assert "<h3>ภาคใต้ &lt;1&gt;</h3>" in bundle[REPORT_MIME] and "<details>" not in bundle[REPORT_MIME]
    assert bundle[REPORT_MIME].count("<table>") == 2


def test_without_itables_the_table_is_static(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_itables(name, *a, **k):
        if name == "itables":
            raise ImportError(name)
        return real(name, *a, **k)

    monkeypatch.delenv(interactive.ENV, raising=False)
    monkeypatch.setattr(builtins, "__import__", no_itables)
    assert not interactive.wanted()


def test_a_table_itables_cannot_take_is_shown_static_not_lost(monkeypatch):
    monkeypatch.delenv(interactive.ENV, raising=False)

    def broken(frame, digits):
        raise TypeError("a dtype itables does not know")

    monkeypatch.setattr(interactive, "table", broken)
    assert show(FRAME)._repr_mimebundle_() == {"text/html": NOTEBOOK_STYLE + show(FRAME).static}
