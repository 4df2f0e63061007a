"""The app's own CSS reaches the page only if Streamlit's sanitizer keeps its <style>."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from lib.ui import page_style


@pytest.mark.parametrize("css", [page_style.COMMON, page_style.DARK_ONLY], ids=["common", "dark-only"])
def test_the_style_rules_hold_no_angle_bracket_which_makes_streamlit_drop_the_whole_style(css):
    """A child combinator (`a > b`) in st.html's <style> made every rule vanish, focus rings included."""
    assert ">" not in css and "<" not in css


def test_the_primary_buttons_ring_is_the_themes_primary_colour_in_each_scheme():
    config = tomllib.loads((Path(__file__).parents[2] / ".streamlit" / "config.toml").read_text())
    theme = {False: config["theme"]["light"]["primaryColor"], True: config["theme"]["dark"]["primaryColor"]}
    assert theme == page_style.PRIMARY
