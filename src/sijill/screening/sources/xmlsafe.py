"""XML read with defusedxml: entity expansion (billion laughs), external entities (XXE) and
DTDs refused, errors naming the line and column (pure)."""

from __future__ import annotations

from typing import Final
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from sijill.screening.entries import ListFormatError, clean

_MAX_DEPTH: Final = 64


def parse_xml(data: bytes) -> Element:
    """The root element; ``ListFormatError`` for malformed or unsafe XML."""
    try:
        root: Element = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise ListFormatError(f"unsafe XML refused: {type(exc).__name__}") from None
    except ParseError as exc:
        line, column = exc.position
        raise ListFormatError(f"line {line}, column {column}: malformed XML") from None
    return root


def local(tag: str) -> str:
    """A tag without its namespace: "{http://...}sdnEntry" -> "sdnEntry"."""
    return tag.rpartition("}")[2]


def children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local(child.tag) == name]


def child(element: Element, name: str) -> Element | None:
    for item in element:
        if local(item.tag) == name:
            return item
    return None


def text(element: Element | None, name: str | None = None) -> str:
    """The collapsed text of ``element`` (or of its child ``name``); empty when absent."""
    if element is not None and name is not None:
        element = child(element, name)
    return clean(element.text) if element is not None else ""


def texts(element: Element, path: str) -> list[str]:
    """Texts of the children along ``path`` ("NATIONALITY/VALUE"), non-empty, in order."""
    found = [element]
    for name in path.split("/"):
        found = [c for e in found for c in children(e, name)]
    return [t for t in (clean(e.text) for e in found) if t]


def where(kind: str, number: int, key: str) -> str:
    """How an error names an element: "INDIVIDUAL 12 (QDi.430)"."""
    return f"{kind} {number}" + (f" ({key})" if key else "")
