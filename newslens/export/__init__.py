"""Everything that leaves the dashboard, in three parts:

- `tables`: the data as CSV tables (formula-safe), the whole analysis as JSON, a ZIP of all;
- `images`: each chart as PNG/SVG (plotly + kaleido on a warm system Chromium) or
  standalone HTML;
- `report`: a one-page, self-contained, script-free HTML report;

and `folder.write_all`, which writes all of them into a folder. The command line that drives
it (`python -m newslens export`) lives in `newslens.cli`.
"""

from newslens.export.folder import write_all
from newslens.export.images import (
    EXPORT_TEMPLATE,
    IMAGE_HEIGHT,
    IMAGE_WIDTH,
    OFFLINE_FLAGS,
    ExportError,
    browser_path,
    chart_slug,
    dashboard_figures,
    export_figure,
    figure_html,
    figure_image,
    figure_png,
    figure_svg,
    figure_title,
    image_server_running,
    offline_browser,
    stop_image_server,
    warm_up,
)
from newslens.export.report import REPORT_CSP, report_html, report_title
from newslens.export.tables import (
    CSV_TABLES,
    FORMULA_PREFIXES,
    analysis_json,
    clusters_csv,
    data_zip,
    entities_csv,
    events_csv,
    positions_csv,
    quotes_csv,
    stance_csv,
    stance_mentions_csv,
    timexes_csv,
)

__all__ = [
    "CSV_TABLES",
    "EXPORT_TEMPLATE",
    "FORMULA_PREFIXES",
    "IMAGE_HEIGHT",
    "IMAGE_WIDTH",
    "OFFLINE_FLAGS",
    "REPORT_CSP",
    "ExportError",
    "analysis_json",
    "browser_path",
    "chart_slug",
    "clusters_csv",
    "dashboard_figures",
    "data_zip",
    "entities_csv",
    "events_csv",
    "export_figure",
    "figure_html",
    "figure_image",
    "figure_png",
    "figure_svg",
    "figure_title",
    "image_server_running",
    "offline_browser",
    "positions_csv",
    "quotes_csv",
    "report_html",
    "report_title",
    "stance_csv",
    "stance_mentions_csv",
    "stop_image_server",
    "timexes_csv",
    "warm_up",
    "write_all",
]
