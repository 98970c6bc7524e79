"""Small fixture years written as provinces send them: enough rows for every step and every page,
few enough to run a notebook in seconds. Shared by the batch, report, notebook and store tests."""

from __future__ import annotations

from pathlib import Path

from helpers.files import FORM_HEADER, PROJECT_HEADER, form_row, write_csv

HOSTILE = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
NAMES = ["นายสมชาย ใจดี", "นางสาวสมศรี ดีใจ", "นายมานะ อดทน", "นายปิติ ยินดี", "นายกรรมการ หนึ่ง"]
SIGNER = "นางวันเพ็ญ ผู้ลงนาม"  # signs under the form: a set-aside row, named in no other output


def fixture_year(root: Path, year: int) -> None:
    """Two provinces, two applicants each, both rounds, two projects: enough for every page."""
    ad = year - 543
    sent = f"19/7/{year}"
    write_csv(root / "individual/submissions/f.csv", [
        FORM_HEADER, form_row(submitted=sent, **{"ชื่อผลงานดีเด่น": HOSTILE}),
        form_row(district="แม่ริม", name=NAMES[1], rate=80, submitted=sent),
        form_row(province="ลำปาง", district="เกาะคา", name=NAMES[2], submitted=sent),
        form_row(province="ลำปาง", district="เถิน", name=NAMES[3], rate=70, submitted=sent),
        ["", "", "ลงชื่อ ........................ ผู้รายงาน"] + [""] * 9, ["", "", f"({SIGNER})"] + [""] * 9])
    rows = [["กรรมการ", "รอบ", "จังหวัด", "อำเภอ", "A3", "B1", "C1"]]
    for judge, bump in ((NAMES[4], 0), ("นายข ค", 1), ("นายค ง", 2)):
        for p, d, base in (("เชียงใหม่", "สันทราย", 20), ("เชียงใหม่", "แม่ริม", 15),
                           ("ลำปาง", "เกาะคา", 19), ("ลำปาง", "เถิน", 12)):
            rows.append([judge, "จังหวัด", p, d, base, base + 5 - bump, 15])
        for p, d, base in (("เชียงใหม่", "สันทราย", 21), ("ลำปาง", "เกาะคา", 18)):
            rows.append([judge, "ประเทศ", p, d, base, 25 - bump, 16])
    rows.append(["นายข ค", "ประเทศ", "ลำปาง", "เถิน", 99, 1, 1])  # held back: a quarantine to show
    write_csv(root / "individual/scores/s.csv", rows)
    write_csv(root / "province/submissions/p.csv", [
        PROJECT_HEADER, ["เชียงใหม่", HOSTILE, "100000", 5, 100, f"1/3/{year}", f"30/6/{year}", sent],
        ["ลำปาง", "โครงการ ข", "200000", 7, 300, f"1/3/{year}", f"30/6/{year}", sent]])
    write_csv(root / "province/scores/n.csv", [["กรรมการ", "จังหวัด", "P1", "P2", "P3", "P4", "P5"]] + [
        [j, p, 15, 20, v, 10, 8] for j in ("นายก", "นายข", "นายค") for p, v in (("เชียงใหม่", 25), ("ลำปาง", 20))])
    assert ad  # the A.D. year is only used through the B.E. dates above


def small_scored_year(root):
    """Two provinces, two applicants each, both rounds, and two province projects."""

    write_csv(root / "individual/submissions/f.csv", [
        FORM_HEADER, form_row(), form_row(district="แม่ริม", name="นางสาวสมศรี ดีใจ", rate=80),
        form_row(province="ลำปาง", district="เกาะคา", name="นายมานะ อดทน"),
        form_row(province="ลำปาง", district="เถิน", name="นายปิติ ยินดี", rate=70)])
    header = ["กรรมการ", "รอบ", "จังหวัด", "อำเภอ", "A3", "B1", "C1"]
    rows = [header]
    for judge, bump in (("นายก", 0), ("นายข", 1), ("นายค", 2)):
        for p, d, base in (("เชียงใหม่", "สันทราย", 20), ("เชียงใหม่", "แม่ริม", 15),
                           ("ลำปาง", "เกาะคา", 19), ("ลำปาง", "เถิน", 12)):
            rows.append([judge, "จังหวัด", p, d, base, base + 5 - bump, 15])
        for p, d, base in (("เชียงใหม่", "สันทราย", 21), ("ลำปาง", "เกาะคา", 18)):
            rows.append([judge, "ประเทศ", p, d, base, 25 - bump, 16])
    write_csv(root / "individual/scores/s.csv", rows)
    write_csv(root / "province/submissions/p.csv", [
        PROJECT_HEADER, ["เชียงใหม่", "โครงการ ก", "100000", 5, 100, "1/3/2564", "30/6/2564", "19/7/2564"],
        ["ลำปาง", "โครงการ ข", "200000", 7, 300, "1/3/2564", "30/6/2564", "19/7/2564"]])
    write_csv(root / "province/scores/n.csv", [["กรรมการ", "จังหวัด", "P1", "P2", "P3", "P4", "P5"]] + [
        [j, p, 15, 20, v, 10, 8] for j in ("นายก", "นายข", "นายค") for p, v in (("เชียงใหม่", 25), ("ลำปาง", 20))])
