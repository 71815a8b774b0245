"""Forms of the helpdesk: the case with its orientations, contacts, follow-ups and unmet needs."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bassins.helpdesk import territories
from bassins.helpdesk.models import (
    Case,
    Contact,
    FollowUp,
    Orientation,
    Partner,
    Status,
    Term,
    UnmetNeed,
)


def date_input():
    """A browser date picker: its value must be ISO (YYYY-MM-DD) whatever the page language."""
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class TermChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return str(obj)


def check_territory(form, cleaned, layer_field="territory_layer", code_field="territory_code"):
    layer, code = cleaned.get(layer_field), (cleaned.get(code_field) or "").strip()
    if code and not layer:
        form.add_error(layer_field, _("Say whether the code is a commune or a quartier."))
    elif layer and code and not territories.exists(layer, code):
        form.add_error(code_field, _("Unknown code “%(code)s”.") % {"code": code})


class CaseForm(forms.ModelForm):
    situations = TermChoices(
        queryset=Term.objects.filter(active=True), required=False, label=_("situation types")
    )
    needs = TermChoices(queryset=Term.objects.filter(active=True), required=False, label=_("needs"))

    class Meta:
        model = Case
        fields = [
            "bassin",
            "opened_on",
            "channel",
            "caller_partner",
            "caller_profession",
            "caller_organisation_type",
            "situations",
            "needs",
            "age_band",
            "territory_layer",
            "territory_code",
            "outcome",
            "minutes_spent",
            "closed_on",
            "summary",
        ]
        widgets = {
            "opened_on": date_input(),
            "closed_on": date_input(),
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        }

    def __init__(self, *args, bassins=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bassin"].choices = [(b, b) for b in bassins]
        if len(bassins) == 1:
            self.fields["bassin"].initial = bassins[0]
        # The caller's name only as a registered partner of the user's bassins (no name typed).
        partners = Partner.objects.filter(bassin__in=list(bassins), active=True)
        if self.instance.caller_partner_id:
            partners = partners | Partner.objects.filter(pk=self.instance.caller_partner_id)
        field = self.fields["caller_partner"]
        field.queryset = partners.order_by("bassin", "name", "id")
        field.empty_label = _("not a registered partner (no name kept)")
        field.label_from_instance = lambda p: f"{p} · {p.bassin}" if len(bassins) > 1 else str(p)

    @property
    def offers_partners(self) -> bool:
        """Show the caller's name (a registered partner) only where there are partners to pick."""
        return self.instance.caller_partner_id is not None or (
            self.fields["caller_partner"].queryset.exists()
        )

    def clean(self):
        cleaned = super().clean()
        check_territory(self, cleaned)
        partner, bassin = cleaned.get("caller_partner"), cleaned.get("bassin")
        if partner is not None and bassin and partner.bassin != bassin:
            self.add_error(
                "caller_partner", _("This caller is not a registered partner of the bassin.")
            )
        return cleaned


class OrientationForm(forms.ModelForm):
    service_label = forms.CharField(
        label=_("service (search the directory)"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-service-search": "1"}),
    )

    class Meta:
        model = Orientation
        fields = ["service_at_location", "service_label", "free_text"]
        widgets = {"service_at_location": forms.HiddenInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The hidden id takes any directory service at location; no list of all of them in the page.
        from bassins.directory.models import ServiceAtLocation

        self.fields["service_at_location"].queryset = ServiceAtLocation.objects.all()
        if self.instance.pk and self.instance.service_at_location_id:
            from bassins.helpdesk.services import service_label

            self.fields["service_label"].initial = service_label(self.instance.service_at_location)


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["on", "with_whom", "note"]
        widgets = {"on": date_input()}


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["action", "due_on", "done"]
        widgets = {"due_on": date_input()}


class UnmetNeedForm(forms.ModelForm):
    class Meta:
        model = UnmetNeed
        fields = ["need", "territory_layer", "territory_code", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = Term.objects.filter(active=True)

    def clean(self):
        cleaned = super().clean()
        check_territory(self, cleaned)
        return cleaned


def _formset(model, form, extra):
    return forms.inlineformset_factory(Case, model, form=form, extra=extra, can_delete=True)


OrientationFormSet = _formset(Orientation, OrientationForm, 2)
ContactFormSet = _formset(Contact, ContactForm, 1)
FollowUpFormSet = _formset(FollowUp, FollowUpForm, 1)
UnmetNeedFormSet = _formset(UnmetNeed, UnmetNeedForm, 1)
FORMSETS = {
    "orientations": OrientationFormSet,
    "contacts": ContactFormSet,
    "follow_ups": FollowUpFormSet,
    "unmet_needs": UnmetNeedFormSet,
}


def status_for(action: str, closed_on) -> str:
    """The status after saving: a draft stays a draft; a closing date closes the case."""
    if action == "draft":
        return Status.DRAFT
    return Status.CLOSED if closed_on else Status.OPEN


def validate_case_payload(form: CaseForm, formsets: dict) -> None:
    if not form.is_valid() or not all(fs.is_valid() for fs in formsets.values()):
        raise ValidationError("invalid")
