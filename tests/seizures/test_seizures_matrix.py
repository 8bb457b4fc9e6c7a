"""Who may call what: every RPC of SeizureService for every tier and role, against the running service."""

from __future__ import annotations

from typing import Any

import grpc
import pytest
from cen.seizures.v1 import seizures_pb2 as pb
from cen_seizures.policy import SEIZURES_POLICY

from tests.seizures.conftest import Seizures, rpc_error

USERS = ("limited", "readonly", "unlimited", "ncp-nl", "ncp-br", "rilo-weu", "coordinator", "wco-admin")
READERS = set(USERS) - {"limited"}
WRITERS = READERS - {"readonly"}
SUBMITTERS = {"ncp-nl", "ncp-br", "wco-admin"}
VALIDATORS = {"rilo-weu", "wco-admin"}
MISSING = "00000000-0000-4000-8000-000000000000"

# RPC -> (a request that passes the policy check, who the policy lets through)
CASES: dict[str, tuple[Any, set[str]]] = {
    "GetReferenceData": (pb.GetReferenceDataRequest(), READERS),
    "CreateSeizure": (pb.CreateSeizureRequest(), WRITERS),
    "GetSeizure": (pb.GetSeizureRequest(id=MISSING), READERS),
    "UpdateSeizure": (pb.UpdateSeizureRequest(id=MISSING, version=1), WRITERS),
    "DeleteSeizure": (pb.DeleteSeizureRequest(id=MISSING, version=1), WRITERS),
    "SubmitSeizure": (pb.SubmitSeizureRequest(id=MISSING, version=1), SUBMITTERS),
    "ValidateSeizure": (pb.ValidateSeizureRequest(id=MISSING, version=1), VALIDATORS),
    "ReturnSeizure": (pb.ReturnSeizureRequest(id=MISSING, version=1, reason="x"), VALIDATORS),
    "ListSeizureHistory": (pb.ListSeizureHistoryRequest(id=MISSING), READERS),
    "SearchSeizures": (pb.SearchSeizuresRequest(skip_facets=True, page={"page_size": 1}), READERS),
    "GetTrends": (pb.GetTrendsRequest(), READERS),
    "GetTopRoutes": (pb.GetTopRoutesRequest(), READERS),
    "GetConcealmentByTransportMode": (pb.GetConcealmentByTransportModeRequest(), READERS),
    "GetProfile": (pb.GetProfileRequest(country="NL"), READERS),
    "GetRiskIndicators": (pb.GetRiskIndicatorsRequest(), READERS),
    "GetCountryCounts": (pb.GetCountryCountsRequest(), READERS),
    "CreateWatchList": (pb.CreateWatchListRequest(), READERS),
    "ListWatchLists": (pb.ListWatchListsRequest(), READERS),
    "DeleteWatchList": (pb.DeleteWatchListRequest(id=MISSING), READERS),
    "ListWatchListHits": (pb.ListWatchListHitsRequest(), READERS),
    "GetImportJob": (pb.GetImportJobRequest(id=MISSING), WRITERS),
    "ListImportJobs": (pb.ListImportJobsRequest(), WRITERS),
    "ListImportErrors": (pb.ListImportErrorsRequest(id=MISSING), WRITERS),
    "GetImportTemplate": (
        pb.GetImportTemplateRequest(layout=pb.SEIZURE_FORM_SIMPLIFIED, format=pb.FILE_FORMAT_CSV),
        WRITERS,
    ),
}
STREAMING = {"UploadImport": WRITERS, "ExportSeizures": READERS}


def test_every_rpc_is_in_the_policy_table_and_this_matrix() -> None:
    service = pb.DESCRIPTOR.services_by_name["SeizureService"]
    assert SEIZURES_POLICY.missing(service) == []
    assert SEIZURES_POLICY.unknown(service) == []
    assert {m.name for m in service.methods} == set(CASES) | set(STREAMING)


@pytest.mark.integration
@pytest.mark.parametrize("method", sorted(CASES))
@pytest.mark.parametrize("user", USERS)
def test_policy_lets_through_exactly_the_allowed(call: Seizures, method: str, user: str) -> None:
    request, allowed = CASES[method]
    if user in allowed:
        try:
            call(user, method, request)
        except grpc.RpcError as err:
            # Refused further in (not found, invalid, scoping) is fine; refused by the policy is not.
            assert err.code() not in (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.INTERNAL), (
                err.details()
            )
            if err.code() is grpc.StatusCode.PERMISSION_DENIED:
                assert "tier" not in (err.details() or "") and "role" not in (err.details() or "")
    else:
        err = rpc_error(lambda: call(user, method, request))
        assert err.code() is grpc.StatusCode.PERMISSION_DENIED


@pytest.mark.integration
@pytest.mark.parametrize("method", sorted(CASES))
def test_no_token_is_unauthenticated(call: Seizures, method: str) -> None:
    err = rpc_error(lambda: call(None, method, CASES[method][0]))
    assert err.code() is grpc.StatusCode.UNAUTHENTICATED


@pytest.mark.integration
@pytest.mark.parametrize("user", USERS)
def test_export_stream_policy(call: Seizures, user: str) -> None:
    request = pb.ExportSeizuresRequest(format=pb.FILE_FORMAT_JSONL, filter=pb.SeizureFilter(countries=["TV"]))
    if user in STREAMING["ExportSeizures"]:
        list(call(user, "ExportSeizures", request))
    else:
        err = rpc_error(lambda: list(call(user, "ExportSeizures", request)))
        assert err.code() is grpc.StatusCode.PERMISSION_DENIED


@pytest.mark.integration
@pytest.mark.parametrize("user", ["limited", "readonly"])
def test_upload_refused_below_unlimited(call: Seizures, user: str) -> None:
    parts = iter(
        [
            pb.UploadImportRequest(
                metadata=pb.ImportMetadata(format=pb.FILE_FORMAT_CSV, layout=pb.SEIZURE_FORM_SIMPLIFIED)
            ),
            pb.UploadImportRequest(chunk=b"x"),
        ]
    )
    err = rpc_error(lambda: call(user, "UploadImport", parts))
    assert err.code() is grpc.StatusCode.PERMISSION_DENIED
