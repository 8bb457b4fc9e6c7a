"""Text typed by users: cleaning (no control or invisible characters, tidy whitespace) and parsing ids."""

from __future__ import annotations

import unicodedata
import uuid

from cen_core.errors import FieldViolation, InvalidArgument

# Joiners are kept: several scripts (Persian, Indic) need them inside names.
_KEPT_FORMAT_CHARS = frozenset({"\u200c", "\u200d"})


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Drop control and invisible format characters; single-line fields also collapse whitespace."""
    if value.isprintable():
        # The common case (imports clean tens of fields per row): no control, format or line characters.
        return " ".join((value if value.isascii() else unicodedata.normalize("NFC", value)).split())
    kept = []
    for char in unicodedata.normalize("NFC", value):
        category = unicodedata.category(char)
        if multiline and char == "\n":
            kept.append(char)
        elif char in ("\t", "\r", "\n", "\v", "\f"):
            kept.append(" ")
        elif category == "Cc" or (category == "Cf" and char not in _KEPT_FORMAT_CHARS):
            continue
        else:
            kept.append(char)
    text = "".join(kept)
    if multiline:
        lines = [" ".join(line.split()) for line in text.split("\n")]
        return "\n".join(lines).strip()
    return " ".join(text.split())


def parse_uuid(value: str, field: str = "id") -> uuid.UUID:
    """An id from a request, or a field error naming `field`."""
    try:
        return uuid.UUID(value)
    except (ValueError, AttributeError, TypeError):
        raise InvalidArgument([FieldViolation(field, "must be a UUID")]) from None
