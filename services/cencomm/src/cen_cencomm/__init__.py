"""CEN cencomm service."""
