"""A service (the middle floor): security presenters — applications, profiles, search,
materials, talk requests. Its public face is `services.py` (writes) and `selectors.py`
(reads); it imports the core and no other service.
"""
