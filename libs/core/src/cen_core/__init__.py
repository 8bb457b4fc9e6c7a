"""Shared runtime for CEN services."""
