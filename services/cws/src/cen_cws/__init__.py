"""CEN cws service."""
