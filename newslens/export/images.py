"""Charts as files: PNG and SVG drawn by plotly + kaleido on the system Chromium, and
standalone interactive HTML. Every export draws a chart the same way (`export_figure`).

One Chromium per process is kept warm for the images: started on the first image or by
`warm_up`, so later clicks do not wait for a browser to start. It runs on an event loop in a
thread of its own, driven through kaleido's public `Kaleido` class.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import os
import re
import shlex
import shutil
import tempfile
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypedDict, cast

import plotly.graph_objects as go
import plotly.io as pio

from newslens.model import Analysis

if TYPE_CHECKING:
    from kaleido import Kaleido

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
IMAGE_WIDTH = 1000
IMAGE_HEIGHT = 600
# Every exported chart is drawn with this template, named here rather than taken from
# plotly's process-wide default: Streamlit sets that default to its own template (no
# automargin), so the app's downloads used to differ from the CLI's.
EXPORT_TEMPLATE = "plotly_white"
# A plotly express figure made while Streamlit runs takes its colours from Streamlit's plotly
# template: placeholders #000001-#000010 (categories), #000011-#000020 (sequential) and
# #000021-#000030 (diverging), which Streamlit's page swaps for its theme's colours. An
# export draws no page, so it swaps them for the light theme's defaults (as documented for
# `theme.chartCategoricalColors`, `chartSequentialColors`, `chartDivergingColors`), the
# colours the reader saw; without the swap every outlet of the corpus overview was black.
STREAMLIT_CHART_COLORS = (
    # categorical
    "#0068c9", "#83c9ff", "#ff2b2b", "#ffabab", "#29b09d",
    "#7defa1", "#ff8700", "#ffd16a", "#6d3fc0", "#d5dae5",
    # sequential
    "#e4f5ff", "#c7ebff", "#a6dcff", "#83c9ff", "#60b4ff",
    "#3d9df3", "#1c83e1", "#0068c9", "#0054a3", "#004280",
    # diverging
    "#7d353b", "#bd4043", "#ff4b4b", "#ff8c8c", "#ffc7c7",
    "#a6dcff", "#60b4ff", "#1c83e1", "#0054a3", "#004280",
)  # fmt: skip
RE_STREAMLIT_PLACEHOLDER = re.compile(r'"#0000(0[1-9]|[12][0-9]|30)"')
RENDER_TIMEOUT_S = 90.0
CLOSE_TIMEOUT_S = 30.0
# Chromium phones home (DNS lookups, component and variation updates) unless told not to, and
# choreographer has no option for extra flags: kaleido starts it through this wrapper.
OFFLINE_FLAGS = (
    "--disable-background-networking",
    "--disable-extensions",
    "--disable-component-update",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-sync",
    "--disable-quic",
    "--no-pings",
    "--dns-prefetch-disable",
    "--disable-features=OptimizationHints,MediaRouter,Translate,NetworkTimeServiceQuerying",
    # Charts render from local files only: no host name needs resolving, so none is.
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


class ImageOptions(TypedDict, total=False):
    """What kaleido's `calc_fig` takes as `opts` (its `LayoutOpts`, which it does not export)."""

    format: Literal["png", "jpg", "jpeg", "webp", "svg", "json", "pdf"] | None
    scale: int | float
    height: int | float
    width: int | float


class ExportError(RuntimeError):
    """An export that could not be made; the message is meant for the user."""


def browser_path() -> str | None:
    """The browser kaleido drives: $BROWSER_PATH, else Debian's chromium, else its own search."""
    if os.environ.get("BROWSER_PATH"):
        return os.environ["BROWSER_PATH"]
    if SYSTEM_CHROMIUM.is_file():
        return str(SYSTEM_CHROMIUM)
    from choreographer.browsers.chromium import Chromium

    return Chromium.find_browser(skip_local=False)


def offline_browser(path: str) -> str:
    """An executable that starts the browser at `path` with network features off."""
    folder = Path(tempfile.mkdtemp(prefix="newslens-chromium-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    wrapper = folder / "chromium"
    flags = " ".join(shlex.quote(flag) for flag in OFFLINE_FLAGS)
    wrapper.write_text(f'#!/bin/sh\nexec {shlex.quote(path)} {flags} "$@"\n', encoding="utf-8")
    wrapper.chmod(0o700)
    return str(wrapper)


class ImageServer:
    """One kaleido browser on an event loop in a daemon thread of its own.

    The browser starts in the background (the constructor returns at once); a render waits
    for it. Owning the loop lets this process tell whether the browser came up, bound each
    render by a timeout, and close the browser, all through kaleido's public API."""

    def __init__(self, browser: str) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="newslens-kaleido", daemon=True
        )
        self._thread.start()
        self._kaleido: Future[Kaleido] = asyncio.run_coroutine_threadsafe(
            self._open(browser), self._loop
        )

    @staticmethod
    async def _open(browser: str) -> Kaleido:
        from kaleido import Kaleido

        # MathJax would otherwise be fetched from a CDN: the app makes no network calls.
        kaleido = Kaleido(path=browser, enable_extensions=False, mathjax=False)
        await kaleido.open()
        return kaleido

    def running(self) -> bool:
        """The loop runs and the browser is up or still starting (it has not failed)."""
        if not self._thread.is_alive():
            return False
        started = self._kaleido
        return not started.done() or (not started.cancelled() and started.exception() is None)

    def render(self, fig: go.Figure, opts: ImageOptions, *, timeout: float) -> bytes:
        """The image bytes; TimeoutError when the browser gives no answer within `timeout`."""
        future = asyncio.run_coroutine_threadsafe(self._render(fig, opts), self._loop)
        try:
            return future.result(timeout)
        except TimeoutError:
            future.cancel()
            raise TimeoutError(f"no answer from Chromium within {timeout:.0f} s") from None

    async def _render(self, fig: go.Figure, opts: ImageOptions) -> bytes:
        kaleido = await asyncio.wrap_future(self._kaleido)
        return await kaleido.calc_fig(fig, opts=opts)

    def close(self) -> None:
        """Close the browser (once it has started) and stop the loop."""
        if not self._thread.is_alive():
            return
        # A browser that cannot close is left to the OS (it dies with this process).
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(CLOSE_TIMEOUT_S)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(CLOSE_TIMEOUT_S)
        if not self._thread.is_alive():
            self._loop.close()

    async def _close(self) -> None:
        try:
            kaleido = await asyncio.wrap_future(self._kaleido)
        except Exception:  # noqa: BLE001 - it never started: nothing to close
            return
        await kaleido.close()


# The process's image server; every use holds the lock (Streamlit runs each download callable
# on its own thread, and a render waits for the one before it).
_lock = threading.Lock()
_server: ImageServer | None = None
_broken: str | None = None  # why the image server cannot be used in this process


def image_server_running() -> bool:
    """Whether this process holds a started (or starting) Chromium for images."""
    return _server is not None and _server.running()


def _start_image_server() -> ImageServer:
    """The running image server, started if need be. Call with `_lock` held."""
    global _server
    if _server is not None and _server.running():
        return _server
    if _server is not None:  # its browser failed or its loop died: start a fresh one
        _server.close()
        _server = None
    path = browser_path()
    if not path or not Path(path).is_file():
        raise ExportError("no Chromium browser found: install Debian's chromium package")
    # choreographer reads BROWSER_PATH when it searches for a browser by itself.
    os.environ.setdefault("BROWSER_PATH", path)
    _server = ImageServer(offline_browser(path))
    return _server


def warm_up() -> bool:
    """Start the image server in the background (it returns at once); False without a browser.

    Called when the export panel shows, so the first click finds Chromium already running."""
    with _lock:
        if _broken:
            return False
        try:
            _start_image_server()
        except ExportError:
            return False
    return True


def stop_image_server() -> None:
    """Close this process's Chromium, if one runs; the next image starts a fresh one."""
    global _server
    with _lock:
        if _server is not None:
            _server.close()
            _server = None


@atexit.register
def _close_at_exit() -> None:
    if _server is not None:
        _server.close()


def layout_of(fig: go.Figure) -> go.Layout:
    """The figure's layout, typed (plotly's property is untyped to pyright)."""
    return cast(go.Layout, fig.layout)


def image_height(fig: go.Figure) -> int | float:
    """The figure's own height, else the export's."""
    return cast("int | float | None", layout_of(fig).height) or IMAGE_HEIGHT


def figure_title(fig: go.Figure) -> str | None:
    """The figure's own title text, if it has one."""
    title = cast("go.layout.Title | None", layout_of(fig).title)
    return cast("str | None", title.text) if title else None


def export_figure(fig: go.Figure, *, width: int | None = IMAGE_WIDTH) -> go.Figure:
    """A copy of `fig` as every export (app download, CLI, report) draws it: the export
    template, a white background, automargin on every axis, and a fixed width (None: the
    width of the page, for interactive HTML). The app's figure itself is left as it is."""
    out = _without_streamlit_placeholders(go.Figure(fig))
    out.update_layout(
        template=pio.templates[EXPORT_TEMPLATE],
        width=width,
        height=image_height(fig),
        autosize=width is None,
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    out.update_xaxes(automargin=True)
    out.update_yaxes(automargin=True)
    return out


def _without_streamlit_placeholders(fig: go.Figure) -> go.Figure:
    """`fig` with Streamlit's placeholder colours (STREAMLIT_CHART_COLORS) made real."""
    spec = cast(str, fig.to_json())
    if RE_STREAMLIT_PLACEHOLDER.search(spec) is None:
        return fig

    def real(m: re.Match[str]) -> str:
        return f'"{STREAMLIT_CHART_COLORS[int(m.group(1)) - 1]}"'

    return cast(go.Figure, pio.from_json(RE_STREAMLIT_PLACEHOLDER.sub(real, spec)))


def figure_image(fig: go.Figure, *, fmt: str, timeout: float = RENDER_TIMEOUT_S) -> bytes:
    """The figure as PNG or SVG bytes; raises ExportError when no browser can render it."""
    global _broken
    if fmt not in ("png", "svg"):
        raise ValueError(f"unsupported image format: {fmt}")
    fig = export_figure(fig)
    opts: ImageOptions = {
        "format": "png" if fmt == "png" else "svg",
        "width": IMAGE_WIDTH,
        "height": image_height(fig),
        "scale": 2 if fmt == "png" else 1,
    }
    with _lock:
        if _broken:
            raise ExportError(_broken)
        try:
            data = _start_image_server().render(fig, opts, timeout=timeout)
        except ExportError:
            raise
        except TimeoutError as exc:
            # A browser that hung once is not trusted again in this process.
            _broken = f"charts cannot be rendered as images here ({exc})"
            raise ExportError(_broken) from exc
        except Exception as exc:  # kaleido/choreographer raise many types; the user needs one
            raise ExportError(
                f"the chart could not be rendered as {fmt.upper()} ({type(exc).__name__}: {exc})"
            ) from exc
    return data if isinstance(data, bytes) else str(data).encode("utf-8")


def figure_png(fig: go.Figure) -> bytes:
    return figure_image(fig, fmt="png")


def figure_svg(fig: go.Figure) -> bytes:
    return figure_image(fig, fmt="svg")


def figure_html(fig: go.Figure) -> str:
    """A standalone interactive chart: plotly.js is inlined, so it works offline."""
    return export_figure(fig, width=None).to_html(include_plotlyjs=True, full_html=True)


def chart_slug(name: str) -> str:
    """A safe file name stem for a chart name."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:60] or "chart"


def dashboard_figures(analysis: Analysis) -> dict[str, go.Figure]:
    """The dashboard's charts (the same Figures the app shows), by name."""
    from newslens.charts import all_figures

    return all_figures(analysis)
