"""Generated package cen.auth.v1 from protos/ (do not edit: run make protos)."""
