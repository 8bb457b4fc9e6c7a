"""Input rules: cleaning free text and checking the access-request form and list filters."""

from __future__ import annotations

import re

from cen_core.auth.principal import Tier
from cen_core.errors import FieldViolation, InvalidArgument
from cen_core.paging import page_size
from cen_core.text import clean_text

from cen_auth.countries import is_country_code
from cen_auth.domain import AccessRequestForm, PageRequest

MAX_EMAIL_LENGTH = 254
MAX_SEARCH_LENGTH = 100
MAX_REASON_LENGTH = 2000

_LOCAL_PART = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_DOMAIN_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
_TOP_LEVEL = re.compile(r"^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$")


def email_problem(email: str) -> str | None:
    """Why an address is not acceptable, or None. Keycloak stores addresses in lower case, as do we."""
    if not email:
        return "required"
    if len(email) > MAX_EMAIL_LENGTH:
        return f"must be at most {MAX_EMAIL_LENGTH} characters"
    local, at, domain = email.rpartition("@")
    if not at or not local or not domain:
        return "must be an email address like name@example.org"
    if len(local) > 64 or not _LOCAL_PART.match(local):
        return "the part before @ is not a valid mailbox name"
    labels = domain.split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.match(label) for label in labels):
        return "the part after @ is not a valid domain name"
    if not _TOP_LEVEL.match(labels[-1]):
        return "the part after @ is not a valid domain name"
    return None


def _length_problem(value: str, low: int, high: int) -> str | None:
    if not value:
        return "required"
    if len(value) < low:
        return f"must be at least {low} characters"
    if len(value) > high:
        return f"must be at most {high} characters"
    return None


def validate_access_request(
    *,
    first_name: str,
    last_name: str,
    email: str,
    administration: str,
    country: str,
    requested_tier: Tier | None,
    justification: str,
) -> AccessRequestForm:
    """Clean every field and check it; all problems are reported together as field violations."""
    cleaned = {
        "first_name": clean_text(first_name),
        "last_name": clean_text(last_name),
        "email": clean_text(email).lower(),
        "administration": clean_text(administration),
        "country": clean_text(country).upper(),
        "justification": clean_text(justification, multiline=True),
    }
    problems: dict[str, str | None] = {
        "first_name": _length_problem(cleaned["first_name"], 1, 100),
        "last_name": _length_problem(cleaned["last_name"], 1, 100),
        "email": email_problem(cleaned["email"]),
        "administration": _length_problem(cleaned["administration"], 2, 200),
        "country": country_problem(cleaned["country"], required=True),
        "requested_tier": "required" if requested_tier is None else None,
        "justification": _length_problem(cleaned["justification"], 20, 2000),
    }
    violations = [FieldViolation(name, problem) for name, problem in problems.items() if problem]
    if violations or requested_tier is None:
        raise InvalidArgument(violations)
    return AccessRequestForm(requested_tier=requested_tier, **cleaned)


def country_problem(code: str, *, required: bool = False) -> str | None:
    """Why a country filter or field is not acceptable, or None."""
    if not code:
        return "required" if required else None
    if not is_country_code(code):
        return "must be an ISO 3166-1 alpha-2 country code, e.g. NL"
    return None


def normalise_country_filter(value: str, field: str = "country") -> str:
    """An optional country filter in upper case; a field violation when it is not a real code."""
    code = clean_text(value).upper()
    problem = country_problem(code)
    if problem:
        raise InvalidArgument([FieldViolation(field, problem)])
    return code


def page_request(size: int, token: str) -> PageRequest:
    """Page size 1-200 (0 means the default); the token is checked where it is decoded."""
    return PageRequest(size=page_size(size), token=token)


def required_reason(value: str, field: str = "reason") -> str:
    """A reason that must be given (rejection, disabling), cleaned, at most 2000 characters."""
    reason = clean_text(value, multiline=True)
    problem = _length_problem(reason, 1, MAX_REASON_LENGTH)
    if problem:
        raise InvalidArgument([FieldViolation(field, problem)])
    return reason


def optional_reason(value: str, field: str = "reason") -> str:
    """A reason that may be empty, cleaned, at most 2000 characters."""
    reason = clean_text(value, multiline=True)
    if len(reason) > MAX_REASON_LENGTH:
        raise InvalidArgument([FieldViolation(field, f"must be at most {MAX_REASON_LENGTH} characters")])
    return reason


def search_text(value: str) -> str:
    """The free-text user search, cleaned and bounded."""
    text = clean_text(value)
    if len(text) > MAX_SEARCH_LENGTH:
        raise InvalidArgument([FieldViolation("search", f"must be at most {MAX_SEARCH_LENGTH} characters")])
    return text
