"""Outputs written whole or not at all, with a manifest that the next step checks.

A step writes into a hidden folder beside its target (``.2564.partial-<pid>/2564``) and, once
every file is written and flushed to disk, swaps it in: the old folder is renamed aside, the new
one renamed into place, the old one deleted. A run stopped at any moment (Ctrl-C, a power cut, a
killed process) leaves the previous outputs or the new ones, never a mix of the two; what a stop
leaves beside the target is put back or tidied the next time the folder is used.

``manifest.json`` in the folder says, for each step that wrote there, what made each file: the
package version, the rubric's SHA-256, the inputs' SHA-256, and the SHA-256 of every file the
step wrote. ``verify`` refuses a folder whose files are missing, changed since, or made by another
version of the package or with another rubric, in Thai and English, naming the step to run again.

A file that is open in another program (Excel locks the files it has open on Windows) or
read-only cannot be replaced: ``FileInUse`` names it and asks to close it and run again.
Two runs writing the same folder at the same moment are not supported (the batch never does).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from analysis import __version__
from analysis.errors import FileInUse, MissingOutput, StaleOutput  # noqa: F401 - raised here, named store.X too

MANIFEST = "manifest.json"
FORMAT = 1
# errno values that mean "someone else has it" or "not writable": the user's situation, not a bug
_IN_USE = {errno.EACCES, errno.EPERM, errno.EBUSY, errno.EROFS, errno.ETXTBSY}
_WINDOWS_LOCKED = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION


# ------------------------------------------------------------------------------ hashes
def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _files(folder: Path) -> list[Path]:
    """Regular files under ``folder``, links not followed, sorted."""
    found = []
    for top, dirs, names in os.walk(folder, followlinks=False):
        dirs.sort()
        found += [Path(top, n) for n in sorted(names) if not Path(top, n).is_symlink()]
    return found


def hash_inputs(inputs) -> dict[str, str]:
    """``{name: sha256}`` of what a step read: a folder (every file in it, by its path inside; Excel
    ``~$`` lock files, hidden files and links are not read, so not listed), a mapping name -> path,
    or None."""
    if inputs is None:
        return {}
    if isinstance(inputs, Mapping):
        return {str(k): sha256_file(Path(p)) for k, p in sorted(inputs.items())}
    folder = Path(inputs)
    return {p.relative_to(folder).as_posix(): sha256_file(p) for p in _files(folder)
            if not p.name.startswith(("~$", "."))}


def _rubrics(rubric) -> dict[str, str]:
    """``{file name: sha256}`` of one rubric file or several (the comparison reads one per year)."""
    if rubric is None:
        return {}
    paths = [rubric] if isinstance(rubric, (str, Path)) else list(rubric)
    return {Path(p).name: sha256_file(Path(p)) for p in paths if Path(p).is_file()}


# ------------------------------------------------------------------------------ the manifest
def read_manifest(folder: Path) -> dict | None:
    path = Path(folder) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and isinstance(manifest.get("steps"), dict) else None


def _again(folder: Path, step: str) -> tuple[str, str]:
    """'run the clean step for 2564 again', in Thai and English."""
    year = folder.name if folder.name.isdigit() else ""
    return (f"ให้รันขั้น {step}{f' ของปี {year}' if year else ''} ใหม่",
            f"run the {step} step{f' for {year}' if year else ''} again")


def _stale(folder: Path, step: str, th: str, en: str) -> StaleOutput:
    again_th, again_en = _again(folder, step)
    return StaleOutput(f"{folder}: {th} {again_th} / {folder}: {en}; {again_en}")


def _missing(folder: Path, name: str, step: str) -> MissingOutput:
    year = folder.name if folder.name.isdigit() else ""
    return MissingOutput(
        f"ไม่พบ {name} ในโฟลเดอร์ {folder} (ให้รันขั้น {step}{f' ของปี {year}' if year else ''} ก่อน) / "
        f"{name} not found in folder {folder} (run the {step} step{f' for {year}' if year else ''} first)")


def verify(folder: Path | str, step: str, *, rubric=None, needs: tuple[str, ...] = ()) -> dict:
    """The ``step``'s record in ``folder``'s manifest, after checking that every file it wrote is
    there unchanged, that this version of the package wrote it, and (``rubric``: a path) that it
    used this rubric. ``needs``: files the caller reads, named in the message when missing.
    Raises ``MissingOutput`` or ``StaleOutput``, saying which step to run again. A file that
    vanishes while it is read (the folder swapped by another step that moment) is looked at again."""
    folder = Path(folder)
    for attempt in range(3):
        try:
            return _verify(folder, step, rubric, needs)
        except (FileNotFoundError, StaleOutput):
            swapping = folder.parent.is_dir() and any(folder.parent.glob(f".{folder.name}.*-*"))
            if attempt == 2 or not swapping:
                raise
            time.sleep(0.2)  # a swap takes microseconds: if it was one, it is over
    raise AssertionError("unreachable")


def _verify(folder: Path, step: str, rubric, needs: tuple[str, ...]) -> dict:
    _settle(folder)
    for name in needs:
        if not (folder / name).is_file():
            raise _missing(folder, name, step)
    manifest = read_manifest(folder)
    if manifest is None:
        if not folder.is_dir():
            raise _missing(folder, MANIFEST, step)
        raise _stale(folder, step, f"ไม่มีบันทึกการเขียน ({MANIFEST}) จึงไม่รู้ว่าไฟล์ครบและมาจากการรันครั้งเดียวกันหรือไม่ "
                                   "(อาจเขียนโดยรุ่นก่อน เขียนไม่จบ หรือคัดลอกมา)",
                     f"no record of how its files were written ({MANIFEST}), so they may be partial or "
                     "from different runs (an older version, a stopped run, or copied by hand)")
    record = manifest["steps"].get(step)
    if not isinstance(record, dict):
        raise _stale(folder, step, f"ไม่มีบันทึกของขั้น {step} ใน {MANIFEST}",
                     f"{MANIFEST} has no record of the {step} step")
    if record.get("version") != __version__:
        raise _stale(folder, step, f"เขียนโดย analysis รุ่น {record.get('version')} แต่รุ่นที่ใช้อยู่คือ {__version__}",
                     f"written by analysis {record.get('version')}, this is {__version__}")
    for name, digest in record.get("files", {}).items():
        if not (folder / name).is_file():
            raise _missing(folder, name, step)
        if sha256_file(folder / name) != digest:
            raise _stale(folder, step, f"ไฟล์ {name} ถูกแก้ไขหรือเขียนไม่ครบหลังจากขั้น {step} เขียนไว้ (SHA-256 ไม่ตรง)",
                         f"{name} changed or is incomplete since the {step} step wrote it (its SHA-256 differs)")
    if rubric is not None:
        recorded, now = record.get("rubric", {}), _rubrics(rubric)
        for name, digest in now.items():
            if recorded.get(name) != digest:
                raise _stale(folder, step, f"เกณฑ์ {rubric} เปลี่ยนไปหลังจากขั้น {step} รัน (SHA-256 ไม่ตรง)",
                             f"the rubric {rubric} changed after the {step} step ran (its SHA-256 differs)")
    base = record.get("from")
    if base:  # built on another step's files: they must still be the ones it was built on
        if manifest["steps"].get(base, {}).get("files") != record.get("inputs"):
            raise _stale(folder, step, f"ผลของขั้น {step} มาจากไฟล์ของขั้น {base} ชุดอื่น",
                         f"the {step} step's files were made from other {base} files")
    return record


def seal(folder: Path | str, step: str, *, inputs=None, rubric=None, facts=None, parameters=None) -> dict:
    """Write a manifest for files already in ``folder`` (data made by hand, as tests do): from now on
    the next step takes them as ``step``'s complete output. Returns the record."""
    folder = Path(folder)
    record = _record(folder, set(), hash_inputs(inputs), rubric, facts, parameters)
    manifest = read_manifest(folder) or {"format": FORMAT, "steps": {}}
    manifest["steps"][step] = record
    (folder / MANIFEST).write_text(_json(manifest), encoding="utf-8")
    return record


def _record(stage: Path, kept: set[str], inputs: dict, rubric, facts, parameters) -> dict:
    files = {p.relative_to(stage).as_posix(): sha256_file(p) for p in _files(stage)}
    files.pop(MANIFEST, None)
    record = {"version": __version__, "rubric": _rubrics(rubric), "inputs": inputs,
              "files": {k: v for k, v in files.items() if k not in kept}}
    if facts is not None:
        record["facts"] = facts
    if parameters is not None:
        record["parameters"] = parameters
    return record


def _json(manifest: dict) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n"


# ------------------------------------------------------------------------------ writing a folder
@contextmanager
def staged(target: Path | str, step: str, *, keep: str | None = None, inputs=None, rubric=None,
           facts=None, parameters=None) -> Iterator[Path]:
    """A folder to write ``target``'s new contents into; when the block ends without an error the
    manifest is written and the folder swapped in whole for ``target``. On an error, or a stop,
    ``target`` is left as it was.

    ``keep``: a step whose files in ``target`` stay (the score step writes beside the clean step's
    files): they are checked, carried into the new folder, and are this step's inputs. Otherwise
    the new folder starts empty, so files of later steps (a year's results) go with the old
    folder: they were made from what is being replaced. ``inputs`` (see ``hash_inputs``),
    ``rubric`` (a path, or several), ``facts`` and ``parameters`` are recorded in the manifest.
    """
    target = Path(target)
    work = target.parent / f".{target.name}.partial-{os.getpid()}"
    stage = work / target.name
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _settle(target, tidy=True)
        stage.mkdir(parents=True)
        previous: dict = {}
        kept: set[str] = set()
        if keep:
            record = verify(target, keep)
            previous = {keep: record}
            kept = set(record["files"])
            for name in kept:
                (stage / name).parent.mkdir(parents=True, exist_ok=True)
                _link_or_copy(target / name, stage / name)
        yield stage
        record = _record(stage, kept, dict(previous[keep]["files"]) if keep and inputs is None
                         else hash_inputs(inputs), rubric, facts, parameters)
        if keep:
            record["from"] = keep
        (stage / MANIFEST).write_text(_json({"format": FORMAT, "steps": {**previous, step: record}}),
                                      encoding="utf-8")
        _flush(stage)
        _swap(stage, target)
    except OSError as exc:
        locked = in_use(exc)
        if locked is None or isinstance(exc, FileInUse):
            raise
        raise locked from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _link_or_copy(src: Path, dst: Path) -> None:
    """A hard link where the file system has them (the file is never written in place again), else a copy."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _move(src: Path, dst: Path) -> None:
    os.replace(src, dst)


def _patient_move(src: Path, dst: Path) -> None:
    """``_move``, tried again for about a second and a half while the OS says the file is in use:
    on Windows a reader (the comparison reading a year that its score step is swapping, a virus
    scanner, the search indexer) holds a file for a moment, and a rename fails until it lets go.
    A file that stays in use (open in Excel) fails after that."""
    for wait in (0.05, 0.1, 0.2, 0.4, 0.8, None):
        try:
            return _move(src, dst)
        except OSError as exc:
            if wait is None or in_use(exc) is None:
                raise
            time.sleep(wait)


def _swap(stage: Path, target: Path) -> None:
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    if not target.exists():
        _move(stage, target)
    else:
        try:
            _patient_move(target, old)
        except OSError as exc:
            if in_use(exc) is None:
                raise
            raise FileInUse(_locked_in(target)) from exc
        try:
            _patient_move(stage, target)
        except BaseException:
            _move(old, target)  # the previous outputs back in place
            raise
        shutil.rmtree(old, ignore_errors=True)
    _fsync_dir(target.parent)


def _locked_in(folder: Path) -> Path:
    """The first file in ``folder`` that cannot be opened for writing (open in Excel on Windows), or
    the folder itself when every file can."""
    for path in _files(folder):
        try:
            with open(path, "r+b"):
                pass
        except OSError:
            return path
    return folder


def _settle(target: Path, tidy: bool = False) -> None:
    """After a stop: if ``target`` is missing while a previous version of it sits aside (the stop came
    between the two renames of a swap), put it back. A swap in progress in another process is
    given a second to finish first. ``tidy`` (a writer of ``target``): delete what stopped runs
    left beside it."""
    parent, name = target.parent, target.name
    if not parent.is_dir():
        return
    aside = sorted(parent.glob(f".{name}.old-*"), key=lambda p: p.stat().st_mtime)
    if aside and not target.exists():
        for _ in range(10):
            time.sleep(0.1)
            if target.exists():
                break
        else:
            _move(aside.pop(), target)
    if tidy:
        for p in aside + list(parent.glob(f".{name}.partial-*")):
            shutil.rmtree(p, ignore_errors=True)


def _flush(folder: Path) -> None:
    """Every file's bytes on disk before the rename makes them the output (a power cut after the
    rename must not find empty files)."""
    for path in _files(folder):
        _fsync(path)  # Windows cannot fsync a read-only handle; its rename is durable enough
    _fsync_dir(folder)


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def _fsync_dir(folder: Path) -> None:
    if os.name == "posix":
        _fsync(folder)


# ------------------------------------------------------------------------------ writing a file
def write_bytes(path: Path | str, data: bytes) -> Path:
    """Write beside, then swap in: a report is the old one or the new one, never half of one."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.partial-{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        _patient_move(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        locked = in_use(exc, path)
        if locked is None:
            raise
        raise locked from exc
    return path


def write_text(path: Path | str, text: str, encoding: str = "utf-8") -> Path:
    return write_bytes(path, text.encode(encoding))


def in_use(exc: BaseException, path: Path | str | None = None) -> FileInUse | None:
    """``exc`` (or the OS error it wraps: xlsxwriter raises its own FileCreateError around one) as a
    ``FileInUse`` naming the file, when it says the file is open elsewhere, locked or read-only."""
    if isinstance(exc, FileInUse):
        return exc
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, OSError) and (exc.errno in _IN_USE or getattr(exc, "winerror", None) in _WINDOWS_LOCKED):
            return FileInUse(path or exc.filename or "?")
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        exc = inner or exc.__cause__ or exc.__context__
        seen += 1
    return None
