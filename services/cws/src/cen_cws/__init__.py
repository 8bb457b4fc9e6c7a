"""CEN website (alerts, situation sheets, RILO pages): the cws gRPC service."""
