"""Languages of the web UI: English (complete), French and Spanish, chosen by cookie or Accept-Language."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import request
from flask_babel import get_locale

log = logging.getLogger(__name__)
LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français", "es": "Español"}
DEFAULT_LANGUAGE = "en"
LANGUAGE_COOKIE = "cen_lang"
TRANSLATIONS = Path(__file__).parent / "translations"


def select_locale() -> str:
    chosen = request.cookies.get(LANGUAGE_COOKIE, "")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(list(LANGUAGES), default=DEFAULT_LANGUAGE)


def template_globals() -> dict[str, Any]:
    return {"languages": LANGUAGES, "current_language": lambda: str(get_locale() or DEFAULT_LANGUAGE)}


def compile_catalogues() -> None:
    """Build a missing or outdated .mo from its .po (build-assets.sh does it too; a start must not depend on it)."""
    for po_path in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        try:
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file)
            tmp = mo_path.with_suffix(".mo.tmp")
            with tmp.open("wb") as mo_file:
                write_mo(mo_file, catalog)
            tmp.replace(mo_path)
        except OSError as exc:
            log.warning("cannot compile translations", extra={"po": str(po_path), "error": str(exc)})
