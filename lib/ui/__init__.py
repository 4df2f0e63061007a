"""The only Streamlit-aware package in lib: what pages use, by name, from one place (`from lib import ui`).

Reads go through `ui.data()` (the store's reads, cached by its data version) or a `@derived`
loader; writes through `ui.store()`. Each module below holds one idea:
cache (the read path), app (pages, routing, clock), widgets, follow_up (timeline and agenda reads),
timeline (its chart and steps), step_actions, draft_dialog, trends, coaching, calendar_feed (the
feed's address on the Data page).
"""

from __future__ import annotations

from lib.ui.app import (
    PAGES,
    demo_banner,
    load_demo_data,
    now,
    remove_demo_data,
    require_database,
    route_through_entrypoint,
    user_zone,
)
from lib.ui.cache import auto_backup, data, store
from lib.ui.calendar_feed import calendar_subscription
from lib.ui.coaching import action_item_row, action_items, coaching_sessions, open_action_items, score_gaps
from lib.ui.draft_dialog import draft_dialog_if_open
from lib.ui.focus import FieldErrors, focus_on, point_at_invalid
from lib.ui.follow_up import agenda, timeline
from lib.ui.step_actions import calendar_button, open_draft, step_actions
from lib.ui.timeline import STATUS_BADGE_COLOURS, status_badge_md, timeline_view
from lib.ui.trends import follow_up_discipline, trend_charts, trends
from lib.ui.widgets import FIRST_DAY, LAST_DAY, errors_of, field_error, flash, menu, opened, vega_chart

__all__ = [
    "FIRST_DAY", "LAST_DAY", "PAGES", "STATUS_BADGE_COLOURS", "FieldErrors", "action_item_row", "action_items",
    "agenda", "auto_backup", "calendar_button", "calendar_subscription",
    "coaching_sessions", "data", "demo_banner", "draft_dialog_if_open", "errors_of", "field_error", "flash",
    "focus_on", "follow_up_discipline", "load_demo_data", "menu", "now", "open_action_items", "open_draft", "opened",
    "point_at_invalid",
    "remove_demo_data", "require_database",
    "route_through_entrypoint", "score_gaps", "status_badge_md", "step_actions", "store", "timeline", "timeline_view",
    "trend_charts", "trends", "user_zone", "vega_chart",
]


