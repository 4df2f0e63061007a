"""The rules of the house (docs: ARCHITECTURE.md), checked from the code's own imports.

Every import counts: at module level, inside a function, under `if TYPE_CHECKING:`; `import x` and
`from x import y` alike, relative ones resolved against the importing module's package. Each rule
is a function from a codebase ({path: source}) to the offences it finds, as `file:line import`, so
the same checker runs on the real code and on small fake sources that break the rule on purpose.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise

import pytest

from tests.factories import ROOT

Codebase = dict[str, str]  # a path relative to the project root ("lib/store/backup.py") -> its source

STDLIB = frozenset(sys.stdlib_module_names) | {"__future__"}
STORE_FOR_FILES = frozenset({"lib.store", "lib.store.backup", "lib.store.restore", "lib.store.erase", "lib.store.dump"})
STREAMLIT_ALLOWED = ("lib.ui", "pages", "streamlit_app", "serve")
DATE_ARITHMETIC = frozenset({"timedelta", "Timedelta", "DateOffset", "relativedelta"})
SQL_WORDS = ("SELECT ", "INSERT ", "UPDATE ", "DELETE FROM")
MAX_LINES = 400


@dataclass(frozen=True)
class Import:
    """One imported module (or one name taken from it) at one line of one file."""

    path: str
    line: int
    target: str  # the module imported: a submodule when `from package import submodule`
    name: str | None  # the name taken with `from target import name`, else None

    def __str__(self) -> str:
        taken = f" ({self.name})" if self.name else ""
        return f"{self.path}:{self.line} import {self.target}{taken}"


def module_name(path: str) -> str:
    """"lib/store/__init__.py" -> "lib.store"; "pages/log.py" -> "pages.log"."""
    parts = path.removesuffix(".py").split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(path: str) -> str:
    """The package a relative import in this file starts from."""
    name = module_name(path)
    return name if path.endswith("__init__.py") else name.rpartition(".")[0]


def within(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def top_level(module: str) -> str:
    return module.partition(".")[0]


def imports_in(path: str, source: str, modules: set[str]) -> Iterator[Import]:
    """Every import in one file, at any depth; `from a import b` names module a.b when that is a module."""
    for node in ast.walk(ast.parse(source, path)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(path, node.lineno, alias.name, None)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = package_of(path).split(".")
                anchor = ".".join(package[: len(package) - node.level + 1])
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in modules:
                    yield Import(path, node.lineno, submodule, None)
                else:
                    yield Import(path, node.lineno, base, alias.name)


def all_imports(code: Codebase) -> list[Import]:
    modules = {module_name(path) for path in code}
    return [found for path, source in sorted(code.items()) for found in imports_in(path, source, modules)]


def importers_breaking(code: Codebase, package: str, allowed: Callable[[Import], bool]) -> list[str]:
    return [str(i) for i in all_imports(code) if within(module_name(i.path), package) and not allowed(i)]


# --- the rules, each a function from a codebase to its offences ---------------------------------


def domain_offences(code: Codebase) -> list[str]:
    """The domain is pure: the standard library, pandas and itself."""
    return importers_breaking(
        code, "lib.domain", lambda i: top_level(i.target) in STDLIB | {"pandas"} or within(i.target, "lib.domain")
    )


def store_offences(code: Codebase) -> list[str]:
    """The store speaks SQL over domain objects, and knows nothing of formats, charts or Streamlit."""
    allowed = STDLIB | {"sqlite_utils", "pandas"}
    return importers_breaking(
        code, "lib.store", lambda i: top_level(i.target) in allowed or within(i.target, "lib.domain", "lib.store")
    )


def files_may_import(i: Import) -> bool:
    if top_level(i.target) in STDLIB | {"pandas", "altair", "vl_convert"}:
        return True
    if within(i.target, "lib.domain", "lib.files", "lib.charts"):
        return True
    return i.target in STORE_FOR_FILES and not (i.name or "").startswith("_")


def files_offences(code: Codebase) -> list[str]:
    """Formats in and out use the store only through its facade and its whole-file modules."""
    return importers_breaking(code, "lib.files", files_may_import)


def charts_offences(code: Codebase) -> list[str]:
    """Charts turn frames into specs: nothing to store, read or show."""
    allowed = STDLIB | {"pandas", "altair", "vl_convert"}
    return importers_breaking(
        code, "lib.charts", lambda i: top_level(i.target) in allowed or within(i.target, "lib.domain", "lib.charts")
    )


def streamlit_offences(code: Codebase) -> list[str]:
    """Streamlit belongs to the screens: lib.ui, pages/, the router and the served app."""
    return [
        str(i)
        for i in all_imports(code)
        if top_level(i.target) == "streamlit" and not within(module_name(i.path), *STREAMLIT_ALLOWED)
    ]


def page_may_import(i: Import) -> bool:
    if top_level(i.target) in {"sqlite3", "sqlite_utils"}:
        return False
    if within(i.target, "lib.store"):
        return i.target in STORE_FOR_FILES and not (i.name or "").startswith("_")
    return True


def page_text_offences(path: str, source: str) -> Iterator[str]:
    for node in ast.walk(ast.parse(source, path)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if any(word in node.value for word in SQL_WORDS):  # SQL as this code writes it: keywords in capitals
                yield f"{path}:{node.lineno} SQL {node.value[:40]!r}"
        elif isinstance(node, ast.Name) and node.id in DATE_ARITHMETIC:
            yield f"{path}:{node.lineno} date arithmetic {node.id}"
        elif isinstance(node, ast.Attribute) and node.attr in DATE_ARITHMETIC:
            yield f"{path}:{node.lineno} date arithmetic .{node.attr}"
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name in DATE_ARITHMETIC:
                    yield f"{path}:{node.lineno} date arithmetic import {alias.name}"


def pages_offences(code: Codebase) -> list[str]:
    """Pages are thin: no database, no store internals, no SQL text, no date arithmetic."""
    found = importers_breaking(code, "pages", page_may_import)
    for path, source in sorted(code.items()):
        if within(module_name(path), "pages"):
            found.extend(page_text_offences(path, source))
    return found


def import_graph(code: Codebase) -> dict[str, dict[str, Import]]:
    """lib module -> {lib module it imports (anywhere in the file): the first import of it}."""
    graph: dict[str, dict[str, Import]] = {module_name(p): {} for p in code if within(module_name(p), "lib")}
    for i in all_imports(code):
        source, target = module_name(i.path), i.target
        if source in graph and target in graph and target != source:
            graph[source].setdefault(target, i)
    return graph


def cycle_through(graph: dict[str, dict[str, Import]], start: str) -> list[str] | None:
    """The shortest path from `start` back to itself, if there is one."""
    paths, seen = [[start]], {start}
    while paths:
        path = paths.pop(0)
        for step in sorted(graph[path[-1]]):
            if step == start:
                return [*path, start]
            if step not in seen:
                seen.add(step)
                paths.append([*path, step])
    return None


def cycle_offences(code: Codebase) -> list[str]:
    """Every import cycle among lib modules, once each, as `a -> b -> a  [the imports that close it]`."""
    graph, found, reported = import_graph(code), [], set()
    for module in sorted(graph):
        cycle = cycle_through(graph, module)
        if cycle and frozenset(cycle) not in reported:
            reported.add(frozenset(cycle))
            where = "; ".join(str(graph[a][b]) for a, b in pairwise(cycle))
            found.append(" -> ".join(cycle) + f"  [{where}]")
    return found


def size_offences(code: Codebase) -> list[str]:
    """Past ~400 lines a module holds two ideas."""
    return [
        f"{path}: {len(source.splitlines())} lines"
        for path, source in sorted(code.items())
        if within(module_name(path), "lib") and len(source.splitlines()) > MAX_LINES
    ]


# --- the real code ----------------------------------------------------------------------------


def the_codebase() -> Codebase:
    paths = [*ROOT.glob("lib/**/*.py"), *ROOT.glob("pages/**/*.py"), ROOT / "streamlit_app.py", ROOT / "serve.py"]
    return {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in paths}


def assert_none(offences: list[str], rule: str) -> None:
    assert not offences, f"{rule}:\n  " + "\n  ".join(offences)


def test_the_domain_imports_only_the_standard_library_pandas_and_itself():
    assert_none(domain_offences(the_codebase()), "lib.domain imports outside stdlib, pandas, lib.domain")


def test_the_store_imports_only_the_standard_library_sqlite_utils_pandas_the_domain_and_itself():
    assert_none(store_offences(the_codebase()), "lib.store imports outside stdlib, sqlite_utils, pandas, domain, store")


def test_files_use_the_store_only_through_its_facade_and_whole_file_modules():
    assert_none(files_offences(the_codebase()), "lib.files imports it may not")


def test_charts_import_only_the_standard_library_pandas_altair_vl_convert_the_domain_and_themselves():
    assert_none(charts_offences(the_codebase()), "lib.charts imports it may not")


def test_only_the_ui_the_pages_the_router_and_the_served_app_import_streamlit():
    assert_none(streamlit_offences(the_codebase()), "streamlit imported outside lib.ui, pages/, the entrypoints")


def test_pages_hold_no_sql_no_database_no_store_internals_and_no_date_arithmetic():
    assert_none(pages_offences(the_codebase()), "pages/ doing the store's or the domain's work")


def test_lib_has_no_import_cycles():
    assert_none(cycle_offences(the_codebase()), "import cycles")


def test_no_module_in_lib_is_over_400_lines():
    assert_none(size_offences(the_codebase()), f"modules over {MAX_LINES} lines")


# --- the checker itself: each rule reports a fake module that breaks it -------------------------


@pytest.mark.parametrize(
    ("rule", "code", "offence"),
    [
        pytest.param(domain_offences, {"lib/domain/x.py": "import lib.store\n"}, "lib/domain/x.py:1 import lib.store",
                     id="domain-imports-the-store"),
        pytest.param(domain_offences, {"lib/domain/x.py": "def f():\n    import streamlit\n"},
                     "lib/domain/x.py:2 import streamlit", id="domain-imports-in-a-function"),
        pytest.param(store_offences, {"lib/store/x.py": "from ..files import csv\n"},
                     "lib/store/x.py:1 import lib.files", id="store-imports-files-relatively"),
        pytest.param(store_offences, {"lib/store/x.py": "import altair\n"}, "lib/store/x.py:1 import altair",
                     id="store-imports-altair"),
        pytest.param(files_offences, {"lib/files/x.py": "from lib.store.workdirs import work_dir\n"},
                     "lib/files/x.py:1 import lib.store.workdirs", id="files-import-a-store-internal"),
        pytest.param(files_offences, {"lib/files/x.py": "from lib.store import _quoted\n"},
                     "lib/files/x.py:1 import lib.store (_quoted)", id="files-import-a-private-name"),
        pytest.param(files_offences, {"lib/files/x.py": "import streamlit as st\n"},
                     "lib/files/x.py:1 import streamlit", id="files-import-streamlit"),
        pytest.param(charts_offences, {"lib/charts.py": "from lib.store import Store\n"},
                     "lib/charts.py:1 import lib.store (Store)", id="charts-import-the-store"),
        pytest.param(streamlit_offences, {"lib/web.py": "import streamlit\n"}, "lib/web.py:1 import streamlit",
                     id="streamlit-outside-the-ui"),
        pytest.param(pages_offences, {"pages/x.py": "import sqlite3\n"}, "pages/x.py:1 import sqlite3",
                     id="page-opens-the-database"),
        pytest.param(pages_offences, {"pages/x.py": "from lib.store.workdirs import work_dir\n"},
                     "pages/x.py:1 import lib.store.workdirs", id="page-imports-a-store-internal"),
        pytest.param(pages_offences, {"pages/x.py": "q = 'SELECT * FROM interviews'\n"}, "pages/x.py:1 SQL",
                     id="page-holds-sql"),
        pytest.param(pages_offences, {"pages/x.py": "import datetime\nday = datetime.timedelta(days=1)\n"},
                     "pages/x.py:2 date arithmetic .timedelta", id="page-adds-days"),
        pytest.param(cycle_offences,
                     {"lib/a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import lib.b\n",
                      "lib/b.py": "def f():\n    from lib import a\n"},
                     "lib.a -> lib.b -> lib.a", id="cycle-under-type-checking-and-in-a-function"),
        pytest.param(size_offences, {"lib/x.py": "x = 1\n" * 401}, "lib/x.py: 401 lines", id="module-over-400-lines"),
    ],
)
def test_the_checker_reports_a_module_that_breaks_the_rule(rule, code, offence):
    assert any(found.startswith(offence) for found in rule(code)), rule(code)


@pytest.mark.parametrize(
    ("rule", "code"),
    [
        pytest.param(domain_offences,
                     {"lib/domain/x.py": "import datetime\nimport pandas as pd\nfrom . import model\n"},
                     id="domain-stdlib-pandas-itself"),
        pytest.param(files_offences, {"lib/files/x.py": "from lib.store import Store\nfrom lib.store import backup\n"},
                     id="files-through-the-facade"),
        pytest.param(pages_offences, {"pages/x.py": "from lib.store import Store\nst = 'Select a day'\n"},
                     id="page-with-a-label"),
        pytest.param(cycle_offences, {"lib/a.py": "import lib.b\n", "lib/b.py": "import json\n"}, id="no-cycle"),
    ],
)
def test_the_checker_passes_a_module_that_keeps_the_rule(rule, code):
    assert rule(code) == []


# --- the README's folder tree ------------------------------------------------------------------
def readme_tree(readme: str) -> set[str]:
    """The module paths the "For developers" tree names: under `lib/`, `  store/` opens lib/store/."""
    block = readme.split("## For developers", 1)[1].split("```", 2)[1]
    named: set[str] = set()
    top = folder = ""
    for line in block.splitlines():
        indent, words = len(line) - len(line.lstrip()), line.split()
        if not words:
            continue
        head = words[0]
        if indent == 0:
            top = folder = head if head.endswith("/") else ""
        elif indent == 2 and top == "lib/":
            folder = top + head if head.endswith("/") else top
        for word in words:
            if re.fullmatch(r"\w+\.py", word.rstrip(";,")):
                named.add(folder + word.rstrip(";,"))
    return named


def tree_offences(code: Codebase, readme: str) -> list[str]:
    named = {p for p in readme_tree(readme) if p.startswith(("lib/", "pages/")) or "/" not in p}
    modules = {p for p in code if p.endswith(".py") and not p.endswith("__init__.py")
               and (p.startswith(("lib/", "pages/")) or "/" not in p)}
    return ([f"{p}: not in the README's tree" for p in sorted(modules - named)]
            + [f"{p}: in the README's tree, not in the code" for p in sorted(named - modules - {"lib/__init__.py"})
               if not p.endswith("__init__.py")])


def test_the_readmes_folder_tree_names_every_module_and_only_those():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = the_codebase() | {"serve.py": "", "streamlit_app.py": ""}
    assert_none(tree_offences(code, readme), "modules the README's tree and the code disagree on")


def test_the_tree_check_reports_a_module_left_out_and_a_name_that_is_gone():
    readme = "## For developers\n```\nlib/\n  store/     the SQL\n    db.py gone.py\n```\n"
    code = {"lib/store/db.py": "", "lib/store/new.py": "", "lib/store/__init__.py": ""}
    assert tree_offences(code, readme) == ["lib/store/new.py: not in the README's tree",
                                           "lib/store/gone.py: in the README's tree, not in the code"]
