"""One error hierarchy for every service: each error knows its gRPC code and its HTTP status."""

from __future__ import annotations

from dataclasses import dataclass, field

import grpc
from google.protobuf import any_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

# The single mapping from gRPC status codes to HTTP statuses, used by the gateway and by CenError.
HTTP_STATUS_BY_GRPC_CODE: dict[grpc.StatusCode, int] = {
    grpc.StatusCode.OK: 200,
    grpc.StatusCode.INVALID_ARGUMENT: 400,
    grpc.StatusCode.FAILED_PRECONDITION: 409,  # the resource is not in a state that allows this
    grpc.StatusCode.OUT_OF_RANGE: 400,
    grpc.StatusCode.UNAUTHENTICATED: 401,
    grpc.StatusCode.PERMISSION_DENIED: 403,
    grpc.StatusCode.NOT_FOUND: 404,
    grpc.StatusCode.ALREADY_EXISTS: 409,
    grpc.StatusCode.ABORTED: 409,
    grpc.StatusCode.RESOURCE_EXHAUSTED: 429,
    grpc.StatusCode.CANCELLED: 499,
    grpc.StatusCode.UNIMPLEMENTED: 501,
    grpc.StatusCode.UNAVAILABLE: 503,
    grpc.StatusCode.DEADLINE_EXCEEDED: 504,
    grpc.StatusCode.INTERNAL: 500,
    grpc.StatusCode.UNKNOWN: 500,
    grpc.StatusCode.DATA_LOSS: 500,
}


@dataclass(frozen=True)
class FieldViolation:
    """One invalid field: its path in the request (e.g. `email`, `lines[2].quantity`) and why."""

    field: str
    description: str


class CenError(Exception):
    """Base of every expected error. The message is safe to show to the caller."""

    grpc_code: grpc.StatusCode = grpc.StatusCode.INTERNAL

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.public_message = message

    @property
    def http_status(self) -> int:
        return HTTP_STATUS_BY_GRPC_CODE[self.grpc_code]


class InvalidArgument(CenError):
    grpc_code = grpc.StatusCode.INVALID_ARGUMENT

    def __init__(self, violations: list[FieldViolation] | FieldViolation, message: str = "") -> None:
        if isinstance(violations, FieldViolation):
            violations = [violations]
        self.violations = list(violations)
        if not message:
            message = "; ".join(f"{v.field}: {v.description}" for v in self.violations) or "invalid request"
        super().__init__(message)


class Unauthenticated(CenError):
    grpc_code = grpc.StatusCode.UNAUTHENTICATED


class PermissionDenied(CenError):
    grpc_code = grpc.StatusCode.PERMISSION_DENIED


class NotFound(CenError):
    grpc_code = grpc.StatusCode.NOT_FOUND


class AlreadyExists(CenError):
    grpc_code = grpc.StatusCode.ALREADY_EXISTS


class Conflict(CenError):
    """A concurrent change won (stale version): retry with fresh data."""

    grpc_code = grpc.StatusCode.ABORTED


class FailedPrecondition(CenError):
    grpc_code = grpc.StatusCode.FAILED_PRECONDITION


class RateLimited(CenError):
    grpc_code = grpc.StatusCode.RESOURCE_EXHAUSTED

    def __init__(self, message: str, retry_after_seconds: int = 60) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


class Unavailable(CenError):
    grpc_code = grpc.StatusCode.UNAVAILABLE


def to_grpc_status(err: CenError) -> grpc.Status:
    """The rich gRPC status for an error: code, message and google.rpc details."""
    details: list[any_pb2.Any] = []
    if isinstance(err, InvalidArgument) and err.violations:
        bad_request = error_details_pb2.BadRequest(
            field_violations=[
                error_details_pb2.BadRequest.FieldViolation(field=v.field, description=v.description)
                for v in err.violations
            ]
        )
        packed = any_pb2.Any()
        packed.Pack(bad_request)
        details.append(packed)
    if isinstance(err, RateLimited):
        retry = error_details_pb2.RetryInfo()
        retry.retry_delay.seconds = err.retry_after_seconds
        packed = any_pb2.Any()
        packed.Pack(retry)
        details.append(packed)
    status = status_pb2.Status(code=err.grpc_code.value[0], message=err.public_message, details=details)
    return rpc_status.to_status(status)


@dataclass
class RemoteError:
    """What a client (the gateway) learns from a failed call, ready to become a problem+json."""

    grpc_code: grpc.StatusCode
    http_status: int
    message: str
    violations: list[FieldViolation] = field(default_factory=list)
    retry_after_seconds: int | None = None


def from_rpc_error(exc: grpc.RpcError) -> RemoteError:
    """Decode a failed gRPC call, including BadRequest field violations and RetryInfo."""
    code = exc.code() if hasattr(exc, "code") else grpc.StatusCode.UNKNOWN
    message = exc.details() if hasattr(exc, "details") else ""
    result = RemoteError(code, HTTP_STATUS_BY_GRPC_CODE.get(code, 500), message or code.name.lower())
    try:
        status = rpc_status.from_call(exc)
    except ValueError:
        status = None
    if status is None:
        return result
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad_request = error_details_pb2.BadRequest()
            detail.Unpack(bad_request)
            result.violations.extend(
                FieldViolation(v.field, v.description) for v in bad_request.field_violations
            )
        elif detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
            retry = error_details_pb2.RetryInfo()
            detail.Unpack(retry)
            result.retry_after_seconds = int(retry.retry_delay.seconds)
    return result


__all__ = [
    "HTTP_STATUS_BY_GRPC_CODE",
    "AlreadyExists",
    "CenError",
    "Conflict",
    "FailedPrecondition",
    "FieldViolation",
    "InvalidArgument",
    "NotFound",
    "PermissionDenied",
    "RateLimited",
    "RemoteError",
    "Unauthenticated",
    "Unavailable",
    "from_rpc_error",
    "to_grpc_status",
]
