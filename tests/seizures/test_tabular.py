"""Unit tests of the import/export layouts: round trips, formula neutralisation, rejected files, streaming."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import tracemalloc
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from cen_seizures import tabular
from cen_seizures.tabular import CellError, FileRejected
from openpyxl import Workbook, load_workbook

SIMPLE_HEADER = ",".join(tabular.SIMPLIFIED)

SIMPLE_CASE: dict[str, Any] = {
    "form": "SEIZURE_FORM_SIMPLIFIED",
    "external_id": "NL-CUS-0001",
    "seizure_date": "2026-03-01",
    "country": "NL",
    "transport_mode": "air",
    "departure_country": "CO",
    "destination_country": "NL",
    "commodities": [{"heading": "drugs", "commodity_type": "cocaine", "quantity": 12.5, "unit": "kg"}],
}

LONG_CASE: dict[str, Any] = {
    "form": "SEIZURE_FORM_LONG",
    "external_id": "NL-CUS-0002",
    "country": "NL",
    "seizure_date": "2026-02-14",
    "place_type": "seaport",
    "place_name": "Rotterdam, Maasvlakte",
    "locode": "NLRTM",
    "transport_mode": "sea",
    "conveyance": {"vessel_name": "MSC Example", "vessel_imo": "9321483", "container_number": "MSCU1234565"},
    "concealment_method": "cargo",
    "concealment_description": 'Bananas, "premium"\nsecond line',
    "departure_country": "EC",
    "transit_countries": ["ES", "PT"],
    "destination_country": "NL",
    "commodities": [
        {
            "heading": "drugs",
            "commodity_type": "cocaine",
            "hs_code": "293999",
            "quantity": 0.00001,
            "unit": "kg",
            "estimated_value": 1500000,
            "currency": "EUR",
        },
        {"heading": "tobacco", "commodity_type": "cigarettes", "quantity": 20000, "unit": "sticks"},
    ],
    "offenders": [{"nationality": "CW", "gender": "m", "age_band": "25-34", "role": "courier"}],
    # Neutralised on export, restored on import.
    "narrative": "=not a formula; found by the dog Curaçao",
    "picture_ids": ["pic-1", "pic-2"],
}

INJECTIONS = ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1:A2)", "\tTAB", "\rCR"]


def write_file(tmp_path: Path, rows: list[dict[str, Any]], fmt: str, columns: tuple[str, ...]) -> Path:
    path = tmp_path / f"file.{fmt}"
    path.write_bytes(b"".join(tabular.export_chunks(rows, fmt, columns)))
    return path


def write_csv(tmp_path: Path, text: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode())
    return path


def write_xlsx(tmp_path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / "in.xlsx"
    book.save(path)
    return path


def only_row(path: Path, fmt: str = "csv", layout: str = "simplified") -> tabular.ParsedRow:
    (row,) = list(tabular.read_rows(path, fmt, layout))
    return row


# ---- round trips ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(("layout", "case"), [("simplified", SIMPLE_CASE), ("long", LONG_CASE)])
def test_layout_round_trip(tmp_path: Path, fmt: str, layout: str, case: dict[str, Any]) -> None:
    rows = [tabular.input_to_row(case, layout)]
    path = write_file(tmp_path, rows, fmt, tabular.LAYOUTS[layout])
    parsed = only_row(path, fmt, layout)
    assert parsed.errors == []
    assert parsed.line == 2
    assert parsed.data == case


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_reads_back_with_the_long_layout(tmp_path: Path, fmt: str) -> None:
    seizure = {
        "id": "8d0c",
        "reference": "NL-2026-000123",
        "status": "SEIZURE_STATUS_VALIDATED",
        "country": "NL",
        "region": "europe",
        "rilo": "rilo-we",
        "version": "3",
        "content": LONG_CASE,
    }
    row = tabular.seizure_to_export_row(seizure)
    assert list(row) == list(tabular.EXPORT_COLUMNS)
    assert (row["reference"], row["status"], row["version"]) == ("NL-2026-000123", "validated", 3)
    assert row["commodity2_quantity"] == 20000 and row["offender2_role"] == ""
    path = write_file(tmp_path, [row, row], fmt, tabular.EXPORT_COLUMNS)
    assert tabular.count_rows(path, fmt) == 2
    parsed = list(tabular.read_rows(path, fmt, "long"))
    assert [p.line for p in parsed] == ([2, 4] if fmt == "csv" else [2, 3])  # a CSV cell spans two lines
    assert all(p.data == LONG_CASE for p in parsed)


def test_csv_export_is_excel_friendly_and_chunked(tmp_path: Path) -> None:
    rows = [tabular.input_to_row(LONG_CASE) for _ in range(2000)]
    chunks = list(tabular.export_chunks(rows, "csv", tabular.LONG))
    assert len(chunks) > 1 and all(len(c) < 2 * tabular.CHUNK for c in chunks)
    data = b"".join(chunks)
    assert data.startswith(b"\xef\xbb\xbf" + b"external_id,country,seizure_date,")
    record = next(iter(csv.DictReader(io.StringIO(data.decode("utf-8-sig")))))
    assert record["commodity1_quantity"] == "0.00001"  # never 1e-05: the import reads plain decimals
    assert record["commodity1_estimated_value"] == "1500000"
    assert record["transit_countries"] == "ES;PT"


def test_jsonl_keeps_types_and_text_as_is() -> None:
    row = tabular.seizure_to_export_row({"reference": "NL-1", "version": 2, "content": LONG_CASE})
    lines = b"".join(tabular.export_chunks([row, row], "jsonl")).decode().splitlines()
    assert len(lines) == 2
    record = json.loads(lines[0])
    assert list(record) == list(tabular.EXPORT_COLUMNS)
    assert record["transit_countries"] == ["ES", "PT"]
    assert record["commodity1_quantity"] == 0.00001 and record["version"] == 2
    assert record["narrative"] == LONG_CASE["narrative"]  # JSON is not a spreadsheet: no apostrophe


# ---- formula injection ---------------------------------------------------------------------------------------


def injection_rows() -> list[dict[str, Any]]:
    return [
        {**tabular.input_to_row(LONG_CASE), "narrative": text, "place_name": text, "commodity1_quantity": -1}
        for text in INJECTIONS
    ]


def test_csv_cells_that_look_like_formulas_are_neutralised() -> None:
    data = b"".join(tabular.export_chunks(injection_rows(), "csv")).decode("utf-8-sig")
    records = list(csv.DictReader(io.StringIO(data)))
    assert [r["narrative"] for r in records] == ["'" + text for text in INJECTIONS]
    assert [r["place_name"] for r in records] == ["'" + text for text in INJECTIONS]
    assert {r["commodity1_quantity"] for r in records} == {"-1"}  # numbers stay numbers


def test_xlsx_cells_that_look_like_formulas_are_stored_as_text(tmp_path: Path) -> None:
    path = write_file(tmp_path, injection_rows(), "xlsx", tabular.EXPORT_COLUMNS)
    book = load_workbook(path)
    sheet = book["seizures"]
    header = [cell.value for cell in sheet[1]]
    narrative, quantity = header.index("narrative") + 1, header.index("commodity1_quantity") + 1
    for row, text in enumerate(INJECTIONS, start=2):
        cell = sheet.cell(row=row, column=narrative)
        # XML reads a raw carriage return back as a newline; what matters is the apostrophe and the type.
        assert cell.data_type == "s" and cell.value == "'" + text.replace("\r", "\n")
        assert sheet.cell(row=row, column=quantity).value == -1
    book.close()
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_xlsx_export_drops_characters_xml_cannot_hold(tmp_path: Path) -> None:
    row = {**tabular.input_to_row(LONG_CASE), "narrative": "bell\x07 and nul\x00"}
    path = write_file(tmp_path, [row], "xlsx", tabular.EXPORT_COLUMNS)
    assert only_row(path, "xlsx", "long").data["narrative"] == "bell and nul"


# ---- rejected files ------------------------------------------------------------------------------------------


def test_latin1_file_is_rejected_with_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    good = "NL-1,2026-03-01,NL,drugs,cocaine,1,kg,sea,EC,NL\n"
    body = (SIMPLE_HEADER + "\n" + good * 3000).encode() + "NL-2,2026-03-01,Curaçao\n".encode("latin-1")
    path = tmp_path / "latin1.csv"
    path.write_bytes(body)
    with pytest.raises(FileRejected) as rejected:
        list(tabular.read_rows(path, "csv", "simplified"))
    assert "UTF-8" in rejected.value.reason and "line 3002" in rejected.value.reason
    with pytest.raises(FileRejected, match="UTF-8"):
        tabular.count_rows(path, "csv")


def test_missing_and_unknown_header_columns_are_named(tmp_path: Path) -> None:
    header = SIMPLE_HEADER.replace("quantity", "amount").replace(",unit", "")
    path = write_csv(tmp_path, header + "\n1,2,3\n")
    with pytest.raises(FileRejected) as rejected:
        list(tabular.read_rows(path, "csv", "simplified"))
    reason = rejected.value.reason
    assert "missing columns: quantity, unit" in reason and "unknown columns: amount" in reason


def test_repeated_header_columns_are_rejected(tmp_path: Path) -> None:
    path = write_csv(tmp_path, SIMPLE_HEADER + ",unit\n")
    with pytest.raises(FileRejected, match="repeated columns: unit"):
        list(tabular.read_rows(path, "csv", "simplified"))


def test_export_columns_belong_to_the_long_layout_only(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "reference," + SIMPLE_HEADER + "\n")
    with pytest.raises(FileRejected, match="unknown columns: reference"):
        list(tabular.read_rows(path, "csv", "simplified"))


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n \n,,,\n"])
def test_empty_file_is_rejected(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(FileRejected, match="empty"):
        list(tabular.read_rows(path, "csv", "simplified"))
    assert tabular.count_rows(path, "csv") == 0


@pytest.mark.parametrize(
    "content",
    [b"this is not a workbook", b"PK\x03\x04 truncated zip", b""],
)
def test_xlsx_garbage_is_rejected(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(FileRejected, match="XLSX"):
        list(tabular.read_rows(path, "xlsx", "simplified"))
    with pytest.raises(FileRejected):
        tabular.count_rows(path, "xlsx")


def test_zip_that_is_not_a_workbook_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(FileRejected, match="XLSX"):
        list(tabular.read_rows(path, "xlsx", "simplified"))


def test_a_line_longer_than_64_kib_rejects_the_file(tmp_path: Path) -> None:
    path = write_csv(tmp_path, SIMPLE_HEADER + "\nok\n" + "x" * (tabular.MAX_LINE + 1) + "\n")
    with pytest.raises(FileRejected, match="line 3 is longer than 64 KiB"):
        list(tabular.read_rows(path, "csv", "simplified"))
    exact = write_csv(tmp_path, SIMPLE_HEADER + "\r\n" + "x" * tabular.MAX_LINE + "\r\n", "exact.csv")
    assert tabular.count_rows(exact, "csv") == 1


def test_more_than_max_rows_rejects_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tabular, "MAX_ROWS", 3)
    row = "NL-1,2026-03-01,NL,drugs,cocaine,1,kg,sea,EC,NL\n"
    path = write_csv(tmp_path, SIMPLE_HEADER + "\n" + row * 4)
    with pytest.raises(FileRejected, match="more than 3 rows"):
        tabular.count_rows(path, "csv")
    with pytest.raises(FileRejected, match="more than 3 rows"):
        list(tabular.read_rows(path, "csv", "simplified"))
    assert tabular.count_rows(write_csv(tmp_path, SIMPLE_HEADER + "\n" + row * 3, "three.csv"), "csv") == 3


# ---- cell errors and leniency --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "column"),
    [
        ("lots", "quantity"),
        ('"1,5"', "quantity"),
        ("1e3", "quantity"),
        ("1 000", "quantity"),
        ("nan", "quantity"),
    ],
)
def test_bad_numbers_are_cell_errors(tmp_path: Path, cell: str, column: str) -> None:
    path = write_csv(tmp_path, f"{SIMPLE_HEADER}\nNL-1,2026-03-01,NL,drugs,cocaine,{cell},kg,sea,EC,NL\n")
    row = only_row(path)
    assert row.data is None
    assert [(e.line, e.column) for e in row.errors] == [(2, column)]


def test_numbers_accept_plain_integers_and_dot_decimals(tmp_path: Path) -> None:
    body = "".join(f"NL-{q},2026-03-01,NL,drugs,cocaine,{q},kg,sea,EC,NL\n" for q in ("12", "12.5", " .5 "))
    rows = list(tabular.read_rows(write_csv(tmp_path, SIMPLE_HEADER + "\n" + body), "csv", "simplified"))
    assert [r.data["commodities"][0]["quantity"] for r in rows] == [12.0, 12.5, 0.5]


@pytest.mark.parametrize("cell", ["01/03/2026", "2026-3-1", "20260301", "2026-02-30"])
def test_dates_must_be_written_yyyy_mm_dd(tmp_path: Path, cell: str) -> None:
    path = write_csv(tmp_path, f"{SIMPLE_HEADER}\nNL-1,{cell},NL,drugs,cocaine,1,kg,sea,EC,NL\n")
    assert only_row(path).errors == [
        CellError(2, "seizure_date", f"{cell!r} is not a date written YYYY-MM-DD")
    ]


def test_more_cells_than_headers_is_a_row_error(tmp_path: Path) -> None:
    body = "NL-1,2026-03-01,NL,drugs,cocaine,1,5,kg,sea,EC,NL\nNL-2,2026-03-01,NL,drugs,cocaine,1,kg,sea,EC,NL,,\n"
    rows = list(tabular.read_rows(write_csv(tmp_path, SIMPLE_HEADER + "\n" + body), "csv", "simplified"))
    assert rows[0].data is None and rows[0].errors[0].line == 2 and "11 cells" in rows[0].errors[0].reason
    assert rows[1].errors == [] and rows[1].data is not None  # trailing empty cells are harmless


def test_blank_lines_are_skipped_and_lines_keep_their_numbers(tmp_path: Path) -> None:
    body = (
        f"\n{SIMPLE_HEADER}\n\nNL-1,2026-03-01,NL,drugs,cocaine,1,kg,sea,EC,NL\n  \n,,,,\nNL-2,2026-03-01\n"
    )
    rows = list(tabular.read_rows(write_csv(tmp_path, body), "csv", "simplified"))
    assert [r.line for r in rows] == [4, 7]
    assert rows[1].data == {
        "form": "SEIZURE_FORM_SIMPLIFIED",
        "external_id": "NL-2",
        "seizure_date": "2026-03-01",
    }
    assert tabular.count_rows(write_csv(tmp_path, body, "again.csv"), "csv") == 2


def test_bom_whitespace_and_header_case_are_accepted(tmp_path: Path) -> None:
    header = " External_ID , Seizure Date ," + SIMPLE_HEADER.split(",", 2)[2].upper()
    path = write_csv(
        tmp_path, "\ufeff" + header + "\r\n NL-1 ,2026-03-01, NL ,drugs,cocaine, 12.5 ,kg,air,CO,NL\r\n"
    )
    assert only_row(path).data == {**SIMPLE_CASE, "external_id": "NL-1"}


def test_semicolon_separated_csv_from_excel_is_accepted(tmp_path: Path) -> None:
    text = SIMPLE_HEADER.replace(",", ";") + "\nNL-CUS-0001;2026-03-01;NL;drugs;cocaine;12.5;kg;air;CO;NL\n"
    assert only_row(write_csv(tmp_path, text)).data == SIMPLE_CASE


def test_long_layout_skips_empty_groups_and_omits_empty_fields(tmp_path: Path) -> None:
    header = "external_id,seizure_date,transport_mode,commodity1_heading,commodity1_commodity_type,commodity1_quantity,commodity1_unit,commodity2_heading,offender1_role,offender2_role,container_number,transit_countries"
    path = write_csv(tmp_path, header + "\nNL-1,2026-03-01,sea,drugs,cocaine,3,kg,,,courier,,;\n")
    assert only_row(path, layout="long").data == {
        "form": "SEIZURE_FORM_LONG",
        "external_id": "NL-1",
        "seizure_date": "2026-03-01",
        "transport_mode": "sea",
        "commodities": [{"heading": "drugs", "commodity_type": "cocaine", "quantity": 3.0, "unit": "kg"}],
        "offenders": [{"role": "courier"}],
    }


def test_xlsx_reads_real_dates_numbers_and_the_seizures_sheet(tmp_path: Path) -> None:
    rows = [
        list(tabular.SIMPLIFIED),
        [1234, date(2026, 3, 1), "NL", "drugs", "cocaine", 12.5, "kg", "air", "CO", "NL"],
        [None] * 10,
        ["NL-2", datetime(2026, 3, 2, 0, 0), "NL", "drugs", "cocaine", "7", "kg", "air", "CO", "NL", None],
        ["NL-3", "2026-03-03", "NL", "drugs", "cocaine", "a lot", "kg", "air", "CO", "NL"],
    ]
    path = write_xlsx(tmp_path, {"notes": [["read me"]], "seizures": rows})
    parsed = list(tabular.read_rows(path, "xlsx", "simplified"))
    assert [p.line for p in parsed] == [2, 4, 5]
    assert parsed[0].data == {**SIMPLE_CASE, "external_id": "1234"}
    assert parsed[1].data["seizure_date"] == "2026-03-02"
    assert parsed[1].data["commodities"][0]["quantity"] == 7.0
    assert [(e.line, e.column) for e in parsed[2].errors] == [(5, "quantity")]
    assert tabular.count_rows(path, "xlsx") == 3


def test_xlsx_without_a_seizures_sheet_uses_the_first(tmp_path: Path) -> None:
    rows = [
        list(tabular.SIMPLIFIED),
        ["NL-CUS-0001", "2026-03-01", "NL", "drugs", "cocaine", 12.5, "kg", "air", "CO", "NL"],
    ]
    path = write_xlsx(tmp_path, {"Sheet A": rows, "Sheet B": [["ignored"]]})
    assert only_row(path, "xlsx").data == SIMPLE_CASE


# ---- column mapping and templates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("layout", "path", "column"),
    [
        ("long", "seizure_date", "seizure_date"),
        ("long", "country", "country"),
        ("long", "commodities[1].quantity", "commodity2_quantity"),
        ("long", "commodities[0].heading", "commodity1_heading"),
        ("long", "commodities", "commodity1_heading"),
        ("long", "conveyance.container_number", "container_number"),
        ("long", "offenders[0].age_band", "offender1_age_band"),
        ("long", "transit_countries[2]", "transit_countries"),
        ("long", "picture_ids[0]", "picture_ids"),
        ("long", "seizure.narrative", "narrative"),
        ("long", "something_else", "something_else"),
        ("simplified", "commodities[0].heading", "heading"),
        ("simplified", "commodities[0].quantity", "quantity"),
        ("simplified", "commodities", "heading"),
        ("simplified", "departure_country", "departure_country"),
    ],
)
def test_column_for_maps_validation_paths_to_columns(layout: str, path: str, column: str) -> None:
    assert tabular.column_for(layout, path) == column


@pytest.mark.parametrize("layout", ["simplified", "long"])
def test_csv_template_is_the_header_row(tmp_path: Path, layout: str) -> None:
    filename, content_type, data = tabular.template_bytes(layout, "csv")
    assert filename.endswith(".csv") and content_type == tabular.CONTENT_TYPES["csv"]
    assert data == ("\ufeff" + ",".join(tabular.LAYOUTS[layout]) + "\r\n").encode()
    path = tmp_path / filename
    path.write_bytes(data)
    assert list(tabular.read_rows(path, "csv", layout)) == []


@pytest.mark.parametrize("layout", ["simplified", "long"])
def test_xlsx_template_has_the_header_and_a_help_sheet(tmp_path: Path, layout: str) -> None:
    filename, content_type, data = tabular.template_bytes(layout, "xlsx")
    assert filename.endswith(".xlsx") and content_type == tabular.CONTENT_TYPES["xlsx"]
    path = tmp_path / filename
    path.write_bytes(data)
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["seizures", "help"]
    assert next(book["seizures"].iter_rows(values_only=True)) == tabular.LAYOUTS[layout]
    help_rows = list(book["help"].iter_rows(values_only=True))
    book.close()
    assert help_rows[0] == ("column", "required", "what it takes")
    assert [r[0] for r in help_rows[1:]] == list(tabular.LAYOUTS[layout])
    assert {r[0] for r in help_rows[1:] if r[1] == "yes"} == tabular.REQUIRED[layout]
    assert all(r[2] for r in help_rows[1:])
    assert list(tabular.read_rows(path, "xlsx", layout)) == []


# ---- streaming -----------------------------------------------------------------------------------------------


def test_reading_a_large_csv_keeps_memory_flat(tmp_path: Path) -> None:
    path = tmp_path / "large.csv"
    row = "NL-{},2026-03-01,NL,drugs,cocaine,12.5,kg,air,CO,NL\n"
    with path.open("w", encoding="utf-8") as out:
        out.write(SIMPLE_HEADER + "\n")
        for i in range(200_000):
            out.write(row.format(i))
    tracemalloc.start()
    try:
        rows = errors = 0
        for parsed in tabular.read_rows(path, "csv", "simplified"):
            rows += 1
            errors += len(parsed.errors)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (rows, errors) == (200_000, 0)
    assert peak < 20 * 1024 * 1024


def test_failed_xlsx_export_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def rows() -> Iterator[dict[str, Any]]:
        yield tabular.input_to_row(LONG_CASE)
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        list(tabular.export_chunks(rows(), "xlsx"))
    assert list(tmp_path.iterdir()) == []
