"""HTTP API of the personnel app, mounted at /api/v1/personnel/ (R-PLT-6).

Every page action is here with the same services and selectors, so the same refusals come back
as JSON ``{"code", "message", "details"}`` (wired in ``jiandu/api.py``). Objects outside the
caller's scope answer 404 exactly like missing ones.
"""

from __future__ import annotations

from ninja import Router

from jiandu.personnel.api import activities, applications, officers

router = Router()
router.add_router("", officers.router)
router.add_router("", applications.router)
router.add_router("", activities.router)
