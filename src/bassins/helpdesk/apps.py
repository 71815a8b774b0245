from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class HelpdeskConfig(AppConfig):
    """The helpdesk's case log of complex situations: cases, roles, audit, statistics."""

    name = "bassins.helpdesk"
    label = "helpdesk"
    verbose_name = _("Helpdesk")

    def ready(self):
        from bassins.helpdesk import groups
        from bassins.helpdesk.models import Membership

        post_migrate.connect(groups.ensure_groups, sender=self)

        def membership_changed(sender, instance, **kwargs):
            from bassins.helpdesk.access import forget_roles

            forget_roles(instance.user)
            groups.sync_user_groups(instance.user)

        post_save.connect(membership_changed, sender=Membership, weak=False)
        post_delete.connect(membership_changed, sender=Membership, weak=False)
