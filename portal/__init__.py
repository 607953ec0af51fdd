"""The core floor: users, organisations, memberships, the access helper and `portal/lib/`.

It imports no service (import-linter checks it, see pyproject.toml): the services build on
it, and the composition floor (`console/`) reads the services.
"""
