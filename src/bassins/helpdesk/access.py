"""Who sees what in the helpdesk: the ONE place where cases are scoped, and the audit log writer.

Every view, API answer, export, the admin and the statistics ask `cases_visible_to(user)` for cases;
nothing else filters cases by user. Rules:

- a user who is not logged in, not active, or not verified by a second factor (TOTP) sees no case;
- a responder sees the cases of the bassins they respond for; a coordinator those of their bassins;
- a regional analyst sees no case, only anonymised (suppressed) statistics of every bassin;
- an administrator manages accounts, roles and the taxonomy and sees no case (unless they also hold
  a responder or coordinator membership); Django's superuser flag gives no case either.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from bassins.helpdesk.models import AuditEntry, Case, Membership, Role

CASE_ROLES = (Role.RESPONDER, Role.COORDINATOR)
GROUP_NAMES = {
    Role.RESPONDER: "helpdesk responders",
    Role.COORDINATOR: "helpdesk coordinators",
    Role.ANALYST: "helpdesk regional analysts",
    Role.ADMINISTRATOR: "helpdesk administrators",
}


def is_verified(user) -> bool:
    """Logged in, active and verified by a confirmed second factor in this session."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    verified = getattr(user, "is_verified", None)  # set by django_otp's OTPMiddleware
    return bool(verified and verified())


ROLES_CACHE = "_helpdesk_roles"


def roles_of(user) -> dict[str, set[str]]:
    """role -> bassin codes ('' for a regional role), from the user's memberships.

    Read once per user object (a request's user lives for that request): the pages and the API ask
    several times per request (second factor, scope, statistics), which cost a query each."""
    if not (user and user.is_authenticated and user.is_active):
        return {}
    cached = getattr(user, ROLES_CACHE, None)
    if cached is not None:
        return {role: set(bassins) for role, bassins in cached.items()}
    roles: dict[str, set[str]] = {}
    for role, bassin in Membership.objects.filter(user=user).values_list("role", "bassin"):
        roles.setdefault(role, set()).add(bassin)
    setattr(user, ROLES_CACHE, {role: frozenset(bassins) for role, bassins in roles.items()})
    return roles


def forget_roles(user) -> None:
    """Drop the roles read for `user` (after a change of their memberships)."""
    if user is not None and hasattr(user, ROLES_CACHE):
        delattr(user, ROLES_CACHE)


def case_bassins(user) -> set[str]:
    """The bassins whose cases `user` may see (empty without a verified second factor)."""
    if not is_verified(user):
        return set()
    roles = roles_of(user)
    return {b for role in CASE_ROLES for b in roles.get(role, set()) if b}


def cases_visible_to(user) -> QuerySet[Case]:
    """The cases `user` may read, list, export or edit: the only scoping of cases."""
    bassins = case_bassins(user)
    if not bassins:
        return Case.objects.none()
    return Case.objects.filter(bassin__in=sorted(bassins))


def needs_second_factor(user) -> bool:
    """True for a logged-in user whose role sees cases (or the audit) but who is not verified."""
    if not (user and user.is_authenticated):
        return False
    return bool(set(roles_of(user)) & {*CASE_ROLES}) and not is_verified(user)


@dataclass(frozen=True)
class StatisticsScope:
    """Which bassins' statistics a user sees, whether the region too, and suppressed or not."""

    bassins: tuple[str, ...]
    region: bool
    suppressed: bool

    @property
    def empty(self) -> bool:
        return not self.bassins and not self.region


def statistics_scope(user) -> StatisticsScope:
    """Responders and coordinators: their bassins (they see those cases anyway), unsuppressed;
    analysts: every bassin and the region, small numbers suppressed. Needs the second factor."""
    from bassins.helpdesk.models import BASSIN_CODES

    if not is_verified(user):
        return StatisticsScope((), False, True)
    roles = roles_of(user)
    if Role.ANALYST in roles:
        return StatisticsScope(BASSIN_CODES, True, True)
    return StatisticsScope(tuple(sorted(case_bassins(user))), False, False)


def audit_bassins(user) -> set[str]:
    """The bassins whose audit log `user` may consult: those they coordinate (verified)."""
    if not is_verified(user):
        return set()
    return {b for b in roles_of(user).get(Role.COORDINATOR, set()) if b}


def partner_bassins(user) -> set[str]:
    """The bassins whose registry of partners `user` manages (verified): the bassins they
    coordinate; every bassin for a helpdesk administrator."""
    if not is_verified(user):
        return set()
    roles = roles_of(user)
    if Role.ADMINISTRATOR in roles:
        from bassins.helpdesk.models import BASSIN_CODES

        return set(BASSIN_CODES)
    return {b for b in roles.get(Role.COORDINATOR, set()) if b}


def audit_visible_to(user) -> QuerySet[AuditEntry]:
    bassins = audit_bassins(user)
    if not bassins:
        return AuditEntry.objects.none()
    return AuditEntry.objects.filter(bassin__in=sorted(bassins))


def client_ip(request) -> str | None:
    """The client's address as the server saw it (no proxy header is trusted)."""
    return request.META.get("REMOTE_ADDR") or None if request is not None else None


def audit(request, action: str, object_type: str, obj=None, *, bassin: str = "", **detail):
    """Append one entry to the audit log: who, when, what, which object, from where."""
    user = getattr(request, "user", None)
    known = user if user is not None and user.is_authenticated else None
    if obj is not None and not bassin:
        bassin = getattr(obj, "bassin", "")
    return AuditEntry.objects.create(
        user=known,
        username=known.get_username() if known else "",
        action=action,
        object_type=object_type,
        object_id=str(getattr(obj, "uid", "") or getattr(obj, "pk", "") or "") if obj else "",
        bassin=bassin or "",
        ip=client_ip(request),
        path=(request.get_full_path()[:300] if request is not None else ""),
        detail=detail,
    )


def audit_list(request, object_type: str, cases, *, action: str = "list", **detail):
    """One audit entry per bassin for a list or an export of cases, with the case ids it showed."""
    by_bassin: dict[str, list[str]] = {}
    for case in cases:
        by_bassin.setdefault(case.bassin, []).append(str(case.uid))
    if not by_bassin:
        return [audit(request, action, object_type, count=0, **detail)]
    return [
        audit(request, action, object_type, bassin=b, count=len(ids), cases=ids, **detail)
        for b, ids in sorted(by_bassin.items())
    ]
