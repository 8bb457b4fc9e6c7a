"""Fixtures of the seizures tests: callers of the running seizures service and its database."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import grpc
import pytest
import sqlalchemy
from cen.seizures.v1 import seizures_pb2 as pb
from cen.seizures.v1 import seizures_pb2_grpc

from tests.conftest import SERVICE_ADDRS


class Seizures:
    """Calls the running SeizureService as a demo user (token from Keycloak)."""

    def __init__(self, stub: seizures_pb2_grpc.SeizureServiceStub, token_for: Callable[[str], str]) -> None:
        self.stub = stub
        self.token_for = token_for

    def __call__(self, user: str | None, method: str, request: Any) -> Any:
        metadata = [("x-request-id", f"test-{uuid.uuid4().hex[:16]}")]
        if user:
            metadata.append(("authorization", f"Bearer {self.token_for(user)}"))
        return getattr(self.stub, method)(request, metadata=metadata, timeout=60)


@pytest.fixture(scope="session")
def channel() -> Iterator[grpc.Channel]:
    with grpc.insecure_channel(SERVICE_ADDRS["seizures"]) as ch:
        grpc.channel_ready_future(ch).result(timeout=10)
        yield ch


@pytest.fixture(scope="session")
def call(channel: grpc.Channel, token_for: Callable[[str], str]) -> Seizures:
    return Seizures(seizures_pb2_grpc.SeizureServiceStub(channel), token_for)


@pytest.fixture(scope="session")
def db(stack_env: dict[str, str]) -> Iterator[sqlalchemy.Engine]:
    engine = sqlalchemy.create_engine(
        f"postgresql+psycopg://cen:{stack_env['CEN_DB_PASSWORD']}@127.0.0.1:5433/cen_seizures"
    )
    yield engine
    engine.dispose()


def rpc_error(call: Callable[[], Any]) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as caught:
        call()
    return caught.value


def field_violations(error: grpc.RpcError) -> dict[str, str]:
    """field -> description from the google.rpc.BadRequest detail of an INVALID_ARGUMENT error."""
    from google.rpc import error_details_pb2, status_pb2

    out: dict[str, str] = {}
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            status = status_pb2.Status.FromString(value)
            for detail in status.details:
                if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                    bad = error_details_pb2.BadRequest()
                    detail.Unpack(bad)
                    out.update({v.field: v.description for v in bad.field_violations})
    return out


def simplified(country: str = "", **overrides: Any) -> pb.SeizureInput:
    """A valid simplified case with a unique quantity (so it is not a duplicate of another test's case)."""
    quantity = 10 + uuid.uuid4().int % 100_000 / 7.0
    data: dict[str, Any] = {
        "form": pb.SEIZURE_FORM_SIMPLIFIED,
        "seizure_date": "2026-01-15",
        "transport_mode": "sea",
        "departure_country": "CO",
        "destination_country": "NL",
        "commodities": [
            pb.CommodityLine(heading="drugs", commodity_type="cocaine", quantity=quantity, unit="kg")
        ],
    }
    if country:
        data["country"] = country
    data.update(overrides)
    return pb.SeizureInput(**data)


def long_form(country: str = "", **overrides: Any) -> pb.SeizureInput:
    data: dict[str, Any] = {
        "form": pb.SEIZURE_FORM_LONG,
        "seizure_date": "2026-02-03",
        "place_type": "seaport",
        "place_name": "Rotterdam",
        "locode": "NLRTM",
        "customs_procedure": "import",
        "direction": "inbound",
        "detection_method": "x_ray",
        "transport_mode": "sea",
        "concealment_method": "in_cargo",
        "concealment_description": "bricks in banana boxes",
        "conveyance": pb.Conveyance(vessel_name="MSC Example", container_number="CSQU3054383"),
        "departure_country": "EC",
        "transit_countries": ["PA"],
        "destination_country": "NL",
        "commodities": [
            pb.CommodityLine(
                heading="drugs",
                commodity_type="cocaine",
                quantity=100 + uuid.uuid4().int % 10_000 / 3.0,
                unit="kg",
                estimated_value=1000000,
                currency="EUR",
            )
        ],
        "offenders": [pb.Offender(nationality="NL", gender="male", age_band="26_35", role="consignee")],
        "narrative": "Cocaine found in a reefer container of bananas after an x-ray image showed anomalies.",
    }
    if country:
        data["country"] = country
    data.update(overrides)
    return pb.SeizureInput(**data)
