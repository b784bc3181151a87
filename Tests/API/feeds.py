"""The feeds the API tests serve, and the loopback server that serves them.

Three configured feeds: two that carry ten of the same stories (same link, title and text) beside their own, and
a big one of 5,100 articles so the store passes 5,000; two more are served for clients to subscribe to. Texts are
random words from a seeded vocabulary, so no two stories look alike to the store's near-duplicate detection, and
the run is the same every time. Publication times count back from the moment the world is made, so `ot`/`nt`
cut-offs are known in advance.
"""

import email.utils
import http.server
import random
import threading
from dataclasses import dataclass, field
from xml.sax.saxutils import escape


@dataclass
class Story:
    """One article as a feed carries it."""

    guid: str
    title: str
    link: str
    text: str
    published: int


@dataclass
class Feed:
    """A feed served at `path`."""

    path: str
    title: str
    stories: list = field(default_factory=list)

    def rss(self, base: str) -> bytes:
        items = []
        for story in self.stories:
            items.append(
                "<item>"
                f"<title>{escape(story.title)}</title>"
                f"<link>{escape(story.link)}</link>"
                f'<guid isPermaLink="false">{escape(story.guid)}</guid>'
                f"<pubDate>{email.utils.formatdate(story.published, usegmt=True)}</pubDate>"
                f"<description>{escape('<p>' + story.text + '</p>')}</description>"
                "</item>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>{escape(self.title)}</title><link>{escape(base + '/site' + self.path)}</link>"
            f"<description>{escape(self.title)}, served to the API tests</description>"
            + "".join(items)
            + "</channel></rss>\n"
        ).encode("utf-8")


BIG_COUNT = 5_100
SHARED_COUNT = 10
A_OWN = 20
B_OWN = 15
EXTRA_COUNT = 5


class World:
    """Every feed of the run, with the times and links the tests check against."""

    def __init__(self, now: int, seed: int = 2026):
        rng = random.Random(seed)
        syllables = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "pe", "da", "gu", "sha", "tor", "ven", "bel"]
        vocabulary = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(4000)})
        self.now = now
        self.base = ""

        def text(words: int = 45) -> str:
            return " ".join(rng.choice(vocabulary) for _ in range(words)).capitalize() + "."

        def title() -> str:
            return " ".join(rng.choice(vocabulary) for _ in range(5)).title()

        self.a = Feed("/shared-a.rss", "Harbor Daily")
        self.b = Feed("/shared-b.rss", "Coastal Courier")
        self.big = Feed("/big.rss", "Bulk Wire")
        self.extra = Feed("/extra.rss", "Quick Added")
        self.extra2 = Feed("/extra2.rss", "Edit Subscribed")
        # Links are filled in once the server's port is known (see `bind`).
        self._pending = []
        for k in range(SHARED_COUNT):
            story = (f"shared/{k}", title(), text(), now - 120 - k * 1800)
            self._pending.append((self.a, f"a-shared-{k}", story))
            self._pending.append((self.b, f"b-shared-{k}", story))
        for k in range(A_OWN):
            self._pending.append((self.a, f"a-{k}", (f"a/{k}", title(), text(), now - 130 - k * 1700)))
        for k in range(B_OWN):
            self._pending.append((self.b, f"b-{k}", (f"b/{k}", title(), text(), now - 140 - k * 1600)))
        for i in range(BIG_COUNT):
            self._pending.append((self.big, f"big-{i}", (f"big/{i}", title(), text(30), self.big_published(i))))
        for k in range(EXTRA_COUNT):
            self._pending.append((self.extra, f"x-{k}", (f"x/{k}", title(), text(), now - 200 - k * 900)))
            self._pending.append((self.extra2, f"y-{k}", (f"y/{k}", title(), text(), now - 210 - k * 900)))

    def big_published(self, index: int) -> int:
        """When the big feed's article `index` was published: every 100 s back from ten minutes ago."""
        return self.now - 600 - index * 100

    def bind(self, base: str) -> None:
        self.base = base
        for feed, guid, (path, title, text, published) in self._pending:
            feed.stories.append(Story(guid, title, f"{base}/articles/{path}", text, published))

    @property
    def configured(self) -> list:
        return [self.a, self.b, self.big]

    @property
    def shared_links(self) -> set:
        return {story.link for story in self.a.stories if "/articles/shared/" in story.link}

    @property
    def story_count(self) -> int:
        """Stories of the configured feeds: each shared one counts once."""
        return BIG_COUNT + SHARED_COUNT + A_OWN + B_OWN

    @property
    def article_count(self) -> int:
        return BIG_COUNT + 2 * SHARED_COUNT + A_OWN + B_OWN


class FeedServer:
    """http.server on 127.0.0.1 (a free port) serving the world's feeds; counts the requests per path."""

    def __init__(self, world: World):
        self.world = world
        self.requests = {}
        self.lock = threading.Lock()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                with owner.lock:
                    owner.requests[self.path] = owner.requests.get(self.path, 0) + 1
                body = owner.bodies.get(self.path)
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        world.bind(self.base)
        feeds = world.configured + [world.extra, world.extra2]
        self.bodies = {feed.path: feed.rss(self.base) for feed in feeds}
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, feed: Feed) -> str:
        return self.base + feed.path

    def count(self, feed: Feed) -> int:
        with self.lock:
            return self.requests.get(feed.path, 0)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
