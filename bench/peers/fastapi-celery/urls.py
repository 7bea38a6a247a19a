"""The URL rules Unfurl applies before anything else: one normal form, one id per page."""
import base64
import hashlib
from urllib.parse import urlsplit, urlunsplit


def normalise(raw: str) -> str:
    """Lower-cased scheme and host, no fragment, no default port, "/" for an empty path."""
    if len(raw) > 2048:
        raise ValueError("longer than 2048 characters")
    parts = urlsplit(raw.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError("not an absolute http(s) URL")
    scheme = parts.scheme.lower()
    host = parts.hostname.lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def preview_id(normalised: str) -> str:
    """The same derivation as Unfurl's: sha256, base64url, 32 characters."""
    return base64.urlsafe_b64encode(hashlib.sha256(normalised.encode()).digest()).decode().rstrip("=")[:32]
