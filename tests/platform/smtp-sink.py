#!/usr/bin/python3
"""A real SMTP server (Debian's python3-aiosmtpd) for the mailer's tests.

Listens on 127.0.0.1 at a free port, prints "READY <port>" on stdout once it accepts
connections, and writes every message it accepts to OUT/<n>.eml, with the envelope in
OUT/<n>.envelope ("from" line, then one "to" line per recipient). Runs until killed.

  --tls starttls   plain greeting, STARTTLS required before MAIL (port 587 style)
  --tls implicit   TLS from the first byte (port 465 style)
  --tls none       no TLS at all (the kiosk must refuse to send)
  --user U --password P   AUTH required, only these credentials accepted
"""
import argparse
import asyncio
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, out):
        self.out = out
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.out, str(self.count))
        with open(base + ".eml.part", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".eml.part", base + ".eml")
        with open(base + ".envelope", "w") as f:
            f.write(envelope.mail_from + "\n")
            for rcpt in envelope.rcpt_tos:
                f.write(rcpt + "\n")
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--tls", choices=["starttls", "implicit", "none"], default="starttls")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()

    context = None
    if args.tls != "none":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == args.user
              and auth_data.password.decode() == args.password)
        # handled=False: aiosmtpd itself answers 535 to a refused login.
        return AuthResult(success=ok, handled=False)

    handler = Sink(args.out)

    def factory():
        options = dict(hostname="sink.test", decode_data=False)
        if args.tls == "starttls":
            options.update(tls_context=context, require_starttls=True)
        if args.user:
            options.update(authenticator=authenticate, auth_required=True,
                           auth_require_tls=args.tls == "starttls")
        return SMTP(handler, **options)

    async def serve():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(
            factory, "127.0.0.1", 0, ssl=context if args.tls == "implicit" else None)
        port = server.sockets[0].getsockname()[1]
        print("READY", port, flush=True)
        await server.serve_forever()

    asyncio.run(serve())


if __name__ == "__main__":
    sys.exit(main())
