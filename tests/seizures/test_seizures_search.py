"""Search over the demo data and fresh cases: text, filters, facets, stable pages."""

from __future__ import annotations

import uuid

import pytest
from cen.seizures.v1 import seizures_pb2 as pb

from tests.seizures.conftest import Seizures, long_form

pytestmark = pytest.mark.integration


def test_text_search_finds_a_fresh_case_by_narrative_and_conveyance(call: Seizures) -> None:
    word = "zq" + uuid.uuid4().hex[:10]
    case = call(
        "ncp-nl",
        "CreateSeizure",
        pb.CreateSeizureRequest(
            seizure=long_form(narrative=f"Marker {word} hidden under the floor of a reefer.")
        ),
    )
    call("ncp-nl", "SubmitSeizure", pb.SubmitSeizureRequest(id=case.id, version=1))
    found = call(
        "readonly",
        "SearchSeizures",
        pb.SearchSeizuresRequest(filter=pb.SeizureFilter(text=word), sort=pb.SEARCH_SORT_RELEVANCE),
    )
    assert [s.reference for s in found.seizures] == [case.reference]
    assert "<b>" in found.seizures[0].snippet
    by_container = call(
        "readonly",
        "SearchSeizures",
        pb.SearchSeizuresRequest(filter=pb.SeizureFilter(text=word + " CSQU3054383")),
    )
    assert case.reference in [s.reference for s in by_container.seizures]


def test_filters_and_facets_agree(call: Seizures) -> None:
    # Narrow enough to stay under the exact-count limit whether the database holds 20,000 or 1,000,000 cases.
    criteria = pb.SeizureFilter(
        headings=["drugs"],
        countries=["NL"],
        transport_modes=["sea"],
        date_from="2024-01-01",
        date_to="2024-12-31",
    )
    result = call(
        "readonly", "SearchSeizures", pb.SearchSeizuresRequest(filter=criteria, page={"page_size": 100})
    )
    assert result.seizures, "the demo data has Dutch drug seizures"
    for s in result.seizures:
        assert "drugs" in s.headings and s.country == "NL" and "2024-01-01" <= s.seizure_date <= "2024-12-31"
    assert not result.estimated
    facets = {f.field: {c.value: c.count for c in f.counts} for f in result.facets}
    assert facets["countries"] == {"NL": result.page.total_size}
    assert sum(facets["years"].values()) == result.page.total_size
    assert set(facets["years"]) == {"2024"}


def test_pages_are_stable_and_complete(call: Seizures) -> None:
    criteria = pb.SeizureFilter(
        countries=["BE"], headings=["tobacco"], date_from="2023-01-01", date_to="2023-12-31"
    )
    seen: list[str] = []
    token = ""
    while True:
        page = call(
            "readonly",
            "SearchSeizures",
            pb.SearchSeizuresRequest(
                filter=criteria,
                sort=pb.SEARCH_SORT_DATE_DESC,
                skip_facets=True,
                page={"page_size": 25, "page_token": token},
            ),
        )
        dates = [s.seizure_date for s in page.seizures]
        assert dates == sorted(dates, reverse=True)
        seen += [s.id for s in page.seizures]
        token = page.page.next_page_token
        if not token:
            break
    assert len(seen) == len(set(seen)) == page.page.total_size


def test_route_and_quantity_filters(call: Seizures) -> None:
    criteria = pb.SeizureFilter(route_countries=["CO"], quantity_min=100, quantity_unit="kg")
    result = call("readonly", "SearchSeizures", pb.SearchSeizuresRequest(filter=criteria, skip_facets=True))
    assert result.seizures, "the demo data has Colombian routes with large seizures"
    for summary in result.seizures[:10]:
        case = call("readonly", "GetSeizure", pb.GetSeizureRequest(id=summary.id)).content
        route = {case.departure_country, case.destination_country, *case.transit_countries}
        assert "CO" in route
        assert any(line.unit == "kg" and line.quantity >= 100 for line in case.commodities)
