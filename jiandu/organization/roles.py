"""Roles: what each kind of user may see (scope per area) and do (permissions).

A pure table, read by ``core.scope`` and ``core.permissions``. Scopes of several roles combine as a
union; a user with no role granting an area sees nothing of it (deny by default).

Scope kinds:
- ``self``: records about the user themself (their officer file, their cases, their observations);
- ``unit``: the user's own unit;
- ``subtree``: the user's unit and every unit below it;
- ``jurisdiction``: the whole jurisdiction the user's unit belongs to (the nearest 人民政府 node at
  or above it) — this is "all" for the district supervision agency, and the whole city for the
  city justice bureau.
"""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    AGENCY_OFFICER = "agency_officer", "监督机构工作人员"
    UNIT_LEGAL_OFFICER = "unit_legal_officer", "单位法制工作人员"
    ENFORCEMENT_OFFICER = "enforcement_officer", "行政执法人员"
    JOINT_REVIEWER = "joint_reviewer", "资格审查人员"
    DISCIPLINE_LIAISON = "discipline_liaison", "纪检监察联络人"
    POLICE_LIAISON = "police_liaison", "公安机关联络人"
    PROCURATORATE_LIAISON = "procuratorate_liaison", "检察院联络人"
    SOCIAL_SUPERVISOR = "social_supervisor", "社会监督员"
    LEADER = "leader", "领导"
    ADMIN = "admin", "系统管理员"


class ScopeKind(models.TextChoices):
    SELF = "self", "本人"
    UNIT = "unit", "本单位"
    SUBTREE = "subtree", "本单位及下级"
    JURISDICTION = "jurisdiction", "本辖区全部"


# Areas name the data a scope applies to. "*" is every area not listed explicitly for that role.
AREAS = (
    "organization",  # units, legal bodies, users
    "personnel",  # officers, certificates, sanctions, training, tests, officer documents
    "personnel.review",  # certificate applications awaiting qualification review
    "personnel.referral",  # clue referrals to discipline inspection
    "standards",  # item lists, four lists, benchmarks, advisors, venues, equipment
    "cases",  # enforcement cases, legal reviews, evidence
    "linkage",  # criminal transfers by sending unit, risk flags, joint meetings
    "linkage.received",  # criminal transfers by receiving unit (police)
    "oversight",  # complaints, letters, rectifications, inspections, case-file reviews
    "oversight.observation",  # social supervisors' observations
    "assessment",  # responsibility lists, year-end scores, notices, statistics
    "audit",  # audit events
    "documents",  # numbered official documents (by owning unit; "self" for the person concerned)
)

# An area mapped to None is denied to the role even when its "*" would grant it: clue referrals to
# discipline inspection are confidential to the agency and the receiving liaison, so a unit's legal
# officer does not see referrals about its own staff.
CONFIDENTIAL = None

ROLE_SCOPES: dict[str, dict[str, str | None]] = {
    Role.AGENCY_OFFICER: {"*": ScopeKind.JURISDICTION},
    Role.LEADER: {"*": ScopeKind.JURISDICTION, "personnel.referral": CONFIDENTIAL},
    Role.ADMIN: {"organization": ScopeKind.JURISDICTION, "audit": ScopeKind.JURISDICTION},
    Role.UNIT_LEGAL_OFFICER: {"*": ScopeKind.SUBTREE, "personnel.referral": CONFIDENTIAL},
    Role.ENFORCEMENT_OFFICER: {
        "personnel": ScopeKind.SELF,
        "documents": ScopeKind.SELF,
        "cases": ScopeKind.SELF,
        "standards": ScopeKind.UNIT,
        "organization": ScopeKind.UNIT,
    },
    Role.JOINT_REVIEWER: {"personnel.review": ScopeKind.JURISDICTION, "organization": ScopeKind.JURISDICTION},
    Role.DISCIPLINE_LIAISON: {"personnel.referral": ScopeKind.JURISDICTION},
    Role.POLICE_LIAISON: {"linkage.received": ScopeKind.UNIT},
    Role.PROCURATORATE_LIAISON: {"linkage": ScopeKind.JURISDICTION, "linkage.received": ScopeKind.JURISDICTION},
    Role.SOCIAL_SUPERVISOR: {"oversight.observation": ScopeKind.SELF},
}

# Permissions name actions. Services check them (together with the object's scope) before acting.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.AGENCY_OFFICER: frozenset(
        {
            "organization.manage",
            "organization.accounts",
            "personnel.manage",
            "personnel.sanction",
            "personnel.review",
            "personnel.refer",
            "personnel.training",
            "standards.manage",
            "standards.publish",
            "standards.decide_exemption",
            "cases.manage",
            "cases.supervise",
            "cases.legal_review",  # the agency's legal body reviews for units routed to it (R-ORG-4)
            "linkage.manage",
            "linkage.configure",  # risk rules per enforcement item (R-LNK-3)
            "linkage.resolve_flag",  # resolve a 以罚代刑/有案不移 flag with a reason (R-LNK-3)
            "linkage.meeting",  # record joint meetings and their tasks (R-LNK-4)
            "oversight.manage",
            "oversight.close_out",
            "oversight.appoint_supervisor",  # social supervisors of any unit (R-SUP-7)
            "policy.manage",
            "calendar.manage",
            "assessment.manage",
        }
    ),
    Role.UNIT_LEGAL_OFFICER: frozenset(
        {
            "personnel.manage",
            "personnel.training",
            "standards.manage",
            "standards.publish",
            "cases.manage",
            "cases.legal_review",
            "linkage.manage",
            "linkage.transfer",  # propose, record approval, send, hand over a criminal transfer (R-LNK-1)
            "oversight.respond",
            "oversight.appoint_supervisor",  # the unit appoints its own social supervisors (R-SUP-7)
        }
    ),
    Role.ENFORCEMENT_OFFICER: frozenset({"cases.record_step"}),
    Role.JOINT_REVIEWER: frozenset({"personnel.review"}),
    Role.DISCIPLINE_LIAISON: frozenset({"personnel.referral_receive"}),
    Role.POLICE_LIAISON: frozenset({"linkage.receive"}),
    Role.PROCURATORATE_LIAISON: frozenset({"linkage.procuratorate", "linkage.meeting"}),
    Role.SOCIAL_SUPERVISOR: frozenset({"oversight.observe"}),
    Role.LEADER: frozenset({"assessment.read"}),
    Role.ADMIN: frozenset({"organization.manage", "organization.accounts", "policy.manage", "calendar.manage"}),
}


def scope_kinds(roles: frozenset[str] | set[str], area: str) -> set[str]:
    """The scope kinds the given roles grant for ``area`` (empty set: nothing visible)."""
    kinds: set[str] = set()
    for role in roles:
        table = ROLE_SCOPES.get(role, {})
        # Exact area first (None denies it), then the role's "*". A sub-area ("personnel.review")
        # never inherits its parent's grant: an officer's "personnel: self" does not open the
        # review queue.
        kind = table[area] if area in table else table.get("*")
        if kind:
            kinds.add(kind)
    return kinds


def permissions(roles: frozenset[str] | set[str]) -> frozenset[str]:
    perms: set[str] = set()
    for role in roles:
        perms |= ROLE_PERMISSIONS.get(role, frozenset())
    return frozenset(perms)
