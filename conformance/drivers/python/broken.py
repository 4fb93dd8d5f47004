"""Deliberately broken variants of okclient.Client, for proving the suite's teeth.

Each flaw is one subclass overriding one decision of the correct client, the
way real OK clients get it wrong. `driver.py --break NAME` runs one; the Go
test broken_test.go checks that each fails exactly the specs meant to catch
it and passes all the others.
"""

import okclient


class SortPairs(okclient.Client):
    """Sorts the "key=value" strings instead of the keys.

    The same order unless a key is a prefix of another followed by a byte
    below "=" ("uid" and "uid2": "uid2=..." sorts before "uid=...").
    """

    def signing_string(self, params):
        pairs = [k + "=" + v for k, v in params.items() if k not in self.UNSIGNED]
        return "".join(sorted(pairs, key=lambda s: s.encode("utf-8")))


class TokenInSig(okclient.Client):
    """Signs access_token along with the other parameters."""

    UNSIGNED = ("sig",)


class Latin1(okclient.Client):
    """Signs the Latin-1 bytes of the signing string (unencodable text as "?")."""

    def signing_bytes(self, text):
        return text.encode("latin-1", "replace")


class LeakAppSecret(okclient.Client):
    """Sends application_secret_key as a parameter of every REST call it holds it for."""

    def request_params(self, method, params, scheme, session):
        if self.config.application_secret_key:
            params = dict(params, application_secret_key=self.config.application_secret_key)
        return super().request_params(method, params, scheme, session)


class LeakSessionSecret(okclient.Client):
    """Sends session_secret_key as a parameter of client-scheme calls."""

    def request_params(self, method, params, scheme, session):
        if session is not None and session.session_secret_key:
            params = dict(params, session_secret_key=session.session_secret_key)
        return super().request_params(method, params, scheme, session)


class IgnoreErrorCode(okclient.Client):
    """Returns an HTTP 200 error body as the call's result."""

    def answer(self, status, ctype, body):
        value = self.parse_json(status, ctype, body)
        if status != 200:
            return super().answer(status, ctype, body)
        return value


class Retry104(okclient.Client):
    """Retries 104 PARAM_SIGNATURE as if it were transient."""

    def retryable(self, err):
        return super().retryable(err) or (err.kind == "api" and err.code == 104)


class NoBackoff(okclient.Client):
    """Retries at once, without waiting."""

    def backoff(self, n):
        return 0


class ExtraRetry(okclient.Client):
    """Reads retry.max_attempts as the number of retries: one attempt too many."""

    def call_with_retries(self, method, params, scheme, session):
        self.config.max_attempts += 1
        try:
            return super().call_with_retries(method, params, scheme, session)
        finally:
            self.config.max_attempts -= 1


class IgnoreState(okclient.Client):
    """Accepts a callback whatever its state, and goes on to token.do."""

    def check_state(self, got, want):
        pass


class NoApplicationKey(okclient.Client):
    """Leaves application_key out of REST calls (and out of the signature)."""

    def request_params(self, method, params, scheme, session):
        out = super().request_params(method, params, scheme, session)
        del out["application_key"]
        del out["sig"]
        out["sig"] = self.sign(out, scheme, session)
        return out


class DropEmpty(okclient.Client):
    """Drops parameters whose value is empty (and signs without them)."""

    def request_params(self, method, params, scheme, session):
        kept = {k: v for k, v in params.items() if v != ""}
        return super().request_params(method, kept, scheme, session)


class GetAlways(okclient.Client):
    """Sends every call as GET, however long its parameters."""

    def use_post(self, encoded):
        return False


class NoRefresh(okclient.Client):
    """Claims auto_refresh but answers 102 without refreshing."""

    def should_refresh(self, err, scheme, session):
        return False


class NoTimeout(okclient.Client):
    """Waits for an answer however long it takes."""

    def attempt_timeout(self):
        return None


class NoRedirectURI(okclient.Client):
    """Leaves redirect_uri out of the code exchange."""

    def token_request(self, fields, refresh_token):
        fields = [(k, v) for k, v in fields if k != "redirect_uri"]
        return super().token_request(fields, refresh_token)


class RawOnBadJSON(okclient.Client):
    """Hands back the raw body text when it is not JSON."""

    def parse_json(self, status, ctype, body):
        try:
            return super().parse_json(status, ctype, body)
        except okclient.OkError as err:
            if err.kind != "invalid_response":
                raise
            return body.decode("utf-8", "replace")


# FLAWS maps the --break names to the broken clients.
FLAWS = {
    "sort_pairs": SortPairs,
    "token_in_sig": TokenInSig,
    "latin1": Latin1,
    "leak_app_secret": LeakAppSecret,
    "leak_session_secret": LeakSessionSecret,
    "ignore_error_code": IgnoreErrorCode,
    "retry_104": Retry104,
    "no_backoff": NoBackoff,
    "extra_retry": ExtraRetry,
    "ignore_state": IgnoreState,
    "no_application_key": NoApplicationKey,
    "drop_empty": DropEmpty,
    "get_always": GetAlways,
    "no_refresh": NoRefresh,
    "no_timeout": NoTimeout,
    "no_redirect_uri": NoRedirectURI,
    "raw_on_bad_json": RawOnBadJSON,
}
