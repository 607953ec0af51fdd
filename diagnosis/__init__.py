"""A service (the middle floor): the self-diagnosis — questionnaires, results, scoring, peer
statistics. Its public face is `services.py` (writes) and `selectors.py` (reads);
`declaration` and `learning` read it through `selectors` only. It imports the core, no other
service.
"""
