"""Incoming lists from CSV and XLSX, with a column mapping; hostile files refused."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from sijill.transfers.spreadsheet import SheetError, people, read_table

pytestmark = pytest.mark.unit

MAPPING = {
    "name": "Full name",
    "date_of_birth": "Born",
    "nationality": "Nat",
    "travels_with": "With",
}
CSV = 'Full name,Born,Nat,With\nKarim Haddad,1988,SY,\nLina Haddad,2015-03,"SY; IQ",1\n,,,\n'


def test_csv_rows_become_declared_people():
    found = people(read_table(CSV.encode(), "list.csv", 10_000), MAPPING)
    assert [p["name"] for p in found] == ["Karim Haddad", "Lina Haddad"]
    assert found[1]["nationalities"] == ["SY", "IQ"]
    assert found[1]["travels_with"] == 1


def test_xlsx_rows_are_read():
    book = Workbook()
    sheet = book.active
    sheet.append(["Full name", "Born", "Nat", "With"])
    sheet.append(["Omar Saleh", 1979, "IQ", None])
    out = io.BytesIO()
    book.save(out)
    found = people(read_table(out.getvalue(), "list.xlsx", 1_000_000), MAPPING)
    assert found[0]["date_of_birth"] == "1979"


def test_a_zip_bomb_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 30_000_000)
    data = out.getvalue()
    assert len(data) < 100_000
    with pytest.raises(SheetError, match="refused"):
        read_table(data, "bomb.xlsx", 1_000_000)


@pytest.mark.parametrize(
    ("data", "name", "mapping", "message"),
    [
        (b"x" * 20_000, "big.csv", MAPPING, "larger than"),
        (CSV.encode(), "list.txt", MAPPING, ".csv or .xlsx"),
        (CSV.encode(), "list.csv", {"born": "Born"}, "unknown fields"),
        (CSV.encode(), "list.csv", {"name": "Name"}, "no column"),
        (b"\xff\xfe", "list.csv", MAPPING, "UTF-8"),
        (b"not a zip", "list.xlsx", MAPPING, "not an XLSX"),
    ],
)
def test_bad_files_are_refused(data, name, mapping, message):
    with pytest.raises(SheetError, match=message):
        people(read_table(data, name, 10_000), mapping)
