"""Pictures in the domain: kinds, statuses, and checking what an officer says about a picture."""

from __future__ import annotations

import enum
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cen_core.errors import FieldViolation, InvalidArgument
from cen_core.reference import ReferenceData
from cen_core.text import clean_text

MAX_TITLE = 200
MAX_DESCRIPTION = 4000
MAX_TAGS = 20
MAX_TAG = 40
_TAG = re.compile(r"[\w\- ]+")


class Kind(enum.StrEnum):
    PHOTO = "photo"
    XRAY = "xray"


class Status(enum.StrEnum):
    PENDING = "pending"
    READY = "ready"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Details:
    """Checked picture details (codes from the shared reference data)."""

    kind: Kind
    title: str
    description: str
    heading: str
    commodity_type: str
    concealment_method: str
    transport_mode: str
    country: str
    case_id: uuid.UUID | None
    tags: tuple[str, ...]

    def search_text(self, ref: ReferenceData) -> str:
        """What full-text search reads: the words plus the names behind the codes."""
        names = [
            _name(ref.heading(self.heading)),
            _name(ref.commodity_type(self.commodity_type)),
            _term_name(ref, "concealment_methods", self.concealment_method),
            _term_name(ref, "transport_modes", self.transport_mode),
            _name(ref.country(self.country)),
        ]
        return " ".join([self.title, self.description, *self.tags, *(n for n in names if n)])


@dataclass(frozen=True)
class PictureRecord:
    id: uuid.UUID
    kind: Kind
    title: str
    description: str
    heading: str
    commodity_type: str
    concealment_method: str
    transport_mode: str
    country: str
    case_id: uuid.UUID | None
    case_reference: str
    tags: tuple[str, ...]
    uploaded_by: str
    uploader_id: str
    uploader_country: str
    filename: str
    status: Status
    status_reason: str
    media_type: str
    size_bytes: int
    width: int
    height: int
    sha256: str
    phash: int | None
    rendition_type: str
    attempts: int
    created_at: datetime
    processed_at: datetime | None


def _name(item: Any) -> str:
    return str(item.name) if item is not None else ""


def _term_name(ref: ReferenceData, terms: str, code: str) -> str:
    return next((t.name for t in getattr(ref, terms) if t.code == code), "")


def validate_details(data: dict[str, Any], ref: ReferenceData, *, default_country: str) -> Details:
    """Check every field at once; the error lists each bad field with its reason."""
    problems: list[FieldViolation] = []

    def bad(field: str, reason: str) -> None:
        problems.append(FieldViolation(field, reason))

    kind_value = str(data.get("kind") or "")
    kind = Kind(kind_value) if kind_value in Kind.__members__.values() else None
    if kind is None:
        bad("kind", "must be PICTURE_KIND_PHOTO or PICTURE_KIND_XRAY")
    title = clean_text(str(data.get("title") or "")).strip()
    if not 3 <= len(title) <= MAX_TITLE:
        bad("title", f"3 to {MAX_TITLE} characters")
    description = clean_text(str(data.get("description") or ""), multiline=True).strip()
    if len(description) > MAX_DESCRIPTION:
        bad("description", f"at most {MAX_DESCRIPTION} characters")
    heading = str(data.get("heading") or "")
    if not heading:
        bad("heading", "required")
    elif ref.heading(heading) is None:
        bad("heading", f"unknown heading {heading!r}")
    commodity_type = str(data.get("commodity_type") or "")
    if commodity_type:
        found = ref.commodity_type(commodity_type)
        if found is None:
            bad("commodity_type", f"unknown commodity type {commodity_type!r}")
        elif heading and found.heading != heading:
            bad("commodity_type", f"{commodity_type!r} is not a commodity type of heading {heading!r}")
    concealment = str(data.get("concealment_method") or "")
    if concealment and not ref.has_term("concealment_methods", concealment):
        bad("concealment_method", f"unknown concealment method {concealment!r}")
    mode = str(data.get("transport_mode") or "")
    if mode and not ref.has_term("transport_modes", mode):
        bad("transport_mode", f"unknown transport mode {mode!r}")
    country = str(data.get("country") or default_country).upper()
    if not country:
        bad("country", "required (your account has no country)")
    elif ref.country(country) is None:
        bad("country", f"unknown country {country!r} (ISO 3166-1 alpha-2)")
    case_id: uuid.UUID | None = None
    if data.get("case_id"):
        try:
            case_id = uuid.UUID(str(data["case_id"]))
        except ValueError:
            bad("case_id", "not a case id")
    tags: list[str] = []
    raw_tags = data.get("tags") or []
    if len(raw_tags) > MAX_TAGS:
        bad("tags", f"at most {MAX_TAGS} tags")
    for i, raw in enumerate(raw_tags[: MAX_TAGS + 1]):
        tag = " ".join(clean_text(str(raw)).lower().split())
        if not tag or len(tag) > MAX_TAG or not _TAG.fullmatch(tag):
            bad(f"tags[{i}]", f"1 to {MAX_TAG} letters, digits, spaces, - or _")
        elif tag not in tags:
            tags.append(tag)
    if problems or kind is None:
        raise InvalidArgument(problems)
    return Details(
        kind=kind,
        title=title,
        description=description,
        heading=heading,
        commodity_type=commodity_type,
        concealment_method=concealment,
        transport_mode=mode,
        country=country,
        case_id=case_id,
        tags=tuple(tags),
    )
