"""A small OpenID Connect provider for tests and development: django-oauth-toolkit with OIDC,
in a Django project of its own, run as a separate process (`python -m tools.oidc_provider.serve`).

It stands in for GビズID: the authorization code flow with PKCE, RS256-signed ID tokens from a
key generated at start, a userinfo endpoint, and demo accounts (Prime, Member, Entry) whose
claims carry the names GビズID's userinfo uses (`claims.py`). Never deploy it: its users and
passwords are public.
"""
