"""A service (the middle floor): point learning — themes, quizzes, progress, certificates. Its
public face is `services.py` (writes) and `selectors.py` (reads); it reads `diagnosis`
through its selectors and imports no other service.
"""
