"""A service (the middle floor): SECURITY ACTION declarations, IDs, marks, basic policies, the
public registry and the open-data API. Its public face is `services.py` (writes) and
`selectors.py` (reads); it reads `diagnosis` through its selectors and imports no other
service.
"""
