"""CSV, XLSX and JSON-lines layouts of the CEN database: streaming readers for import, writers for export."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

# ---- layouts -------------------------------------------------------------------------------------------------
#
# Column names are lower_snake and come in this order. Lists are written as values separated by ";".
#
# | layout     | columns                                                                                    |
# |------------|--------------------------------------------------------------------------------------------|
# | simplified | external_id, seizure_date, country, heading, commodity_type, quantity, unit,               |
# |            | transport_mode, departure_country, destination_country                                     |
# | long       | external_id, country, seizure_date, place_type, place_name, locode, customs_procedure,     |
# |            | direction, detection_method, transport_mode, flight_number, vessel_name, vessel_imo,       |
# |            | vehicle_plate, container_number, waybill_number, concealment_method,                       |
# |            | concealment_description, departure_country, transit_countries (;), destination_country,   |
# |            | commodityN_{heading, commodity_type, hs_code, quantity, unit, estimated_value, currency,    |
# |            | cites_species, cites_appendix, ipr_brand} for N = 1..3,                                    |
# |            | offenderN_{nationality, gender, age_band, role} for N = 1..3, narrative, picture_ids (;)   |
# | export     | reference, status, region, rilo, version, then the long layout                             |
#
# Required columns of the header row: every simplified column but country (it defaults to the importer's);
# for long: external_id, seizure_date, transport_mode and commodity1_{heading, commodity_type, quantity, unit}.
# A long import also accepts (and ignores) the export's leading columns, so an export can be corrected and
# imported again.

MAX_ROWS = 1_000_000
MAX_LINE = 64 * 1024
CHUNK = 64 * 1024
SPOOL_BYTES = 8 * 1024 * 1024
GROUPS = 3

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
CONVEYANCE = (
    "flight_number",
    "vessel_name",
    "vessel_imo",
    "vehicle_plate",
    "container_number",
    "waybill_number",
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
    *CONVEYANCE,
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
LONG = (
    *_CASE,
    *(f"commodity{i}_{name}" for i in range(1, GROUPS + 1) for name in LINE_FIELDS),
    *(f"offender{i}_{name}" for i in range(1, GROUPS + 1) for name in OFFENDER_FIELDS),
    "narrative",
    "picture_ids",
)
LAYOUTS = {"simplified": SIMPLIFIED, "long": LONG}
FORMS = {"simplified": "SEIZURE_FORM_SIMPLIFIED", "long": "SEIZURE_FORM_LONG"}
REQUIRED = {
    "simplified": frozenset(SIMPLIFIED) - {"country"},
    "long": frozenset(
        {
            "external_id",
            "seizure_date",
            "transport_mode",
            "commodity1_heading",
            "commodity1_commodity_type",
            "commodity1_quantity",
            "commodity1_unit",
        }
    ),
}
EXPORT_ONLY = ("reference", "status", "region", "rilo", "version")
EXPORT_COLUMNS = (*EXPORT_ONLY, *LONG)
# Columns an import accepts without using them (see the table above).
_IGNORED = {"simplified": frozenset(), "long": frozenset(EXPORT_ONLY)}
_SKIP = "-"  # header marker of an ignored column (a real "-" header is refused as unknown)
_SIMPLE_LINE = ("heading", "commodity_type", "quantity", "unit")
NUMBERS = frozenset({"quantity", "estimated_value"})
LISTS = frozenset({"transit_countries", "picture_ids"})

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jsonl": "application/x-ndjson",
}
FILE_EXTENSIONS = {"csv": "csv", "xlsx": "xlsx", "jsonl": "jsonl"}

# Spreadsheets run cells that start with these as formulas (CSV/formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Plain decimal numbers only: "1,5", "1e3", "1 000", "nan" are refused rather than guessed at.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_GROUP_COLUMN = re.compile(r"(commodity|offender)(\d+)_(\w+)")
_PATH = re.compile(r"(commodities|offenders|transit_countries|picture_ids)\[(\d+)\](?:\.(\w+))?")
# Control characters that the XLSX (XML) format cannot hold; openpyxl refuses them.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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
    """One data row: its file line (the header is line 1), the seizure input dict or the cell errors."""

    line: int
    data: dict[str, Any] | None
    errors: list[CellError] = field(default_factory=list)


# ---- reading CSV ---------------------------------------------------------------------------------------------


class _Lines:
    """Physical lines of a text stream, counted, none longer than MAX_LINE (a bounded read, so flat memory)."""

    def __init__(self, text: io.TextIOBase) -> None:
        self.text = text
        self.count = 0
        self.pushed: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.pushed:
            return self.pushed.pop()
        # Room for the longest allowed line plus its "\r\n"; anything longer comes back without the newline.
        line = self.text.readline(MAX_LINE + 2)
        if not line:
            raise StopIteration
        self.count += 1
        if len(line.rstrip("\r\n")) > MAX_LINE:
            raise FileRejected(f"line {self.count} is longer than {MAX_LINE // 1024} KiB")
        return line

    def push_back(self, line: str) -> None:
        self.pushed.append(line)


def _delimiter(lines: _Lines) -> str:
    """The CSV delimiter: ";" if the header row has no "," but ";" (Excel where ";" is the list separator)."""
    for line in lines:
        if line.strip():
            lines.push_back(line)
            return ";" if ";" in line and "," not in line else ","
    return ","


def _csv_records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of every non-blank record; a byte that is not UTF-8 rejects the file."""
    with path.open("rb") as raw:
        # utf-8-sig drops the BOM that Excel's "CSV UTF-8" starts with; strict so nothing is silently mangled.
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")
        lines = _Lines(text)
        try:
            reader = csv.reader(lines, delimiter=_delimiter(lines))
            while True:
                start = lines.count + 1  # a quoted cell may span lines: report where the record starts
                cells = next(reader, None)
                if cells is None:
                    return
                if any(cell.strip() for cell in cells):
                    yield start, cells
        except UnicodeDecodeError:
            line, byte = _first_bad_byte(path)
            raise FileRejected(
                f"the file is not UTF-8 text: line {line} has the byte 0x{byte:02x}; "
                'save it as "CSV UTF-8" and upload it again'
            ) from None
        except csv.Error as exc:
            raise FileRejected(f"malformed CSV near line {lines.count}: {exc}") from None


def _first_bad_byte(path: Path) -> tuple[int, int]:
    """Line and value of the first byte that is not UTF-8.

    The text stream decodes in blocks, so its error does not say which line; this second pass does.
    """
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    line = 1
    with path.open("rb") as raw:
        while block := raw.read(CHUNK):
            pending = len(decoder.getstate()[0])  # bytes of a character cut by the previous block
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                at = max(0, exc.start - pending)
                return line + block.count(b"\n", 0, at), exc.object[exc.start]
            line += block.count(b"\n")
    return line, 0


# ---- reading XLSX --------------------------------------------------------------------------------------------


def _xlsx_records(path: Path) -> Iterator[tuple[int, list[Any]]]:
    """(sheet row number, cell values) of every non-blank row of the "seizures" sheet, else the first sheet."""
    with path.open("rb") as raw:
        book = _open_workbook(raw)
        try:
            yield from _sheet_rows(book)
        finally:
            book.close()


def _open_workbook(raw: BinaryIO) -> Any:
    from openpyxl import load_workbook

    # A file object, not the path: openpyxl would otherwise judge the file by its name's extension.
    try:
        book = load_workbook(raw, read_only=True, data_only=True)
    except Exception as exc:  # untrusted input: any parser failure means "not a workbook we can read"
        raise FileRejected(f"not a readable XLSX workbook ({type(exc).__name__})") from None
    if not book.worksheets:
        book.close()
        raise FileRejected("the workbook has no worksheet")
    return book


def _sheet_rows(book: Any) -> Iterator[tuple[int, list[Any]]]:
    sheet = book["seizures"] if "seizures" in book.sheetnames else book.worksheets[0]
    # Some writers record a wrong sheet size, and read-only mode would stop at it.
    sheet.reset_dimensions()
    rows = enumerate(sheet.iter_rows(values_only=True), start=1)
    number = 0
    while True:
        try:
            number, values = next(rows, (0, None))
        except Exception as exc:  # a damaged sheet shows up only while it is read
            raise FileRejected(
                f"the workbook cannot be read past row {number} ({type(exc).__name__})"
            ) from None
        if values is None:
            return
        cells = ["" if value is None else value for value in values]
        if any(str(cell).strip() for cell in cells):
            yield number, cells


# ---- reading: rows to seizure input dicts --------------------------------------------------------------------


def _records(path: Path, fmt: str) -> Iterator[tuple[int, list[Any]]]:
    if fmt == "csv":
        return _csv_records(path)
    if fmt == "xlsx":
        return _xlsx_records(path)
    raise FileRejected(f"unknown file format {fmt!r}; use csv or xlsx")


def count_rows(path: Path, fmt: str) -> int:
    """Data rows of the file (non-blank, after the header), for progress; more than MAX_ROWS rejects it."""
    rows = -1  # the header
    for _ in _records(path, fmt):
        rows += 1
        if rows > MAX_ROWS:
            raise FileRejected(_too_many_rows())
    return max(rows, 0)


def _too_many_rows() -> str:
    return f"more than {MAX_ROWS:,} rows; split the file"


def _header(cells: list[Any], layout: str) -> list[str]:
    """Column names of the header row; a header that does not fit the layout rejects the file."""
    header = [re.sub(r"\s+", "_", str(cell).strip().lower()) for cell in cells]
    allowed = set(LAYOUTS[layout]) | _IGNORED[layout]
    named = [name for name in header if name]
    problems = []
    missing = sorted(REQUIRED[layout] - set(named))
    if missing:
        problems.append(f"missing columns: {', '.join(missing)}")
    unknown = [name for name in named if name not in allowed]
    if unknown:
        problems.append(f"unknown columns: {', '.join(unknown[:10])}")
    repeated = sorted({name for name in named if named.count(name) > 1})
    if repeated:
        problems.append(f"repeated columns: {', '.join(repeated)}")
    if problems:
        raise FileRejected(
            f"the header row does not match the {layout} layout ({'; '.join(problems)}); "
            "download the template"
        )
    return [_SKIP if name in _IGNORED[layout] else name for name in header]


def _unquote(text: str) -> str:
    """Undo the export's neutralisation ('=...) so that an exported file imports the values it shows."""
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        return text[1:].strip()
    return text


def _text(value: Any) -> str:
    """A cell as trimmed text; XLSX numbers and dates come as their plain spelling (9321483, not 9321483.0)."""
    if isinstance(value, str):
        return _unquote(value.strip())
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value: Any) -> float:
    """A quantity or value: an XLSX number, or text with "." decimals; ValueError otherwise."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = _text(value)
    if not _NUMBER.fullmatch(text):
        hint = " (use . for decimals, no thousands separators)" if re.search(r"\d", text) else ""
        raise ValueError(f"{text!r} is not a number{hint}")
    return float(text)


def _date(value: Any) -> str:
    """A seizure date: an XLSX date cell or text YYYY-MM-DD; ValueError otherwise."""
    if isinstance(value, date):  # datetime is a date too
        return _text(value)
    text = _text(value)
    try:
        if not _DATE.fullmatch(text):
            raise ValueError
        date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date written YYYY-MM-DD") from None
    return text


def _converted(name: str, value: Any) -> Any:
    """The dict value of one non-empty cell; `name` is the field name without its group prefix."""
    if name in NUMBERS:
        return _number(value)
    if name == "seizure_date":
        return _date(value)
    if name in LISTS:
        return [part.strip() for part in _text(value).split(";") if part.strip()]
    return _text(value)


def _cells(header: list[str], line: int, cells: list[Any]) -> tuple[dict[str, Any], list[CellError]]:
    """The non-empty cells by column name, and an error for any value outside a named column."""
    values: dict[str, Any] = {}
    errors: list[CellError] = []
    for position, cell in enumerate(cells):
        value = cell.strip() if isinstance(cell, str) else cell
        if value == "":
            continue
        if position >= len(header):
            reason = f"{len(cells)} cells but the header row has {len(header)} columns"
            return values, [*errors, CellError(line, "", reason)]
        name = header[position]
        if name == "":
            errors.append(CellError(line, "", f"a value in column {position + 1}, which has no name"))
        elif name != _SKIP:
            values[name] = value
    return values, errors


def _row(layout: str, line: int, values: dict[str, Any]) -> ParsedRow:
    """Build the seizure input dict from a row's cells; a cell that cannot be converted becomes an error."""
    converted: dict[str, Any] = {}
    errors: list[CellError] = []
    for column, value in values.items():
        try:
            result = _converted(_field_name(column), value)
        except ValueError as exc:
            errors.append(CellError(line, column, str(exc)))
            continue
        if result not in ("", []):  # e.g. a list cell holding only ";"
            converted[column] = result
    if errors:
        return ParsedRow(line, None, errors)
    data = _simplified(converted) if layout == "simplified" else _long(converted)
    return ParsedRow(line, {"form": FORMS[layout], **data}, [])


def _field_name(column: str) -> str:
    """commodity2_quantity -> quantity; other columns are field names already."""
    return _FIELD_NAMES.get(column, column)


_FIELD_NAMES = {column: re.sub(r"^(?:commodity|offender)\d+_", "", column) for column in LONG}


def _simplified(values: dict[str, Any]) -> dict[str, Any]:
    data = {k: v for k, v in values.items() if k not in _SIMPLE_LINE}
    line = {k: v for k, v in values.items() if k in _SIMPLE_LINE}
    if line:
        data["commodities"] = [line]
    return data


def _long(values: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    conveyance: dict[str, Any] = {}
    groups: dict[str, list[dict[str, Any]]] = {
        "commodity": [{} for _ in range(GROUPS)],
        "offender": [{} for _ in range(GROUPS)],
    }
    for column, value in values.items():
        group = _GROUP_COLUMN.fullmatch(column)
        if group:
            groups[group[1]][int(group[2]) - 1][group[3]] = value
        elif column in CONVEYANCE:
            conveyance[column] = value
        else:
            data[column] = value
    if conveyance:
        data["conveyance"] = conveyance
    # Only filled groups: commodity2 left empty is no commodity line, not an invalid one.
    for key, group_key in (("commodities", "commodity"), ("offenders", "offender")):
        filled = [item for item in groups[group_key] if item]
        if filled:
            data[key] = filled
    return data


def read_rows(path: Path, fmt: str, layout: str) -> Iterator[ParsedRow]:
    """Every data row as a seizure input dict (or its cell errors), streamed from the file."""
    if layout not in LAYOUTS:
        raise FileRejected(f"unknown layout {layout!r}; use simplified or long")
    records = _records(path, fmt)
    first = next(records, None)
    if first is None:
        raise FileRejected("the file is empty")
    header = _header(first[1], layout)
    for count, (line, cells) in enumerate(records, start=1):
        if count > MAX_ROWS:
            raise FileRejected(_too_many_rows())
        values, errors = _cells(header, line, cells)
        # Cells out of place mean the row is misaligned: converting its values would only add noise.
        yield ParsedRow(line, None, errors) if errors else _row(layout, line, values)


def column_for(layout: str, field_path: str) -> str:
    """The layout column of a validation field path (e.g. commodities[1].quantity -> commodity2_quantity)."""
    path = field_path.removeprefix("seizure.")
    if path == "commodities":  # "at least one commodity line": point at the first line's first column
        return "heading" if layout == "simplified" else "commodity1_heading"
    if path.startswith("conveyance."):
        return path.removeprefix("conveyance.")
    match = _PATH.fullmatch(path)
    if not match:
        return path
    group, index, name = match[1], int(match[2]), match[3]
    if group == "commodities" and name:
        return name if layout == "simplified" else f"commodity{index + 1}_{name}"
    if group == "offenders" and name:
        return f"offender{index + 1}_{name}"
    return group


# ---- writing -------------------------------------------------------------------------------------------------


def _safe_text(text: str) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def input_to_row(data: dict[str, Any], layout: str = "long") -> dict[str, Any]:
    """A seizure input dict as a row keyed by the layout's columns (missing values are "")."""
    lines = data.get("commodities") or []
    if layout == "simplified":
        first = lines[0] if lines else {}
        return {c: first.get(c, "") if c in _SIMPLE_LINE else data.get(c, "") for c in SIMPLIFIED}
    row: dict[str, Any] = {column: data.get(column, "") for column in _CASE}
    conveyance = data.get("conveyance") or {}
    row.update({column: conveyance.get(column, "") for column in CONVEYANCE})
    row["transit_countries"] = list(data.get("transit_countries") or [])
    for i, line in enumerate(lines[:GROUPS], start=1):
        row.update({f"commodity{i}_{name}": line.get(name, "") for name in LINE_FIELDS})
    for i, offender in enumerate((data.get("offenders") or [])[:GROUPS], start=1):
        row.update({f"offender{i}_{name}": offender.get(name, "") for name in OFFENDER_FIELDS})
    row["narrative"] = data.get("narrative", "")
    row["picture_ids"] = list(data.get("picture_ids") or [])
    return {column: row.get(column, "") for column in LONG}


def seizure_to_export_row(seizure_json: dict[str, Any]) -> dict[str, Any]:
    """A Seizure (proto JSON field names; content is a SeizureInput dict) as a row keyed by EXPORT_COLUMNS."""
    content = dict(seizure_json.get("content") or {})
    content["country"] = content.get("country") or seizure_json.get("country", "")
    status = str(seizure_json.get("status") or "")
    version = seizure_json.get("version", "")
    meta = {
        "reference": seizure_json.get("reference", ""),
        # The proto enum name or the stored value: both export as "draft", "validated", ...
        "status": status.removeprefix("SEIZURE_STATUS_").lower(),
        "region": seizure_json.get("region", ""),
        "rilo": seizure_json.get("rilo", ""),
        # proto3 JSON writes int64 as a string; a spreadsheet should see a number.
        "version": int(version) if str(version).isdigit() else version,
    }
    return {**meta, **input_to_row(content, "long")}


def _plain(value: Any) -> str:
    """A CSV cell: lists joined by ";", numbers without exponent (the import reads plain decimals only)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return _safe_text(";".join(str(v) for v in value))
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{Decimal(repr(value)):f}"
    if isinstance(value, int):  # bool included: True, False
        return str(value)
    return _safe_text(str(value))


def export_chunks(
    rows: Iterable[dict[str, Any]], fmt: str, columns: Sequence[str] = EXPORT_COLUMNS
) -> Iterator[bytes]:
    """The rows as a CSV, XLSX or JSON-lines file, in chunks of about 64 KiB.

    `columns` defaults to EXPORT_COLUMNS; a layout's columns (LAYOUTS[...]) write an import file.
    """
    if fmt == "csv":
        return _csv_chunks(rows, columns)
    if fmt == "jsonl":
        return _jsonl_chunks(rows, columns)
    if fmt == "xlsx":
        return _xlsx_chunks(rows, columns)
    raise ValueError(f"unknown export format {fmt!r}")


def _jsonl_chunks(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> Iterator[bytes]:
    # JSON is data, not a spreadsheet: values are written as they are, lists as lists.
    buffer = io.BytesIO()
    for row in rows:
        record = {column: row.get(column, "") for column in columns}
        buffer.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")
        if buffer.tell() >= CHUNK:
            yield buffer.getvalue()
            buffer = io.BytesIO()
    if buffer.tell():
        yield buffer.getvalue()


def _csv_chunks(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # Excel reads a CSV as UTF-8 only when it starts with the BOM
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_plain(row.get(column, "")) for column in columns])
        if buffer.tell() >= CHUNK:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    if isinstance(value, str):
        return _safe_text(_XML_ILLEGAL.sub("", value))
    return value


def _xlsx_chunks(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> Iterator[bytes]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    # Write-only: openpyxl streams the sheet to its own temporary file instead of holding every cell.
    book = Workbook(write_only=True)
    try:
        sheet = book.create_sheet("seizures")
        sheet.append(list(columns))
        for row in rows:
            cells = []
            for column in columns:
                cell = WriteOnlyCell(sheet, value=_xlsx_value(row.get(column, "")))
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # stored as text whatever it starts with: never a formula
                cells.append(cell)
            sheet.append(cells)
        # The zip is written in one go at the end; spool it (in memory while small) and stream it out.
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as out:
            book.save(out)
            out.seek(0)
            while chunk := out.read(CHUNK):
                yield chunk
    finally:
        _discard_unsaved(book)


def _discard_unsaved(book: Any) -> None:
    """Remove the sheet's temporary file when the export stopped before saving (e.g. the rows failed).

    openpyxl removes it itself only when the workbook is saved; otherwise it stays until the process exits.
    """
    for sheet in book.worksheets:
        writer = getattr(sheet, "_writer", None)
        out = getattr(writer, "out", None)
        if writer is None or not isinstance(out, str) or not os.path.exists(out):
            continue  # saved (openpyxl removed it) or never started
        sheet.close()  # ends openpyxl's row writer cleanly before its file goes
        writer.cleanup()


# ---- templates -----------------------------------------------------------------------------------------------

_REFERENCE = "a code from the reference data (GET /api/v1/seizures/reference)"
_HELP = {
    "external_id": "your system's id of the case; importing the same id again changes nothing",
    "seizure_date": "YYYY-MM-DD, not in the future",
    "country": "ISO 3166-1 alpha-2 code of the reporting country (default: yours)",
    "transit_countries": "ISO 3166-1 alpha-2 codes in route order, separated by ;",
    "picture_ids": "CPDb picture ids separated by ;",
    "place_name": "text",
    "locode": "UN/LOCODE without the space, e.g. NLRTM",
    "vessel_imo": "IMO number, 7 digits",
    "container_number": "ISO 6346 container number, e.g. CSQU3054383",
    "waybill_number": "postal parcel or air waybill number",
    "hs_code": "Harmonized System code, 4 to 10 digits",
    "quantity": "a number greater than zero, . for decimals",
    "estimated_value": "a number, . for decimals (give the currency too)",
    "currency": "ISO 4217 code, e.g. EUR",
    "cites_species": "scientific name of the CITES specimen",
    "cites_appendix": "I, II or III",
    "ipr_brand": "the brand concerned (IPR infringements)",
    "concealment_description": "text",
    "narrative": "text",
}
_CODED = frozenset(
    {
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
    }
)


def _help(column: str) -> str:
    name = _field_name(column)
    if name in _CODED:
        return _REFERENCE
    if name in ("departure_country", "destination_country", "nationality"):
        return "ISO 3166-1 alpha-2 code, e.g. NL"
    return _HELP.get(name, "text")


def template_bytes(layout: str, fmt: str) -> tuple[str, str, bytes]:
    """An empty import file of the layout: (filename, content type, bytes); XLSX adds a "help" sheet."""
    columns = LAYOUTS[layout]
    filename = f"cen-seizures-{layout}-template.{FILE_EXTENSIONS[fmt]}"
    if fmt == "csv":
        return filename, CONTENT_TYPES["csv"], b"".join(_csv_chunks([], columns))
    if fmt != "xlsx":
        raise ValueError(f"no template in format {fmt!r}")
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "seizures"
    sheet.append(list(columns))
    sheet.freeze_panes = "A2"
    help_sheet = book.create_sheet("help")
    help_sheet.append(["column", "required", "what it takes"])
    for column in columns:
        help_sheet.append([column, "yes" if column in REQUIRED[layout] else "no", _help(column)])
    out = io.BytesIO()
    book.save(out)
    return filename, CONTENT_TYPES["xlsx"], out.getvalue()
