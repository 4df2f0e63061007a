"""The app's own CSS reaches the page only if Streamlit's sanitizer keeps its <style>."""

from __future__ import annotations

import pytest

from lib.ui import page_style


@pytest.mark.parametrize("css", [page_style.COMMON, page_style.DARK_ONLY], ids=["common", "dark-only"])
def test_the_style_rules_hold_no_angle_bracket_which_makes_streamlit_drop_the_whole_style(css):
    """A child combinator (`a > b`) in st.html's <style> made every rule vanish, focus rings included."""
    assert ">" not in css and "<" not in css
