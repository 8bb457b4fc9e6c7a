"""Who may call what: every RPC of PictureService for every tier and role, against the running service."""

from __future__ import annotations

from typing import Any

import grpc
import pytest
from cen.cpdb.v1 import cpdb_pb2 as pb
from cen_cpdb.policy import CPDB_POLICY

from tests.cpdb.conftest import Pictures, photo, rpc_error, similar_parts, upload_parts

USERS = ("limited", "readonly", "unlimited", "ncp-nl", "ncp-br", "rilo-weu", "coordinator", "wco-admin")
EVERYONE = set(USERS)
UPLOADERS = EVERYONE - {"limited", "readonly"}
WITHDRAWERS = {"ncp-nl", "ncp-br", "wco-admin"}
MISSING = "00000000-0000-4000-8000-000000000000"

# RPC -> (a request that passes the policy check, who the policy lets through)
CASES: dict[str, tuple[Any, set[str]]] = {
    "GetPictureReference": (pb.GetPictureReferenceRequest(), EVERYONE),
    "GetPicture": (pb.GetPictureRequest(id=MISSING), EVERYONE),
    "SearchPictures": (pb.SearchPicturesRequest(page={"page_size": 1}), EVERYONE),
    "FindSimilarPictures": (pb.FindSimilarPicturesRequest(id=MISSING), EVERYONE),
    "WithdrawPicture": (pb.WithdrawPictureRequest(id=MISSING, reason="wrong picture"), WITHDRAWERS),
}
STREAMING = {"UploadPicture": UPLOADERS, "FindSimilarToUpload": EVERYONE}


def test_every_rpc_is_in_the_policy_table_and_this_matrix() -> None:
    service = pb.DESCRIPTOR.services_by_name["PictureService"]
    assert CPDB_POLICY.missing(service) == []
    assert CPDB_POLICY.unknown(service) == []
    assert {m.name for m in service.methods} == set(CASES) | set(STREAMING)


@pytest.mark.integration
@pytest.mark.parametrize("method", sorted(CASES))
@pytest.mark.parametrize("user", USERS)
def test_policy_lets_through_exactly_the_allowed(pictures: Pictures, method: str, user: str) -> None:
    request, allowed = CASES[method]
    if user in allowed:
        try:
            pictures(user, method, request)
        except grpc.RpcError as err:
            # Refused further in (not found, invalid) is fine; refused by the policy is not.
            assert err.code() in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.INVALID_ARGUMENT), err.details()
    else:
        err = rpc_error(lambda: pictures(user, method, request))
        assert err.code() is grpc.StatusCode.PERMISSION_DENIED


@pytest.mark.integration
@pytest.mark.parametrize("method", sorted(CASES))
def test_no_token_is_unauthenticated(pictures: Pictures, method: str) -> None:
    err = rpc_error(lambda: pictures(None, method, CASES[method][0]))
    assert err.code() is grpc.StatusCode.UNAUTHENTICATED


@pytest.mark.integration
@pytest.mark.parametrize("user", USERS)
def test_upload_policy(pictures: Pictures, user: str) -> None:
    # Invalid details: allowed callers get a field error (nothing stored), the others a refusal.
    parts = upload_parts(b"\xff\xd8\xff", title="")
    err = rpc_error(lambda: pictures(user, "UploadPicture", parts))
    expected = grpc.StatusCode.INVALID_ARGUMENT if user in UPLOADERS else grpc.StatusCode.PERMISSION_DENIED
    assert err.code() is expected


@pytest.mark.integration
@pytest.mark.parametrize("user", USERS)
def test_similar_to_upload_policy(pictures: Pictures, user: str) -> None:
    assert user in STREAMING["FindSimilarToUpload"]
    result = pictures(user, "FindSimilarToUpload", similar_parts(photo(1)))
    assert isinstance(result, pb.SimilarPictures)


@pytest.mark.integration
def test_streams_need_a_token(pictures: Pictures) -> None:
    for method, parts in (
        ("UploadPicture", upload_parts(photo(2))),
        ("FindSimilarToUpload", similar_parts(photo(2))),
    ):
        err = rpc_error(lambda m=method, p=parts: pictures(None, m, p))
        assert err.code() is grpc.StatusCode.UNAUTHENTICATED
