"""The formats an export is written in, row by row into a sink that the caller empties as
it goes: nothing holds more than the rows of one batch.

CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs read it as
UTF-8), JSON (an array of objects keyed by the headers) and XLSX (Office Open XML written
as a zip stream, one sheet of inline strings and numbers: no shared-strings table to
hold in memory).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from abc import ABC, abstractmethod
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import IO, Any
from xml.sax.saxutils import escape

import orjson

Value = str | int | float | Decimal | bool | date | datetime | None


class Format(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"

    @property
    def media_type(self) -> str:
        return _MEDIA_TYPES[self]


_MEDIA_TYPES = {
    Format.CSV: "text/csv; charset=utf-8",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.JSON: "application/json",
}


class Sink(io.RawIOBase):
    """Bytes written, until taken: an unseekable stream (zipfile writes to it with data
    descriptors, as to a pipe)."""

    def __init__(self) -> None:
        super().__init__()
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self._chunks.append(chunk)
        return len(chunk)

    def take(self) -> bytes:
        taken = b"".join(self._chunks)
        self._chunks.clear()
        return taken


def _text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


class Writer(ABC):
    def __init__(self, sink: Sink, headers: Sequence[str]) -> None:
        self.sink = sink
        self.headers = list(headers)

    @abstractmethod
    def row(self, values: Sequence[Value]) -> None: ...

    @abstractmethod
    def close(self) -> None: ...


class CsvWriter(Writer):
    def __init__(self, sink: Sink, headers: Sequence[str]) -> None:
        super().__init__(sink, headers)
        self._line = io.StringIO()
        self._csv = csv.writer(self._line)
        sink.write(codecs.BOM_UTF8)
        self.row(self.headers)

    def row(self, values: Sequence[Value]) -> None:
        self._csv.writerow([_text(v) for v in values])
        self.sink.write(self._line.getvalue().encode())
        self._line.seek(0)
        self._line.truncate()

    def close(self) -> None:
        return None


def _jsonable(value: Value) -> Any:
    if isinstance(value, Decimal):
        # A decimal string: money is never a float.
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


class JsonWriter(Writer):
    def __init__(self, sink: Sink, headers: Sequence[str]) -> None:
        super().__init__(sink, headers)
        self._first = True
        sink.write(b"[")

    def row(self, values: Sequence[Value]) -> None:
        document = {h: _jsonable(v) for h, v in zip(self.headers, values, strict=True)}
        self.sink.write((b"\n" if self._first else b",\n") + orjson.dumps(document))
        self._first = False

    def close(self) -> None:
        self.sink.write(b"\n]\n" if not self._first else b"]\n")


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<sheetData>"
)
_SHEET_END = "</sheetData></worksheet>"
# Characters XML 1.0 cannot hold at all: left out of a cell rather than break the sheet.
_UNWRITABLE = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def _cell(value: Value) -> str:
    if value is None or value == "":
        return "<c/>"
    if isinstance(value, bool):
        return f'<c t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float | Decimal):
        return f"<c><v>{value}</v></c>"
    text = escape(_text(value).translate(_UNWRITABLE))
    return f'<c t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


class XlsxWriter(Writer):
    def __init__(self, sink: Sink, headers: Sequence[str], sheet: str = "Export") -> None:
        super().__init__(sink, headers)
        self._zip = zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED)
        self._zip.writestr("[Content_Types].xml", _CONTENT_TYPES)
        self._zip.writestr("_rels/.rels", _ROOT_RELS)
        self._zip.writestr("xl/workbook.xml", _WORKBOOK.format(name=escape(sheet[:31])))
        self._zip.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        self._sheet: IO[bytes] = self._zip.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
        self._sheet.write(_SHEET_START.encode())
        self.row(self.headers)

    def row(self, values: Sequence[Value]) -> None:
        cells = "".join(_cell(v) for v in values)
        self._sheet.write(f"<row>{cells}</row>".encode())

    def close(self) -> None:
        self._sheet.write(_SHEET_END.encode())
        self._sheet.close()
        self._zip.close()


def writer(format: Format, sink: Sink, headers: Sequence[str], name: str) -> Writer:
    if format is Format.CSV:
        return CsvWriter(sink, headers)
    if format is Format.JSON:
        return JsonWriter(sink, headers)
    return XlsxWriter(sink, headers, sheet=name)
