"""The seizures service as CPDb sees it: is a case there, and visible to the caller? (gRPC, caller's token)"""

from __future__ import annotations

import uuid

import grpc
from cen.seizures.v1 import seizures_pb2, seizures_pb2_grpc
from cen_core.auth.principal import Principal
from cen_core.errors import Unavailable


class SeizureCases:
    def __init__(self, address: str, timeout: float = 5.0) -> None:
        self._channel = grpc.insecure_channel(address)
        self._stub = seizures_pb2_grpc.SeizureServiceStub(self._channel)
        self._timeout = timeout

    def reference_of(self, principal: Principal, case_id: uuid.UUID) -> str | None:
        """The case's reference, or None when it does not exist or the caller may not see it."""
        try:
            case = self._stub.GetSeizure(
                seizures_pb2.GetSeizureRequest(id=str(case_id)),
                metadata=[("authorization", f"Bearer {principal.token}")],
                timeout=self._timeout,
            )
        except grpc.RpcError as exc:
            code = exc.code()
            if code in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.PERMISSION_DENIED):
                return None
            raise Unavailable(
                "the CEN database cannot be reached to check the case link; try again"
            ) from None
        return str(case.reference)

    def close(self) -> None:
        self._channel.close()
