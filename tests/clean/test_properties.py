"""Property: for any generated year of files, every data row lands in exactly one place."""

import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.clean import clean_year, read_year
from analysis.read.thai import clean_text
from helpers.files import FORM_HEADER, form_row, write_csv, write_xlsx

PLACES = [("เชียงใหม่", "สันทราย"), ("จ.ลำปาง", "อ.เกาะคา"), ("Chiang Mai", "Mae Rim"),
          ("นครศรีฯ", "เมือง"), ("กรุงเทพฯ", "บางรัก"), ("เชียงราย", "สันทราย"), ("", ""),
          ("โคราช", "ปากช่อง"), ("ดาวอังคาร", "ไม่มี"), ("", "เฉลิมพระเกียรติ")]
# no control characters or line breaks: multi-line cells shift CSV line numbers (tested in test_read)
text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=12)
cell = st.one_of(st.none(), text, st.integers(-5, 200),
                 st.floats(allow_nan=True, allow_infinity=True),
                 st.sampled_from(["๑๒", "95%", "ร้อยละ 9๕", "1,200 บาท", "-", "19/7/64", "31/2/2564"]))
form = st.builds(
    lambda place, name, rate, rec, res, sub: form_row(place[0], place[1], name, rate, rec, res, sub),
    st.sampled_from(PLACES), st.sampled_from(["นายก ข", "", "นางค ง"]), cell, cell, cell,
    st.sampled_from(["19 ก.ค. 2564", "20/7/2564", "", "2021-07-21 10:00:00", "ไม่ทราบ"]))
score = st.builds(
    lambda judge, rnd, place, a3, b1, c1: [judge, rnd, place[0], place[1], a3, b1, c1],
    st.sampled_from(["นายก", "นายข", ""]), st.sampled_from(["จังหวัด", "ประเทศ", "x"]),
    st.sampled_from(PLACES), cell, cell, cell)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(forms=st.lists(form, max_size=12), scores=st.lists(score, max_size=12),
       excel=st.booleans(), title_rows=st.integers(0, 3))
def test_every_row_in_exactly_one_place(rubric, forms, scores, excel, title_rows):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "2564"
        top = [["แบบรายงาน ประจำปี พ.ศ. 2564"]] * title_rows
        sub = root / "individual/submissions" / ("f.xlsx" if excel else "f.csv")
        if excel:
            write_xlsx(sub, {"ข้อมูล": top + [FORM_HEADER] + forms})
        else:
            write_csv(sub, top + [FORM_HEADER] + [[("" if v is None else v) for v in r] for r in forms])
        write_csv(root / "individual/scores/s.csv",
                  [["กรรมการ", "รอบ", "จังหวัด", "อำเภอ", "A3", "B1", "C1"]]
                  + [["" if v is None else v for v in r] for r in scores])
        tables, problems, _ = read_year(tmp, 2564)
        result = clean_year(tables, problems, 2564, rubric)

    def rows(frame):
        return [(r.source_file, int(r.source_row)) for r in frame.itertuples()]

    accepted = rows(result.submissions) + sorted(set(rows(result.scores)))
    held = rows(result.quarantine) + rows(result.set_aside)  # held back, or set aside as not data
    assert len(set(accepted + held)) == len(accepted) + len(held)  # nothing counted twice
    first_data = title_rows + 2
    def blank(v, excel):
        """NaN and inf go to CSV as the text "nan"/"inf" (data), to xlsx as error cells (blank)."""
        if isinstance(v, float) and not math.isfinite(v):
            return excel
        return clean_text(v) is None

    def data(row, excel):
        return not all(blank(v, excel) for v in row)

    expected = {(sub.relative_to(root).as_posix(), first_data + i) for i, r in enumerate(forms)
                if data(r, excel)}
    expected |= {("individual/scores/s.csv", 2 + i) for i, r in enumerate(scores) if data(r, False)}
    assert set(accepted + held) == expected  # nothing lost
    # accepted rows are clean: in scope, known places, rates in range
    s = result.submissions
    if len(s):
        assert s["district_code"].str[:2].eq(s["province_code"]).all()
        assert s["report_rate"].between(0, 100).all()
        assert (s["complaints_resolved"] <= s["complaints_received"]).all()
        assert "10" not in set(s["province_code"])
