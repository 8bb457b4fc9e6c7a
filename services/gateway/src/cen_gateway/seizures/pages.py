"""The CEN database's web pages: one blueprint, its routes spread over the modules imported here."""

from __future__ import annotations

from cen_gateway.seizures import analysis, cases, imports, search  # noqa: F401  (they add their routes)
from cen_gateway.seizures.imports import UPLOAD_ENDPOINT
from cen_gateway.seizures.web import blueprint

# Pages whose body is a file streamed on to the service: their CSRF token travels as a header only.
STREAMED_UPLOAD_ENDPOINTS = frozenset({UPLOAD_ENDPOINT})

__all__ = ["STREAMED_UPLOAD_ENDPOINTS", "blueprint"]
