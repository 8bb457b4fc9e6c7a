"""CEN auth service."""
