"""Generated package cen from protos/ (do not edit: run make protos)."""
