"""Form errors people can act on, the same way in every form (issue 16, "nothing typed is lost").

Two halves:

- `SpecificErrors`, a form mixin: a field left empty says which field and what to do
  (「組織名を入力してください。」, 「業種を選んでください。」) instead of Django's bare
  「このフィールドは必須です。」. Messages a form sets itself are kept. The messages are made when
  the form is cleaned, so fields that a form (or allauth) adds in `__init__` are covered too.
- `error_summary(form)`, what `templates/includes/error_summary.html` lists at the top of the
  form: every error, each linked to its field, in the order of the fields (GOV.UK's pattern).
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext


def _in_sentence(label: str) -> str:
    """An English label inside a sentence starts in lower case ("Enter organisation name"),
    unless it is an acronym ("URL") or starts with "I" ("I agree…"). Japanese labels are unchanged."""
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def required_message(field: forms.Field) -> str:
    quoted = str(field.label or "").strip().rstrip(":：")
    label = _in_sentence(quoted)
    if not label:
        return gettext("この項目を入力してください。")
    if isinstance(field, forms.FileField):
        return gettext("%(label)sのファイルを選んでください。") % {"label": label}
    if isinstance(field, forms.BooleanField):
        # Quoted as the box says it (“Tick “I agree to the terms above”.”).
        return gettext("「%(label)s」にチェックを入れてください。") % {"label": quoted}
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return gettext("%(label)sを選んでください。") % {"label": label}
    return gettext("%(label)sを入力してください。") % {"label": label}


def name_required_messages(form: forms.BaseForm) -> None:
    """Replace Django's generic "required" message with one naming the field (see the module)."""
    generic = str(forms.Field.default_error_messages["required"])
    for field in form.fields.values():
        if str(field.error_messages.get("required", "")) == generic:
            field.error_messages = {**field.error_messages, "required": required_message(field)}


class SpecificErrors:
    """Form mixin: empty required fields are named in their error (see the module docstring)."""

    def full_clean(self):
        name_required_messages(self)
        super().full_clean()

    def add_service_error(self, error: ValidationError) -> None:
        """A service's refusal, shown by the field it names when the form has that field, else
        as an error of the whole form (a service may name a field another form asks for)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            self.add_error(field if field in self.fields else None, errors)


@dataclass(frozen=True)
class SummaryError:
    message: str
    label: str = ""
    anchor: str = ""  # the id of the input to move to; empty for errors of the whole form


def field_anchor(bound_field) -> str:
    """The id of the field's first input: radios and check-box lists have one id per option."""
    if bound_field.is_hidden:
        return ""
    widget = bound_field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound_field.auto_id}_0" if bound_field.auto_id else ""
    return bound_field.id_for_label or ""


def error_summary(form: forms.BaseForm | None) -> list[SummaryError]:
    """Every error of a bound form: the form's own first, then each field's in the form's order."""
    if form is None or not getattr(form, "is_bound", False) or not form.errors:
        return []
    errors = [SummaryError(str(message)) for message in form.non_field_errors()]
    for bound_field in form:
        for message in bound_field.errors:
            if bound_field.is_hidden:
                errors.append(SummaryError(str(message)))
            else:
                errors.append(
                    SummaryError(str(message), str(bound_field.label or ""), field_anchor(bound_field))
                )
    return errors
