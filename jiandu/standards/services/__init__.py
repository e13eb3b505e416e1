"""Every state change of the standards app (R-STD), one module per area.

Import from the module: ``from jiandu.standards.services import items; items.item_add(...)``.
"""
