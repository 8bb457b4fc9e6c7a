"""The case lifecycle against the running service: entry scoping, status workflow, history, stale updates."""

from __future__ import annotations

import json

import grpc
import pytest
from cen.seizures.v1 import seizures_pb2 as pb

from tests.seizures.conftest import Seizures, field_violations, long_form, rpc_error, simplified

pytestmark = pytest.mark.integration


def test_unlimited_enters_drafts_of_its_own_country_only(call: Seizures) -> None:
    case = call("unlimited", "CreateSeizure", pb.CreateSeizureRequest(seizure=long_form()))
    assert case.country == "FR" and case.status == pb.SEIZURE_STATUS_DRAFT and case.version == 1
    assert case.reference.startswith("FR-2026-") and case.region and case.rilo == "WE"
    err = rpc_error(
        lambda: call("unlimited", "CreateSeizure", pb.CreateSeizureRequest(seizure=long_form("NL")))
    )
    assert err.code() is grpc.StatusCode.PERMISSION_DENIED


def test_wco_admin_enters_any_country(call: Seizures) -> None:
    case = call("wco-admin", "CreateSeizure", pb.CreateSeizureRequest(seizure=simplified("BR")))
    assert case.country == "BR" and case.rilo == "SA"


def test_drafts_stay_with_their_country(call: Seizures) -> None:
    case = call("ncp-nl", "CreateSeizure", pb.CreateSeizureRequest(seizure=simplified()))
    assert call("ncp-nl", "GetSeizure", pb.GetSeizureRequest(id=case.id)).reference == case.reference
    for outsider in ("ncp-br", "readonly", "unlimited"):
        err = rpc_error(lambda u=outsider: call(u, "GetSeizure", pb.GetSeizureRequest(id=case.id)))
        assert err.code() is grpc.StatusCode.NOT_FOUND


def test_update_keeps_history_and_refuses_stale_versions(call: Seizures) -> None:
    case = call("unlimited", "CreateSeizure", pb.CreateSeizureRequest(seizure=long_form()))
    changed = long_form(narrative="Second look: 12 more bricks in the reefer unit.")
    updated = call(
        "unlimited", "UpdateSeizure", pb.UpdateSeizureRequest(id=case.id, version=1, seizure=changed)
    )
    assert updated.version == 2 and updated.content.narrative.startswith("Second look")
    stale = long_form(narrative="An edit made on the old version")
    err = rpc_error(
        lambda: call(
            "unlimited", "UpdateSeizure", pb.UpdateSeizureRequest(id=case.id, version=1, seizure=stale)
        )
    )
    assert err.code() is grpc.StatusCode.ABORTED
    current = call("unlimited", "GetSeizure", pb.GetSeizureRequest(id=case.id))
    assert current.version == 2 and current.content.narrative.startswith("Second look")
    history = call("unlimited", "ListSeizureHistory", pb.ListSeizureHistoryRequest(id=case.id)).entries
    assert [e.action for e in history] == ["updated", "created"]
    assert history[0].actor == "unlimited" and history[0].version == 2
    before, after = json.loads(history[0].before_json), json.loads(history[0].after_json)
    assert set(before) == {"narrative", "commodities"} or "narrative" in before
    assert after["narrative"].startswith("Second look") and before["narrative"].startswith("Cocaine found")


def test_submit_validate_and_return(call: Seizures) -> None:
    case = call("ncp-nl", "CreateSeizure", pb.CreateSeizureRequest(seizure=long_form()))
    for user in ("unlimited", "ncp-br"):
        err = rpc_error(
            lambda u=user: call(u, "SubmitSeizure", pb.SubmitSeizureRequest(id=case.id, version=1))
        )
        assert err.code() in (grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.NOT_FOUND)
    submitted = call("ncp-nl", "SubmitSeizure", pb.SubmitSeizureRequest(id=case.id, version=1))
    assert submitted.status == pb.SEIZURE_STATUS_SUBMITTED and submitted.version == 2
    # Submitted cases are no longer editable, and every reader now sees them.
    err = rpc_error(
        lambda: call(
            "ncp-nl", "UpdateSeizure", pb.UpdateSeizureRequest(id=case.id, version=2, seizure=long_form())
        )
    )
    assert err.code() is grpc.StatusCode.FAILED_PRECONDITION
    assert call("readonly", "GetSeizure", pb.GetSeizureRequest(id=case.id)).version == 2
    err = rpc_error(
        lambda: call("rilo-weu", "ReturnSeizure", pb.ReturnSeizureRequest(id=case.id, version=2, reason=" "))
    )
    assert "reason" in field_violations(err)
    returned = call(
        "rilo-weu",
        "ReturnSeizure",
        pb.ReturnSeizureRequest(id=case.id, version=2, reason="Add the container's seal number."),
    )
    assert returned.status == pb.SEIZURE_STATUS_RETURNED and returned.return_reason.startswith("Add the")
    fixed = call(
        "ncp-nl",
        "UpdateSeizure",
        pb.UpdateSeizureRequest(
            id=case.id,
            version=3,
            seizure=long_form(concealment_description="Seal 123456, bricks in banana boxes"),
        ),
    )
    again = call("ncp-nl", "SubmitSeizure", pb.SubmitSeizureRequest(id=case.id, version=fixed.version))
    validated = call(
        "rilo-weu", "ValidateSeizure", pb.ValidateSeizureRequest(id=case.id, version=again.version)
    )
    assert validated.status == pb.SEIZURE_STATUS_VALIDATED and validated.validated_by == "rilo-weu"
    actions = [
        e.action
        for e in call("readonly", "ListSeizureHistory", pb.ListSeizureHistoryRequest(id=case.id)).entries
    ]
    assert actions == ["validated", "submitted", "updated", "returned", "submitted", "created"]


def test_rilo_analyst_acts_only_on_its_region(call: Seizures) -> None:
    case = call(
        "ncp-br",
        "CreateSeizure",
        pb.CreateSeizureRequest(seizure=simplified(departure_country="BO", destination_country="BR")),
    )
    submitted = call("ncp-br", "SubmitSeizure", pb.SubmitSeizureRequest(id=case.id, version=1))
    err = rpc_error(
        lambda: call(
            "rilo-weu", "ValidateSeizure", pb.ValidateSeizureRequest(id=case.id, version=submitted.version)
        )
    )
    assert err.code() is grpc.StatusCode.PERMISSION_DENIED
    assert (
        call(
            "wco-admin", "ValidateSeizure", pb.ValidateSeizureRequest(id=case.id, version=submitted.version)
        ).status
        == pb.SEIZURE_STATUS_VALIDATED
    )


def test_only_never_submitted_drafts_can_be_deleted(call: Seizures) -> None:
    case = call("ncp-nl", "CreateSeizure", pb.CreateSeizureRequest(seizure=simplified()))
    err = rpc_error(lambda: call("ncp-nl", "DeleteSeizure", pb.DeleteSeizureRequest(id=case.id, version=7)))
    assert err.code() is grpc.StatusCode.ABORTED
    call("ncp-nl", "DeleteSeizure", pb.DeleteSeizureRequest(id=case.id, version=1))
    err = rpc_error(lambda: call("ncp-nl", "GetSeizure", pb.GetSeizureRequest(id=case.id)))
    assert err.code() is grpc.StatusCode.NOT_FOUND


def test_possible_duplicates_are_flagged(call: Seizures) -> None:
    first = call("ncp-nl", "CreateSeizure", pb.CreateSeizureRequest(seizure=simplified()))
    quantity = first.content.commodities[0].quantity * 1.03
    line = pb.CommodityLine(heading="drugs", commodity_type="cocaine", quantity=quantity, unit="kg")
    second = call(
        "ncp-nl",
        "CreateSeizure",
        pb.CreateSeizureRequest(seizure=simplified(seizure_date="2026-01-16", commodities=[line])),
    )
    assert first.reference in second.possible_duplicates
