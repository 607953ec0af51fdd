"""A small, explicit state-machine pattern: each action names the states it may start
from and the state it leads to. Services check the table before they write, and record
every transition as an event."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.lib.audit import audit


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str | None  # None: the state does not change (e.g. a correction request)

    def check(self, current: str) -> str:
        """The state after this transition from `current`, or ValidationError if not allowed."""
        if current not in self.sources:
            raise ValidationError(_("この状態ではその操作はできません。"), code="invalid_transition")
        return self.target or current


def transitions(*items: tuple[str, set[str], str | None]) -> dict[str, Transition]:
    return {action: Transition(action, frozenset(sources), target) for action, sources, target in items}


def transition_record(
    subject, action: str, *, table: dict[str, Transition], event_model, actor, reason: str = "", target=""
) -> str:
    """Check `action` against `table`, move `subject` (a model with a `status`), save it, and
    write its event (a ReviewEventBase subclass whose foreign key is named after the subject's
    model) and its audit entry ("<model>.<action>", e.g. "declaration.suspended") in the same
    transaction. Every reviewed thing records its transitions this one way. Returns the old
    status."""
    before = subject.status
    subject.status = table[action].check(before)
    subject.full_clean()
    subject.save()
    event_model.objects.create(
        **{subject._meta.model_name: subject},
        actor=actor,
        action=action,
        from_status=before,
        to_status=subject.status,
        reason=reason,
    )
    audit(
        f"{subject._meta.model_name}.{action}",
        actor=actor,
        target=target or f"{subject._meta.model_name} {subject.pk}",
        reason=reason,
    )
    return before
