"""The public forms of the agenda: registration to an event, booking of open-door visits."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    organisation = forms.CharField(
        label=_("Organisation (optional)"), max_length=200, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"


class RegistrationForm(PersonForm):
    """Name, e-mail and organisation: nothing else is asked."""


class BookingForm(PersonForm):
    slots = forms.TypedMultipleChoiceField(
        label=_("Visits"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, slots=(), left=None, **kwargs):
        super().__init__(*args, **kwargs)
        left = left or {}
        choices = []
        for slot in slots:
            start, end = timezone.localtime(slot.start), timezone.localtime(slot.end)
            label = f"{slot.service_name}: {start:%d/%m %H:%M}–{end:%H:%M}"
            places = left.get(slot.pk, 0)
            label += " · " + (
                str(_("full")) if places <= 0 else str(_("%(n)s places left") % {"n": places})
            )
            choices.append((slot.pk, label))
        self.fields["slots"].choices = choices
