"""Preview metadata from a page with lxml: Open Graph and Twitter cards, then the plain HTML tags."""
from urllib.parse import urljoin

import lxml.html


def _first(values):
    for value in values:
        if value and value.strip():
            return " ".join(value.split())
    return None


def extract(body: bytes, final_url: str, content_type: str | None) -> dict:
    document = lxml.html.document_fromstring(body)
    meta = {}
    for element in document.iterfind(".//meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        if key and key not in meta and element.get("content") is not None:
            meta[key] = element.get("content")
    links = {}
    for element in document.iterfind(".//link"):
        for rel in (element.get("rel") or "").lower().split():
            if rel not in links and element.get("href"):
                links[rel] = element.get("href")
    title_element = document.find(".//title")
    absolute = lambda value: urljoin(final_url, value.strip()) if value else None  # noqa: E731
    image = absolute(_first([meta.get("og:image"), meta.get("og:image:url"), meta.get("twitter:image")]))
    icon = absolute(_first([links.get("apple-touch-icon"), links.get("icon")]))
    return {
        "url": absolute(_first([links.get("canonical"), meta.get("og:url")])) or final_url,
        "finalUrl": final_url,
        "title": _first([meta.get("og:title"), meta.get("twitter:title"), title_element.text_content() if title_element is not None else None]),
        "description": _first([meta.get("og:description"), meta.get("twitter:description"), meta.get("description")]),
        "siteName": _first([meta.get("og:site_name"), meta.get("application-name")]),
        "author": _first([meta.get("author"), meta.get("article:author")]),
        "publishedAt": _first([meta.get("article:published_time")]),
        "modifiedAt": _first([meta.get("article:modified_time"), meta.get("og:updated_time")]),
        "lang": _first([document.get("lang")]),
        "type": (_first([meta.get("og:type")]) or "").lower() or None,
        "image": {"url": image} if image else None,
        "logo": {"url": icon} if icon else None,
        "themeColor": _first([meta.get("theme-color")]),
        "contentType": content_type.split(";")[0].strip() if content_type else None,
    }
