"""What is syntactically wrong with an http(s) URL as written, and its correction.

Not a rule: LNK001 reports what `diagnose` finds, and the local-link rules use
`looks_like_url` to leave such targets to LNK001 instead of resolving them as
files. The corrected URL is offered only when every problem has one repair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# Schemes that are fine as written; the checks here are for http(s) only.
# hxxp(s) is the deliberate "defanged" spelling used in security writing.
KNOWN_SCHEMES = frozenset({
    "http", "https", "ftp", "ftps", "sftp", "ssh", "git", "svn", "file", "mailto", "tel",
    "sms", "data", "javascript", "ws", "wss", "tcp", "udp", "irc", "ircs", "news", "nntp",
    "ldap", "ldaps", "redis", "rediss", "postgres", "postgresql", "mysql", "mongodb",
    "amqp", "amqps", "kafka", "s3", "gs", "hdfs", "jdbc", "grpc", "grpcs", "urn", "xmpp",
    "magnet", "feed", "chrome", "about", "vscode", "slack", "zoommtg", "hxxp", "hxxps",
    "etcd", "nats", "mqtt", "mqtts", "coap", "sip", "rtsp", "rtmp", "smb", "nfs", "spiffe",
    "vault", "consul", "docker", "oci", "npm", "pip", "blob", "content", "cid", "mid",
})
_SCHEME_LIKE = re.compile(
    r"^(?P<scheme>[A-Za-z][A-Za-z0-9+-]*)(?P<sep>[:;.,]*)(?P<slashes>[/\\]*)(?P<rest>.*)$",
    re.DOTALL,
)
_INNER_SCHEME = re.compile(r"^(?P<scheme>https?)[:;]*[/\\]+(?P<rest>.*)$",
                           re.IGNORECASE | re.DOTALL)
# Placeholders and templates are not hosts to judge: ${HOST}, {{ url }}, <host>, ...
_PLACEHOLDER = re.compile(r"[{}$<>*\[\]…]|\.\.\.|^x+$|^\.+$")
_HOST_CHARS = re.compile(r"^[A-Za-z0-9._-]+$")


@dataclass(frozen=True, slots=True)
class UrlProblem:
    message: str  # what is wrong, without the correction
    corrected: str | None  # the URL with every problem repaired, if each has one repair
    safe: bool  # the correction is the only plausible one


def _distance(left: str, right: str) -> int:
    """Levenshtein distance; the strings here are a few letters long."""
    previous = list(range(len(right) + 1))
    for row, left_char in enumerate(left, start=1):
        current = [row]
        for column, right_char in enumerate(right, start=1):
            current.append(min(previous[column] + 1, current[column - 1] + 1,
                               previous[column - 1] + (left_char != right_char)))
        previous = current
    return previous[-1]


def _intended_scheme(written: str) -> tuple[str | None, bool]:
    """The http(s) scheme a misspelt one stands for, and whether only one fits."""
    lowered = written.lower()
    if lowered in ("http", "https"):
        return lowered, True
    if lowered in KNOWN_SCHEMES or not 3 <= len(lowered) <= 7:
        return None, False
    distances = {candidate: _distance(lowered, candidate) for candidate in ("http", "https")}
    best = min(distances.values())
    if best > 2:
        return None, False
    choices = [candidate for candidate, value in distances.items() if value == best]
    if len(choices) == 1:
        return choices[0], best == 1
    return "https" if lowered.endswith("s") else "http", False


def looks_like_url(target: str) -> bool:
    """The target is meant as a web address (well formed or not), not a local path."""
    stripped = target.strip()
    if stripped.lower().startswith("www."):
        return True
    match = _SCHEME_LIKE.match(stripped)
    if match is None:
        return False
    if match["scheme"].lower() in KNOWN_SCHEMES and match["sep"] == ":":
        return True
    scheme, _ = _intended_scheme(match["scheme"])
    return scheme is not None and _separated(match["sep"], match["slashes"])


def _separated(sep: str, slashes: str) -> bool:
    """Something marks the end of a scheme: a colon (or a slip for one), two
    slashes, a backslash. A word and one slash is a folder: `help/java.md`,
    `html/tags.md`, even `http/status.md`, resolve as relative paths."""
    return bool(sep) or len(slashes) >= 2 or "\\" in slashes


def _host_problems(url: str) -> tuple[list[str], str | None, bool]:
    """Problems in the authority part of a well-formed `scheme://...` URL."""
    problems: list[str] = []
    try:
        parts = urlsplit(url)
    except ValueError:  # "Invalid IPv6 URL": a '[' without its ']' or the reverse
        return ["an unbalanced '[' or ']' in the host"], None, False
    netloc = parts.netloc
    host = netloc.rpartition("@")[2]
    if host.startswith("["):  # IPv6 literal
        return problems, url, True
    host_only, _, port = host.partition(":")
    if not host_only:
        return ["no host after the scheme"], None, False
    if _PLACEHOLDER.search(host_only):
        return problems, url, True
    corrected_host, safe = host_only, True
    if any(char.isspace() for char in host_only):
        problems.append("spaces in the host")
        return problems, None, False
    if "," in corrected_host:
        problems.append("a comma in the host")
        corrected_host, safe = corrected_host.replace(",", "."), False
    if corrected_host.startswith("."):
        problems.append("the host starts with a dot")
        corrected_host = corrected_host.lstrip(".")
    if ".." in corrected_host.rstrip("."):
        problems.append("an empty label ('..') in the host")
        corrected_host = re.sub(r"\.{2,}", ".", corrected_host)
    ascii_host = corrected_host if corrected_host.isascii() else ""
    if ascii_host and not _HOST_CHARS.match(ascii_host):
        bad = next(char for char in ascii_host if not (char.isalnum() or char in "._-"))
        problems.append(f"an invalid character {bad!r} in the host")
        return problems, None, False
    if port and not port.isdigit():
        problems.append(f"a non-numeric port ':{port}'")
        return problems, None, False
    if port and int(port) > 65535:
        problems.append(f"port {port} is out of range")
        return problems, None, False
    if not problems:
        return problems, url, True
    start = url.find(host_only)
    corrected = url[:start] + corrected_host + url[start + len(host_only):]
    return problems, corrected, safe


def diagnose(target: str, in_link: bool = True, attribute: bool = False) -> UrlProblem | None:
    """What is wrong with `target` as an http(s) URL, or None if it is fine or not one.

    `in_link` is True for a link destination (where a leading `www.` resolves as a
    relative path) and False for a bare URL in prose; `attribute` for an HTML
    attribute's value, where a browser encodes spaces after the host itself.
    """
    written = target.strip()
    if not written or any(marker in written for marker in ("{{", "{%", "${")):
        return None  # built by a template, not written
    if written.lower().startswith("www."):
        if not in_link:
            return None
        return UrlProblem("a 'www.' address without a scheme resolves as a relative path",
                          f"https://{written}", False)
    match = _SCHEME_LIKE.match(written)
    if match is None:
        return None
    scheme, sep, slashes, rest = match["scheme"], match["sep"], match["slashes"], match["rest"]
    lowered = scheme.lower()
    if lowered in KNOWN_SCHEMES and lowered not in ("http", "https"):
        return None
    intended, scheme_safe = _intended_scheme(scheme)
    if intended is None or not _separated(sep, slashes):
        return None
    if not slashes and not re.match(r"[\w-]+\.[\w.-]+", rest):
        return None  # "httpd:" or "http:" followed by prose, not a URL
    problems: list[str] = []
    safe = scheme_safe
    if lowered != intended:
        problems.append(f"the scheme '{scheme}' is misspelt")
    if sep != ":":
        problems.append(f"'{sep}' after the scheme instead of ':'" if sep
                        else "no ':' after the scheme")
    if "\\" in slashes:
        problems.append("backslashes instead of '//' after the scheme")
    elif slashes != "//":
        count = len(slashes)
        problems.append("no '//' after the scheme" if count == 0
                        else f"{count} slash{'es' if count > 1 else ''} after the scheme "
                        "instead of 2")
    inner = _INNER_SCHEME.match(rest)
    if inner:
        problems.append("the scheme is written twice")
        intended, rest = inner["scheme"].lower(), inner["rest"]
    if "\\" in rest:
        problems.append("backslashes instead of slashes")
        rest = rest.replace("\\", "/")
    if " " in rest:
        if not (attribute and re.match(r"[^\s/?#]+[/?#]", rest)):
            problems.append("unencoded spaces")
        rest = rest.replace(" ", "%20")
    if in_link and rest.endswith("]") and "[" not in rest:
        # `[AWS](https://aws.amazon.com/]))`: a bracket of the Markdown typed twice
        problems.append("a stray ']' at its end")
        rest = rest.rstrip("]")
        safe = False
    if not rest or rest.startswith("/"):
        problems.append("no host after the scheme")
        return UrlProblem("; ".join(problems), None, False)
    rebuilt = f"{scheme if lowered == intended else intended}://{rest}"
    host_problems, corrected, host_safe = _host_problems(rebuilt)
    problems.extend(host_problems)
    if not problems:
        return None
    return UrlProblem("; ".join(problems), corrected, safe and host_safe)
