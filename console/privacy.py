"""What the portal holds about a person or an organisation, as downloadable JSON.

An export has to be complete, so it joins the core's records with every service's part:
each offers `personal_data(user)` (and, where it keeps an organisation's records,
`organisation_data(organisation)`) in its selectors. This module writes nothing; what
account deletion does with the same data is console.erasure's register.
"""

from declaration import selectors as declaration_selectors
from diagnosis import selectors as diagnosis_selectors
from learning import selectors as learning_selectors
from portal import selectors as portal_selectors
from presenters import selectors as presenter_selectors

PERSONAL_DATA = (
    portal_selectors.personal_data,
    diagnosis_selectors.personal_data,
    declaration_selectors.personal_data,
    learning_selectors.personal_data,
    presenter_selectors.personal_data,
)
ORGANISATION_DATA = (
    portal_selectors.organisation_data,
    diagnosis_selectors.organisation_data,
    declaration_selectors.organisation_data,
)


def personal_data(user) -> dict:
    """Everything stored about `user` themselves (not their organisations' shared records)."""
    return _joined(PERSONAL_DATA, user)


def organisation_data(organisation) -> dict:
    """An organisation's records, for its admins."""
    return _joined(ORGANISATION_DATA, organisation)


def _joined(parts, subject) -> dict:
    data = {}
    for part in parts:
        data.update(part(subject))
    return data
