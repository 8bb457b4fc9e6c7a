"""Unit tests of the access-request form rules and the other input checks."""

from __future__ import annotations

import pytest
from cen_auth import validation
from cen_auth.countries import country_names, is_country_code
from cen_core.auth.principal import Tier
from cen_core.errors import InvalidArgument

GOOD = {
    "first_name": "Anna",
    "last_name": "de Vries",
    "email": "Anna.de.Vries@Douane.NL",
    "administration": "Dutch Customs",
    "country": "nl",
    "requested_tier": Tier.READONLY,
    "justification": "I analyse seizures of cocaine at the port of Rotterdam.",
}


def violations(**changes: object) -> dict[str, str]:
    with pytest.raises(InvalidArgument) as caught:
        validation.validate_access_request(**{**GOOD, **changes})  # type: ignore[arg-type]
    return {v.field: v.description for v in caught.value.violations}


def test_good_form_is_cleaned() -> None:
    form = validation.validate_access_request(**GOOD)  # type: ignore[arg-type]
    assert form.email == "anna.de.vries@douane.nl"
    assert form.country == "NL"
    assert form.requested_tier is Tier.READONLY


def test_every_bad_field_is_reported_at_once() -> None:
    found = violations(
        first_name="",
        last_name="x" * 101,
        email="not-an-email",
        administration="D",
        country="XX",
        requested_tier=None,
        justification="too short",
    )
    assert set(found) == {
        "first_name",
        "last_name",
        "email",
        "administration",
        "country",
        "requested_tier",
        "justification",
    }


@pytest.mark.parametrize(
    "email",
    [
        "a@b",
        "a@@b.org",
        "@b.org",
        "a.@b.org",
        "a..b@b.org",
        "a@-b.org",
        "a@b.1",
        "a b@b.org",
        "x" * 65 + "@b.org",
        "a@" + "b" * 250 + ".org",
    ],
)
def test_bad_emails(email: str) -> None:
    assert "email" in violations(email=email)


@pytest.mark.parametrize("email", ["a@b.org", "first.last+cen@sub.douane.gov.br", "x@xn--fiqs8s.example"])
def test_good_emails(email: str) -> None:
    assert validation.email_problem(email) is None


def test_control_and_bidi_characters_are_stripped() -> None:
    form = validation.validate_access_request(
        **{
            **GOOD,
            "first_name": "\x07An\u202ena\x00",
            "justification": "line one is long enough\n\x1bline two",
        }
    )  # type: ignore[arg-type]
    assert form.first_name == "Anna"
    assert form.justification == "line one is long enough\nline two"


def test_whitespace_only_counts_as_missing() -> None:
    assert violations(first_name=" \t\n ")["first_name"] == "required"


def test_length_is_measured_after_cleaning() -> None:
    # 20 visible characters padded with control characters is still too short below 20.
    assert "justification" in violations(justification="\x00" * 30 + "short")


def test_country_list_is_the_full_iso_list() -> None:
    names = country_names()
    assert len(names) == 249
    assert is_country_code("NL") and is_country_code("BR") and is_country_code("ZW")
    assert not is_country_code("XX") and not is_country_code("nl") and not is_country_code("UK")


@pytest.mark.parametrize(("size", "expected"), [(0, 50), (1, 1), (200, 200)])
def test_page_size(size: int, expected: int) -> None:
    assert validation.page_request(size, "").size == expected


@pytest.mark.parametrize("size", [-1, 201])
def test_page_size_out_of_range(size: int) -> None:
    with pytest.raises(InvalidArgument) as caught:
        validation.page_request(size, "")
    assert caught.value.violations[0].field == "page.page_size"


def test_reasons() -> None:
    with pytest.raises(InvalidArgument):
        validation.required_reason(" \x00 ")
    assert validation.required_reason(" duplicate\x07 ") == "duplicate"
    with pytest.raises(InvalidArgument):
        validation.optional_reason("x" * 2001)


def test_country_filter() -> None:
    assert validation.normalise_country_filter(" br ") == "BR"
    assert validation.normalise_country_filter("") == ""
    with pytest.raises(InvalidArgument):
        validation.normalise_country_filter("ZZ")
