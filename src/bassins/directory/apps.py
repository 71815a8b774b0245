from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """The directory of services, shaped on Open Referral HSDS 3.1."""

    name = "bassins.directory"
    label = "directory"
