"""Compare the clean step's outputs with the sample generator's truth tables (used by tests)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

FIELDS = ["name", "position", "started_on", "lao_count", "meetings", "report_rate",
          "complaints_received", "complaints_resolved", "work_title", "submitted_at",
          "project_title", "budget", "lao_participants", "beneficiaries", "ended_on"]


def _same(a, b) -> bool:
    if pd.isna(a) and pd.isna(b):
        return True
    if pd.isna(a) or pd.isna(b):
        return False
    if isinstance(b, (int, float, np.number)) or isinstance(a, (int, float, np.number)):
        try:
            return abs(float(a) - float(b)) < 1e-6
        except (TypeError, ValueError):
            return False
    return str(a) == str(b)


def _norm(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for f in ("started_on", "ended_on"):
        if f in out:
            out[f] = pd.to_datetime(out[f], errors="coerce").dt.strftime("%Y-%m-%d")
    if "submitted_at" in out:
        out["submitted_at"] = pd.to_datetime(out["submitted_at"], errors="coerce").dt.strftime("%Y-%m-%dT%H:%M")
    for f in ("province_code", "district_code"):
        if f in out:
            out[f] = out[f].map(lambda v: None if pd.isna(v) else str(v).split(".")[0].zfill(2 if f == "province_code" else 4))
    return out


def compare(clean_dir: Path, truth_dir: Path, year: int) -> dict:
    out = Path(clean_dir) / str(year)
    subs = _norm(pd.read_parquet(out / "submissions.parquet"))
    scores = pd.read_parquet(out / "scores.parquet")
    q = pd.read_csv(out / "quarantine.csv", encoding="utf-8-sig", dtype=str)
    aside = pd.read_csv(out / "set_aside.csv", encoding="utf-8-sig", dtype=str)
    truth = _norm(pd.read_csv(Path(truth_dir) / str(year) / "submissions_truth.csv", dtype=str))
    st = pd.read_csv(Path(truth_dir) / str(year) / "scores_truth.csv", dtype=str)
    sheet = lambda v: "" if pd.isna(v) else str(v)  # noqa: E731 - CSV rows have no sheet

    subs["source_sheet"] = subs["source_sheet"].map(sheet)
    acc = subs.set_index(["source_file", "source_sheet", "source_row"])
    held = {(f, sheet(s), int(r)): c for f, s, r, c in
            zip(q["source_file"], q["source_sheet"], q["source_row"], q["reason_code"]) if pd.notna(r)}
    put_aside = {(f, sheet(s), int(r)): c for f, s, r, c in
                 zip(aside["source_file"], aside["source_sheet"], aside["source_row"], aside["reason_code"])}
    report = {"wrong_accepts": [], "wrong_place": [], "missed": [], "field_errors": [],
              "reason_mismatch": [], "lost": [], "wrongly_set_aside": [], "not_set_aside": [], "twice": []}
    for k in set(put_aside) & (set(held) | set(acc.index)):
        report["twice"].append(k)
    n_accept = n_fields = 0
    for t in truth.itertuples(index=False):
        k = (t.source_file, sheet(t.source_sheet), int(t.source_row))
        if k in put_aside:
            if t.expected != "set_aside":
                report["wrongly_set_aside"].append((k, put_aside[k], t.expected, t.reason_code, t.mess))
            elif put_aside[k] != t.reason_code:
                report["reason_mismatch"].append((k, put_aside[k], t.reason_code, t.mess))
            continue
        if t.expected == "set_aside":
            report["not_set_aside"].append((k, held.get(k, "accepted" if k in acc.index else "lost"), t.reason_code))
            continue
        if k in acc.index:
            a = acc.loc[k]
            if t.expected != "accept":
                report["wrong_accepts"].append((k, t.reason_code, t.mess))
                continue
            n_accept += 1
            if (a["province_code"], a["district_code"]) != (t.province_code, t.district_code) and not (
                    pd.isna(a["district_code"]) and pd.isna(t.district_code) and a["province_code"] == t.province_code):
                report["wrong_place"].append((k, t.mess, a["province_code"], a["district_code"]))
            for f in FIELDS:
                tv = getattr(t, f)
                if t.category == "individual" and f in ("project_title", "budget", "lao_participants", "beneficiaries", "ended_on"):
                    continue
                if t.category == "province" and f in ("name", "position", "lao_count", "meetings", "report_rate",
                                                      "complaints_received", "complaints_resolved", "work_title"):
                    continue
                n_fields += 1
                if not _same(a[f], tv):
                    report["field_errors"].append((k, f, a[f], tv, t.mess))
        elif k in held:
            if t.expected == "accept":
                report["missed"].append((k, held[k], t.mess))
            elif held[k] != t.reason_code:
                report["reason_mismatch"].append((k, held[k], t.reason_code, t.mess))
        else:
            report["lost"].append(k)

    # scores: one truth row per sheet row
    sc_acc = {(f, sheet(s), int(r)): g.set_index("criterion")["score"]
              for (f, s, r), g in scores.groupby(["source_file", "source_sheet", "source_row"], dropna=False)}
    held_s = {(f, sheet(s), int(r)): c for f, s, r, c in
              zip(q["source_file"], q["source_sheet"], q["source_row"], q["reason_code"]) if pd.notna(r)}
    s_accept = s_fields = 0
    keys = [c for c in st.columns if len(c) <= 3 and c[0].isalpha() and c[1:].isdigit()]
    for t in st.itertuples(index=False):
        k = (t.source_file, sheet(t.source_sheet), int(t.source_row))
        if k in sc_acc:
            if t.expected != "accept":
                report["wrong_accepts"].append((k, t.reason_code, t.mess))
                continue
            s_accept += 1
            for c in keys:
                tv = getattr(t, c)
                if c in sc_acc[k].index or pd.notna(tv):
                    s_fields += 1
                    if not _same(sc_acc[k].get(c), None if pd.isna(tv) else float(tv)):
                        report["field_errors"].append((k, c, sc_acc[k].get(c), tv, t.mess))
        elif k in held_s:
            if t.expected == "accept":
                report["missed"].append((k, held_s[k], t.mess))
            elif held_s[k] != t.reason_code:
                report["reason_mismatch"].append((k, held_s[k], t.reason_code, t.mess))
        else:
            report["lost"].append(k)
    expected_accepts = int((truth.expected == "accept").sum() + (st.expected == "accept").sum())
    report["resolved_share"] = (n_accept + s_accept) / max(expected_accepts, 1)
    report["field_share"] = 1 - len(report["field_errors"]) / max(n_fields + s_fields, 1)
    return report
