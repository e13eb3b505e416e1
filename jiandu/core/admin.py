"""Admin is for reference data only; workflows never go through it. Every admin save or delete is
still written to the audit chain (``AuditedModelAdmin``)."""

from __future__ import annotations

from django.contrib import admin

from jiandu.core import audit
from jiandu.core.models import AuditEvent, CalendarDay, CalendarYear, PolicyParameter


class AuditedModelAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        before = None
        if change and obj.pk:
            old = type(obj).objects.filter(pk=obj.pk).first()
            before = audit.snapshot(old) if old else None
        super().save_model(request, obj, form, change)
        audit.record(actor=request.user, action=f"admin.{'change' if change else 'add'}", obj=obj,
                     before=before, after=audit.snapshot(obj), reason="参考数据管理")

    def delete_model(self, request, obj):
        before = audit.snapshot(obj)
        pk = obj.pk
        super().delete_model(request, obj)
        audit.record(actor=request.user, action="admin.delete", object_type=obj._meta.label_lower, object_id=pk,
                     before=before, reason="参考数据管理")

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(PolicyParameter)
class PolicyParameterAdmin(AuditedModelAdmin):
    list_display = ("key", "label", "value", "effective_from", "jurisdiction", "legal_reference")
    list_filter = ("key",)
    search_fields = ("key", "label")

    def has_change_permission(self, request, obj=None):
        return False  # values are dated: add a new one instead of editing

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedModelAdmin):
    list_display = ("date", "is_workday", "name")
    date_hierarchy = "date"


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ("year", "source", "updated_at")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("seq", "occurred_at", "actor_name", "action", "object_type", "object_id")
    list_filter = ("action",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
