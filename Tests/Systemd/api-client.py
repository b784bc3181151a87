#!/usr/bin/env python3
"""A reader app's first minute against feedd's API in the guest: log in with the app password, list the
subscriptions, read the reading list, and fetch today's digest over HTTP Basic. Exits non-zero, saying why,
when any step fails."""
import base64
import json
import sys
import urllib.parse
import urllib.request

base, name, password = sys.argv[1], sys.argv[2], sys.argv[3]


def call(path, data=None, headers=None):
    request = urllib.request.Request(base + path, data=data, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


login = call("/greader/accounts/ClientLogin",
             urllib.parse.urlencode({"Email": name, "Passwd": password}).encode())
token = next(line[5:] for line in login.splitlines() if line.startswith("Auth="))
auth = {"Authorization": "GoogleLogin auth=" + token}
subscriptions = json.loads(call("/greader/reader/api/0/subscription/list?output=json", headers=auth))
urls = [s["url"] for s in subscriptions["subscriptions"]]
assert "http://127.0.0.1:8080/a.xml" in urls, f"subscriptions: {urls}"
stream = json.loads(call("/greader/reader/api/0/stream/contents/user/-/state/com.google/reading-list?n=50",
                         headers=auth))
titles = [item["title"] for item in stream["items"]]
assert "alpha story 1" in titles, f"reading list: {titles}"
basic = {"Authorization": "Basic " + base64.b64encode(f"{name}:{password}".encode()).decode()}
page = call("/digest/latest.html", headers=basic)
assert "alpha story 1" in page, "latest.html does not hold the feed's stories"
print("logged in, listed", len(urls), "feeds and", len(titles), "articles, read latest.html")
