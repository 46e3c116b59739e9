"""Injection suite: hostile article text, titles, file names and speaker names stay inert text
in the rendered article, the HTML report and the exported chart pages — checked structurally
(no script tag, no event-handler attribute, no javascript: link) and in real Chromium (no
script runs)."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import plotly.graph_objects as go
import pytest

from newslens import export
from newslens.ingest import load_bytes
from newslens.model import Analysis, Quote, Speaker
from newslens.pipeline import analyze_text
from newslens.render import ARTICLE_CSS, article_html
from tests.browser import launch_chromium

PAYLOADS = [
    "<script>window.__pwned='script'; alert('script')</script>",
    "<img src=x onerror=\"window.__pwned='img'; alert('img')\">",
    "<a href=\"javascript:window.__pwned='link'\">read more</a>",
    "</div></div></section><script>window.__pwned='div'</script>",
    "<svg onload=\"window.__pwned='svg'\"></svg>",
    "<style>body{display:none}</style>",
]
HOSTILE_NAME = "<img src=x onerror=alert('name')>.html"


class Audit(HTMLParser):
    """Collects what could run (scripts, handlers, javascript: URLs) and the visible text."""

    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "background"}
    # Containers a stray "</div>" in the text would unbalance if it were not escaped.
    NESTING = {"div", "section", "span", "mark", "a", "article", "body", "html"}

    def __init__(self, *, allow_meta: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.allow_meta = allow_meta
        self.problems: list[str] = []
        self.text: list[str] = []
        self.depth: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "iframe", "object", "embed", "base", "form", "link"}:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and not self.allow_meta:
            self.problems.append("<meta>")
        if tag == "meta" and (dict(attrs).get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta refresh>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            url = (value or "").strip().lower().replace("\t", "").replace("\n", "")
            if name in self.URL_ATTRIBUTES and url.startswith(("javascript:", "data:text")):
                self.problems.append(f"<{tag} {name}={value}>")
        if tag in self.NESTING:
            self.depth[tag] = self.depth.get(tag, 0) + 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.NESTING:
            self.depth[tag] = self.depth.get(tag, 0) - 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @classmethod
    def of(cls, markup: str, *, allow_meta: bool = False) -> Audit:
        audit = cls(allow_meta=allow_meta)
        audit.feed(markup)
        audit.close()
        return audit

    @property
    def visible(self) -> str:
        return "".join(self.text)


def hostile_text() -> str:
    p = PAYLOADS
    return (
        f"Vladimir Putin spoke to Donald Trump by telephone on Monday. {p[0]}\n\n"
        f"“We want a just peace {p[1]},” Putin said. The Kremlin said {p[2]} nothing more.\n\n"
        f"Ukraine's president Volodymyr Zelensky {p[3]} rejected the plan on Tuesday. {p[4]}\n\n"
        f"The European Union said it would respond. {p[5]}"
    )


@pytest.fixture(scope="module")
def hostile(nlp) -> Analysis:
    page = (
        "<html><head><title>"
        + html.escape(PAYLOADS[0])
        + " Talks</title></head><body><article>"
        + "".join(f"<p>{html.escape(par)}</p>" for par in hostile_text().split("\n\n"))
        + "</article></body></html>"
    ).encode("utf-8")
    article = load_bytes(page, HOSTILE_NAME)
    assert PAYLOADS[0] in article.text  # the page's escaped markup is now literal text
    analysis = analyze_text(article.text, doc_id=HOSTILE_NAME, meta=article.meta, nlp=nlp)
    analysis.meta.title = PAYLOADS[0] + " " + (analysis.meta.title or "")
    analysis.meta.source = HOSTILE_NAME
    analysis.meta.byline = PAYLOADS[1]
    # Speaker and entity names can only come from the text, but make sure hostile ones are
    # exercised whatever the extractors find.
    start = analysis.text.index("“")
    end = analysis.text.index("”", start) + 1
    said = analysis.text.index("Putin", end)
    analysis.quotes.append(
        Quote(
            start,
            end,
            analysis.text[start:end],
            "direct",
            speaker=Speaker(said, said + 5, "Putin", "hostile", PAYLOADS[1]),
        )
    )
    for cluster in analysis.entity_clusters[:2]:
        cluster.name = PAYLOADS[3] + cluster.name
    return analysis


def hostile_figure() -> go.Figure:
    return go.Figure(
        go.Bar(x=[PAYLOADS[0], PAYLOADS[1], PAYLOADS[3]], y=[1, -2, 3], name=PAYLOADS[2]),
        layout={"title": {"text": PAYLOADS[4]}, "xaxis": {"title": {"text": PAYLOADS[3]}}},
    )


def test_rendered_article_is_inert(hostile):
    audit = Audit.of(article_html(hostile))
    assert audit.problems == []
    assert all(depth == 0 for depth in audit.depth.values()), audit.depth
    # Shown as the literal text the article contains.
    for payload in PAYLOADS:
        assert payload in audit.visible


def test_report_is_inert(hostile):
    untitled = go.Figure(go.Bar(x=["a"], y=[1]))  # its name becomes the caption
    report = export.report_html(
        hostile, figures={"<b>Stance</b>": untitled, "hostile": hostile_figure()}
    )
    audit = Audit.of(report, allow_meta=True)
    assert audit.problems == []
    assert all(depth == 0 for depth in audit.depth.values()), audit.depth
    head = report[: report.index("</head>")]
    assert "Content-Security-Policy" in head and "default-src 'none'" in head
    assert report.index("Content-Security-Policy") < report.index("<title>")
    for payload in PAYLOADS:
        assert payload in audit.visible
    assert HOSTILE_NAME in audit.visible  # the file name, as text
    assert "<b>Stance</b>" in audit.visible  # the chart name, as text


def test_chart_svg_is_inert():
    svg = export.figure_svg(hostile_figure()).decode("utf-8")
    audit = Audit.of(svg)
    assert audit.problems == []
    assert PAYLOADS[0] in audit.visible


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as chromium:
        yield chromium


def open_in_chromium(browser, path) -> tuple[object, list[str], str]:
    """Open a file, return (window.__pwned, dialogs shown, visible text)."""
    page = browser.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # let any onerror/onload handler have its chance
    result = page.evaluate("window.__pwned"), dialogs, page.inner_text("body")
    page.close()
    return result


@pytest.mark.browser
def test_no_script_runs_in_the_report(browser, hostile, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(export.report_html(hostile), encoding="utf-8")
    pwned, dialogs, text = open_in_chromium(browser, path)
    assert pwned is None and dialogs == []
    assert PAYLOADS[0] in text and "Vladimir Putin" in text


@pytest.mark.browser
def test_no_script_runs_in_the_article_even_without_csp(browser, hostile, tmp_path):
    path = tmp_path / "article.html"
    path.write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{ARTICLE_CSS}</style></head>"
        f"<body>{article_html(hostile)}</body></html>",
        encoding="utf-8",
    )
    pwned, dialogs, text = open_in_chromium(browser, path)
    assert pwned is None and dialogs == []
    assert PAYLOADS[1] in text


@pytest.mark.browser
def test_no_payload_runs_in_exported_chart_pages(browser, hostile, tmp_path):
    figures = {"hostile": hostile_figure(), **export.dashboard_figures(hostile)}
    for name, fig in figures.items():
        path = tmp_path / f"{export.chart_slug(name)}.html"
        path.write_text(export.figure_html(fig), encoding="utf-8")
        pwned, dialogs, _ = open_in_chromium(browser, path)
        assert pwned is None and dialogs == [], name
