"""Bad input gets field errors and changes nothing; search filters are checked the same way."""

from __future__ import annotations

import grpc
import pytest
import sqlalchemy
from cen.seizures.v1 import seizures_pb2 as pb

from tests.seizures.conftest import Seizures, field_violations, long_form, rpc_error, simplified

pytestmark = pytest.mark.integration

LINE = {"heading": "drugs", "commodity_type": "cocaine", "quantity": 5.0, "unit": "kg"}
BAD_CASES = {
    "unknown country": (simplified("ZZ"), "country"),
    "unknown heading": (
        simplified(commodities=[pb.CommodityLine(**{**LINE, "heading": "sweets"})]),
        "commodities[0].heading",
    ),
    "type of another heading": (
        simplified(commodities=[pb.CommodityLine(**{**LINE, "commodity_type": "cigarettes"})]),
        "commodities[0].commodity_type",
    ),
    "negative quantity": (
        simplified(commodities=[pb.CommodityLine(**{**LINE, "quantity": -3})]),
        "commodities[0].quantity",
    ),
    "absurd quantity": (
        simplified(commodities=[pb.CommodityLine(**{**LINE, "quantity": 1e15})]),
        "commodities[0].quantity",
    ),
    "future date": (simplified(seizure_date="2999-01-01"), "seizure_date"),
    "bad date": (simplified(seizure_date="15/01/2026"), "seizure_date"),
    "unknown transport mode": (simplified(transport_mode="teleport"), "transport_mode"),
    "bad container check digit": (
        long_form(conveyance=pb.Conveyance(container_number="CSQU3054384")),
        "conveyance.container_number",
    ),
    "simplified with long fields": (simplified(narrative="not in this form"), "narrative"),
    "no commodity": (simplified(commodities=[]), "commodities"),
}


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_bad_case_is_refused_with_the_field_and_nothing_stored(
    call: Seizures, db: sqlalchemy.Engine, name: str
) -> None:
    seizure, field = BAD_CASES[name]
    with db.connect() as conn:
        before = conn.execute(sqlalchemy.text("SELECT count(*) FROM seizures")).scalar_one()
    err = rpc_error(lambda: call("wco-admin", "CreateSeizure", pb.CreateSeizureRequest(seizure=seizure)))
    assert err.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert f"seizure.{field}" in field_violations(err) or field in field_violations(err), field_violations(
        err
    )
    with db.connect() as conn:
        assert conn.execute(sqlalchemy.text("SELECT count(*) FROM seizures")).scalar_one() == before


def test_every_problem_is_reported_at_once(call: Seizures) -> None:
    seizure = simplified("ZZ", seizure_date="yesterday", transport_mode="")
    err = rpc_error(lambda: call("wco-admin", "CreateSeizure", pb.CreateSeizureRequest(seizure=seizure)))
    fields = field_violations(err)
    assert {"seizure.country", "seizure.seizure_date", "seizure.transport_mode"} <= set(fields)


@pytest.mark.parametrize(
    ("criteria", "field"),
    [
        ({"countries": ["XX"]}, "filter.countries[0]"),
        ({"headings": ["sweets"]}, "filter.headings[0]"),
        ({"date_from": "2026-13-01"}, "filter.date_from"),
        ({"date_from": "2026-02-01", "date_to": "2026-01-01"}, "filter.date_to"),
        ({"quantity_min": 10, "quantity_max": 1, "quantity_unit": "kg"}, "filter.quantity_max"),
        ({"quantity_min": 10}, "filter.quantity_unit"),
    ],
)
def test_bad_search_criteria(call: Seizures, criteria: dict[str, object], field: str) -> None:
    request = pb.SearchSeizuresRequest(filter=pb.SeizureFilter(**criteria))
    err = rpc_error(lambda: call("readonly", "SearchSeizures", request))
    assert err.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert field in field_violations(err)


def test_bad_page_token(call: Seizures) -> None:
    request = pb.SearchSeizuresRequest(page={"page_token": "not-a-token"})
    err = rpc_error(lambda: call("readonly", "SearchSeizures", request))
    assert "page.page_token" in field_violations(err)
