"""Every province's page: ``04_province.ipynb`` run through papermill once per province, fast.

The portfolio pattern (one parameterised notebook, run once per entity): each page is that notebook
executed by papermill with the province as its parameter, and exported as the other reports are.
What makes 76 pages cheap is that they do not cost 76 kernel starts: each worker starts one kernel
and runs its share of the provinces in it, one after the other (a papermill engine that hands the
running kernel to nbclient, ``WarmEngine``). Between two provinces the kernel's namespace is
emptied (``%reset -f``), so a page sees nothing of the page before; what stays is what makes a
second page fast: the imported libraries, Sarabun registered with matplotlib, the years' files the
package has read (``province.year_files``, kept per file version) and the HTML exporter. A page
made this way is the same, byte for byte, as the page made by one fresh papermill run of the
notebook for that province (a test checks a few).
"""

from __future__ import annotations

import multiprocessing
import shutil
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty

import papermill as pm
from nbclient.exceptions import DeadKernelError
from papermill.engines import NBClientEngine, papermill_engines

from analysis import catalog
from analysis.run import kernels
from analysis.run.kernels import BATCH_KERNEL_ENV

NOTEBOOK = "04_province.ipynb"
START_TIMEOUT = 120


class WarmEngine(NBClientEngine):
    """papermill's nbclient engine, run in a kernel that is already started (``km``) and left
    running afterwards, through a client that is already connected (``kc``): a new client per
    notebook waited for the kernel and then 0.2 s for its output channel to fall quiet
    (jupyter_client's ``wait_for_ready``), a sixth of a page. nbclient reads only the replies and
    outputs of the requests it sends, so what an earlier notebook left on the channels is not read."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                 stderr_file=None, start_timeout=60, execution_timeout=None, kc=None, **kwargs):
        from papermill.clientwrap import PapermillNotebookClient
        from papermill.utils import merge_kwargs, remove_args

        kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
        final = merge_kwargs(kwargs, timeout=execution_timeout, startup_timeout=start_timeout,
                             kernel_name=kernel_name, log_output=log_output, stdout_file=stdout_file,
                             stderr_file=stderr_file)
        from papermill.engines import logger

        client = PapermillNotebookClient(nb_man, log=logger, **final)
        client.kc = kc
        try:
            return client.execute()
        finally:
            if kc is None and client.kc is not None:
                client.kc.stop_channels()


papermill_engines.register("analysis-warm", WarmEngine)


class _Watched:
    """A client's channel whose endless wait for a message looks every second whether the kernel
    is still alive. nbclient, given a blocking client, waits on it without a timeout; its own check
    for a dead kernel runs beside that wait and so never ran: a cell that killed the kernel (a
    crash, the out-of-memory killer) hung the run. Now it ends as nbclient's ``DeadKernelError``."""

    def __init__(self, channel, km):
        self._channel, self._km = channel, km

    def get_msg(self, timeout=None, **kw):
        if timeout is not None:
            return self._channel.get_msg(timeout=timeout, **kw)
        while True:
            try:
                return self._channel.get_msg(timeout=1, **kw)
            except Empty:
                if not self._km.is_alive():
                    raise DeadKernelError("Kernel died") from None

    def __getattr__(self, name):
        return getattr(self._channel, name)


def start_kernel(cwd: Path):
    """A kernel of ``kernels.NAME`` started in ``cwd``, and a connected client, ready."""
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name=kernels.NAME)
    km.start_kernel(cwd=str(cwd))
    kc = km.blocking_client()
    kc.start_channels()
    kc.allow_stdin = False  # as nbclient sets it on its own clients
    kc._shell_channel = _Watched(kc.shell_channel, km)
    kc._iopub_channel = _Watched(kc.iopub_channel, km)
    try:
        kc.wait_for_ready(timeout=START_TIMEOUT)
    except BaseException:
        stop_kernel(km, kc)
        raise
    return km, kc


def stop_kernel(km, kc) -> None:
    kc.stop_channels()
    km.shutdown_kernel(now=True)


@contextmanager
def warm_kernel(cwd: Path):
    """A kernel of ``kernels.NAME`` started once, and a client to reset its namespace."""
    km, kc = start_kernel(cwd)
    try:
        yield km, kc
    finally:
        stop_kernel(km, kc)


def reset(kc) -> None:
    """The kernel's namespace emptied for the next page (``%reset -f``, which collects the garbage
    too), then what survives frozen (``gc.freeze``): the libraries and the package's caches are not
    walked again by the next page's collection, which took 0.25 s a page, most of it on them."""
    kc.execute_interactive("get_ipython().run_line_magic('reset', '-f'); __import__('gc').freeze()",
                           store_history=False, timeout=START_TIMEOUT, output_hook=lambda msg: None)


@dataclass
class Page:
    province: str
    log: Path
    ok: bool
    error: str = ""
    written: list[Path] = field(default_factory=list)


def run_pages(codes: list[str], params: dict, runs_dir: Path, render=None,
              notebooks: Path | None = None) -> list[Page]:
    """The pages of ``codes``, one after the other in one kernel (in a worker). ``render(page)``
    writes a page's report when its notebook ran."""
    notebooks = notebooks or catalog.notebooks()
    source = str(notebooks / NOTEBOOK)
    declared = pm.inspect_notebook(source)
    runs_dir.mkdir(parents=True, exist_ok=True)
    pages = []
    with kernels.output_to(runs_dir / "provinces.log"), warm_kernel(notebooks) as (km, kc):
        for code in codes:
            log = runs_dir / f"{code}.ipynb"
            parameters = {k: v for k, v in {**params, "province": code}.items() if k in declared}
            reset(kc)
            try:
                pm.execute_notebook(source, str(log), parameters=parameters, engine_name="analysis-warm",
                                    kernel_name=kernels.NAME, km=km, kc=kc, progress_bar=False,
                                    start_timeout=START_TIMEOUT, request_save_on_cell_execute=False)
                page = Page(code, log, True)
            except Exception as exc:  # noqa: BLE001 - a page that fails is reported; the others go on
                page = Page(code, log, False, kernels.describe(exc))
                if not km.is_alive():            # a cell killed the kernel: the next pages need one
                    km.restart_kernel(now=True)
                    kc.wait_for_ready(timeout=START_TIMEOUT)
            if page.ok and render is not None:
                page.written = list(render(page))
            pages.append(page)
    return pages


def run_portfolio(codes: list[str], params: dict, runs_dir: Path, render=None, workers: int = 2,
                  notebooks: Path | None = None) -> list[Page]:
    """Every province's page, the provinces shared out over ``workers`` processes, each with one
    kernel (a page is about a second of work; a kernel start is two)."""
    if runs_dir.exists():
        shutil.rmtree(runs_dir)
    if not codes:
        return []
    workers = max(1, min(workers, len(codes)))
    shares = [codes[i::workers] for i in range(workers)]
    with kernels.this_interpreter(BATCH_KERNEL_ENV):
        if workers == 1:
            pages = run_pages(codes, params, runs_dir, render, notebooks)
        else:
            # spawned, not forked: a forked worker would inherit the parent's ZeroMQ context (a parent
            # that has run a kernel itself, a notebook or a test session), which hangs in the child
            with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
                futures = [pool.submit(run_pages, share, params, runs_dir, render, notebooks) for share in shares]
                pages = [p for f in futures for p in f.result()]
    return sorted(pages, key=lambda p: p.province)
