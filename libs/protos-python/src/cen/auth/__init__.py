"""Generated package cen.auth from protos/ (do not edit: run make protos)."""
