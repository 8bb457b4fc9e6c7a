"""Generated package cen.seizures from protos/ (do not edit: run make protos)."""
