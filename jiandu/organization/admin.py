from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from jiandu.core.admin import AuditedModelAdmin
from jiandu.organization.models import LegalBody, LegalStaff, Unit, User, UserRole


@admin.register(Unit)
class UnitAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "kind", "level", "is_enforcement_unit", "is_key_department", "path")
    list_filter = ("kind", "level", "is_enforcement_unit", "is_key_department")
    search_fields = ("name", "code")
    readonly_fields = ("path", "depth", "parent")  # the tree changes through organization.services.unit_move

    def has_add_permission(self, request):
        return False  # new units: organization.services.unit_create (keeps the path right)


class LegalStaffInline(admin.TabularInline):
    model = LegalStaff
    extra = 0


@admin.register(LegalBody)
class LegalBodyAdmin(AuditedModelAdmin):
    list_display = ("name", "unit")
    inlines = [LegalStaffInline]


class UserRoleInline(admin.TabularInline):
    model = UserRole
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin, AuditedModelAdmin):
    list_display = ("username", "full_name", "unit", "is_active", "locked_until")
    list_filter = ("is_active", "roles__role")
    search_fields = ("username", "full_name")
    fieldsets = BaseUserAdmin.fieldsets + (("单位与联系方式", {"fields": ("full_name", "unit", "phone")}),)
    inlines = [UserRoleInline]
