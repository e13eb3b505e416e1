"""State changes of the organization: units, legal bodies, staff, accounts and roles (R-ORG)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from jiandu.core import audit, policy
from jiandu.core.errors import Conflict, DomainError, InvalidInput
from jiandu.core.scope import require
from jiandu.organization.models import ApiToken, LegalBody, LegalStaff, Unit, User, UserRole
from jiandu.organization.roles import Role

UNIT_FIELDS = ("name", "short_name", "code", "kind", "level", "parent", "is_enforcement_unit",
               "is_key_department", "review_seat", "liaison_kind", "doc_prefix", "domain", "is_active")


def _set_path(unit: Unit) -> None:
    parent_path = unit.parent.path if unit.parent_id else "/"
    unit.path = f"{parent_path}{unit.pk}/"
    unit.depth = parent_path.count("/") - 1


@transaction.atomic
def unit_create(*, actor, name: str, code: str, kind: str, parent: Unit | None, **fields) -> Unit:
    if actor is not None:
        require(actor, "organization.manage", unit=parent)
    if Unit.objects.filter(code=code).exists():
        raise Conflict("unit_code_taken", f"单位编码“{code}”已被使用。")
    if kind not in Unit.Kind.values:
        raise InvalidInput(details={"kind": "单位类型无效。"})
    unit = Unit(name=name, code=code, kind=kind, parent=parent, path=f"/tmp-{secrets.token_hex(8)}/", **fields)
    unit.save()
    _set_path(unit)
    unit.save(update_fields=["path", "depth"])
    audit.record(actor=actor, action="unit.create", obj=unit, unit=unit, after=audit.snapshot(unit, UNIT_FIELDS))
    return unit


@transaction.atomic
def unit_move(*, actor, unit: Unit, new_parent: Unit) -> Unit:
    """Re-parent a unit and refresh the materialized path of it and everything below it."""
    require(actor, "organization.manage", unit=unit)
    if new_parent.path.startswith(unit.path):
        raise Conflict("unit_move_cycle", "不能把单位移动到其自身或其下级单位之下。")
    old_path, before = unit.path, audit.snapshot(unit, ("parent", "path"))
    unit.parent = new_parent
    _set_path(unit)
    unit.save(update_fields=["parent", "path", "depth"])
    for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).order_by("depth"):
        child.path = unit.path + child.path[len(old_path):]
        child.depth = child.path.count("/") - 2
        child.save(update_fields=["path", "depth"])
    audit.record(actor=actor, action="unit.move", obj=unit, unit=unit, before=before,
                 after=audit.snapshot(unit, ("parent", "path")))
    return unit


@transaction.atomic
def legal_body_set(*, actor, unit: Unit, name: str, duties: list[str]) -> LegalBody:
    """Designate (or update) the unit's legal-supervision body and its duties (R-ORG-2, R-ORG-4)."""
    if actor is not None:
        require(actor, "organization.manage", unit=unit)
    unknown = [d for d in duties if d not in LegalBody.Duty.values]
    if unknown:
        raise InvalidInput(details={"duties": f"未知职责：{'、'.join(unknown)}"})
    if not name.strip():
        raise InvalidInput(details={"name": "请填写法制监督机构名称。"})
    body = LegalBody.objects.filter(unit=unit).first()
    before = audit.snapshot(body) if body else None
    if body is None:
        body = LegalBody(unit=unit)
    body.name, body.duties = name.strip(), list(dict.fromkeys(duties))
    body.save()
    audit.record(actor=actor, action="legal_body.set", obj=body, unit=unit, before=before,
                 after=audit.snapshot(body))
    return body


@transaction.atomic
def legal_staff_add(
    *, actor, legal_body: LegalBody, name: str, position: str = "", is_full_time: bool = True,
    has_legal_qualification: bool = False, qualification_number: str = "", user: User | None = None,
) -> LegalStaff:
    if actor is not None:
        require(actor, "organization.manage", unit=legal_body.unit)
    if not name.strip():
        raise InvalidInput(details={"name": "请填写姓名。"})
    if has_legal_qualification and not qualification_number.strip():
        raise InvalidInput(details={"qualification_number": "具有法律职业资格的，请填写资格证书编号。"})
    if user is not None and user.unit_id != legal_body.unit_id:
        raise InvalidInput(details={"user": "法制工作人员的账号须属于本单位。"})
    staff = LegalStaff.objects.create(
        legal_body=legal_body, name=name.strip(), position=position, is_full_time=is_full_time,
        has_legal_qualification=has_legal_qualification, qualification_number=qualification_number.strip(),
        user=user,
    )
    audit.record(actor=actor, action="legal_staff.add", obj=staff, unit=legal_body.unit, after=audit.snapshot(staff))
    return staff


@transaction.atomic
def user_create(
    *, actor, username: str, full_name: str, unit: Unit, roles: list[str], password: str,
    phone: str = "", email: str = "",
) -> User:
    if actor is not None:
        require(actor, "organization.accounts", unit=unit)
    if User.objects.filter(username=username).exists():
        raise Conflict("username_taken", f"用户名“{username}”已被使用。")
    bad_roles = [r for r in roles if r not in Role.values]
    if bad_roles:
        raise InvalidInput(details={"roles": f"未知角色：{'、'.join(bad_roles)}"})
    user = User(username=username, full_name=full_name, unit=unit, phone=phone, email=email)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise InvalidInput("密码不符合安全要求。", details={"password": list(exc.messages)}) from None
    user.set_password(password)
    user.save()
    UserRole.objects.bulk_create([UserRole(user=user, role=r) for r in dict.fromkeys(roles)])
    audit.record(actor=actor, action="user.create", obj=user, unit=unit,
                 after={"username": username, "full_name": full_name, "unit": unit.pk, "roles": roles})
    return user


@transaction.atomic
def user_set_roles(*, actor, user: User, roles: list[str]) -> User:
    require(actor, "organization.accounts", unit=user.unit)
    bad_roles = [r for r in roles if r not in Role.values]
    if bad_roles:
        raise InvalidInput(details={"roles": f"未知角色：{'、'.join(bad_roles)}"})
    before = sorted(user.roles.values_list("role", flat=True))
    user.roles.all().delete()
    UserRole.objects.bulk_create([UserRole(user=user, role=r) for r in dict.fromkeys(roles)])
    user._role_codes = None
    audit.record(actor=actor, action="user.set_roles", obj=user, unit=user.unit,
                 before={"roles": before}, after={"roles": sorted(set(roles))})
    return user


# --- authentication ----------------------------------------------------------------------------


class LoginRefused(DomainError):
    status = 401


def login_check(request, *, username: str, password: str) -> User:
    """Authenticate with lockout after repeated failures (R-PLT-8). Every attempt is audited."""
    today = timezone.localdate()
    max_failures = int(policy.value("security.login_max_failures", on=today))
    lock_minutes = int(policy.value("security.lockout_minutes", on=today))
    now = timezone.now()
    known = User.objects.filter(username=username).first()
    if known is not None and known.locked_until and known.locked_until > now:
        minutes = max(1, int((known.locked_until - now).total_seconds() // 60) + 1)
        raise LoginRefused("account_locked", f"该账号因连续登录失败已被锁定，请约{minutes}分钟后再试，或联系系统管理员解锁。")
    user = authenticate(request, username=username, password=password)
    if user is None:
        # Count the failure in its own committed transaction, then refuse.
        with transaction.atomic():
            message = "用户名或密码错误。"
            if known is not None:
                User.objects.filter(pk=known.pk).update(failed_login_count=F("failed_login_count") + 1)
                known.refresh_from_db(fields=["failed_login_count"])
                remaining = max_failures - known.failed_login_count
                if remaining <= 0:
                    User.objects.filter(pk=known.pk).update(
                        locked_until=now + timedelta(minutes=lock_minutes), failed_login_count=0
                    )
                    audit.record(actor=None, action="auth.lock", obj=known, unit=known.unit_id,
                                 reason=f"连续{max_failures}次登录失败")
                    message = f"连续{max_failures}次登录失败，账号已锁定{lock_minutes}分钟。"
                else:
                    message = f"用户名或密码错误，再失败{remaining}次账号将被锁定。"
            audit.record(actor=None, action="auth.login_failed", object_type="organization.user",
                         object_id=getattr(known, "pk", ""), reason=f"用户名：{username[:40]}")
        raise LoginRefused("login_failed", message)
    User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
    return user


def second_factor_required(user: User) -> bool:
    """Whether this user must give a one-time code: enrolled users always; users of the roles
    listed in the dated parameter ``security.two_factor_roles`` must enrol first."""
    if user.has_second_factor:
        return True
    roles = policy.value("security.two_factor_roles", on=timezone.localdate())
    return bool(user.role_codes.intersection(roles))


def second_factor_check(user: User, code: str) -> None:
    """Check a one-time code; failures count towards the same lockout as passwords."""
    from jiandu.organization import totp

    user.refresh_from_db()
    now = timezone.now()
    if user.locked_until and user.locked_until > now:
        raise LoginRefused("account_locked", "该账号因连续认证失败已被锁定，请稍后再试，或联系系统管理员解锁。")
    step = totp.verify(user.totp_secret, code) if user.has_second_factor else None
    if step is None or step <= user.totp_last_step:
        today = timezone.localdate()
        max_failures = int(policy.value("security.login_max_failures", on=today))
        lock_minutes = int(policy.value("security.lockout_minutes", on=today))
        with transaction.atomic():
            User.objects.filter(pk=user.pk).update(failed_login_count=F("failed_login_count") + 1)
            user.refresh_from_db(fields=["failed_login_count"])
            if user.failed_login_count >= max_failures:
                User.objects.filter(pk=user.pk).update(locked_until=now + timedelta(minutes=lock_minutes),
                                                       failed_login_count=0)
                audit.record(actor=None, action="auth.lock", obj=user, unit=user.unit_id, reason="动态口令连续错误")
            audit.record(actor=None, action="auth.second_factor_failed", obj=user, unit=user.unit_id)
        raise LoginRefused("second_factor_failed", "动态口令错误或已使用，请输入认证器上显示的最新6位数字。")
    User.objects.filter(pk=user.pk).update(totp_last_step=step, failed_login_count=0)


@transaction.atomic
def login_complete(request, user: User, *, method: str) -> None:
    """Open the session and record the login (method: ``password`` or ``password+totp``)."""
    from django.contrib.auth import login

    login(request, user)
    audit.record(actor=user, action="auth.login", obj=user, unit=user.unit_id, reason=method)


@transaction.atomic
def second_factor_enrol(*, actor: User, secret: str, code: str) -> User:
    """Turn on two-factor login for ``actor`` once they prove their authenticator shows the code."""
    from jiandu.organization import totp

    step = totp.verify(secret, code)
    if step is None:
        raise InvalidInput("动态口令不正确，请确认认证器中已添加该密钥且手机时间准确。", code="second_factor_failed",
                           details={"code": "动态口令不正确。"})
    User.objects.filter(pk=actor.pk).update(totp_secret=secret, totp_enabled_at=timezone.now(), totp_last_step=step)
    audit.record(actor=actor, action="auth.second_factor_enrol", obj=actor, unit=actor.unit_id)
    actor.refresh_from_db()
    return actor


@transaction.atomic
def second_factor_reset(*, actor: User, user: User, reason: str) -> User:
    """An administrator removes a lost authenticator; the user enrols again at next login."""
    require(actor, "organization.accounts", unit=user.unit)
    if not reason.strip():
        raise InvalidInput(details={"reason": "请填写重置原因。"})
    User.objects.filter(pk=user.pk).update(totp_secret="", totp_enabled_at=None, totp_last_step=0)
    audit.record(actor=actor, action="auth.second_factor_reset", obj=user, unit=user.unit_id, reason=reason)
    user.refresh_from_db()
    return user


@transaction.atomic
def user_unlock(*, actor, user: User) -> User:
    require(actor, "organization.accounts", unit=user.unit)
    User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
    audit.record(actor=actor, action="auth.unlock", obj=user, unit=user.unit)
    user.refresh_from_db()
    return user


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, actor, user: User, name: str) -> tuple[ApiToken, str]:
    """A new bearer token for ``user``. The raw token is returned once and never stored."""
    if actor.pk != user.pk:
        require(actor, "organization.accounts", unit=user.unit)
    raw = "jd_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name or "接口调用", token_hash=_hash_token(raw))
    audit.record(actor=actor, action="api_token.create", obj=token, unit=user.unit_id, after={"name": token.name})
    return token, raw


def api_token_user(raw: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user", "user__unit")
        .filter(token_hash=_hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
