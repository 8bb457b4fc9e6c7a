"""CEN cpdb service."""
