"""A report's provenance names the folders that were actually read, as they were given."""

from analysis.report import year_inputs
from helpers.files import CRITERIA, FORM_HEADER, form_row, write_csv


def test_provenance_names_the_folders_read(year_dir, tmp_path):
    raw, root = year_dir
    write_csv(root / "individual/submissions/f.csv", [FORM_HEADER, form_row()])
    labels = [label for label, _ in year_inputs(raw, CRITERIA, 2564)]
    assert labels == [f"{raw.as_posix()}/2564/individual/submissions/f.csv", f"{CRITERIA.as_posix()}/2564.yaml"]
    assert not any(label.startswith("data/raw/") for label in labels)
