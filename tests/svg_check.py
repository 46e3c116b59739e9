"""Legibility of an exported chart, measured in Chromium: every `<text>` of the SVG drawn
inside the drawing, and no two labels (ticks, axis titles, chart title, legend) on top of each
other. Used by the export tests of the core, the CLI and the app's download buttons."""

from __future__ import annotations

from pathlib import Path

# Text inside the plotting area that may sit on other marks by design: the counts in the bars.
IGNORED_CLASSES = ("bartext",)
# Sub-pixel anti-aliasing and font metrics: boxes may touch.
TOLERANCE_PX = 1.0

MEASURE_JS = """
(ignored) => {
  const svg = document.querySelector('svg');
  const box = svg.getBoundingClientRect();
  const texts = [];
  for (const el of svg.querySelectorAll('text')) {
    const words = (el.textContent || '').trim();
    if (!words) continue;
    const style = getComputedStyle(el);
    const hidden = style.display === 'none' || style.visibility === 'hidden';
    if (hidden || style.opacity === '0') continue;
    const cls = el.getAttribute('class') || '';
    if (ignored.some(c => cls.split(/\\s+/).includes(c))) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const group = el.closest('g[class]');
    texts.push({words, cls, group: group ? group.getAttribute('class') : '',
                left: r.left - box.left, top: r.top - box.top,
                right: r.right - box.left, bottom: r.bottom - box.top});
  }
  return {width: box.width, height: box.height, texts};
}
"""


def measure(page, svg: Path) -> dict:
    """Boxes of the SVG's visible texts, relative to the SVG (Playwright `Page`)."""
    page.goto(svg.resolve().as_uri())
    return page.evaluate(MEASURE_JS, list(IGNORED_CLASSES))


def _overlap(a: dict, b: dict) -> bool:
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > TOLERANCE_PX
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > TOLERANCE_PX
    )


def problems(page, svg: Path) -> list[str]:
    """What makes the chart illegible, in words; empty when every text is inside and apart."""
    found = measure(page, svg)
    width, height, texts = found["width"], found["height"], found["texts"]
    assert texts, f"{svg.name}: no text at all"
    out = []
    for t in texts:
        if (
            t["left"] < -TOLERANCE_PX
            or t["top"] < -TOLERANCE_PX
            or t["right"] > width + TOLERANCE_PX
            or t["bottom"] > height + TOLERANCE_PX
        ):
            out.append(f"{svg.name}: {t['words']!r} outside the {width:.0f}x{height:.0f} drawing")
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            if _overlap(a, b):
                out.append(f"{svg.name}: {a['words']!r} overlaps {b['words']!r}")
    return out
