"""Generated package cen.cpdb from protos/ (do not edit: run make protos)."""
