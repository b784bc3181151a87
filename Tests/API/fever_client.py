#!/usr/bin/env python3
"""freshrss-api (PyPI), a Fever client written by others, against feedd: run by api_test.py in the venv that has it.

Usage: fever_client.py HOST NAME PASSWORD, with HOST http://127.0.0.1:PORT/fever (the client posts to
HOST/api/fever.php, which feedd routes to Fever). Reads the feeds, the groups and every unread item through the
client's own calls, marks the newest unread item read and saved, reads the saved items back, and prints what it
saw as JSON for api_test.py to check against the store.
"""

import json
import sys

from freshrss_api import FreshRSSAPI


def main() -> None:
    host, name, password = sys.argv[1:4]
    api = FreshRSSAPI(host=host, username=name, password=password)
    feeds = api.get_feeds()
    groups = api.get_groups()
    unread = api.get_unreads()
    if not unread:
        raise SystemExit("freshrss-api found no unread items")
    newest = max(unread, key=lambda item: (item.created_on_time, item.id))
    api.set_mark("read", newest.id)
    api.set_mark("saved", newest.id)
    saved = api.get_saved()
    print(json.dumps({
        "feed_titles": [feed["title"] for feed in feeds.get("feeds", [])],
        "group_titles": [group["title"] for group in groups.get("groups", [])],
        "unread_before": len(unread),
        "marked": {"id": newest.id, "title": newest.title, "url": newest.url},
        "saved_ids": [item.id for item in saved],
    }))


if __name__ == "__main__":
    main()
