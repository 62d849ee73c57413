"""Strict OOXML (ISO/IEC 29500 strict) read as transitional: the same WordprocessingML under
other namespace names. Mapping the names once, on the bytes of each XML part, lets every
reader (and a diff's output package) know only the transitional names. Knows no parts.
"""

from __future__ import annotations

_STRICT = "http://purl.oclc.org/ooxml/"
_TRANSITIONAL = "http://schemas.openxmlformats.org/"

#: Strict namespace (and relationship-type prefix) → transitional, longest first.
NAMESPACES = {
    f"{_STRICT}{strict}": f"{_TRANSITIONAL}{transitional}"
    for strict, transitional in sorted({
        "wordprocessingml/main": "wordprocessingml/2006/main",
        "officeDocument/relationships": "officeDocument/2006/relationships",
        "officeDocument/math": "officeDocument/2006/math",
        "officeDocument/extendedProperties": "officeDocument/2006/extended-properties",
        "officeDocument/customProperties": "officeDocument/2006/custom-properties",
        "officeDocument/docPropsVTypes": "officeDocument/2006/docPropsVTypes",
        "officeDocument/sharedTypes": "officeDocument/2006/sharedTypes",
        "officeDocument/bibliography": "officeDocument/2006/bibliography",
        "officeDocument/customXml": "officeDocument/2006/customXml",
        "drawingml/main": "drawingml/2006/main",
        "drawingml/wordprocessingDrawing": "drawingml/2006/wordprocessingDrawing",
        "drawingml/picture": "drawingml/2006/picture",
        "drawingml/chart": "drawingml/2006/chart",
        "drawingml/chartDrawing": "drawingml/2006/chartDrawing",
        "drawingml/diagram": "drawingml/2006/diagram",
        "drawingml/lockedCanvas": "drawingml/2006/lockedCanvas",
        "drawingml/compatibility": "drawingml/2006/compatibility",
        "spreadsheetml/main": "spreadsheetml/2006/main",
        "schemaLibrary/main": "schemaLibrary/2006/main",
    }.items(), key=lambda item: -len(item[0]))
}
_MARKERS = tuple(strict.encode("ascii") for strict in NAMESPACES)
_CONFORMANCE = (b' w:conformance="strict"', b" w:conformance='strict'")


def is_strict(data: bytes) -> bool:
    """True when an XML part uses a Strict namespace."""
    return _STRICT.encode("ascii") in data


def transitional(data: bytes) -> bytes:
    """The bytes of an XML part with every Strict name mapped to its transitional name
    (and the document's `w:conformance="strict"` dropped); unchanged when it has none."""
    if not is_strict(data):
        return data
    for strict, plain in NAMESPACES.items():
        data = data.replace(strict.encode("ascii"), plain.encode("ascii"))
    for attribute in _CONFORMANCE:
        data = data.replace(attribute, b"")
    return data


def strict(data: bytes) -> bytes:
    """The reverse mapping (transitional → Strict), for making Strict test files."""
    for strict_name, plain in NAMESPACES.items():
        data = data.replace(plain.encode("ascii"), strict_name.encode("ascii"))
    return data
