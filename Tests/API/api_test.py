#!/usr/bin/env python3
"""End-to-end tests of feedd's HTTP API: the built feedd and feedctl, a store of more than 5,000 articles, every
Google Reader, Fever and digest endpoint, hostile requests, and two real clients written by others (newsboat's
FeedHQ source, driven in tmux, and freshrss-api from PyPI).

Usage: api_test.py --bin BUILD_DIR --fever-python VENV_PYTHON [--keep]

Everything runs on 127.0.0.1 inside a temporary directory: a feed server (feeds.py), feedd --once to fill the store,
then the long-running feedd with `[api] listen` on a free port. Tests run in the order of their names, as they
share the store: the ones that change read states come after the ones that count. Deliberately failed logins come
from other loopback addresses (127.0.0.x), as the listener throttles failures per client address.
Standard library only (the Fever client runs in its own venv).
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from client import APIClient, basic, google_login  # noqa: E402
from feeds import BIG_COUNT, EXTRA_COUNT, FeedServer, World  # noqa: E402

LONG_PREFIX = "tag:google.com,2005:reader/item/"
READING_LIST = "user/-/state/com.google/reading-list"
STARRED = "user/-/state/com.google/starred"
READ = "user/-/state/com.google/read"
ATOM = "{http://www.w3.org/2005/Atom}"
GR = "{http://www.google.com/schemas/reader/atom/}"
ACCOUNT = "reader"
HERE = os.path.dirname(os.path.abspath(__file__))


def item_number(item_id: str) -> int:
    """An item id in any of Google Reader's forms, as a number."""
    if item_id.startswith(LONG_PREFIX):
        return int(item_id[len(LONG_PREFIX):], 16)
    return int(item_id)


def long_id(number: int) -> str:
    return f"{LONG_PREFIX}{number:016x}"


def link_of(item: dict) -> str:
    for key in ("canonical", "alternate"):
        for entry in item.get(key) or []:
            if entry.get("href"):
                return entry["href"]
    return ""


def wait_for(condition, seconds: float, step: float = 0.1):
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Run:
    """The run's shared state: paths, the feed server, feedd, the account."""

    options = None
    tmp = ""
    world = None
    server = None
    config = ""
    port = 0
    daemon = None
    daemon_log = ""
    password = ""
    fever_key = ""
    feed_ids = {}
    api = None
    token = ""
    action_token = ""
    failed = False

    @classmethod
    def feedctl(cls, *args, check: bool = True, timeout: float = 60) -> subprocess.CompletedProcess:
        command = [os.path.join(cls.options.bin, "feedctl"), "--config", cls.config, *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        if check and done.returncode != 0:
            raise AssertionError(f"feedctl {' '.join(args)} exited {done.returncode}: {done.stderr.strip()}")
        return done

    @classmethod
    def feedctl_json(cls, *args):
        done = cls.feedctl(*args, "--json")
        try:
            return json.loads(done.stdout)
        except ValueError:
            raise AssertionError(f"feedctl {' '.join(args)} --json printed no JSON: {done.stdout[:300]!r}") from None

    @classmethod
    def articles(cls, *args) -> list:
        return cls.feedctl_json("articles", "--limit", "100000", *args)

    @classmethod
    def feed_articles(cls, feed) -> list:
        return cls.articles("--feed", str(cls.feed_ids[feed.path]))

    @classmethod
    def stored_feeds(cls) -> list:
        return cls.feedctl_json("list")


def setUpModule() -> None:
    started = time.monotonic()
    # Runs even when setUpModule fails half-way (tearDownModule would not).
    unittest.addModuleCleanup(clean_up)
    Run.tmp = tempfile.mkdtemp(prefix="feedd-api-")
    Run.world = World(now=int(time.time()))
    Run.server = FeedServer(Run.world)
    Run.port = free_port()
    Run.config = os.path.join(Run.tmp, "feedd.toml")
    feeds = "".join(
        f'\n[[feed]]\nurl = "{Run.server.url(feed)}"\ntitle = "{feed.title}"\ntags = ["{tag}"]\n'
        for feed, tag in ((Run.world.a, "news"), (Run.world.b, "news"), (Run.world.big, "bulk"))
    )
    with open(Run.config, "w", encoding="utf-8") as file:
        file.write(
            f"""[store]
path = "{Run.tmp}/feedd.sqlite"
# The big feed alone holds 5,100 articles; the default keeps 1,000 per feed.
keep_per_feed = 10000

[fetch]
# The feeds are on 127.0.0.1, which feedd refuses by default.
allow_private_addresses = true
interval = "1h"

# An edition, for its Atom feed (NAME.atom); its files are morning-YYYY-MM-DD.html and morning-latest.html.
[[digest]]
name = "morning"
dir = "{Run.tmp}/digests"
formats = ["html"]
atom = true

[log]
# Debug: one line per API request, which shows what newsboat sent.
level = "debug"

[api]
listen = "127.0.0.1:{Run.port}"
{feeds}"""
        )
    created = Run.feedctl_json("api", "password", ACCOUNT)
    assert created.get("name") == ACCOUNT, f"feedctl api password printed {created}"
    Run.password = created["password"]
    Run.fever_key = created.get("fever_api_key", "")
    expected_key = hashlib.md5(f"{ACCOUNT}:{Run.password}".encode()).hexdigest()
    assert Run.fever_key == expected_key, f"fever_api_key {Run.fever_key!r} is not md5(NAME:PASSWORD)"

    once = subprocess.run(
        [os.path.join(Run.options.bin, "feedd"), "--config", Run.config, "--once"],
        capture_output=True, text=True, timeout=120)
    with open(os.path.join(Run.tmp, "feedd-once.log"), "w", encoding="utf-8") as file:
        file.write(once.stderr)
    assert once.returncode == 0, f"feedd --once exited {once.returncode}: {once.stderr[-2000:]}"
    filled = time.monotonic()

    Run.feed_ids = {}
    for feed in Run.stored_feeds():
        for served in Run.world.configured:
            if feed["url"] == Run.server.url(served):
                Run.feed_ids[served.path] = feed["id"]
    assert len(Run.feed_ids) == 3, f"the store does not list the three configured feeds: {Run.stored_feeds()}"

    Run.daemon_log = os.path.join(Run.tmp, "feedd.log")
    with open(Run.daemon_log, "w", encoding="utf-8") as log:
        Run.daemon = subprocess.Popen(
            [os.path.join(Run.options.bin, "feedd"), "--config", Run.config], stdout=log, stderr=subprocess.STDOUT)

    def listening() -> bool:
        if Run.daemon.poll() is not None:
            raise AssertionError(f"feedd exited {Run.daemon.returncode} at start: {read_log()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", Run.port), timeout=1):
                return True
        except OSError:
            return False

    assert wait_for(listening, 30), f"feedd does not listen on 127.0.0.1:{Run.port} after 30 s: {read_log()[-2000:]}"
    Run.api = APIClient(Run.port)
    login = Run.api.post("/greader/accounts/ClientLogin", form={"Email": ACCOUNT, "Passwd": Run.password})
    assert login.status == 200, login.describe()
    Run.token = auth_line(login.text)
    # The action token POSTs carry (T=), as clients send it; test_02 checks the endpoint itself.
    token = Run.api.get("/greader/reader/api/0/token", headers=google_login(Run.token))
    Run.action_token = token.text.strip() if token.status == 200 else ""
    print(f"setup: store filled by feedd --once in {filled - started:.1f} s, feedd listening after "
          f"{time.monotonic() - filled:.1f} s (temp dir {Run.tmp})", file=sys.stderr)


def clean_up() -> None:
    if Run.daemon is not None and Run.daemon.poll() is None:
        Run.daemon.kill()
        Run.daemon.wait()
    tmux = os.path.join(Run.tmp, "tmux.sock")
    if os.path.exists(tmux):
        subprocess.run(["tmux", "-S", tmux, "kill-server"], capture_output=True)
    if Run.server is not None:
        Run.server.stop()
    if Run.failed or Run.options.keep:
        print(f"kept {Run.tmp} (feedd.log, feedd.toml, the store, newsboat's files)", file=sys.stderr)
    elif Run.tmp:
        shutil.rmtree(Run.tmp, ignore_errors=True)


def read_log() -> str:
    try:
        with open(Run.daemon_log, encoding="utf-8", errors="replace") as file:
            return file.read()
    except OSError:
        return ""


def auth_line(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("Auth="):
            return line[len("Auth="):]
    raise AssertionError(f"ClientLogin's answer has no Auth= line: {text!r}")


class APITests(unittest.TestCase):
    maxDiff = 2000

    # --- helpers -------------------------------------------------------------------------------------------------

    def greader(self, method: str, endpoint: str, params=None, form=None, token: str = None, client=None, **options):
        client = client or Run.api
        headers = google_login(token or Run.token)
        path = "/greader/reader/api/0/" + endpoint
        if method == "GET":
            return client.get(path, params=params, headers=headers, **options)
        form = list(form.items()) if isinstance(form, dict) else list(form or [])
        form.append(("T", Run.action_token))
        return client.post(path, form=form, params=params, headers=headers, **options)

    def greader_json(self, endpoint: str, params=None):
        params = list(params.items()) if isinstance(params, dict) else list(params or [])
        reply = self.greader("GET", endpoint, params=params + [("output", "json")])
        self.assertEqual(reply.status, 200, reply.describe())
        return reply.json()

    def greader_ok(self, endpoint: str, form):
        reply = self.greader("POST", endpoint, form=form)
        self.assertEqual(reply.status, 200, reply.describe())
        self.assertEqual(reply.text.strip(), "OK", reply.describe())

    def stream_path(self, stream: str) -> str:
        return "stream/contents/" + urllib.parse.quote(stream, safe="/-")

    def stream_page(self, stream: str, **params) -> dict:
        return self.greader_json(self.stream_path(stream), params)

    def whole_stream(self, stream: str, n: int = 1000, **params) -> list:
        """Every item of `stream`, page by page; checks each page's size and that no item comes twice."""
        items, seen, continuation, pages = [], set(), None, 0
        while True:
            query = dict(params, n=n)
            if continuation:
                query["c"] = continuation
            page = self.stream_page(stream, **query)
            pages += 1
            self.assertLessEqual(len(page.get("items", [])), n, f"{stream} page {pages} holds more than n={n}")
            for item in page.get("items", []):
                number = item_number(item["id"])
                self.assertNotIn(number, seen, f"{stream}: item {item['id']} comes twice (page {pages})")
                seen.add(number)
                items.append(item)
            continuation = page.get("continuation")
            if not continuation:
                return items
            self.assertLess(pages, 200, f"{stream}: more than 200 pages of {n}; the continuation loops")

    def unread_counts(self) -> dict:
        counts = self.greader_json("unread-count")
        return {entry["id"]: int(entry["count"]) for entry in counts.get("unreadcounts", [])}

    def read_states(self, feed) -> dict:
        """link → read, for one feed's stored articles."""
        return {article["link"]: article["read"] for article in Run.feed_articles(feed)}

    def stream_of(self, feed) -> str:
        return f"feed/{Run.feed_ids[feed.path]}"

    def unread_shared_story(self) -> str:
        """The link of a story both A and B carry whose copies are both unread (newsboat and freshrss-api read
        the newest articles)."""
        a, b = self.read_states(Run.world.a), self.read_states(Run.world.b)
        for link in sorted(Run.world.shared_links, key=lambda link: int(link.rsplit("/", 1)[1]), reverse=True):
            if not a[link] and not b[link]:
                return link
        self.fail("every shared story is read already")

    def first_items(self, stream: str, count: int, **params) -> list:
        return self.stream_page(stream, n=count, **params)["items"]

    # --- logins and account -----------------------------------------------------------------------------------

    def test_01_client_login(self):
        reply = Run.api.post("/greader/accounts/ClientLogin", form={"Email": ACCOUNT, "Passwd": Run.password})
        self.assertEqual(reply.status, 200, reply.describe())
        self.assertRegex(reply.text, r"(?m)^SID=\S+$")
        token = auth_line(reply.text)
        info = Run.api.get("/greader/reader/api/0/user-info", headers=google_login(token))
        self.assertEqual(info.status, 200, info.describe())

        json_login = Run.api.post(
            "/greader/accounts/ClientLogin", form={"Email": ACCOUNT, "Passwd": Run.password, "output": "json"})
        self.assertEqual(json_login.status, 200, json_login.describe())
        self.assertTrue(json_login.json().get("Auth"), json_login.describe())

        missing = Run.api.post("/greader/accounts/ClientLogin", form={"Email": ACCOUNT})
        self.assertEqual(missing.status, 400, missing.describe())

        wrong = APIClient(Run.port, source="127.0.0.11").post(
            "/greader/accounts/ClientLogin", form={"Email": ACCOUNT, "Passwd": Run.password + "x"})
        self.assertEqual(wrong.status, 401, wrong.describe())
        self.assertNotIn("Auth=", wrong.text)

        anonymous = Run.api.get("/greader/reader/api/0/user-info")
        self.assertEqual(anonymous.status, 401, anonymous.describe())
        forged = Run.api.get("/greader/reader/api/0/user-info", headers=google_login(f"{ACCOUNT}/{'0' * 64}"))
        self.assertEqual(forged.status, 401, forged.describe())

    def test_02_token(self):
        reply = self.greader("GET", "token")
        self.assertEqual(reply.status, 200, reply.describe())
        self.assertRegex(reply.text.strip(), r"^\S{8,}$", reply.describe())
        anonymous = Run.api.get("/greader/reader/api/0/token")
        self.assertEqual(anonymous.status, 401, anonymous.describe())

    def test_03_user_info(self):
        info = self.greader_json("user-info")
        self.assertEqual(info.get("userName"), ACCOUNT, info)
        self.assertTrue(info.get("userId"), info)

    def test_04_subscription_list(self):
        listing = self.greader_json("subscription/list")
        found = {entry["id"]: entry for entry in listing.get("subscriptions", [])}
        for feed, label in ((Run.world.a, "news"), (Run.world.b, "news"), (Run.world.big, "bulk")):
            stream = self.stream_of(feed)
            self.assertIn(stream, found, f"subscription/list lacks {stream} ({feed.title}): {sorted(found)}")
            entry = found[stream]
            self.assertEqual(entry.get("title"), feed.title, entry)
            self.assertEqual(entry.get("url"), Run.server.url(feed), entry)
            self.assertIn(f"user/-/label/{label}", [category.get("id") for category in entry.get("categories", [])],
                          entry)
        self.assertEqual(len(found), 3, f"subscription/list: {sorted(found)}")

    def test_05_tag_list(self):
        tags = {entry["id"] for entry in self.greader_json("tag/list").get("tags", [])}
        for tag in (STARRED, "user/-/label/news", "user/-/label/bulk"):
            self.assertIn(tag, tags, f"tag/list: {sorted(tags)}")

    def test_06_unread_count(self):
        counts = self.unread_counts()
        self.assertEqual(counts.get(READING_LIST), Run.world.story_count,
                         f"reading-list unread count should be one per story: {counts}")
        self.assertEqual(counts.get(self.stream_of(Run.world.big)), BIG_COUNT, counts)
        self.assertEqual(counts.get(self.stream_of(Run.world.a)), len(Run.world.a.stories), counts)
        news = counts.get("user/-/label/news")
        self.assertEqual(news, len(Run.world.a.stories) + len(Run.world.b.stories) - len(Run.world.shared_links),
                         f"label news counts each shared story once: {counts}")

    # --- streams ----------------------------------------------------------------------------------------------

    def test_07_stream_contents_pages_through_every_story_once(self):
        items = self.whole_stream(READING_LIST, n=1000)
        self.assertEqual(len(items), Run.world.story_count, "reading-list, paged by 1000: one item per story")
        links = [link_of(item) for item in items]
        self.assertEqual(len(set(links)), len(links), "a link (a story) appears twice in the reading list")
        for link in Run.world.shared_links:
            self.assertIn(link, links, f"shared story {link} is missing from the reading list")
        published = [int(item["published"]) for item in items]
        self.assertEqual(published, sorted(published, reverse=True), "reading-list is not newest first")
        first = items[0]
        for key in ("title", "origin", "published", "crawlTimeMsec", "timestampUsec", "categories"):
            self.assertIn(key, first, f"an item lacks {key}: {sorted(first)}")
        self.assertTrue(first["id"].startswith(LONG_PREFIX), first["id"])
        self.assertTrue(first.get("summary", {}).get("content") or first.get("content", {}).get("content"))

    def test_08_stream_filters(self):
        world = Run.world
        big = self.stream_of(world.big)
        oldest = self.first_items(big, 5, r="o")
        self.assertEqual([int(item["published"]) for item in oldest],
                         [world.big_published(i) for i in range(BIG_COUNT - 1, BIG_COUNT - 6, -1)],
                         "r=o should start with the oldest articles")
        newest = self.first_items(big, 3)
        self.assertEqual([int(item["published"]) for item in newest], [world.big_published(i) for i in range(3)])

        # ot is the oldest time wanted (items published since), nt the newest (items published before).
        ot = world.big_published(2000) - 50
        nt = world.big_published(100) - 50
        with self.subTest("ot", ot=ot):
            since = self.whole_stream(big, n=1000, ot=ot)
            self.assertEqual(len(since), 2001, f"ot={ot}: the articles 0…2000 are newer")
            self.assertTrue(all(int(item["published"]) >= ot for item in since))
        with self.subTest("nt", nt=nt):
            until = self.whole_stream(big, n=1000, nt=nt)
            self.assertEqual(len(until), BIG_COUNT - 101, f"nt={nt}: the articles 101… are older")
            self.assertTrue(all(int(item["published"]) <= nt for item in until))
        with self.subTest("ot and nt, oldest first", ot=ot, nt=nt):
            window = self.whole_stream(big, n=1000, ot=ot, nt=nt, r="o")
            self.assertEqual(len(window), 1900, "ot and nt together: the articles 101…2000")
            self.assertEqual(int(window[0]["published"]), world.big_published(2000), "r=o with ot starts at ot")

    def test_09_stream_items_ids(self):
        big = self.stream_of(Run.world.big)
        ids, continuation = [], None
        for _ in range(20):
            params = {"s": big, "n": 1000}
            if continuation:
                params["c"] = continuation
            page = self.greader_json("stream/items/ids", params)
            refs = page.get("itemRefs", [])
            self.assertLessEqual(len(refs), 1000)
            for ref in refs:
                self.assertRegex(ref["id"], r"^\d+$", f"itemRefs ids are decimal: {ref}")
            ids += [int(ref["id"]) for ref in refs]
            continuation = page.get("continuation")
            if not continuation:
                break
        self.assertEqual(len(ids), BIG_COUNT)
        self.assertEqual(len(set(ids)), BIG_COUNT, "stream/items/ids gave an id twice")
        contents = {item_number(item["id"]) for item in self.whole_stream(big, n=1000)}
        self.assertEqual(set(ids), contents, "stream/items/ids and stream/contents disagree on feed/big")

    def test_10_stream_items_contents(self):
        picked = self.first_items(self.stream_of(Run.world.big), 4)
        numbers = [item_number(item["id"]) for item in picked]
        # The long form, decimal, and the bare 16 hex digits some clients send.
        forms = [long_id(numbers[0]), str(numbers[1]), f"{numbers[2]:016x}", long_id(numbers[3])]
        for method in ("GET", "POST"):
            with self.subTest("each form alone", method=method):
                for form, number in zip(forms, numbers):
                    params = [("i", form), ("output", "json")]
                    if method == "GET":
                        reply = self.greader("GET", "stream/items/contents", params=params)
                    else:
                        reply = self.greader("POST", "stream/items/contents", form=params)
                    self.assertEqual(reply.status, 200, reply.describe())
                    found = [item_number(item["id"]) for item in reply.json().get("items", [])]
                    self.assertEqual(found, [number], f"{method} stream/items/contents?i={form}")
        for method in ("GET", "POST"):
            pairs = [("i", form) for form in forms]
            if method == "GET":
                reply = self.greader("GET", "stream/items/contents", params=pairs + [("output", "json")])
            else:
                reply = self.greader("POST", "stream/items/contents", form=pairs, params=[("output", "json")])
            self.assertEqual(reply.status, 200, reply.describe())
            found = [item_number(item["id"]) for item in reply.json().get("items", [])]
            self.assertEqual(sorted(found), sorted(numbers), f"{method} stream/items/contents with {forms} at once")
            by_number = {item_number(item["id"]): item for item in reply.json()["items"]}
            self.assertEqual(link_of(by_number[numbers[0]]), link_of(picked[0]))

    # --- a client written by others: newsboat (Google Reader through its FeedHQ source) --------------------

    def test_11_newsboat(self):
        home = os.path.join(Run.tmp, "newsboat")
        os.makedirs(home, exist_ok=True)
        password_file = os.path.join(home, "password")
        with open(password_file, "w", encoding="utf-8") as file:
            file.write(Run.password + "\n")
        config = os.path.join(home, "config")
        with open(config, "w", encoding="utf-8") as file:
            file.write(
                f'urls-source "feedhq"\n'
                f'feedhq-url "http://127.0.0.1:{Run.port}/greader"\n'
                f'feedhq-login "{ACCOUNT}"\n'
                f'feedhq-passwordfile "{password_file}"\n'
                # Its special feeds are fixed URLs on feedhq.org: never on this machine.
                f"feedhq-show-special-feeds no\n"
                f"feedhq-min-items 20\n"
                f"show-read-feeds yes\n"
            )
        urls = os.path.join(home, "urls")
        open(urls, "w").close()
        cache = os.path.join(home, "cache.db")
        environment = dict(os.environ, HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"),
                           XDG_DATA_HOME=os.path.join(home, ".local/share"), LC_ALL="C.UTF-8")
        command = ["newsboat", "-C", config, "-u", urls, "-c", cache]
        reload = subprocess.run(command + ["-x", "reload"], capture_output=True, text=True, timeout=60,
                                env=environment)
        self.assertEqual(reload.returncode, 0, f"newsboat -x reload: {reload.stdout}{reload.stderr}")

        with sqlite3.connect(cache) as db:
            feeds = dict(db.execute("SELECT rssurl, title FROM rss_feed").fetchall())
            items = db.execute("SELECT guid, title, url, feedurl, unread FROM rss_item").fetchall()
        base = f"http://127.0.0.1:{Run.port}/greader/reader/atom/"
        for feed in Run.world.configured:
            url = base + urllib.parse.quote(self.stream_of(feed), safe="") + "?n=20"
            self.assertIn(url, feeds, f"newsboat's cache lacks {feed.title}: {feeds}")
            self.assertEqual(feeds[url], feed.title)
            mine = [item for item in items if item[3] == url]
            self.assertEqual(len(mine), 20, f"newsboat stored {len(mine)} articles of {feed.title} (asked 20)")
            served = {story.link for story in feed.stories}
            self.assertTrue(all(item[2] in served for item in mine), f"{feed.title}: links newsboat got: {mine[:3]}")
            self.assertTrue(all(item[0].startswith(LONG_PREFIX) for item in mine), mine[:3])
        self.assertFalse([item for item in items if item[4] == 0], "newsboat's cache has read items already")

        # Mark one article read as a person would: newsboat's UI in tmux; opening an article marks it read, and
        # newsboat sends that to the server (edit-tag) at once.
        socket_path = os.path.join(Run.tmp, "tmux.sock")
        shell = " ".join(f"{name}={value!r}" for name, value in environment.items()
                         if name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "LC_ALL"))
        session = ["tmux", "-S", socket_path]
        log_before = len(read_log())
        started = subprocess.run(
            session + ["new-session", "-d", "-s", "newsboat", "-x", "160", "-y", "50",
                       f"env {shell} {' '.join(command)}; echo newsboat-exited-$? > {home}/exit"],
            capture_output=True, text=True)
        self.assertEqual(started.returncode, 0, started.stderr)

        def screen() -> str:
            done = subprocess.run(session + ["capture-pane", "-p", "-t", "newsboat"], capture_output=True, text=True)
            return done.stdout

        def keys(*names: str) -> None:
            subprocess.run(session + ["send-keys", "-t", "newsboat", *names], check=True)

        titles = [feed.title for feed in Run.world.configured]
        shown = wait_for(lambda: any(title in screen() for title in titles), 20)
        self.assertTrue(shown, f"newsboat's feed list never showed: {screen()}")
        keys("Enter")
        self.assertTrue(wait_for(lambda: "Articles in feed" in screen(), 10), f"no article list: {screen()}")
        keys("Enter")
        self.assertTrue(wait_for(lambda: re.search(r"(?m)^Title: ", screen()), 10), f"no article: {screen()}")
        article_screen = screen()
        keys("q")
        self.assertTrue(wait_for(lambda: "Articles in feed" in screen(), 10), f"did not go back: {screen()}")
        keys("q")
        time.sleep(0.3)
        keys("q")
        exited = wait_for(lambda: os.path.exists(f"{home}/exit"), 15)
        self.assertTrue(exited, f"newsboat did not quit: {screen()}")
        with open(f"{home}/exit") as file:
            self.assertEqual(file.read().strip(), "newsboat-exited-0")

        requests = re.findall(r"API request .*", read_log()[log_before:])
        self.assertTrue([line for line in requests if "method=POST" in line and "/api/0/edit-tag status=200" in line],
                        "newsboat sent no edit-tag; feedd logged:\n" + "\n".join(requests))
        with sqlite3.connect(cache) as db:
            read = db.execute("SELECT guid, title, url FROM rss_item WHERE unread = 0").fetchall()
        self.assertEqual(len(read), 1, f"newsboat marked {read} read; its article screen was:\n{article_screen}")
        guid, title, link = read[0]
        self.assertIn(title, article_screen)
        stored = [article for article in Run.articles("--search", title.split()[0]) if article["link"] == link]
        self.assertTrue(stored, f"the store has no article at {link}")
        self.assertTrue(all(article["read"] for article in stored),
                        f"newsboat read {guid} ({link}) but the store has it unread: {stored}")
        print(f"\n  newsboat read {guid} ({stored[0]['feed']['title']}: {title!r}); the store has it read",
              file=sys.stderr)

    # --- a client written by others: freshrss-api (Fever) ----------------------------------------------------

    def test_12_freshrss_api_client(self):
        done = subprocess.run(
            [Run.options.fever_python, os.path.join(HERE, "fever_client.py"),
             f"http://127.0.0.1:{Run.port}/fever", ACCOUNT, Run.password],
            capture_output=True, text=True, timeout=120)
        self.assertEqual(done.returncode, 0, f"fever_client.py: {done.stdout[-1000:]}{done.stderr[-2000:]}")
        report = json.loads(done.stdout)
        titles = set(report["feed_titles"])
        for feed in Run.world.configured:
            self.assertIn(feed.title, titles, f"freshrss-api's get_feeds: {report['feed_titles']}")
        self.assertIn("news", report["group_titles"])
        unread = self.unread_counts()[READING_LIST]
        self.assertEqual(report["unread_before"], unread + 1,
                         "get_unreads (before its mark) should match unread-count (after it)")
        marked = report["marked"]
        links = [article for article in Run.articles("--search", marked["title"].split()[0])
                 if article["link"] == marked["url"]]
        self.assertTrue(links and all(article["read"] for article in links),
                        f"freshrss-api marked {marked} read; the store says {links}")
        self.assertIn(marked["id"], report["saved_ids"], "set_mark saved then get_saved")

    # --- edits --------------------------------------------------------------------------------------------------

    def test_13_edit_tag_read_is_one_read_per_story(self):
        world = Run.world
        shared = self.unread_shared_story()
        items = self.whole_stream(READING_LIST, n=1000)
        item = next(item for item in items if link_of(item) == shared)
        before = self.unread_counts()[READING_LIST]
        self.greader_ok("edit-tag", [("i", item["id"]), ("a", READ)])
        for feed in (world.a, world.b):
            self.assertTrue(self.read_states(feed)[shared], f"{feed.title}'s copy of {shared} is not read")
        self.assertEqual(self.unread_counts()[READING_LIST], before - 1, "one story read: one less unread")
        unread_ids = {item_number(entry["id"]) for entry in self.whole_stream(READING_LIST, n=1000, xt=READ)}
        self.assertNotIn(item_number(item["id"]), unread_ids, "xt=read still lists the read story")
        read_stream = {link_of(entry) for entry in self.whole_stream(READ, n=1000)}
        self.assertIn(shared, read_stream, "the read state stream lacks the story")

        self.greader_ok("edit-tag", [("i", item["id"]), ("r", READ)])
        for feed in (world.a, world.b):
            self.assertFalse(self.read_states(feed)[shared], f"{feed.title}'s copy of {shared} is still read")

    def test_14_edit_tag_star_and_label(self):
        picked = self.first_items(self.stream_of(Run.world.big), 3)
        first, second, third = (item["id"] for item in picked)
        self.greader_ok("edit-tag", [("i", item_number(first)), ("a", STARRED)])
        starred = {article["link"] for article in Run.articles("--starred")}
        self.assertIn(link_of(picked[0]), starred, "edit-tag a=starred: feedctl articles --starred")
        only = self.whole_stream(READING_LIST, n=1000, it=STARRED)
        self.assertIn(link_of(picked[0]), [link_of(item) for item in only], "it=starred")
        self.assertTrue(all(STARRED in item.get("categories", []) for item in only), "it=starred lets others in")
        self.assertIn(link_of(picked[0]), [link_of(item) for item in self.whole_stream(STARRED)])

        self.greader_ok("edit-tag", [("i", second), ("i", f"{item_number(third):016x}"), ("a", "user/-/label/later")])
        tags = {entry["id"] for entry in self.greader_json("tag/list")["tags"]}
        self.assertIn("user/-/label/later", tags)
        labelled = {link_of(item) for item in self.whole_stream("user/-/label/later")}
        self.assertEqual(labelled, {link_of(picked[1]), link_of(picked[2])})
        self.assertEqual({article["link"] for article in Run.articles("--tag", "later")}, labelled)
        self.greader_ok("edit-tag", [("i", third), ("r", "user/-/label/later")])
        self.assertEqual({link_of(item) for item in self.whole_stream("user/-/label/later")}, {link_of(picked[1])})

    def test_15_rename_and_disable_tag(self):
        self.greader_ok("rename-tag", [("s", "user/-/label/later"), ("dest", "user/-/label/someday")])
        tags = {entry["id"] for entry in self.greader_json("tag/list")["tags"]}
        self.assertIn("user/-/label/someday", tags)
        self.assertNotIn("user/-/label/later", tags)
        self.assertEqual(len(self.whole_stream("user/-/label/someday")), 1)
        self.assertEqual(len(Run.articles("--tag", "someday")), 1)
        self.greader_ok("disable-tag", [("s", "user/-/label/someday")])
        tags = {entry["id"] for entry in self.greader_json("tag/list")["tags"]}
        self.assertNotIn("user/-/label/someday", tags)
        self.assertEqual(Run.articles("--tag", "someday"), [])

    def test_16_mark_all_as_read(self):
        world = Run.world
        a = self.stream_of(world.a)
        before = self.unread_counts()
        b_before = self.read_states(world.b)
        self.greader_ok("mark-all-as-read", [("s", a), ("ts", "1000000")])
        self.assertEqual(self.unread_counts()[a], before[a], "ts in 1970 marks nothing")
        self.greader_ok("mark-all-as-read", [("s", a), ("ts", str((int(time.time()) + 60) * 1_000_000))])
        self.assertEqual(self.unread_counts().get(a, 0), 0, "mark-all-as-read of feed A")
        self.assertTrue(all(self.read_states(world.a).values()))
        for link, read in self.read_states(world.b).items():
            self.assertEqual(read, link in world.shared_links or b_before[link],
                             f"feed B's {link}: shared stories are read with A, B's own stay as they were")

    # --- subscriptions ------------------------------------------------------------------------------------------

    def test_17_subscriptions(self):
        world = Run.world
        extra_url = Run.server.url(world.extra)
        reply = self.greader("POST", "subscription/quickadd", form=[("quickadd", extra_url)])
        self.assertEqual(reply.status, 200, reply.describe())
        added = reply.json()
        stream = added.get("streamId", "")
        self.assertRegex(stream, r"^feed/\d+$", reply.describe())
        again = self.greader("POST", "subscription/quickadd", form=[("quickadd", extra_url)])
        self.assertEqual(again.json().get("streamId"), stream, "quickadd twice gives the same feed")
        feed_id = int(stream.split("/")[1])
        self.assertIn(extra_url, [feed["url"] for feed in Run.stored_feeds()])
        fetched = wait_for(lambda: len(Run.articles("--feed", str(feed_id))) == EXTRA_COUNT, 20, step=0.3)
        self.assertTrue(fetched, "feedd did not fetch the quick-added feed within 20 s")

        self.greader_ok("subscription/edit", [("ac", "edit"), ("s", stream), ("t", "Renamed Feed")])
        self.greader_ok("subscription/edit", [("ac", "edit"), ("s", stream), ("a", "user/-/label/picked")])
        entry = self.subscription(stream)
        self.assertEqual(entry["title"], "Renamed Feed")
        self.assertIn("user/-/label/picked", [category["id"] for category in entry.get("categories", [])])
        stored = next(feed for feed in Run.stored_feeds() if feed["id"] == feed_id)
        self.assertEqual(stored["title"], "Renamed Feed")
        self.assertIn("picked", stored["tags"])
        self.greader_ok("subscription/edit", [("ac", "edit"), ("s", stream), ("r", "user/-/label/picked")])
        self.assertEqual(self.subscription(stream).get("categories", []), [])

        extra2_url = Run.server.url(world.extra2)
        self.greader_ok("subscription/edit", [("ac", "subscribe"), ("s", "feed/" + extra2_url),
                                              ("t", "Edited In"), ("a", "user/-/label/later2")])
        listing = self.greader_json("subscription/list")["subscriptions"]
        entry = next((entry for entry in listing if entry.get("url") == extra2_url), None)
        self.assertIsNotNone(entry, f"ac=subscribe s=feed/URL: {listing}")
        self.assertEqual(entry["title"], "Edited In")
        self.assertIn("user/-/label/later2", [category["id"] for category in entry.get("categories", [])])

        for gone in (stream, entry["id"]):
            self.greader_ok("subscription/edit", [("ac", "unsubscribe"), ("s", gone)])
        ids = [entry["id"] for entry in self.greader_json("subscription/list")["subscriptions"]]
        self.assertNotIn(stream, ids)
        self.assertNotIn(entry["id"], ids)
        urls = [feed["url"] for feed in Run.stored_feeds()]
        self.assertNotIn(extra_url, urls)
        self.assertNotIn(extra2_url, urls)

    def subscription(self, stream: str) -> dict:
        listing = self.greader_json("subscription/list")["subscriptions"]
        found = [entry for entry in listing if entry["id"] == stream]
        self.assertTrue(found, f"subscription/list lacks {stream}")
        return found[0]

    # --- the Atom stream ----------------------------------------------------------------------------------------

    def test_18_atom_stream(self):
        big = self.stream_of(Run.world.big)
        seen, links = set(), set()
        continuation = None
        for page in range(3):
            params = {"n": 100}
            if continuation:
                params["c"] = continuation
            path = "/greader/reader/atom/" + urllib.parse.quote(big, safe="" if page == 0 else "/")
            reply = Run.api.get(path, params=params, headers=google_login(Run.token))
            self.assertEqual(reply.status, 200, reply.describe())
            self.assertIn("xml", reply.headers.get("content-type", ""), reply.headers)
            root = ET.fromstring(reply.body)
            self.assertEqual(root.tag, ATOM + "feed")
            entries = root.findall(ATOM + "entry")
            self.assertEqual(len(entries), 100, f"atom page {page}")
            for entry in entries:
                entry_id = entry.findtext(ATOM + "id")
                self.assertTrue(entry_id.startswith(LONG_PREFIX), entry_id)
                self.assertNotIn(entry_id, seen, f"atom page {page} repeats {entry_id}")
                seen.add(entry_id)
                links.add(entry.find(ATOM + "link").get("href"))
            continuation = root.findtext(GR + "continuation")
            self.assertTrue(continuation, f"atom page {page} has no gr:continuation")
        expected = {Run.world.big.stories[i].link for i in range(300)}
        self.assertEqual(links, expected, "three atom pages of 100 are the big feed's 300 newest")

        reading = Run.api.get("/greader/reader/atom/" + READING_LIST, params={"n": 5, "xt": READ},
                              headers=google_login(Run.token))
        self.assertEqual(reading.status, 200, reading.describe())
        self.assertEqual(len(ET.fromstring(reading.body).findall(ATOM + "entry")), 5)
        anonymous = Run.api.get("/greader/reader/atom/" + big)
        self.assertEqual(anonymous.status, 401, anonymous.describe())

    # --- Fever --------------------------------------------------------------------------------------------------

    def fever(self, *calls: str, key: str = None, client=None, post: bool = True, **params) -> dict:
        query = "api" + "".join("&" + call for call in calls)
        if params:
            query += "&" + urllib.parse.urlencode(params)
        client = client or Run.api
        key = Run.fever_key if key is None else key
        if post:
            reply = client.post("/fever/?" + query, form={"api_key": key})
        else:
            reply = client.get("/fever/?" + query + "&api_key=" + key)
        self.assertEqual(reply.status, 200, reply.describe())
        answer = reply.json()
        self.assertEqual(answer.get("api_version"), 3, reply.describe())
        return answer

    def fever_ids(self, name: str) -> set:
        text = self.fever(name)[name]
        return {int(part) for part in text.split(",") if part}

    def test_19_fever_reads(self):
        world = Run.world
        self.assertEqual(self.fever()["auth"], 1)
        self.assertEqual(self.fever(post=False)["auth"], 1, "api_key in the query")
        self.assertIn("last_refreshed_on_time", self.fever())
        wrong = self.fever(key="0" * 32, client=APIClient(Run.port, source="127.0.0.12"))
        self.assertEqual(wrong["auth"], 0)

        groups = self.fever("groups")
        titles = {group["title"]: group["id"] for group in groups["groups"]}
        self.assertIn("news", titles)
        self.assertIn("bulk", titles)
        self.assertIn("feeds_groups", groups)
        feeds = self.fever("feeds")
        by_title = {feed["title"]: feed for feed in feeds["feeds"]}
        for feed in world.configured:
            self.assertIn(feed.title, by_title, f"Fever feeds: {sorted(by_title)}")
            self.assertEqual(by_title[feed.title]["url"], Run.server.url(feed))
        news_feeds = next(entry["feed_ids"] for entry in feeds["feeds_groups"] if entry["group_id"] == titles["news"])
        self.assertEqual({int(part) for part in news_feeds.split(",")},
                         {by_title[world.a.title]["id"], by_title[world.b.title]["id"]})
        self.assertIsInstance(self.fever("favicons")["favicons"], list)
        self.assertIsInstance(self.fever("links")["links"], list)

        # Every item once, 50 at a time from since_id, as Fever clients sync.
        seen, since, total = {}, 0, None
        for _ in range(400):
            page = self.fever("items", since_id=since)
            total = page.get("total_items", total)
            items = page["items"]
            if not items:
                break
            self.assertLessEqual(len(items), 50)
            for item in items:
                self.assertNotIn(item["id"], seen, f"Fever item {item['id']} comes twice")
                self.assertGreater(item["id"], since, "since_id returned an older item")
                seen[item["id"]] = item
            since = max(item["id"] for item in items)
        self.assertEqual(len(seen), world.story_count, "Fever items: one per story")
        self.assertEqual(total, world.story_count, "total_items")
        links = [item["url"] for item in seen.values()]
        self.assertEqual(len(set(links)), len(links), "a story appears twice in Fever's items")

        newest = max(seen)
        below = self.fever("items", max_id=newest)["items"]
        self.assertTrue(below and all(item["id"] < newest for item in below), "max_id")
        chosen = sorted(seen)[:3]
        some = self.fever("items", with_ids=",".join(map(str, chosen)))["items"]
        self.assertEqual(sorted(item["id"] for item in some), chosen, "with_ids")

        unread = self.fever_ids("unread_item_ids")
        self.assertEqual(unread, {number for number, item in seen.items() if not item["is_read"]})
        self.assertEqual(len(unread), self.unread_counts()[READING_LIST], "Fever's unread ids vs unread-count")
        saved = self.fever_ids("saved_item_ids")
        self.assertEqual(saved, {number for number, item in seen.items() if item["is_saved"]})
        self.assertTrue(saved, "the article starred through Google Reader is saved in Fever")
        Run.fever_items = seen

    def test_20_fever_marks(self):
        world = Run.world
        items = Run.fever_items
        # Mark-all-as-read left every shared story read: unread first, then read again, both through Fever.
        shared = sorted(world.shared_links)[-1]
        number = next(n for n, item in items.items() if item["url"] == shared)
        self.fever(mark="item", **{"as": "unread"}, id=number)
        self.assertIn(number, self.fever_ids("unread_item_ids"))
        for feed in (world.a, world.b):
            self.assertFalse(self.read_states(feed)[shared], f"Fever mark unread: {feed.title}'s copy")
        self.fever(mark="item", **{"as": "read"}, id=number)
        self.assertNotIn(number, self.fever_ids("unread_item_ids"))
        for feed in (world.a, world.b):
            self.assertTrue(self.read_states(feed)[shared], f"Fever mark read: {feed.title}'s copy")
        self.fever(mark="item", **{"as": "unread"}, id=number)
        self.assertIn(number, self.fever_ids("unread_item_ids"))
        self.assertFalse(self.read_states(world.b)[shared])
        self.fever(mark="item", **{"as": "saved"}, id=number)
        self.assertIn(number, self.fever_ids("saved_item_ids"))
        self.fever(mark="item", **{"as": "unsaved"}, id=number)
        self.assertNotIn(number, self.fever_ids("saved_item_ids"))

        feed_ids = {feed["title"]: feed["id"] for feed in self.fever("feeds")["feeds"]}
        b = feed_ids[world.b.title]
        self.fever(mark="feed", **{"as": "read"}, id=b, before=1)
        self.assertIn(False, self.read_states(world.b).values(), "before=1 (1970) marks nothing")
        self.fever(mark="feed", **{"as": "read"}, id=b, before=int(time.time()) + 60)
        self.assertTrue(all(self.read_states(world.b).values()), "mark=feed as=read")

        groups = {group["title"]: group["id"] for group in self.fever("groups")["groups"]}
        self.fever(mark="item", **{"as": "unread"}, id=number)
        self.assertFalse(self.read_states(world.a)[shared])
        self.fever(mark="group", **{"as": "read"}, id=groups["news"], before=int(time.time()) + 60)
        self.assertTrue(all(self.read_states(world.a).values()), "mark=group as=read")
        self.assertEqual(self.unread_counts().get("user/-/label/news", 0), 0)

    # --- digests ----------------------------------------------------------------------------------------------

    def test_21_digests(self):
        directory = os.path.join(Run.tmp, "digests")

        def days() -> list:
            names = os.listdir(directory) if os.path.isdir(directory) else []
            return sorted(name[len("morning-"):-len(".html")] for name in names
                          if re.match(r"^morning-\d{4}-\d{2}-\d{2}\.html$", name))

        # feedd writes a store's first digest right after its first cycle.
        self.assertTrue(wait_for(days, 20), f"feedd wrote no digest in 20 s: {read_log()[-1000:]}")
        day = days()[-1]
        with open(os.path.join(directory, f"morning-{day}.html"), "rb") as file:
            written = file.read()
        credentials = basic(ACCOUNT, Run.password)
        anonymous = Run.api.get("/digest/latest.html")
        self.assertEqual(anonymous.status, 401, anonymous.describe())
        self.assertIn("basic", anonymous.headers.get("www-authenticate", "").lower())
        wrong = APIClient(Run.port, source="127.0.0.13").get("/digest/latest.html",
                                                               headers=basic(ACCOUNT, "not-it"))
        self.assertEqual(wrong.status, 401, wrong.describe())
        # The first edition's files answer to the plain names too.
        for page in ("latest.html", f"{day}.html", "morning-latest.html", f"morning-{day}.html"):
            reply = Run.api.get("/digest/" + page, headers=credentials)
            self.assertEqual(reply.status, 200, reply.describe())
            self.assertIn("text/html", reply.headers.get("content-type", ""))
            self.assertEqual(reply.body, written, f"/digest/{page} is the file feedd wrote")
        atom = Run.api.get("/digest/morning.atom", headers=credentials)
        self.assertEqual(atom.status, 200, atom.describe())
        self.assertEqual(ET.fromstring(atom.body).tag, ATOM + "feed")
        self.assertGreaterEqual(len(ET.fromstring(atom.body).findall(ATOM + "entry")), 1)
        index = Run.api.get("/digest/", headers=credentials)
        self.assertEqual(index.status, 200, index.describe())
        self.assertIn(f"morning-{day}.html", index.text)
        for missing in ("/digest/1999-01-01.html", "/digest/nope.atom", "/digest/../feedd.toml",
                        "/digest/%2e%2e/feedd.toml", "/digest/..%2Ffeedd.sqlite", "/digest/morning-latest.md"):
            reply = Run.api.get(missing, headers=credentials)
            self.assertIn(reply.status, (400, 404), reply.describe())
            self.assertNotIn(b"[store]", reply.body)
        posted = Run.api.post("/digest/latest.html", form={}, headers=credentials)
        self.assertEqual(posted.status, 405, posted.describe())

    # --- hostile requests ------------------------------------------------------------------------------------

    def test_22_hostile_requests(self):
        counts_before = {feed["id"]: feed["articles"] for feed in Run.stored_feeds()}
        unread_before = self.unread_counts()
        big_body = ("i=" + "1" * (2 << 20)).encode()
        for path, headers in (("/greader/reader/api/0/edit-tag", google_login(Run.token)),
                              ("/greader/accounts/ClientLogin", {}), ("/fever/?api", {})):
            with self.subTest("a 2 MiB form", path=path):
                headers = dict(headers, **{"Content-Type": "application/x-www-form-urlencoded"})
                reply = Run.api.request("POST", path, body=big_body, headers=headers)
                self.assertEqual(reply.status, 413, reply.describe())

        clamped = self.stream_page(READING_LIST, n=100000000)
        self.assertGreater(len(clamped["items"]), 0)
        self.assertLessEqual(len(clamped["items"]), 10000, "n=100000000 is clamped")
        if len(clamped["items"]) < Run.world.story_count:
            self.assertTrue(clamped.get("continuation"), "a clamped page has a continuation")
        ids = self.greader_json("stream/items/ids", {"s": READING_LIST, "n": 100000000})
        self.assertLessEqual(len(ids["itemRefs"]), 10000)

        for continuation in ("garbage", "!!!", "-1", "9" * 40):
            with self.subTest("a forged continuation", c=continuation):
                reply = self.greader("GET", self.stream_path(READING_LIST), params={"n": 5, "c": continuation})
                self.assertEqual(reply.status, 400, reply.describe())

        plain = self.stream_page(READING_LIST, n=5)
        noisy = self.stream_page(READING_LIST, n=5, zz="1", client="x", ck=str(int(time.time())))
        self.assertEqual([item["id"] for item in plain["items"]], [item["id"] for item in noisy["items"]],
                         "unknown parameters change the answer")

        for path in ("/greader/reader/api/0/nope", "/greader/reader/api/0/stream/nope", "/nope", "/",
                     "/greader/reader/api/1/token"):
            with self.subTest("an unknown path", path=path):
                reply = Run.api.get(path, headers=google_login(Run.token))
                self.assertEqual(reply.status, 404, reply.describe())

        sqlish = "feed/1' OR 1=1--"
        for reply in (
            self.greader("GET", "stream/contents", params={"s": sqlish, "n": 5}),
            self.greader("GET", "stream/contents/" + urllib.parse.quote(sqlish), params={"n": 5}),
            self.greader("GET", "stream/items/ids", params={"s": sqlish}),
            self.greader("POST", "edit-tag", form=[("i", "1' OR 1=1--"), ("a", READ)]),
            self.greader("POST", "mark-all-as-read", form=[("s", sqlish), ("ts", "99999999999999999")]),
            self.greader("POST", "subscription/edit", form=[("ac", "unsubscribe"), ("s", sqlish)]),
        ):
            with self.subTest("SQL in a parameter", request=str(reply)):
                self.assertTrue(400 <= reply.status < 500, reply.describe())
        # A label may hold any character: renaming one that does not exist changes nothing.
        renamed = self.greader("POST", "rename-tag", form=[("s", "user/-/label/news'; DROP TABLE article;--"),
                                                           ("dest", "user/-/label/x")])
        self.assertLess(renamed.status, 500, renamed.describe())
        tags = {entry["id"] for entry in self.greader_json("tag/list")["tags"]}
        self.assertIn("user/-/label/news", tags)
        self.assertNotIn("user/-/label/x", tags)
        for params in ({"with_ids": "1) OR (1=1"}, {"since_id": "0 OR 1=1"}):
            reply = Run.api.post("/fever/?api&items&" + urllib.parse.urlencode(params),
                                 form={"api_key": Run.fever_key})
            self.assertLess(reply.status, 500, reply.describe())
            if reply.status == 200:
                self.assertLessEqual(len(reply.json().get("items", [])), 50)
        reply = Run.api.post("/fever/?api&" + urllib.parse.urlencode({"mark": "feed", "as": "read",
                                                                      "id": "1 OR 1=1", "before": "9999999999"}),
                             form={"api_key": Run.fever_key})
        self.assertLess(reply.status, 500, reply.describe())

        self.assertEqual({feed["id"]: feed["articles"] for feed in Run.stored_feeds()}, counts_before,
                         "the store's articles changed after hostile requests")
        self.assertEqual(self.unread_counts(), unread_before, "read states changed after hostile requests")
        info = self.greader_json("user-info")
        self.assertEqual(info.get("userName"), ACCOUNT, "the API still answers")

    # --- revoked passwords and throttled logins ------------------------------------------------------------

    def test_23_revoked_password(self):
        created = Run.feedctl_json("api", "password", "temp")
        password = created["password"]
        login = Run.api.post("/greader/accounts/ClientLogin", form={"Email": "temp", "Passwd": password})
        self.assertEqual(login.status, 200, login.describe())
        token = auth_line(login.text)
        self.assertEqual(self.greader("GET", "user-info", token=token).status, 200)
        listed = Run.feedctl("api", "list", "--json").stdout
        self.assertIn('"temp"', listed)
        self.assertIn(f'"{ACCOUNT}"', listed)

        Run.feedctl("api", "revoke", "temp")
        self.assertNotIn('"temp"', Run.feedctl("api", "list", "--json").stdout)
        old = self.greader("GET", "user-info", token=token)
        self.assertEqual(old.status, 401, f"the revoked account's token: {old.describe()}")
        client = APIClient(Run.port, source="127.0.0.14")
        again = client.post("/greader/accounts/ClientLogin", form={"Email": "temp", "Passwd": password})
        self.assertEqual(again.status, 401, again.describe())
        fever = self.fever(key=created["fever_api_key"], client=client)
        self.assertEqual(fever["auth"], 0, "the revoked account's Fever key")
        digest = client.get("/digest/latest.html", headers=basic("temp", password))
        self.assertEqual(digest.status, 401, digest.describe())
        self.assertEqual(self.greader("GET", "user-info").status, 200, "the other account is untouched")

    def test_24_failed_logins_are_throttled(self):
        client = APIClient(Run.port, source="127.0.0.20")
        form = {"Email": ACCOUNT, "Passwd": "wrong"}
        for attempt in range(1, 6):
            reply = client.post("/greader/accounts/ClientLogin", form=form)
            self.assertEqual(reply.status, 401, f"failure {attempt}: {reply.describe()}")
        sixth = client.post("/greader/accounts/ClientLogin", form=form)
        self.assertEqual(sixth.status, 429, sixth.describe())
        retry = sixth.headers.get("retry-after", "")
        self.assertRegex(retry, r"^\d+$", f"Retry-After: {sixth.headers}")
        self.assertTrue(1 <= int(retry) <= 60, retry)
        good = client.post("/greader/accounts/ClientLogin", form={"Email": ACCOUNT, "Passwd": Run.password})
        self.assertEqual(good.status, 429, f"a throttled address is refused even with the password: {good}")
        fever = client.post("/fever/?api", form={"api_key": Run.fever_key})
        self.assertEqual(fever.status, 429, fever.describe())
        elsewhere = Run.api.post("/greader/accounts/ClientLogin", form={"Email": ACCOUNT, "Passwd": Run.password})
        self.assertEqual(elsewhere.status, 200, f"127.0.0.1 is not throttled by 127.0.0.20: {elsewhere}")

    # --- the end ------------------------------------------------------------------------------------------------

    def test_99_sigterm_stops_feedd_cleanly(self):
        Run.daemon.send_signal(signal.SIGTERM)
        try:
            status = Run.daemon.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.fail("feedd did not stop within 30 s of SIGTERM")
        log = read_log()
        self.assertEqual(status, 0, f"feedd exited {status}: {log[-2000:]}")
        for marker in ("Fatal error", "Stack dump", "backtrace", "Current stack trace", "Illegal instruction",
                       "Segmentation fault", "*** Signal"):
            self.assertNotIn(marker, log, f"feedd's log has '{marker}'")
        self.assertIn("API listening", log)


class Result(unittest.TextTestResult):
    def addFailure(self, test, err):
        Run.failed = True
        super().addFailure(test, err)

    def addError(self, test, err):
        Run.failed = True
        super().addError(test, err)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True, help="the directory of the built feedd and feedctl")
    parser.add_argument("--fever-python", required=True, help="the python of the venv with freshrss-api")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("tests", nargs="*", help="test names to run (default: all)")
    Run.options = parser.parse_args()
    Run.options.bin = os.path.abspath(Run.options.bin)
    loader = unittest.TestLoader()
    if Run.options.tests:
        suite = unittest.TestSuite(APITests(name) for name in Run.options.tests)
    else:
        suite = loader.loadTestsFromTestCase(APITests)
    started = time.monotonic()
    result = unittest.TextTestRunner(verbosity=2, resultclass=Result, stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors)
    passed = max(result.testsRun - failed - len(result.skipped), 0)
    print(f"API tests took {time.monotonic() - started:.1f} s")
    print(f"api: {passed} passed, {failed} failed")
    return 0 if result.wasSuccessful() and not result.skipped else 1


if __name__ == "__main__":
    sys.exit(main())
