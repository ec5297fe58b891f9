"""Staff roles, as Django groups:

- *Redaktör* (editor): edits everything in the annual cycle's apps, and sees participants'
  needs.
- *Läsare* (reader): reads everything there, changes nothing, and never sees special-category
  data (participants' needs: the ``registrations.view_needs`` permission).

The groups are created by a data migration; after every ``migrate`` the permissions of
models added since are granted too (permissions are only ever added: staff may give a group
more, and nothing here takes it back). Superusers remain for user management.
"""

from django.apps import apps as global_apps

EDITOR = "Redaktör"
READER = "Läsare"

# The apps whose models staff work with.
APPS = [
    "arshjul",
    "meetings",
    "registrations",
    "survey",
    "indicators",
    "working_material",
    "workshops",
    "situation",
    "followup",
    "opendata",
]

# Permissions a reader never gets.
SENSITIVE = {"view_needs"}


def sync_roles(apps=global_apps, using: str = "default") -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.using(using).filter(content_type__app_label__in=APPS)
    editor, _ = Group.objects.using(using).get_or_create(name=EDITOR)
    editor.permissions.add(*permissions)
    reader, _ = Group.objects.using(using).get_or_create(name=READER)
    reader.permissions.add(
        *permissions.filter(codename__startswith="view_").exclude(codename__in=SENSITIVE)
    )


def sync_roles_after_migrate(sender, using="default", apps=global_apps, **kwargs):
    """post_migrate: grant the roles the permissions of models that are new."""
    try:
        apps.get_model("auth", "Permission")
    except LookupError:  # auth is not migrated (yet)
        return
    sync_roles(apps, using)
