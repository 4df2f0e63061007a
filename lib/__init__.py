"""Debrief's core: the domain, its rules and its storage. No Streamlit here (but ui.py)."""
