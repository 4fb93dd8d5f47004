"""okclient: a small OK.ru (Odnoklassniki) API client, Python 3 standard library only.

It is the library the Python conformance driver (driver.py) wraps: signed
REST calls in the three schemes OK documents, the OAuth code and implicit
flows, token refresh, retries with back-off, per-attempt timeouts and the
four-step photo upload. Every decision point is a method, so that a
deliberately broken variant (broken.py) is a subclass overriding one of
them.

    client = Client(Config.from_dict({...}))
    me = client.call("users.getCurrentUser", {}, "server", Session("-s-..."))

Errors are raised as OkError, whose kind follows the driver protocol
(api, oauth, state, http, timeout, transport, invalid_response, internal).
"""

import base64
import dataclasses
import hashlib
import http.client
import json
import socket
import time
import typing
import urllib.parse
import uuid

__all__ = ["Config", "Session", "OkError", "Client", "signing_string", "md5_hex", "decode_base64"]

# POST rather than GET once the URL-encoded parameters pass this many bytes:
# long query strings are cut by proxies and by OK's front end.
MAX_GET_BYTES = 2048

# Errors OK asks clients to retry: 2 SERVICE and 8 FLOOD_BLOCKED.
RETRYABLE_CODES = frozenset({2, 8})

# 102 PARAM_SESSION_EXPIRED: the access token has to be refreshed.
SESSION_EXPIRED = 102


class OkError(Exception):
    """A failed OK operation, classified as the driver protocol's error kinds."""

    def __init__(self, kind, message="", code=None, data=None, oauth_error=None, http_status=None):
        super().__init__(message or kind)
        self.kind = kind
        self.message = message
        self.code = code
        self.data = data
        self.oauth_error = oauth_error
        self.http_status = http_status

    def to_dict(self):
        """The protocol's error object."""
        out = {"kind": self.kind, "message": self.message}
        if self.kind == "api":
            out["code"] = self.code
            out["data"] = self.data
        if self.oauth_error is not None:
            out["oauth_error"] = self.oauth_error
        if self.http_status is not None:
            out["http_status"] = self.http_status
        return out


@dataclasses.dataclass
class Config:
    """Where OK is, the application's credentials and the timing figures."""

    api_server: str
    token_url: str
    authorize_url: str
    application_id: str
    application_key: str
    # None for a client that must not hold it (client scheme, implicit flow).
    application_secret_key: typing.Optional[str] = None
    timeout_ms: typing.Optional[int] = None
    max_attempts: int = 1
    base_delay_ms: int = 0
    max_delay_ms: int = 0

    @classmethod
    def from_dict(cls, d):
        """A Config from the protocol's config object."""
        retry = d.get("retry") or {}
        return cls(d["api_server"], d["token_url"], d["authorize_url"], d["application_id"],
                   d["application_key"], d.get("application_secret_key"), d.get("timeout_ms"),
                   max(1, retry.get("max_attempts", 1)), retry.get("base_delay_ms", 0),
                   retry.get("max_delay_ms", 0))


@dataclasses.dataclass
class Session:
    """A user session: the token, its secret (client scheme) and refresh token."""

    access_token: str
    session_secret_key: typing.Optional[str] = None
    refresh_token: typing.Optional[str] = None


def md5_hex(data):
    """Lowercase hex MD5 of bytes or of a string's UTF-8."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.md5(data).hexdigest()


def signing_string(params):
    """OK's signing string: key=value pairs sorted by key, no separator."""
    keys = sorted(params, key=lambda k: k.encode("utf-8"))
    return "".join(k + "=" + params[k] for k in keys)


class Client:
    """An OK client bound to one application (Config).

    auto_refresh: on 102, refresh the session once and repeat the call.
    retries: retry 2, 8 and HTTP 5xx with exponential back-off.
    """

    def __init__(self, config, auto_refresh=True, retries=True, sleep=time.sleep, clock=time.monotonic):
        self.config = config
        self.auto_refresh = auto_refresh
        self.retries = retries
        self.sleep = sleep
        self.clock = clock

    # ---- signing -------------------------------------------------------

    # Parameters that are never part of the signing string.
    UNSIGNED = ("sig", "access_token", "session_key")

    def signing_string(self, params):
        """The string signed: every parameter sent except UNSIGNED."""
        return signing_string({k: v for k, v in params.items() if k not in self.UNSIGNED})

    def signing_bytes(self, text):
        """OK signs the UTF-8 bytes of the signing string."""
        return text.encode("utf-8")

    def secret(self, scheme, session):
        """The secret appended to the signing string for scheme."""
        if scheme == "server":
            return md5_hex(session.access_token + self._app_secret())
        if scheme == "client":
            if not session.session_secret_key:
                raise OkError("internal", "the client scheme needs a session_secret_key")
            return session.session_secret_key
        if scheme == "application":
            return self._app_secret()
        raise OkError("internal", "unknown signing scheme %r" % scheme)

    def _app_secret(self):
        if not self.config.application_secret_key:
            raise OkError("internal", "this scheme needs the application secret")
        return self.config.application_secret_key

    def sign(self, params, scheme, session):
        """sig for params (a dict of strings) in scheme."""
        body = self.signing_bytes(self.signing_string(params))
        return md5_hex(body + self.secret(scheme, session).encode("utf-8"))

    def request_params(self, method, params, scheme, session):
        """Every parameter a call sends, sig included."""
        out = dict(params)
        out.update(application_key=self.config.application_key, format="json", method=method)
        if scheme != "application":
            out["access_token"] = session.access_token
        out["sig"] = self.sign(out, scheme, session)
        return out

    # ---- REST calls ----------------------------------------------------

    def call(self, method, params, scheme, session=None):
        """Call one REST method; the answer's JSON, whatever its type.

        On 102 with a refresh token and the application secret, the session
        is refreshed once (session.access_token is updated) and the call
        repeated once.
        """
        try:
            return self.call_with_retries(method, params, scheme, session)
        except OkError as err:
            if not self.should_refresh(err, scheme, session):
                raise
        fresh = self.refresh(session.refresh_token)
        session.access_token = fresh["access_token"]
        session.refresh_token = fresh.get("refresh_token") or session.refresh_token
        return self.call_with_retries(method, params, scheme, session)

    def should_refresh(self, err, scheme, session):
        """Whether err is a 102 this client can cure by refreshing."""
        return (self.auto_refresh and err.kind == "api" and err.code == SESSION_EXPIRED
                and scheme != "application" and session is not None
                and bool(session.refresh_token) and bool(self.config.application_secret_key))

    def call_with_retries(self, method, params, scheme, session):
        """One call, retried per the configured policy."""
        attempts = self.config.max_attempts if self.retries else 1
        for n in range(1, attempts + 1):
            try:
                return self.call_once(method, params, scheme, session)
            except OkError as err:
                if n == attempts or not self.retryable(err):
                    raise
            self.sleep(self.backoff(n) / 1000.0)
        raise AssertionError("unreachable")

    def retryable(self, err):
        """2 SERVICE, 8 FLOOD_BLOCKED and HTTP 5xx are worth another try."""
        if err.kind == "api":
            return err.code in RETRYABLE_CODES
        return err.kind == "http" and 500 <= (err.http_status or 0) <= 599

    def backoff(self, n):
        """Milliseconds to wait before retry n (1, 2, ...): doubling, capped."""
        return min(self.config.base_delay_ms * 2 ** (n - 1), self.config.max_delay_ms)

    def call_once(self, method, params, scheme, session):
        """One HTTP attempt of a REST call."""
        sent = self.request_params(method, params, scheme, session)
        encoded = self.encode(sent)
        url = self.config.api_server + "fb.do"
        if self.use_post(encoded):
            status, ctype, body = self.http("POST", url, encoded.encode("ascii"),
                                            {"Content-Type": "application/x-www-form-urlencoded"})
        else:
            status, ctype, body = self.http("GET", url + "?" + encoded)
        return self.answer(status, ctype, body)

    def encode(self, params):
        """URL-encoding of params (UTF-8, %20 for spaces)."""
        return urllib.parse.urlencode(list(params.items()), quote_via=urllib.parse.quote, safe="")

    def use_post(self, encoded):
        """POST once the encoded parameters are too long for a URL."""
        return len(encoded) > MAX_GET_BYTES

    def answer(self, status, ctype, body):
        """The JSON value of an answer, or the OkError it carries.

        OK answers errors with HTTP 200 and an error_code: an error, never
        data. Anything that is not JSON is invalid_response.
        """
        value = self.parse_json(status, ctype, body)
        if isinstance(value, dict) and "error_code" in value:
            raise self.api_error(value)
        if status != 200:
            raise OkError("http", "HTTP %d" % status, http_status=status)
        return value

    def api_error(self, value):
        """The OkError of an OK error answer."""
        code = value.get("error_code")
        if not isinstance(code, int) or isinstance(code, bool):
            try:
                code = int(code)
            except (TypeError, ValueError):
                raise OkError("invalid_response", "error_code is not a number: %r" % (code,))
        return OkError("api", str(value.get("error_msg", "")), code=code, data=value.get("error_data"))

    def parse_json(self, status, ctype, body):
        """The decoded JSON body; non-JSON is http (on an error status) or invalid_response."""
        try:
            if "json" not in ctype.lower():
                raise ValueError("content type %r" % ctype)
            return json.loads(body.decode("utf-8"))
        except ValueError as err:
            if status != 200:
                raise OkError("http", "HTTP %d" % status, http_status=status)
            raise OkError("invalid_response", "not a JSON answer: %s" % err, http_status=status)

    # ---- HTTP ----------------------------------------------------------

    def attempt_timeout(self):
        """Seconds one HTTP attempt may take, or None for no limit."""
        if not self.config.timeout_ms:
            return None
        return self.config.timeout_ms / 1000.0

    def http(self, verb, url, body=None, headers=None):
        """One HTTP exchange within attempt_timeout: (status, content type, body bytes)."""
        limit = self.attempt_timeout()
        deadline = None if limit is None else self.clock() + limit

        def left():
            if deadline is None:
                return None
            rest = deadline - self.clock()
            if rest <= 0:
                raise socket.timeout("attempt timed out")
            return rest

        parts = urllib.parse.urlsplit(url)
        conn_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        conn = conn_class(parts.netloc, timeout=left())
        try:
            target = parts.path or "/"
            if parts.query:
                target += "?" + parts.query
            conn.request(verb, target, body=body, headers=headers or {})
            # getresponse drops conn.sock when the server closes after the
            # answer; the body is still read from this socket.
            sock = conn.sock
            sock.settimeout(left())
            resp = conn.getresponse()
            chunks = []
            while True:
                sock.settimeout(left())
                chunk = resp.read1(65536)
                if not chunk:
                    break
                chunks.append(chunk)
            if resp.length:
                # read1 does not notice a body cut short: length is what was promised but never came.
                raise http.client.IncompleteRead(b"".join(chunks), resp.length)
            return resp.status, resp.getheader("Content-Type", ""), b"".join(chunks)
        except socket.timeout as err:
            raise OkError("timeout", "%s %s: %s" % (verb, parts.path, err))
        except (OSError, http.client.HTTPException) as err:
            raise OkError("transport", "%s %s: %s: %s" % (verb, parts.path, type(err).__name__, err))
        finally:
            conn.close()

    # ---- OAuth ---------------------------------------------------------

    def authorize_url(self, response_type, redirect_uri, scopes, state):
        """The authorize page's URL for the code or implicit flow."""
        query = urllib.parse.urlencode([
            ("client_id", self.config.application_id), ("scope", ";".join(scopes)),
            ("response_type", response_type), ("redirect_uri", redirect_uri), ("state", state),
        ], quote_via=urllib.parse.quote, safe="")
        sep = "&" if "?" in self.config.authorize_url else "?"
        return self.config.authorize_url + sep + query

    def handle_callback(self, response_type, url, state, redirect_uri):
        """The redirect back from the authorize page: tokens, or an OkError.

        A missing or wrong state is refused before anything else happens:
        it is how a client tells its own login from a forged one.
        """
        parts = urllib.parse.urlsplit(url)
        query = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
        fragment = dict(urllib.parse.parse_qsl(parts.fragment, keep_blank_values=True))
        got = fragment if response_type == "token" else query
        self.check_state(query.get("state", fragment.get("state")), state)
        error = query.get("error") or fragment.get("error")
        if error:
            raise OkError("oauth", error, oauth_error=error)
        if response_type == "code":
            if not got.get("code"):
                raise OkError("invalid_response", "the callback has no code")
            return self.exchange_code(got["code"], redirect_uri)
        if not got.get("access_token"):
            raise OkError("invalid_response", "the callback has no access_token")
        return {"access_token": got["access_token"],
                "session_secret_key": got.get("session_secret_key", ""),
                "expires_in": to_int(got.get("expires_in", "0"))}

    def check_state(self, got, want):
        """Refuse a callback whose state is missing or not the one sent."""
        if not got or got != want:
            raise OkError("state", "the callback's state %r is not the one sent" % (got,))

    def exchange_code(self, code, redirect_uri):
        """Trade an authorization code for tokens at token_url."""
        return self.token_request([
            ("code", code), ("client_id", self.config.application_id),
            ("client_secret", self._app_secret()), ("redirect_uri", redirect_uri),
            ("grant_type", "authorization_code"),
        ], None)

    def refresh(self, refresh_token):
        """A new access token for refresh_token (OK keeps the refresh token)."""
        return self.token_request([
            ("refresh_token", refresh_token), ("client_id", self.config.application_id),
            ("client_secret", self._app_secret()), ("grant_type", "refresh_token"),
        ], refresh_token)

    def token_request(self, fields, refresh_token):
        """POST fields to token_url; the token result or an oauth OkError."""
        body = urllib.parse.urlencode(fields).encode("ascii")
        status, ctype, raw = self.http("POST", self.config.token_url, body,
                                       {"Content-Type": "application/x-www-form-urlencoded"})
        value = self.parse_json(status, ctype, raw)
        if isinstance(value, dict) and value.get("error"):
            raise OkError("oauth", str(value.get("error_description") or value["error"]),
                          oauth_error=str(value["error"]))
        if status != 200:
            raise OkError("http", "HTTP %d" % status, http_status=status)
        if not isinstance(value, dict) or not value.get("access_token"):
            raise OkError("invalid_response", "the token answer has no access_token", http_status=status)
        return {"access_token": value["access_token"],
                "refresh_token": value.get("refresh_token") or refresh_token or "",
                "expires_in": to_int(value.get("expires_in", 0))}

    # ---- photos --------------------------------------------------------

    def upload_photo(self, scheme, session, filename, content_type, data, text):
        """Upload one photo and post it with text: {photo_id, topic_id}."""
        slot = self.call("photosV2.getUploadUrl", {"count": "1"}, scheme, session)
        try:
            photo_id, upload_url = slot["photo_ids"][0], slot["upload_url"]
        except (TypeError, KeyError, IndexError):
            raise OkError("invalid_response", "getUploadUrl answered %r" % (slot,))
        token = self.upload(upload_url, photo_id, filename, content_type, data)
        done = self.call("photosV2.commit", {"photo_id": photo_id, "token": token}, scheme, session)
        try:
            photo = done["photos"][0]
            status, assigned = photo.get("status"), photo.get("assigned_photo_id")
        except (TypeError, KeyError, IndexError, AttributeError):
            raise OkError("invalid_response", "commit answered %r" % (done,))
        if status != "SUCCESS" or not assigned:
            raise OkError("invalid_response", "commit status %r" % (status,))
        attachment = json.dumps({"media": [
            {"type": "text", "text": text},
            {"type": "photo", "list": [{"photoId": assigned}]},
        ]}, ensure_ascii=False, separators=(",", ":"))
        topic = self.call("mediatopic.post", {"type": "USER", "attachment": attachment}, scheme, session)
        if not isinstance(topic, (str, int)) or isinstance(topic, bool):
            raise OkError("invalid_response", "mediatopic.post answered %r" % (topic,))
        return {"photo_id": str(assigned), "topic_id": str(topic)}

    def upload(self, upload_url, photo_id, filename, content_type, data):
        """POST the photo to upload_url as multipart pic1; its upload token."""
        boundary = "okclient" + uuid.uuid4().hex
        body = b"".join([
            ("--%s\r\n" % boundary).encode("ascii"),
            ('Content-Disposition: form-data; name="pic1"; filename="%s"\r\n'
             % filename.replace('"', "")).encode("utf-8"),
            ("Content-Type: %s\r\n\r\n" % content_type).encode("ascii"),
            data, ("\r\n--%s--\r\n" % boundary).encode("ascii"),
        ])
        status, ctype, raw = self.http("POST", upload_url, body,
                                       {"Content-Type": "multipart/form-data; boundary=" + boundary})
        value = self.answer(status, ctype, raw)
        try:
            return value["photos"][photo_id]["token"]
        except (TypeError, KeyError):
            raise OkError("invalid_response", "the upload answered %r" % (value,))


def to_int(value):
    """expires_in as an int: OK sends it as a string."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise OkError("invalid_response", "expires_in is not a number: %r" % (value,))


def decode_base64(text):
    """The bytes of a base64 string."""
    return base64.b64decode(text, validate=False)
