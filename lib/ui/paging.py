"""Paging a user can find: Newer and Older beside where they are, above and below a list, the page kept in the URL."""

from __future__ import annotations

from typing import Literal

import streamlit as st

from lib.domain.paging import Paging
from lib.domain.text import count_of


def _go(number: int) -> None:
    """The page lives in the URL (`?page=3`): a bookmark or a refresh lands on it again."""
    if number <= 1:
        st.query_params.pop("page", None)
    else:
        st.query_params["page"] = str(number)


def pager(paging: Paging, where: Literal["top", "bottom"], *, noun: str) -> None:
    """Where the list stands ("11–20 of 2,000 interviews, newest first") and buttons to move; the
    bottom one only when there is more than one page."""
    if where == "bottom" and paging.pages == 1:
        return
    with st.container(horizontal=True, vertical_alignment="center", gap="xsmall", key=f"pager-{where}"):
        if paging.pages == 1:
            st.markdown(f"{count_of(paging.total, noun)}, newest first", width="content")
            return
        st.button("Newest", key=f"{where}.first", on_click=_go, args=(1,), icon=":material/first_page:",
                  disabled=paging.number == 1, type="tertiary")
        st.button("Newer", key=f"{where}.newer", on_click=_go, args=(paging.number - 1,),
                  icon=":material/chevron_left:", disabled=paging.number == 1)
        st.markdown(f"{paging.first_shown:,}–{paging.last_shown:,} of {count_of(paging.total, noun)} · "
                    f"page {paging.number:,} of {paging.pages:,}", width="content")
        st.button("Older", key=f"{where}.older", on_click=_go, args=(paging.number + 1,),
                  icon=":material/chevron_right:", disabled=paging.number == paging.pages)
        st.button("Oldest", key=f"{where}.last", on_click=_go, args=(paging.pages,), icon=":material/last_page:",
                  disabled=paging.number == paging.pages, type="tertiary")
