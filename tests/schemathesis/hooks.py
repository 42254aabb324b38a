"""schemathesis hooks for fc3-local (run by .ci/schemathesis).

- Every request is signed with ACS3-HMAC-SHA256 by the official Python SDK's own signer
  (alibabacloud_tea_openapi.utils.Utils.get_authorization), over the request exactly as it is
  sent: a `requests` auth object sees the prepared request (query encoded, body serialised),
  re-encodes the query the RFC 3986 way, adds FC's headers and signs every header, as the
  Python SDK does. The action is the operation's id.
- A check: every error answer (4xx/5xx) carries FC's error body {"Code","Message","RequestId"}
  and the same request id in x-fc-request-id.
"""

import hashlib
import json
import os
import time
import uuid
from types import SimpleNamespace
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

import schemathesis
from alibabacloud_tea_openapi.utils import Utils
from requests.auth import AuthBase

ALGORITHM = "ACS3-HMAC-SHA256"
# What the auth provider gives schemathesis as the Authorization value; a request that still
# carries it when sent is signed. A request schemathesis sends without it (a probe of the
# authentication, a request made invalid on purpose) goes out as schemathesis made it.
PLACEHOLDER = "ACS3-HMAC-SHA256 signed-by-the-hook"
KEY_ID = os.environ.get("FC3_LOCAL_KEY_ID", "fc3-local-dev")
KEY_SECRET = os.environ.get("FC3_LOCAL_KEY_SECRET", "fc3-local-dev-secret")


class Acs3(AuthBase):
    """Signs a prepared request as FC's Python SDK does."""

    def __init__(self, action):
        self.action = action

    def __call__(self, request):
        # A request may be prepared (and signed) more than once: sign it afresh each time.
        for name in [k for k in request.headers if k.lower() == "authorization"]:
            del request.headers[name]
        url = urlsplit(request.url)
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        encoded = "&".join(f"{quote(k, safe='~')}={quote(v, safe='~')}" for k, v in query.items())
        request.url = urlunsplit((url.scheme, url.netloc, url.path, encoded, ""))
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        content_sha256 = hashlib.sha256(body).hexdigest()
        request.headers.update(
            {
                "host": url.netloc,
                "x-acs-version": "2023-03-30",
                "x-acs-action": self.action,
                "x-acs-date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "x-acs-signature-nonce": uuid.uuid4().hex,
                "x-acs-content-sha256": content_sha256,
            }
        )
        # What the signer reads: the path as sent, the decoded query, every header.
        to_sign = SimpleNamespace(
            pathname=url.path or "/",
            query=query,
            method=request.method,
            headers={k.lower(): v for k, v in request.headers.items()},
        )
        request.headers["authorization"] = Utils.get_authorization(
            to_sign, ALGORITHM, content_sha256, KEY_ID, KEY_SECRET
        )
        return request


@schemathesis.auth()
class Signature:
    """Explicit credentials for schemathesis: the placeholder the hook replaces by a signature."""

    def get(self, case, ctx):
        return PLACEHOLDER

    def set(self, case, data, ctx):
        case.headers = case.headers or {}
        case.headers["Authorization"] = data


@schemathesis.hook
def before_call(context, case, kwargs):
    if (case.headers or {}).get("Authorization") == PLACEHOLDER:
        kwargs["auth"] = Acs3(case.operation.definition.raw["operationId"])


@schemathesis.check
def fc_error_body(ctx, response, case):
    """An error answer is FC's {"Code","Message","RequestId"}, with x-fc-request-id."""
    if response.status_code < 400:
        return None
    try:
        body = json.loads(response.content)
    except ValueError as e:
        raise AssertionError(f"{response.status_code} without FC's error body (not JSON: {e})")
    if not isinstance(body, dict) or not all(isinstance(body.get(k), str) for k in ("Code", "Message", "RequestId")):
        raise AssertionError(f"{response.status_code} without FC's error body: {body!r}")
    request_id = response.headers.get("x-fc-request-id", [None])
    request_id = request_id[0] if isinstance(request_id, list) else request_id
    if request_id != body["RequestId"]:
        raise AssertionError(f"RequestId {body['RequestId']!r} is not x-fc-request-id {request_id!r}")
    return None
