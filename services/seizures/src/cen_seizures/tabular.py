"""CSV, XLSX and JSON-lines layouts of the CEN database: streaming readers for import, writers for export."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

MAX_ROWS = 1_000_000
MAX_LINE = 64 * 1024
CHUNK = 64 * 1024

SIMPLIFIED = (
    "external_id",
    "seizure_date",
    "country",
    "heading",
    "commodity_type",
    "quantity",
    "unit",
    "transport_mode",
    "departure_country",
    "destination_country",
)
_CASE = (
    "external_id",
    "country",
    "seizure_date",
    "place_type",
    "place_name",
    "locode",
    "customs_procedure",
    "direction",
    "detection_method",
    "transport_mode",
    "flight_number",
    "vessel_name",
    "vessel_imo",
    "vehicle_plate",
    "container_number",
    "waybill_number",
    "concealment_method",
    "concealment_description",
    "departure_country",
    "transit_countries",
    "destination_country",
)
LINE_FIELDS = (
    "heading",
    "commodity_type",
    "hs_code",
    "quantity",
    "unit",
    "estimated_value",
    "currency",
    "cites_species",
    "cites_appendix",
    "ipr_brand",
)
OFFENDER_FIELDS = ("nationality", "gender", "age_band", "role")
GROUPS = 3
LONG = (
    _CASE
    + tuple(f"commodity{i}_{f}" for i in range(1, GROUPS + 1) for f in LINE_FIELDS)
    + tuple(f"offender{i}_{f}" for i in range(1, GROUPS + 1) for f in OFFENDER_FIELDS)
    + ("narrative", "picture_ids")
)
LAYOUTS = {"simplified": SIMPLIFIED, "long": LONG}
REQUIRED = {
    "simplified": set(SIMPLIFIED) - {"country"},
    "long": {
        "external_id",
        "seizure_date",
        "transport_mode",
        "commodity1_heading",
        "commodity1_commodity_type",
        "commodity1_quantity",
        "commodity1_unit",
    },
}
CONVEYANCE = (
    "flight_number",
    "vessel_name",
    "vessel_imo",
    "vehicle_plate",
    "container_number",
    "waybill_number",
)
NUMBERS = {"quantity", "estimated_value"}
LISTS = {"transit_countries", "picture_ids"}
EXPORT_COLUMNS = ("reference", "status", "region", "rilo", "version", *LONG)
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jsonl": "application/x-ndjson",
}
FILE_EXTENSIONS = {"csv": "csv", "xlsx": "xlsx", "jsonl": "jsonl"}
# Spreadsheets run cells starting with these as formulas (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PATH = re.compile(r"^(commodities|offenders|transit_countries|picture_ids)\[(\d+)\](?:\.(\w+))?$")


class FileRejected(Exception):
    """The whole file cannot be read (encoding, header, format, size): nothing of it is imported."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CellError:
    line: int
    column: str
    reason: str


@dataclass
class ParsedRow:
    line: int
    data: dict[str, Any] | None
    errors: list[CellError] = field(default_factory=list)


# ---- reading -------------------------------------------------------------------------------------------


def _csv_records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every non-blank record; undecodable bytes reject the file with their line."""
    with path.open("rb") as raw:
        head = raw.read(3)
        if head != codecs.BOM_UTF8:
            raw.seek(0)
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="")
        line = 1
        reader = csv.reader(_bounded_lines(text, lambda: line))
        try:
            for cells in reader:
                line = reader.line_num
                if any(cell.strip() for cell in cells):
                    yield line, cells
        except UnicodeDecodeError:
            raise FileRejected(
                f"the file is not UTF-8 text (first bad byte after line {line}); "
                "save it as CSV UTF-8 and upload it again"
            ) from None
        except csv.Error as exc:
            raise FileRejected(f"malformed CSV near line {line}: {exc}") from None


def _bounded_lines(text: io.TextIOWrapper, line: Any) -> Iterator[str]:
    for chunk in text:
        if len(chunk) > MAX_LINE:
            raise FileRejected(f"line {line() + 1} is longer than {MAX_LINE // 1024} KiB")
        yield chunk


def _xlsx_records(path: Path) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileRejected(f"not a readable XLSX workbook ({type(exc).__name__})") from None
    try:
        sheet = book["seizures"] if "seizures" in book.sheetnames else book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else v for v in values]
            if any(str(c).strip() for c in cells):
                yield number, cells
    finally:
        book.close()


def _records(path: Path, fmt: str) -> Iterator[tuple[int, list[Any]]]:
    if fmt == "csv":
        return _csv_records(path)
    if fmt == "xlsx":
        return _xlsx_records(path)
    raise FileRejected(f"unknown format {fmt!r}")


def count_rows(path: Path, fmt: str) -> int:
    """Data rows of the file (after the header), for progress."""
    return max(0, sum(1 for _ in _records(path, fmt)) - 1)


def _header(cells: list[Any], layout: str) -> list[str]:
    header = [str(c).strip().lower() for c in cells]
    known = set(LAYOUTS[layout])
    unknown = [h for h in header if h and h not in known]
    missing = sorted(REQUIRED[layout] - set(header))
    if unknown or missing:
        parts = []
        if missing:
            parts.append(f"missing columns: {', '.join(missing)}")
        if unknown:
            parts.append(f"unknown columns: {', '.join(unknown[:10])}")
        raise FileRejected(
            f"the header row does not match the {layout} layout ({'; '.join(parts)}); download the template"
        )
    return header


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return value


def _number(value: Any, line: int, column: str, errors: list[CellError]) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    try:
        return float(str(value).replace(" ", ""))
    except ValueError:
        errors.append(CellError(line, column, f"{value!r} is not a number (use . for decimals)"))
        return None


def _row(layout: str, line: int, values: dict[str, Any]) -> ParsedRow:
    errors: list[CellError] = []
    data: dict[str, Any] = {
        "form": "SEIZURE_FORM_SIMPLIFIED" if layout == "simplified" else "SEIZURE_FORM_LONG"
    }
    if layout == "simplified":
        line_data: dict[str, Any] = {}
        for column, value in values.items():
            if column in ("heading", "commodity_type", "quantity", "unit"):
                line_data[column] = _number(value, line, column, errors) if column == "quantity" else value
            else:
                data[column] = value
        data["commodities"] = [line_data]
        return ParsedRow(line, None if errors else data, errors)
    conveyance, lines, offenders = {}, [{} for _ in range(GROUPS)], [{} for _ in range(GROUPS)]
    for column, value in values.items():
        if column in CONVEYANCE:
            conveyance[column] = str(value)
        elif column.startswith("commodity"):
            index, _, name = column[len("commodity") :].partition("_")
            lines[int(index) - 1][name] = (
                _number(value, line, column, errors) if name in NUMBERS else str(value)
            )
        elif column.startswith("offender"):
            index, _, name = column[len("offender") :].partition("_")
            offenders[int(index) - 1][name] = str(value)
        elif column in LISTS:
            data[column] = [part.strip() for part in str(value).split(";") if part.strip()]
        else:
            data[column] = str(value) if not isinstance(value, str) else value
    if conveyance:
        data["conveyance"] = conveyance
    data["commodities"] = [item for item in lines if item]
    data["offenders"] = [item for item in offenders if item]
    return ParsedRow(line, None if errors else data, errors)


def read_rows(path: Path, fmt: str, layout: str) -> Iterator[ParsedRow]:
    """Every data row as a seizure input dict (or its cell errors), streamed from the file."""
    records = _records(path, fmt)
    first = next(records, None)
    if first is None:
        raise FileRejected("the file is empty")
    header = _header(first[1], layout)
    for count, (line, cells) in enumerate(records, start=1):
        if count > MAX_ROWS:
            raise FileRejected(f"more than {MAX_ROWS:,} rows; split the file")
        if len(cells) > len(header) and any(str(c).strip() for c in cells[len(header) :]):
            yield ParsedRow(
                line, None, [CellError(line, "", f"{len(cells)} cells but {len(header)} columns")]
            )
            continue
        values = {
            h: _cell(v) for h, v in zip(header, cells, strict=False) if h and _cell(v) not in ("", None)
        }
        yield _row(layout, line, values)


def column_for(layout: str, field_path: str) -> str:
    """The layout column of a validation field path (e.g. commodities[1].quantity -> commodity2_quantity)."""
    path = field_path.removeprefix("seizure.")
    match = _PATH.match(path)
    if match:
        group, index, name = match.group(1), int(match.group(2)), match.group(3)
        if group == "commodities":
            return name if layout == "simplified" else f"commodity{index + 1}_{name}"
        if group == "offenders":
            return f"offender{index + 1}_{name}"
        return group
    if path.startswith("conveyance."):
        return path.removeprefix("conveyance.")
    return path


# ---- writing -------------------------------------------------------------------------------------------


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def seizure_to_export_row(seizure: dict[str, Any]) -> dict[str, Any]:
    """A Seizure (id, reference, status, region, rilo, version, content) as a row keyed by EXPORT_COLUMNS."""
    content = seizure.get("content") or {}
    row: dict[str, Any] = {
        k: seizure.get(k, "") for k in ("reference", "status", "region", "rilo", "version")
    }
    for column in _CASE:
        value = content.get(column, "")
        row[column] = value
    for column in CONVEYANCE:
        row[column] = (content.get("conveyance") or {}).get(column, "")
    for i, line in enumerate((content.get("commodities") or [])[:GROUPS], start=1):
        for name in LINE_FIELDS:
            row[f"commodity{i}_{name}"] = line.get(name, "")
    for i, offender in enumerate((content.get("offenders") or [])[:GROUPS], start=1):
        for name in OFFENDER_FIELDS:
            row[f"offender{i}_{name}"] = offender.get(name, "")
    row["narrative"] = content.get("narrative", "")
    row["picture_ids"] = content.get("picture_ids", [])
    return {c: row.get(c, "") for c in EXPORT_COLUMNS}


def _flat(value: Any) -> Any:
    return ";".join(value) if isinstance(value, list) else value


def export_chunks(rows: Iterable[dict[str, Any]], fmt: str) -> Iterator[bytes]:
    """The rows as a file in chunks of about 64 KiB."""
    if fmt == "jsonl":
        buffer = io.StringIO()
        for row in rows:
            buffer.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
            if buffer.tell() >= CHUNK:
                yield buffer.getvalue().encode()
                buffer = io.StringIO()
        if buffer.tell():
            yield buffer.getvalue().encode()
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write("\ufeff")  # Excel needs the BOM to read UTF-8
        writer.writerow(EXPORT_COLUMNS)
        for row in rows:
            writer.writerow([neutralise(_flat(row.get(c, ""))) for c in EXPORT_COLUMNS])
            if buffer.tell() >= CHUNK:
                yield buffer.getvalue().encode()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue().encode()
    elif fmt == "xlsx":
        yield from _xlsx_chunks(rows)
    else:
        raise ValueError(f"unknown export format {fmt!r}")


def _xlsx_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("seizures")
    sheet.append(list(EXPORT_COLUMNS))
    for row in rows:
        cells = []
        for column in EXPORT_COLUMNS:
            value = neutralise(_flat(row.get(column, "")))
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            cells.append(cell)
        sheet.append(cells)
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as out:
        book.save(out)
        out.seek(0)
        while chunk := out.read(CHUNK):
            yield chunk


def template_bytes(layout: str, fmt: str) -> tuple[str, str, bytes]:
    """An empty import file of the layout: header row only (CSV), plus a help sheet (XLSX)."""
    columns = LAYOUTS[layout]
    filename = f"cen-seizures-{layout}-template.{fmt}"
    if fmt == "csv":
        return filename, CONTENT_TYPES["csv"], ("\ufeff" + ",".join(columns) + "\r\n").encode()
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "seizures"
    sheet.append(list(columns))
    help_sheet = book.create_sheet("help")
    help_sheet.append(["column", "required", "what it takes"])
    for column in columns:
        help_sheet.append([column, "yes" if column in REQUIRED[layout] else "no", _help(column)])
    out = io.BytesIO()
    book.save(out)
    return filename, CONTENT_TYPES["xlsx"], out.getvalue()


_HELP = {
    "external_id": "your system's id of the case; re-importing the same id changes nothing",
    "seizure_date": "YYYY-MM-DD, not in the future",
    "country": "ISO 3166-1 alpha-2 of the reporting country (default: yours)",
    "transit_countries": "ISO codes separated by ;",
    "picture_ids": "CPDb picture ids separated by ;",
}


def _help(column: str) -> str:
    name = re.sub(r"^(commodity|offender)\d_", "", column)
    if name in (
        "heading",
        "commodity_type",
        "unit",
        "transport_mode",
        "detection_method",
        "concealment_method",
        "place_type",
        "customs_procedure",
        "direction",
        "gender",
        "age_band",
        "role",
    ):
        return "a code from the reference data (GET /api/v1/seizures/reference)"
    if name.endswith("country") or name == "nationality":
        return "ISO 3166-1 alpha-2 code"
    if name in NUMBERS:
        return "a number, . for decimals"
    return _HELP.get(name, "text")
