"""CEN seizures service."""
