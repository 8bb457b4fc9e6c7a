"""gRPC transport of the cencomm service. Only health and reflection until the module's protos land."""

from cen_core.grpc_server import GrpcServer, create_grpc_server, verifier_from_settings

from cen_cencomm.policy import POLICIES
from cen_cencomm.settings import Settings


def create_server(settings: Settings) -> GrpcServer:
    return create_grpc_server(
        settings, services=[], policies=POLICIES, verifier=verifier_from_settings(settings)
    )
