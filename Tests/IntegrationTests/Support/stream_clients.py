#!/usr/bin/env python3
"""Opens server streams and holds them until killed: a department system whose process dies
with its streams open. Requests are given as bytes (hex), so no generated stubs are needed.

    stream_clients.py --server localhost:PORT --ca ca.crt --cert c.crt --key c.key \
        --count 300 /pkg.Service/Method=HEX [/pkg.Service/Other=HEX ...]

Prints "open N" once every stream has been started, then waits.
"""
import argparse
import sys
import threading
import time

import grpc


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("calls", nargs="+", help="/package.Service/Method=request bytes in hex")
    args = parser.parse_args()

    credentials = grpc.ssl_channel_credentials(
        root_certificates=open(args.ca, "rb").read(),
        private_key=open(args.key, "rb").read(),
        certificate_chain=open(args.cert, "rb").read(),
    )
    # The server allows 100 concurrent streams per connection (HTTP/2 SETTINGS): 50 per channel,
    # each channel with a connection of its own.
    channels = [
        grpc.secure_channel(args.server, credentials, options=[("grpc.use_local_subchannel_pool", 1)])
        for _ in range((args.count + 49) // 50)
    ]
    calls = [(spec.partition("=")[0], bytes.fromhex(spec.partition("=")[2])) for spec in args.calls]

    streams = []
    for n in range(args.count):
        method, request = calls[n % len(calls)]
        stream = channels[n // 50].unary_stream(method)(request)
        streams.append(stream)
        # Read each stream on a thread of its own, as a watching client would.
        threading.Thread(target=lambda s=stream: [None for _ in s], daemon=True).start()
    print(f"open {len(streams)}", flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    sys.exit(main())
