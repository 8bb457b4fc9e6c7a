"""Generated package cen.seizures.v1 from protos/ (do not edit: run make protos)."""
