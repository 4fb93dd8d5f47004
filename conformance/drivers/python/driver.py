#!/usr/bin/env python3
"""The okmock conformance driver for okclient.py (protocol v1, see PROTOCOL.md).

    python3 driver.py                       # JSON lines on stdin/stdout
    python3 driver.py --listen 0.0.0.0:7000 # the same over TCP, one connection at a time
    python3 driver.py --break sort_pairs    # a deliberately broken client (broken.py)

Python 3 standard library only. Logs go to stderr; stdout carries protocol
lines and nothing else.
"""

import argparse
import json
import socketserver
import sys
import traceback

import broken
import okclient

NAME = "okclient-python"
VERSION = "1.0.0"

# What okclient supports: every feature of protocol v1.
FEATURES = ["sign_server", "sign_client", "no_session", "code_flow", "implicit_flow",
            "refresh", "auto_refresh", "retries", "timeouts", "photo_upload"]


def session_of(ins):
    """The instruction's session, if any."""
    s = ins.get("session")
    if not s:
        return None
    return okclient.Session(s["access_token"], s.get("session_secret_key"), s.get("refresh_token"))


def run(ins, client_class, features):
    """The result of one instruction; raises OkError for the protocol's errors."""
    kind = ins.get("type")
    if kind == "hello":
        return {"protocol": 1, "name": NAME, "version": VERSION, "features": features}
    if kind not in ("authorize_url", "callback", "exchange_code", "refresh", "call", "upload_photo"):
        raise okclient.OkError("unsupported", "unknown instruction %r" % kind)
    client = client_class(okclient.Config.from_dict(ins["config"]),
                          auto_refresh="auto_refresh" in features, retries="retries" in features)
    if kind == "authorize_url":
        return client.authorize_url(ins["response_type"], ins["redirect_uri"], ins["scope"], ins["state"])
    if kind == "callback":
        return client.handle_callback(ins["response_type"], ins["url"], ins["state"], ins["redirect_uri"])
    if kind == "exchange_code":
        return client.exchange_code(ins["code"], ins["redirect_uri"])
    if kind == "refresh":
        return client.refresh(ins["refresh_token"])
    if kind == "call":
        return client.call(ins["method"], ins.get("params") or {}, ins["sign"], session_of(ins))
    photo = ins["photo"]
    return client.upload_photo(ins["sign"], session_of(ins), photo["filename"], photo["content_type"],
                               okclient.decode_base64(photo["data_base64"]), ins["text"])


def respond(line, client_class, features):
    """The response line to one instruction line."""
    try:
        ins = json.loads(line)
    except ValueError as err:
        print("driver: not JSON: %s" % err, file=sys.stderr)
        return None
    rid = ins.get("id")
    try:
        return {"id": rid, "result": run(ins, client_class, features)}
    except okclient.OkError as err:
        print("driver: %s %s: %s" % (ins.get("spec", ""), err.kind, err.message), file=sys.stderr)
        return {"id": rid, "error": err.to_dict()}
    except Exception as err:  # a bug in the client must not take the driver down
        traceback.print_exc(file=sys.stderr)
        return {"id": rid, "error": {"kind": "internal", "message": "%s: %s" % (type(err).__name__, err)}}


def serve(reader, writer, client_class, features):
    """Answer instruction lines from reader (binary) on writer (binary) until EOF."""
    for raw in reader:
        line = raw.decode("utf-8").strip()
        if not line:
            continue
        out = respond(line, client_class, features)
        if out is None:
            continue
        writer.write(json.dumps(out, ensure_ascii=False).encode("utf-8") + b"\n")
        writer.flush()


def listen(addr, client_class, features):
    """Serve the protocol on TCP connections to addr (host:port), one at a time."""
    host, _, port = addr.rpartition(":")

    class Handler(socketserver.StreamRequestHandler):
        def handle(self):
            serve(self.rfile, self.wfile, client_class, features)

    socketserver.TCPServer.allow_reuse_address = True
    with socketserver.TCPServer((host or "0.0.0.0", int(port)), Handler) as srv:
        print("driver: listening on %s" % addr, file=sys.stderr)
        srv.serve_forever()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--listen", metavar="HOST:PORT", help="serve over TCP instead of stdin/stdout")
    p.add_argument("--break", dest="flaw", metavar="NAME", choices=sorted(broken.FLAWS),
                   help="run a deliberately broken client: " + ", ".join(sorted(broken.FLAWS)))
    p.add_argument("--features", help="claim only these features (comma-separated)")
    p.add_argument("--list-breaks", action="store_true", help="print the --break names and exit")
    args = p.parse_args(argv)
    if args.list_breaks:
        print("\n".join(sorted(broken.FLAWS)))
        return
    client_class = broken.FLAWS[args.flaw] if args.flaw else okclient.Client
    features = args.features.split(",") if args.features else list(FEATURES)
    try:
        if args.listen:
            listen(args.listen, client_class, features)
        else:
            serve(sys.stdin.buffer, sys.stdout.buffer, client_class, features)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
