"""List parsers: each published format read into entries; hostile or malformed files refused
with an error naming the line or element. Samples: tests/data/screening (synthetic)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from sijill.screening.entries import LOW, ListEntry, ListFormatError
from sijill.screening.sources import parse_list
from sijill.screening.sources.ofac import ofac_date
from sijill.screening.sources.tabular import check_zip

pytestmark = pytest.mark.unit

DATA = Path(__file__).resolve().parents[2] / "data" / "screening"
MAPPING = {
    "id": "Ref", "name": "Full name", "aliases": "Other names", "weak_aliases": "Weak names",
    "original_name": "Arabic name", "dob": "Born", "nationality": "Citizenship",
    "documents": "Papers", "type": "Kind", "reason": "Grounds", "programme": "Regime",
}  # fmt: skip


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def by_id(entries: list[ListEntry]) -> dict[str, ListEntry]:
    return {e.entry_id: e for e in entries}


def test_un_keeps_reference_aliases_with_quality_script_dates_and_reason() -> None:
    entries = by_id(parse_list("un", read("un_sample.xml")))
    assert set(entries) == {"QDi.901", "QDi.902", "QDi.903", "QDe.901"}
    khalid = entries["QDi.901"]
    assert khalid.name == "KHALID YUSUF AL-MARZUQI"
    assert [(a.name, a.quality) for a in khalid.aliases] == [
        ("Khaled Youssef al-Marzouki", "good"), ("Abu Yusuf al-Halabi", LOW)]  # fmt: skip
    assert khalid.original_names == ("خالد يوسف المرزوقي",)
    assert khalid.dates_of_birth == ("1984-03-12",)
    assert khalid.nationalities == ("SY",)
    assert khalid.documents == ("N0099123",)
    assert khalid.programme == "Al-Qaida"
    assert "Financier" in khalid.reason
    assert entries["QDi.902"].dates_of_birth == ("1990", "1991")
    assert entries["QDi.902"].sex == "F"
    assert entries["QDi.903"].dates_of_birth == ("~1979",)
    assert not entries["QDe.901"].is_person


def test_ofac_xml_and_classic_csv_agree_on_the_same_entries() -> None:
    xml = by_id(parse_list("ofac", read("ofac_sdn.xml")))
    csv = by_id(parse_list("ofac", read("ofac_sdn.csv"), alt=read("ofac_alt.csv")))
    for entry_id in ("90001", "90002"):
        assert {a.name for a in xml[entry_id].aliases} == {a.name for a in csv[entry_id].aliases}
        assert xml[entry_id].schema == csv[entry_id].schema
    assert xml["90001"].dates_of_birth == csv["90001"].dates_of_birth == ("1984-03-12",)
    assert xml["90001"].documents == csv["90001"].documents == ("N0099123",)
    assert xml["90001"].nationalities == csv["90001"].nationalities == ("SY",)
    weak = [a for a in xml["90001"].aliases if a.quality == LOW]
    assert [a.name for a in weak] == ["ABU YUSUF AL-HALABI"]


def test_ofac_csv_is_latin1_and_its_remarks_give_dates_and_citizenship() -> None:
    aicha = by_id(parse_list("ofac", read("ofac_sdn.csv"), alt=read("ofac_alt.csv")))["90003"]
    assert aicha.name == "BENSAÏD, Aïcha"
    assert aicha.dates_of_birth == ("~1992",)
    assert aicha.nationalities == ("FR",)


@pytest.mark.parametrize(
    ("text", "dates"),
    [("10 Dec 1948", ["1948-12-10"]), ("Dec 1948", ["1948-12"]), ("1948", ["1948"]),
     ("circa 1955", ["~1955"]), ("1938 to 1940", ["1938", "1939", "1940"]), ("unknown", [])],
)  # fmt: skip
def test_ofac_dates(text: str, dates: list[str]) -> None:
    assert ofac_date(text) == dates


def test_eu_keeps_other_script_names_weak_aliases_and_reference_number() -> None:
    entries = by_id(parse_list("eu", read("eu_sample.xml")))
    bekov = entries["EU.9001.01"]
    assert bekov.original_names == ("Тимур Рустамович Беков",)
    assert [a.quality for a in bekov.aliases] == [LOW]
    assert bekov.dates_of_birth == ("~1979",)
    assert bekov.sex == "M"
    assert bekov.documents == ("4509 112233",)
    assert not entries["EU.9001.02"].is_person


def test_ftm_reads_people_and_organisations_and_their_sanctions() -> None:
    entries = by_id(parse_list("ftm", read("ftm_sample.jsonl")))
    assert set(entries) == {"syn-person-1", "syn-org-1"}  # the Address is not an entry
    person = entries["syn-person-1"]
    assert person.programme == "Synthetic UN 1267 regime"
    assert person.reason == "Financier of a synthetic armed group."
    assert "خالد يوسف المرزوقي" in {a.name for a in person.aliases}
    assert person.documents == ("N0099123",)


def test_national_csv_and_xlsx_with_a_column_mapping() -> None:
    from_csv = parse_list("csv", read("national.csv"), mapping=MAPPING)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for line in read("national.csv").decode().splitlines():
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    from_xlsx = parse_list("csv", buffer.getvalue(), mapping=MAPPING)
    assert from_csv == from_xlsx
    nadir = by_id(from_csv)["NAT-001"]
    assert nadir.original_names == ("نادر سليم القرني",)
    assert [a.quality for a in nadir.aliases] == ["good", LOW]


@pytest.mark.parametrize(
    ("fmt", "data", "message"),
    [
        ("un", b"<CONSOLIDATED_LIST><INDIVIDUALS>", "line 1, column 32: malformed XML"),
        ("un", b"<OTHER/>", "expected CONSOLIDATED_LIST"),
        ("un", b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>7</DATAID>"
               b"<FIRST_NAME>A</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>",
         "INDIVIDUAL 1 (7): no REFERENCE_NUMBER"),
        ("ofac", b'1,"A",-0- \r\n2,"B"\r\n', "sdn.csv line 1: 3 columns, expected 12"),
        ("eu", b"<export><sanctionEntity logicalId='5'/></export>", "sanctionEntity 1 (5)"),
        ("ftm", b'{"id": "x", "schema": "Nope", "properties": {}}', "line 1: No schema"),
        ("ftm", b'{"id": "x"\n', "line 1: not valid JSON"),
        ("csv", b"Ref,Name\nA-1,\n", "line 2: no id or no name"),
        ("csv", b"Other\nx\n", "line 1: no column 'id'"),
        ("csv", b"id,name\n1,A\n1,B\n", "line 3: id 1 appears twice"),
        ("xml", b"", "unknown list format"),
    ],
)  # fmt: skip
def test_malformed_files_are_refused_naming_where(fmt: str, data: bytes, message: str) -> None:
    with pytest.raises(ListFormatError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_list(fmt, data, mapping={"name": "Name", "id": "Ref"} if b"Ref" in data else None)


@pytest.mark.parametrize("name", ["billion_laughs.xml", "xxe.xml"])
def test_hostile_xml_is_refused(name: str) -> None:
    with pytest.raises(ListFormatError, match="unsafe XML refused"):
        parse_list("un", read(name))


def test_size_limit() -> None:
    with pytest.raises(ListFormatError, match="more than the limit of 100"):
        parse_list("un", read("un_sample.xml"), max_bytes=100)


def test_zip_bomb_is_refused_before_unpacking() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 5_000_000)
    with pytest.raises(ListFormatError, match="compressed suspiciously"):
        check_zip(buffer.getvalue())
    with pytest.raises(ListFormatError, match="unpacks to 5000000 bytes"):
        check_zip(buffer.getvalue(), max_unpacked=1000)


def test_fingerprint_changes_only_with_what_a_decision_depends_on() -> None:
    entry = by_id(parse_list("un", read("un_sample.xml")))["QDi.901"]
    reworded = ListEntry.from_dict({**entry.to_dict(), "reason": "Other words."})
    new_date = ListEntry.from_dict({**entry.to_dict(), "dates_of_birth": ["1985"]})
    assert ListEntry.from_dict(entry.to_dict()) == entry
    assert reworded.fingerprint() == entry.fingerprint()
    assert reworded.content_hash() != entry.content_hash()
    assert new_date.fingerprint() != entry.fingerprint()
