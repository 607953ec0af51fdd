"""The composition floor: pages and jobs that read several services — the staff console at
/review/, statistics, the audit log, personal-data export and erasure, demo data.

It reads the services only through their `services` and `selectors` modules, never their
models (import-linter checks it, see pyproject.toml).
"""
