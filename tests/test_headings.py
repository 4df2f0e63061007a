"""No heading carries Streamlit's "Link to heading" anchor: each one is a Tab stop that takes a
keyboard user nowhere they need to go (seven of them sat between the top of Log and Save).

Checked from the code: every st.title/st.header/st.subheader call passes anchor=False, and no
st.markdown writes a Markdown heading (which would get an anchor of its own).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

import pytest

from tests.factories import ROOT

HEADINGS = frozenset({"title", "header", "subheader"})


def heading_offences(path: str, source: str) -> Iterator[str]:
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "st"):
            continue
        name = node.func.attr
        if name in HEADINGS and not any(
            k.arg == "anchor" and isinstance(k.value, ast.Constant) and k.value.value is False for k in node.keywords
        ):
            yield f"{path}:{node.lineno} st.{name} without anchor=False"
        if name == "markdown" and node.args and _starts_with_heading(node.args[0]):
            yield f"{path}:{node.lineno} st.markdown writes a heading"


def _starts_with_heading(arg: ast.expr) -> bool:
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value.lstrip().startswith("#")
    if isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
        return str(arg.values[0].value).lstrip().startswith("#")
    return False


def test_no_heading_in_the_app_has_a_link_anchor():
    paths = [*ROOT.glob("lib/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "streamlit_app.py"]
    offences = [o for p in paths for o in heading_offences(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8"))]
    assert offences == []


@pytest.mark.parametrize(
    ("source", "offence"),
    [
        ('st.subheader("Notes")\n', "x.py:1 st.subheader without anchor=False"),
        ('st.title("T", anchor="t")\n', "x.py:1 st.title without anchor=False"),
        ('st.markdown(f"### {title}")\n', "x.py:1 st.markdown writes a heading"),
    ],
)
def test_the_check_reports_a_heading_with_an_anchor(source, offence):
    assert list(heading_offences("x.py", source)) == [offence]


def test_the_check_passes_headings_without_anchors_and_plain_markdown():
    source = 'st.subheader("Notes", anchor=False)\nst.markdown("**bold** # not a heading")\n'
    assert list(heading_offences("x.py", source)) == []
