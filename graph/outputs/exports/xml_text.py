"""XML documents as readable UTF-8 text (shared by GraphML and GEXF)."""

from __future__ import annotations

from xml.etree.ElementTree import Element, indent, tostring

XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'


def xml_document(root: Element) -> str:
    """``root`` as an indented XML document, declaration included.

    networkx's own ``str(writer)`` serializes as ASCII, turning every Chinese
    character into ``&#NNNNN;``; here characters stay themselves (the file is
    UTF-8) and only markup characters are escaped.
    """
    indent(root, space="  ")
    return XML_DECLARATION + tostring(root, encoding="unicode") + "\n"
