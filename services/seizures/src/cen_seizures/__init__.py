"""CEN database (seizures and offences): the seizures gRPC service."""
