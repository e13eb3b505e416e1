"""R-ORG-5: one scope mechanism — union over roles, deny by default, out-of-scope is 404."""

from __future__ import annotations

import pytest

from jiandu.core import scope
from jiandu.core.errors import Forbidden, NotFound
from jiandu.organization.models import Unit, User, UserRole
from jiandu.organization.roles import AREAS, ROLE_SCOPES, Role, scope_kinds


def codes(qs) -> set[str]:
    return set(qs.values_list("code", flat=True))


def test_agency_sees_its_whole_district_but_not_the_neighbouring_district(world):
    visible = codes(scope.visible(Unit.objects.all(), world.agency))
    assert {"t-hr", "t-scjg", "t-hrz", "t-gdz", "t-agency"} <= visible
    assert "t-lzh-scjg" not in visible
    assert "t-4207" not in visible  # the city is above the district


def test_township_legal_officer_sees_only_own_township(world):
    assert codes(scope.visible(Unit.objects.all(), world.hrz_legal)) == {"t-hrz"}


def test_user_without_roles_sees_nothing(world):
    nobody = User.objects.create(username="nobody", unit=world.unit("hrz"))
    assert not scope.visible(Unit.objects.all(), nobody).exists()


def test_scopes_of_several_roles_combine_as_a_union(world):
    user = world.hrz_legal
    UserRole.objects.create(user=user, role=Role.JOINT_REVIEWER)
    user = User.objects.get(pk=user.pk)
    assert "t-gdz" in codes(scope.visible(Unit.objects.all(), user))  # reviewer grant: jurisdiction


def test_inactive_and_anonymous_users_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    user = world.agency
    user.is_active = False
    assert not scope.visible(Unit.objects.all(), user).exists()
    assert not scope.visible(Unit.objects.all(), AnonymousUser()).exists()


def test_out_of_scope_object_is_not_found_exactly_like_a_missing_one(world):
    other = world.unit("gdz")
    with pytest.raises(NotFound) as outside:
        scope.get_visible(Unit.objects.all(), world.hrz_legal, id=other.id)
    with pytest.raises(NotFound) as missing:
        scope.get_visible(Unit.objects.all(), world.hrz_legal, id=999999)
    assert outside.value.message == missing.value.message
    assert outside.value.code == missing.value.code


def test_require_refuses_a_permission_the_roles_lack(world):
    with pytest.raises(Forbidden):
        scope.require(world.hrz_legal, "personnel.sanction")


def test_require_answers_not_found_for_a_unit_outside_reach(world):
    with pytest.raises(NotFound):
        scope.require(world.hrz_legal, "personnel.manage", unit=world.unit("gdz"))
    scope.require(world.hrz_legal, "personnel.manage", unit=world.unit("hrz"))


def test_city_reviewer_reaches_every_district_of_the_city_for_reviews_only(world):
    reviewer = world.city_review
    assert scope.unit_visible(reviewer, world.unit("hrz"), "personnel.review")
    assert scope.unit_visible(reviewer, world.unit("lzh-scjg"), "personnel.review")
    assert not scope.unit_visible(reviewer, world.unit("hrz"), "personnel")


def test_every_role_scope_names_known_areas():
    for role, table in ROLE_SCOPES.items():
        for area in table:
            assert area == "*" or area in AREAS, (role, area)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("area", AREAS)
def test_scope_kinds_is_exact_area_or_star_and_nothing_else(role, area):
    table = ROLE_SCOPES.get(role, {})
    granted = table[area] if area in table else table.get("*")
    expected = {granted} if granted else set()
    assert scope_kinds({role}, area) == expected



def test_referrals_are_denied_to_unit_legal_officers_and_leaders_despite_their_catch_all(world):
    assert scope_kinds({Role.UNIT_LEGAL_OFFICER}, "personnel.referral") == set()
    assert scope_kinds({Role.LEADER}, "personnel.referral") == set()
    assert scope_kinds({Role.UNIT_LEGAL_OFFICER}, "personnel") == {"subtree"}
    assert scope_kinds({Role.DISCIPLINE_LIAISON}, "personnel.referral") == {"jurisdiction"}


def test_the_unit_and_below_scope_reaches_exactly_the_units_under_the_users_unit_for_every_unit(world):
    """R-ORG-5: "unit and below", filtered on the subtree's unit ids for speed (bench/), is exactly
    the set of units whose path starts with the user's unit's path — for a user placed at every unit."""
    units = list(Unit.objects.all())
    users = {}
    for unit in units:
        users[unit.pk] = User.objects.create(username=f"subtree-{unit.pk}", unit=unit)
        UserRole.objects.create(user=users[unit.pk], role=Role.UNIT_LEGAL_OFFICER)
    for unit in units:
        user = users[unit.pk]
        below = set(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))
        assert set(scope.visible(Unit.objects.all(), user).values_list("pk", flat=True)) == below
        seen = set(scope.visible(User.objects.all(), user).values_list("pk", flat=True))
        assert seen == set(User.objects.filter(unit__path__startswith=unit.path).values_list("pk", flat=True))
        assert users[unit.pk].pk in seen
    assert any(len(set(Unit.objects.filter(path__startswith=u.path))) > 3 for u in units)  # deep subtrees too
