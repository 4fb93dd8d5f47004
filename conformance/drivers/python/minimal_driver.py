#!/usr/bin/env python3
"""A minimal okmock conformance driver: server-signed REST calls, standard library only.

It claims one feature, sign_server, so the suite runs the signature, secret,
error, result and hostile-server specs and skips the rest. Run it with
`okmock-conformance --client 'python3 minimal_driver.py'`.
"""
import hashlib, http.client, json, sys, urllib.error, urllib.parse, urllib.request


def md5(text):
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def call(ins):
    cfg, params = ins["config"], dict(ins["params"])
    params.update(application_key=cfg["application_key"], format="json", method=ins["method"])
    token = ins["session"]["access_token"]
    # sig = md5(key=value pairs sorted by key + md5(access_token + application secret))
    signed = "".join(k + "=" + params[k] for k in sorted(params))
    params.update(access_token=token, sig=md5(signed + md5(token + cfg["application_secret_key"])))
    body = urllib.parse.urlencode(params).encode("utf-8")  # always POST: no URL length limit
    try:
        with urllib.request.urlopen(cfg["api_server"] + "fb.do", body, timeout=cfg["timeout_ms"] / 1000) as r:
            ctype, data = r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return {"error": {"kind": "http", "http_status": e.code, "message": str(e)}}
    except (OSError, http.client.HTTPException) as e:  # reset, refused, timed out, cut short
        return {"error": {"kind": "transport", "message": str(e)}}
    try:
        if "json" not in ctype:
            raise ValueError("content type " + ctype)
        value = json.loads(data)
    except ValueError as e:
        return {"error": {"kind": "invalid_response", "message": str(e)}}
    if isinstance(value, dict) and "error_code" in value:  # OK errors come with HTTP 200
        return {"error": {"kind": "api", "code": value["error_code"],
                          "message": value.get("error_msg", ""), "data": value.get("error_data")}}
    return {"result": value}


def answer(ins):
    if ins["type"] == "hello":
        return {"result": {"protocol": 1, "name": "minimal-python", "features": ["sign_server"]}}
    if ins["type"] == "call" and ins.get("sign") == "server":
        return call(ins)
    return {"error": {"kind": "unsupported"}}


for line in sys.stdin:
    ins = json.loads(line)
    out = {"id": ins["id"]}
    out.update(answer(ins))
    print(json.dumps(out), flush=True)
