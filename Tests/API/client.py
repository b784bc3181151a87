"""A small HTTP client for the API tests: one connection per request, from a chosen loopback source address."""

import base64
import http.client
import json
import urllib.parse


class Reply:
    """A status, headers (lower-case names) and the body."""

    def __init__(self, method: str, target: str, status: int, headers: dict, body: bytes):
        self.method = method
        self.target = target
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError as error:
            raise AssertionError(f"{self}: not JSON ({error}): {self.text[:300]!r}") from None

    def __str__(self) -> str:
        return f"{self.method} {self.target[:200]} -> {self.status}"

    def describe(self) -> str:
        """The request and the start of the answer, for assertion messages."""
        return f"{self}: {self.text[:300]!r}"


class APIClient:
    """Requests to feedd's listener on 127.0.0.1:`port`, optionally from another loopback address."""

    def __init__(self, port: int, source: str = None):
        self.port = port
        self.source = source

    def request(self, method: str, path: str, params=None, form=None, headers=None, body: bytes = None,
                timeout: float = 30) -> Reply:
        target = path
        if params:
            query = params if isinstance(params, str) else urllib.parse.urlencode(params, doseq=True)
            target += ("&" if "?" in target else "?") + query
        headers = dict(headers or {})
        if form is not None:
            body = (form if isinstance(form, str) else urllib.parse.urlencode(form, doseq=True)).encode()
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        source = (self.source, 0) if self.source else None
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout, source_address=source)
        try:
            connection.request(method, target, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            found = {name.lower(): value for name, value in response.getheaders()}
            return Reply(method, target, response.status, found, data)
        finally:
            connection.close()

    def get(self, path: str, params=None, **options) -> Reply:
        return self.request("GET", path, params=params, **options)

    def post(self, path: str, form=None, params=None, **options) -> Reply:
        return self.request("POST", path, params=params, form=form if form is not None else "", **options)


def basic(name: str, password: str) -> dict:
    token = base64.b64encode(f"{name}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def google_login(token: str) -> dict:
    return {"Authorization": f"GoogleLogin auth={token}"}
