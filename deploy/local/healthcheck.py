"""gRPC health probe for the local stack: exits 0 once ADDRESS reports SERVING (standard grpc.health.v1)."""

from __future__ import annotations

import argparse
import sys
import time

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc


def check(address: str, service: str, timeout: float) -> str:
    """One Check call; the status name, or the gRPC error code when the call fails."""
    with grpc.insecure_channel(address) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        try:
            response = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=timeout)
        except grpc.RpcError as exc:
            return exc.code().name
    return health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("address", help="host:port of the gRPC server")
    parser.add_argument("--service", default="", help="service name to ask about ('' = the whole server)")
    parser.add_argument("--wait", type=float, default=0.0, help="keep asking for up to this many seconds")
    args = parser.parse_args()

    deadline = time.monotonic() + args.wait
    while True:
        status = check(args.address, args.service, timeout=2.0)
        if status == "SERVING":
            return 0
        if time.monotonic() >= deadline:
            print(f"healthcheck: {args.address} {args.service or '(server)'}: {status}", file=sys.stderr)
            return 1
        time.sleep(0.5)


if __name__ == "__main__":
    sys.exit(main())
