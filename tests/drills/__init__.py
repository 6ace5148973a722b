"""Fault drills: real processes (gunicorn, PostgreSQL, the worker) made to fail."""
