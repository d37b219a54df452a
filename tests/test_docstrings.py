"""Every public name of ``bargaining`` carries a complete numpydoc docstring.

Functions need a one-line summary, a ``Parameters`` section describing every
parameter, a described ``Returns`` (or ``Yields``) section and an ``Examples``
section; classes (other than exceptions and warnings) need a summary and
either ``Attributes`` or ``Parameters``. The docstrings are read with
numpydoc's own parser, so a malformed section fails here as well.
"""

import inspect
import warnings

import pytest
from numpydoc.docscrape import ClassDoc, FunctionDoc

import bargaining

PUBLIC = sorted(bargaining.__all__)
FUNCTIONS = [n for n in PUBLIC if inspect.isfunction(getattr(bargaining, n))]
CLASSES = [
    n
    for n in PUBLIC
    if inspect.isclass(getattr(bargaining, n))
    and not issubclass(getattr(bargaining, n), (BaseException, Warning))
]


def _parse(kind, obj):
    """Parse ``obj``'s docstring; numpydoc's warnings count as failures."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return kind(obj)


def _documented_names(section):
    """Every name a Parameters/Attributes entry documents (``a, b : int`` gives both)."""
    names = set()
    for entry in section:
        for name in entry.name.split(","):
            names.add(name.strip().lstrip("*"))
    return names


def _required_names(func):
    """Parameter names a ``Parameters`` section must mention (no ``self``/``cls``)."""
    sig = inspect.signature(func)
    return [p.name for p in sig.parameters.values() if p.name not in ("self", "cls")]


def test_public_names_are_classified():
    assert PUBLIC, "bargaining.__all__ is empty"
    assert FUNCTIONS and CLASSES


@pytest.mark.parametrize("name", FUNCTIONS)
def test_function_docstring(name):
    func = getattr(bargaining, name)
    assert inspect.getdoc(func), f"{name} has no docstring"
    doc = _parse(FunctionDoc, func)
    summary = doc["Summary"]
    assert len(summary) == 1 and summary[0].strip(), f"{name}: summary must be one line"
    required = _required_names(func)
    if required:
        assert doc["Parameters"], f"{name}: no Parameters section"
        documented = _documented_names(doc["Parameters"])
        missing = [p for p in required if p not in documented]
        assert not missing, f"{name}: parameters not documented: {missing}"
        extra = documented - set(required)
        assert not extra, f"{name}: documents parameters it does not take: {sorted(extra)}"
        bare = [p.name for p in doc["Parameters"] if not "".join(p.desc).strip()]
        assert not bare, f"{name}: parameters without a description: {bare}"
    assert doc["Returns"] or doc["Yields"], f"{name}: no Returns/Yields section"
    bare = [r.type for r in doc["Returns"] + doc["Yields"] if not "".join(r.desc).strip()]
    assert not bare, f"{name}: return values without a description: {bare}"
    assert "".join(doc["Examples"]).strip(), f"{name}: no Examples section"
    assert ">>>" in "\n".join(doc["Examples"]), f"{name}: Examples has no doctest"


@pytest.mark.parametrize("name", CLASSES)
def test_class_docstring(name):
    cls = getattr(bargaining, name)
    assert cls.__doc__ and cls.__doc__.strip(), f"{name} has no docstring of its own"
    doc = _parse(ClassDoc, cls)
    summary = doc["Summary"]
    assert len(summary) == 1 and summary[0].strip(), f"{name}: summary must be one line"
    assert doc["Attributes"] or doc["Parameters"], f"{name}: no Attributes or Parameters section"
