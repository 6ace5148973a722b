"""Deterministic synthetic demo data for HRS (see seed.py); nothing here is a real person."""
