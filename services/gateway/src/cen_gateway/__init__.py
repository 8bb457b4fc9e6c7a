"""CEN gateway service."""
