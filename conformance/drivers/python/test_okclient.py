"""Unit tests of okclient's pure decisions: python3 -m unittest test_okclient.

The conformance suite checks the client on the wire; these pin down the
pieces the broken variants override, so a regression shows up here first.
"""

import json
import os
import unittest

import okclient

HERE = os.path.dirname(os.path.abspath(__file__))


def client(**overrides):
    cfg = dict(api_server="http://ok.invalid/", token_url="http://ok.invalid/oauth/token.do",
               authorize_url="http://ok.invalid/oauth/authorize", application_id="512000000001",
               application_key="CBAFPJHFEBABABABA", application_secret_key="0F1E2D3C4B5A69788796A5B4",
               max_attempts=4, base_delay_ms=50, max_delay_ms=150)
    cfg.update(overrides)
    c = okclient.Client(okclient.Config(**cfg))

    def no_network(*args, **kwargs):
        raise AssertionError("the client made a request: %r" % (args,))
    c.http = no_network
    return c


class SigningTest(unittest.TestCase):
    def test_signature_vectors(self):
        with open(os.path.join(HERE, "testdata", "signature-vectors.json"), encoding="utf-8") as f:
            vectors = json.load(f)["vectors"]
        for v in vectors:
            with self.subTest(v["name"]):
                c = client(application_secret_key=v.get("application_secret_key"))
                session = okclient.Session(v.get("access_token", ""), v.get("session_secret_key"))
                self.assertEqual(c.signing_string(v["params"]), v["signing_string"])
                self.assertEqual(c.secret(v["scheme"], session), v["secret"])
                self.assertEqual(c.sign(v["params"], v["scheme"], session), v["sig"])

    def test_sorted_by_key_not_by_pair(self):
        self.assertEqual(okclient.signing_string({"comment2": "b", "comment": "a"}), "comment=acomment2=b")

    def test_token_and_sig_are_not_signed(self):
        c = client()
        self.assertEqual(c.signing_string({"a": "1", "access_token": "t", "sig": "s", "session_key": "k"}), "a=1")

    def test_request_params_never_carry_secrets(self):
        c = client()
        sent = c.request_params("users.getInfo", {"uids": "1"}, "client",
                                okclient.Session("tok", session_secret_key="ssk"))
        self.assertEqual(sorted(sent), ["access_token", "application_key", "format", "method", "sig", "uids"])
        self.assertNotIn("ssk", sent.values())
        self.assertNotIn(c.config.application_secret_key, sent.values())


class AnswerTest(unittest.TestCase):
    def test_ok_error_with_http_200_is_an_error(self):
        body = b'{"error_code":10,"error_msg":"PERMISSION_DENIED","error_data":"valuable_access"}'
        with self.assertRaises(okclient.OkError) as e:
            client().answer(200, "application/json;charset=utf-8", body)
        self.assertEqual((e.exception.kind, e.exception.code, e.exception.data), ("api", 10, "valuable_access"))

    def test_bare_values_are_results(self):
        for body, want in [(b'"575000000001"', "575000000001"), (b"false", False), (b'["1","2"]', ["1", "2"])]:
            self.assertEqual(client().answer(200, "application/json", body), want)

    def test_not_json_is_invalid_response_or_http(self):
        cases = [(200, "text/html", b"<html/>", "invalid_response"), (200, "application/json", b'{"a":', "invalid_response"),
                 (503, "text/html", b"<html/>", "http")]
        for status, ctype, body, kind in cases:
            with self.subTest(status=status, ctype=ctype):
                with self.assertRaises(okclient.OkError) as e:
                    client().answer(status, ctype, body)
                self.assertEqual(e.exception.kind, kind)


class RetryTest(unittest.TestCase):
    def test_backoff_doubles_up_to_the_cap(self):
        self.assertEqual([client().backoff(n) for n in (1, 2, 3, 4)], [50, 100, 150, 150])

    def test_only_2_8_and_5xx_are_retried(self):
        c = client()
        retried = [okclient.OkError("api", code=2), okclient.OkError("api", code=8),
                   okclient.OkError("http", http_status=502)]
        final = [okclient.OkError("api", code=c) for c in (10, 100, 102, 104)] + [
            okclient.OkError("http", http_status=404), okclient.OkError("timeout"), okclient.OkError("transport")]
        self.assertTrue(all(c.retryable(e) for e in retried))
        self.assertFalse(any(c.retryable(e) for e in final))

    def test_gives_up_after_max_attempts_with_growing_waits(self):
        c, waits, attempts = client(), [], []
        c.sleep = waits.append

        def fail(*args):
            attempts.append(args)
            raise okclient.OkError("api", code=2)
        c.call_once = fail
        with self.assertRaises(okclient.OkError):
            c.call("users.getInfo", {}, "application")
        self.assertEqual(len(attempts), 4)
        self.assertEqual(waits, [0.05, 0.1, 0.15])


class OAuthTest(unittest.TestCase):
    def test_authorize_url(self):
        url = client().authorize_url("code", "http://localhost:8000/cb", ["VALUABLE_ACCESS", "PHOTO_CONTENT"], "s t")
        self.assertEqual(url, "http://ok.invalid/oauth/authorize?client_id=512000000001"
                              "&scope=VALUABLE_ACCESS%3BPHOTO_CONTENT&response_type=code"
                              "&redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcb&state=s%20t")

    def test_wrong_or_missing_state_is_refused_without_a_request(self):
        for url in ["http://localhost/cb?code=abc&state=other", "http://localhost/cb?code=abc",
                    "http://localhost/cb?error=access_denied&state=other"]:
            with self.subTest(url=url):
                with self.assertRaises(okclient.OkError) as e:
                    client().handle_callback("code", url, "mine", "http://localhost/cb")
                self.assertEqual(e.exception.kind, "state")

    def test_implicit_flow_reads_the_fragment(self):
        got = client().handle_callback(
            "token", "http://localhost/cb#access_token=tok&session_secret_key=ssk&expires_in=1800&state=mine",
            "mine", "http://localhost/cb")
        self.assertEqual(got, {"access_token": "tok", "session_secret_key": "ssk", "expires_in": 1800})


if __name__ == "__main__":
    unittest.main()
