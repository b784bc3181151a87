#!/usr/bin/env python3
"""How many of feedparser's own test expectations `feedctl parse --json` meets.

Usage: feedparser-agreement.py FEEDCTL TESTS_DIR [--list failing|passing|skipped] [--only SUBSTRING]

TESTS_DIR is the `tests` directory of a feedparser source distribution (feedparser 6.x ships
tests/wellformed, tests/illformed, tests/encoding and tests/entities). Nothing is downloaded here.

Each document carries `Expect: <python expression>` over feedparser's result. The expression is evaluated
against feedd's JSON mapped to feedparser's names. An expectation is applicable only when every name it reads
has a feedd counterpart (decided on a document with every field filled in, not on the binary's output); reading
anything else (encoding, namespaces, *_detail types, itunes_*, ...) makes it not applicable. `bozo` is dropped
from expectations: feedd's bozo means "recovered from broken XML", which feedparser's does not. Documents whose path contains "http" are served, with their `Header:` lines as HTTP
headers, from a loopback server at 127.0.0.1:8097 (the address their expectations name), the rest read as files.
"""

import builtins
import calendar
import concurrent.futures
import html
import http.server
import io
import json
import os
import re
import subprocess
import sys
import threading
import time

HOST, PORT = "127.0.0.1", 8097
HEADER_RE = re.compile(rb"^Header:\s+([^:]+):(.+)$", re.MULTILINE)
DESC_RE = re.compile(rb"Description:\s*(.*?)\s*Expect:\s*(.*)\s*-->")
SKIP_RE = re.compile(rb"SkipUnless:\s*(.*?)\n")


class NotApplicable(Exception):
    """The expectation reads a name feedd has no counterpart for."""


class Text(str):
    """A feedd string that equals feedparser's when it does raw or with its character references decoded.

    feedd writes text fields as escaped HTML where feedparser writes plain text for text constructs.
    """

    def __eq__(self, other):
        if not isinstance(other, str):
            return False
        return str.__eq__(self, other) or str.__eq__(html.unescape(str(self)), other)

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = str.__hash__


class PlainText(Text):
    """A feedd title or rights: plain text where feedparser keeps their markup, so compared with the text of it."""

    def __eq__(self, other):
        if Text.__eq__(self, other):
            return True
        return isinstance(other, str) and str.__eq__(self, html.unescape(re.sub(r"<[^>]*>", "", other)).strip())

    __hash__ = str.__hash__


def wrap(value):
    if isinstance(value, str) and not isinstance(value, Text):
        return Text(value)
    return value


class Node(dict):
    """A feedparser-like dict: known names missing from feedd's output raise KeyError, unknown ones NotApplicable."""

    def __init__(self, values, known):
        super().__init__({k: wrap(v) for k, v in values.items() if v is not None})
        self.known = known

    # Names feedparser gives one value under two keys; only the first is stored, so the dict compares equal to its.
    ALIASES = {"url": "href"}

    def __getitem__(self, key):
        if key not in self.known:
            raise NotApplicable(key)
        if key in self.ALIASES and not dict.__contains__(self, key):
            key = self.ALIASES[key]
        return dict.__getitem__(self, key)

    def __getattr__(self, key):
        if key.startswith("__") or key == "known":
            raise AttributeError(key)
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key)

    def __contains__(self, key):
        if key not in self.known:
            raise NotApplicable(key)
        return dict.__contains__(self, key)

    def get(self, key, default=None):
        if key not in self.known:
            raise NotApplicable(key)
        return dict.get(self, key, default)

    has_key = __contains__


def parsed(stamp):
    if not stamp:
        return None
    match = re.match(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)", stamp)
    if not match:
        return None
    return time.gmtime(calendar.timegm(tuple(int(g) for g in match.groups()) + (0, 0, 0)))


def person(raw):
    return Node({"name": raw.get("name"), "email": raw.get("email"), "href": raw.get("uri")},
                {"name", "email", "href"})


def people(raw, values, known):
    authors = [person(a) for a in raw.get("authors") or []]
    known |= {"author", "author_detail", "authors"}
    if authors:
        values["authors"] = authors
        values["author_detail"] = authors[0]
        first = raw["authors"][0]
        name, email = first.get("name"), first.get("email")
        values["author"] = f"{name} ({email})" if name and email else (name or email)


def tags(raw, values, known):
    known |= {"tags", "category"}
    terms = raw.get("categories") or []
    if terms:
        values["tags"] = [Node({"term": t}, {"term"}) for t in terms]
        values["category"] = terms[0]


def entry_node(raw):
    known = {"id", "guid", "title", "link", "summary", "description", "content", "published_parsed",
             "issued_parsed", "updated_parsed", "modified_parsed", "enclosures", "comments"}
    values = {
        "id": raw.get("id"), "guid": raw.get("id"), "title": raw.get("title"), "link": raw.get("link"),
        "summary": raw.get("summary"), "description": raw.get("summary"), "comments": raw.get("comments"),
        "published_parsed": parsed(raw.get("published")), "issued_parsed": parsed(raw.get("published")),
        "updated_parsed": parsed(raw.get("updated")), "modified_parsed": parsed(raw.get("updated")),
    }
    if values["title"] is not None:
        values["title"] = PlainText(values["title"])
    if raw.get("id", "").startswith("urn:feedd:"):
        values["id"] = values["guid"] = None
    if raw.get("content") is not None:
        values["content"] = [Node({"value": raw["content"]}, {"value"})]
        if values["summary"] is None:
            # feedparser's summary falls back to the content when an entry has no summary of its own.
            values["summary"] = values["description"] = raw["content"]
    if raw.get("enclosures"):
        values["enclosures"] = [
            Node({"href": e.get("url"), "type": e.get("type"),
                  "length": None if e.get("length") is None else str(e["length"])},
                 {"href", "url", "type", "length"})
            for e in raw["enclosures"]
        ]
    people(raw, values, known)
    tags(raw, values, known)
    return Node(values, known)


def feed_node(raw):
    known = {"title", "subtitle", "tagline", "description", "link", "language", "updated_parsed",
             "modified_parsed", "generator", "image", "icon", "rights", "copyright", "ttl"}
    values = {
        "title": raw.get("title"), "subtitle": raw.get("subtitle"), "tagline": raw.get("subtitle"),
        "description": raw.get("subtitle"), "link": raw.get("link"), "language": raw.get("language"),
        "updated_parsed": parsed(raw.get("updated")), "modified_parsed": parsed(raw.get("updated")),
        "generator": raw.get("generator"), "icon": raw.get("icon"), "rights": raw.get("rights"),
        "copyright": raw.get("rights"), "ttl": None if raw.get("ttl") is None else str(raw["ttl"]),
    }
    if raw.get("image"):
        values["image"] = Node({"href": raw["image"]}, {"href", "url"})
    people(raw, values, known)
    tags(raw, values, known)
    for key in ("title", "rights", "copyright"):
        if values[key] is not None:
            values[key] = PlainText(values[key])
    return Node(values, known)


VERSIONS = {("rss", "0.90"): "rss090", ("rss", "0.92"): "rss092", ("rss", "0.93"): "rss093",
            ("rss", "0.94"): "rss094", ("rss", "2.0"): "rss20", ("rss", ""): "rss", ("rdf", "1.0"): "rss10",
            ("atom", "1.0"): "atom10", ("atom", "0.3"): "atom03", ("atom", ""): "atom", ("json", "1.0"): "json1",
            ("json", "1.1"): "json11"}


class AnyOf(str):
    """A version feedd does not tell apart further (RSS 0.91 Netscape and Userland): equal to each of them."""

    def __new__(cls, names):
        value = str.__new__(cls, names[0])
        value.names = names
        return value

    def __eq__(self, other):
        return other in self.names

    def __ne__(self, other):
        return other not in self.names

    __hash__ = str.__hash__


def version(doc):
    key = (doc.get("format"), doc.get("version") or "")
    if key == ("rss", "0.91"):
        return AnyOf(["rss091n", "rss091u"])
    return VERSIONS.get(key, "")


class Environment(dict):
    """The names an expectation reads: feed and entries; Python's builtins; anything else is not applicable."""

    def __missing__(self, key):
        if hasattr(builtins, key) or key in ("True", "False", "None"):
            raise KeyError(key)
        raise NotApplicable(key)


def environment(doc):
    feed = feed_node(doc)
    entries = [entry_node(e) for e in doc.get("entries", [])]
    return Environment(feed=feed, channel=feed, entries=entries, items=entries, version=version(doc))


BOZO_PREFIX = re.compile(r"^\s*(not\s+)?bozo\s+and\s+")


# The encoding documents' header comments are in the document's own encoding: known first bytes name it.
SIGNATURES = [
    (b"\x4c\x6f\xa7\x94", "cp037", 0), (b"\x00\x00\xfe\xff", "utf-32be", 0), (b"\xff\xfe\x00\x00", "utf-32le", 0),
    (b"\x00\x00\x00\x3c", "utf-32be", 0), (b"\x3c\x00\x00\x00", "utf-32le", 0), (b"\x00\x3c\x00\x3f", "utf-16be", 0),
    (b"\x3c\x00\x3f\x00", "utf-16le", 0), (b"\xfe\xff", "utf-16be", 2), (b"\xff\xfe", "utf-16le", 2),
]


def header_text(data):
    for signature, codec, skip in SIGNATURES:
        if data.startswith(signature):
            return data[skip:].decode(codec, "replace").encode("utf-8")
    return data


def expectation(path):
    with open(path, "rb") as f:
        data = header_text(f.read())
    skip = SKIP_RE.search(data)
    match = DESC_RE.search(data)
    if not match:
        return None, None
    expect = match.group(2).strip().decode("utf-8", "replace")
    return (skip.group(1).decode() if skip else None), expect


def runnable(skip):
    """feedparser's SkipUnless: conditions on this Python's codecs are evaluated; those on feedparser hold."""
    if not skip or "feedparser" in skip:
        return True
    try:
        return bool(eval(skip))
    except Exception:
        return False


# A document with every field feedd outputs filled in: whether an expectation is applicable is decided on it, not on
# what one binary happened to output (a missing field would hide that the expectation reads an unmapped name).
PROBE_ENTRY = {
    "id": "x", "title": "x", "link": "x", "published": "2000-01-01T00:00:00Z", "updated": "2000-01-01T00:00:00Z",
    "authors": [{"name": "x", "email": "x", "uri": "x"}] * 3, "summary": "x", "content": "x",
    "categories": ["x"] * 3, "enclosures": [{"url": "x", "type": "x", "length": 1}] * 3, "comments": "x",
}
PROBE = {
    "format": "rss", "version": "2.0", "title": "x", "subtitle": "x", "link": "x", "language": "x",
    "updated": "2000-01-01T00:00:00Z", "generator": "x", "image": "x", "icon": "x", "rights": "x", "ttl": 1,
    "authors": PROBE_ENTRY["authors"], "categories": ["x"] * 3, "entries": [PROBE_ENTRY] * 3,
}


def evaluate(expect, doc):
    """Returns 'pass', 'fail' or 'skip' (not applicable)."""
    stripped = BOZO_PREFIX.sub("", expect)
    if re.fullmatch(r"\s*(not\s+)?bozo\s*|\s*1\s*", stripped) or "bozo" in stripped:
        return "skip"
    try:
        eval(stripped, {"__builtins__": builtins}, environment(PROBE))
    except NotApplicable:
        return "skip"
    except Exception:
        pass
    if doc is None:
        return "fail"
    try:
        result = eval(stripped, {"__builtins__": builtins}, environment(doc))
    except NotApplicable:
        return "skip"
    except Exception:
        return "fail"
    return "pass" if result else "fail"


class Handler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):
        path = self.translate_path(self.path)
        try:
            with open(path, "rb") as f:
                blob = f.read()
        except OSError:
            self.send_error(404)
            return None
        headers = {k.decode(): v.decode().strip() for k, v in HEADER_RE.findall(blob)}
        self.send_response(int(headers.pop("Status", 200)))
        self.send_header("Content-type", headers.pop("Content-type", self.guess_type(path)))
        self.send_header("Content-Length", str(len(blob)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        return io.BytesIO(blob)

    def log_message(self, *args):
        pass


def serve(root):
    handler = lambda *a, **k: Handler(*a, directory=root, **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer((HOST, PORT), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run_feedctl(feedctl, sources):
    """One JSON document (or None) per source; batches, falling back to one process per source on a mismatch."""
    def one(source):
        out = subprocess.run([feedctl, "parse", "--json", source], capture_output=True, timeout=60).stdout
        try:
            return json.loads(out.decode("utf-8", "replace").splitlines()[0])
        except (IndexError, ValueError):
            return None

    def batch(sources):
        # A source feedctl cannot read prints nothing, so a short batch is read again one source at a time.
        out = subprocess.run([feedctl, "parse", "--json", *sources], capture_output=True, timeout=600).stdout
        lines = [line for line in out.decode("utf-8", "replace").splitlines() if line.strip()]
        if len(lines) == len(sources):
            return [json.loads(line) for line in lines]
        return [one(source) for source in sources]

    batches = [sources[start:start + 20] for start in range(0, len(sources), 20)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return [doc for results in pool.map(batch, batches) for doc in results]


def main():
    args = sys.argv[1:]
    listing = only = None
    if "--list" in args:
        listing = args.pop(args.index("--list") + 1)
        args.remove("--list")
    if "--only" in args:
        only = args.pop(args.index("--only") + 1)
        args.remove("--only")
    if len(args) != 2:
        sys.exit(__doc__)
    feedctl, tests = os.path.abspath(args[0]), os.path.abspath(args[1])
    root = os.path.dirname(tests)
    documents = []
    for group in ("wellformed", "illformed", "encoding", "entities"):
        for directory, _, files in sorted(os.walk(os.path.join(tests, group))):
            for name in sorted(files):
                path = os.path.join(directory, name)
                if name.endswith(".xml") and (only is None or only in path):
                    documents.append(path)
    server = serve(root)
    try:
        cases = []
        for path in documents:
            skip, expect = expectation(path)
            if expect is None or not runnable(skip):
                continue
            relative = os.path.relpath(path, root)
            source = f"http://{HOST}:{PORT}/{relative}" if "http" in relative else path
            cases.append((relative, source, expect))
        docs = run_feedctl(feedctl, [source for _, source, _ in cases])
    finally:
        server.shutdown()
    counts = {"pass": 0, "fail": 0, "skip": 0}
    by_group = {}
    for (relative, _, expect), doc in zip(cases, docs):
        outcome = evaluate(expect, doc)
        counts[outcome] += 1
        group = "/".join(relative.split("/")[1:3]) if "/wellformed/" in relative else relative.split("/")[1]
        by_group.setdefault(group, {"pass": 0, "fail": 0, "skip": 0})[outcome] += 1
        if listing == {"pass": "passing", "fail": "failing", "skip": "skipped"}[outcome]:
            print(f"{relative}\t{expect}")
    applicable = counts["pass"] + counts["fail"]
    print(f"documents {len(cases)}  applicable {applicable}  met {counts['pass']}  not met {counts['fail']}"
          f"  not applicable {counts['skip']}", file=sys.stderr)
    for group, c in sorted(by_group.items()):
        if c["fail"]:
            print(f"  {group}: met {c['pass']} of {c['pass'] + c['fail']}", file=sys.stderr)


if __name__ == "__main__":
    main()
