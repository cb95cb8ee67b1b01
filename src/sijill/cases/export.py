"""The backlog as CSV and XLSX (pure: no database)."""

from __future__ import annotations

import csv
import io

from sijill.cases.backlog import Backlog

STATE_HEADER = [
    "pathway",
    "status",
    "open",
    "median_days",
    "p90_days",
    "target_days",
    "past_target",
]
OFFICE_HEADER = ["office", "open", "past_target"]
OLDEST_HEADER = ["regno", "name", "office", "pathway", "document_type", "status", "days"]


def _sheets(report: Backlog) -> dict[str, list[list[object]]]:
    return {
        "By state": [STATE_HEADER] + [[getattr(s, k) for k in STATE_HEADER] for s in report.states],
        "By office": [OFFICE_HEADER]
        + [[getattr(o, k) for k in OFFICE_HEADER] for o in report.offices],
        "Waiting": [["age", "open"]] + [[label, n] for label, n in report.ages],
        "Oldest": [OLDEST_HEADER] + [[getattr(o, k) for k in OLDEST_HEADER] for o in report.oldest],
    }


def to_csv(report: Backlog) -> str:
    """One row per pathway state (the figures partners' scripts read)."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in _sheets(report)["By state"]:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


def to_xlsx(report: Backlog) -> bytes:
    from openpyxl import Workbook  # imported on use: it adds a second to every start

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, rows in _sheets(report).items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
