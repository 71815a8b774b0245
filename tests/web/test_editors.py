import pytest
from django.contrib.auth.models import AnonymousUser, Group, User

from bassins.web import editors

pytestmark = pytest.mark.django_db


def _user(name, *, staff=True, superuser=False, groups=()):
    user = User.objects.create_user(name, password="x", is_staff=staff, is_superuser=superuser)
    for group in groups:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def test_an_editor_edits_only_the_bassins_of_their_groups():
    nord = _user("nord", groups=["editors-N", "unrelated"])
    assert editors.editable_bassins(nord) == {"N"}
    assert editors.can_edit(nord, "N")
    assert not editors.can_edit(nord, "S")


def test_no_staff_flag_or_no_group_or_anonymous_edits_nothing():
    assert editors.editable_bassins(_user("citizen", staff=False, groups=["editors-N"])) == set()
    assert editors.editable_bassins(_user("staff")) == set()
    assert editors.editable_bassins(AnonymousUser()) == set()
    assert editors.editable_bassins(None) == set()


def test_a_group_naming_no_bassin_grants_nothing_and_a_superuser_edits_all():
    assert editors.editable_bassins(_user("odd", groups=["editors-XX", "editors-"])) == set()
    assert editors.editable_bassins(_user("root", superuser=True)) == {"CO", "N", "NE", "S", "SE"}


def test_group_names_are_checked():
    assert editors.editor_group_name("SE") == "editors-SE"
    with pytest.raises(ValueError, match="unknown bassin"):
        editors.editor_group_name("Sud")
