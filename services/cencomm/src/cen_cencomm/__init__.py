"""CENcomm closed-user-group messaging: the cencomm gRPC service."""
