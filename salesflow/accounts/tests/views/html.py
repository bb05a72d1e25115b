"""A few look-ups over Django's own HTML parser, so tests can assert on a page's structure."""

from typing import Any

from django.test.html import Element, parse_html


def parse(content: bytes) -> Element:
    html = content.decode()
    return parse_html(html[html.index("<html") :] if "<html" in html else html)


def attr(node: Element, name: str) -> str | None:
    return dict(node.attributes).get(name)


def matches(node: Any, tag: str | None = None, *, cls: str | None = None, **attrs: str) -> bool:
    if not isinstance(node, Element):
        return False
    if tag is not None and node.name != tag:
        return False
    if cls is not None and cls not in (attr(node, "class") or "").split():
        return False
    return all(attr(node, name.replace("_", "-")) == value for name, value in attrs.items())


def children(node: Element, tag: str | None = None, **kwargs: str) -> list[Element]:
    return [child for child in node.children if matches(child, tag, **kwargs)]


def find_all(node: Element, tag: str | None = None, **kwargs: str) -> list[Element]:
    found = []
    for child in node.children:
        if isinstance(child, Element):
            if matches(child, tag, **kwargs):
                found.append(child)
            found.extend(find_all(child, tag, **kwargs))
    return found


def find(node: Element, tag: str | None = None, **kwargs: str) -> Element:
    found = find_all(node, tag, **kwargs)
    assert found, f"no <{tag or '*'} {kwargs}> in the page"
    return found[0]


def text(node: Element | str) -> str:
    if isinstance(node, str):
        return node
    return " ".join(" ".join(text(child) for child in node.children).split())
