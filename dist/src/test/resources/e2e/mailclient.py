#!/usr/bin/env python3
"""Python's own mail clients (smtplib, poplib, imaplib) driven by the end-to-end tests.

mailclient.py mx HOST PORT SENDER RCPT FILE...          relay each file over plain SMTP (port 25 style)
mailclient.py pop3 HOST PORT CAFILE USER PASSWORD OUTDIR  POP3_SSL: LIST, UIDL, RETR of every message
mailclient.py imap HOST PORT CAFILE USER PASSWORD OUTDIR  IMAP4_SSL: UID FETCH BODY.PEEK[], RFC822.SIZE

Every fetched message is written byte for byte to OUTDIR/N.eml (N = POP3 message number or IMAP UID);
sizes the server announced go to OUTDIR/N.size. Any failure exits non-zero with the reason on stderr.
"""
import imaplib
import os
import poplib
import re
import smtplib
import ssl
import sys


def context(cafile):
    # Trust exactly the server's generated certificate; it names mail.example.test, we dial 127.0.0.1.
    ctx = ssl.create_default_context(cafile=cafile)
    ctx.check_hostname = False
    return ctx


def mx(host, port, sender, rcpt, files):
    with smtplib.SMTP(host, int(port), local_hostname="client.remote.test", timeout=60) as s:
        s.ehlo()
        for f in files:
            with open(f, "rb") as fh:
                data = fh.read()
            options = ["BODY=8BITMIME"] if any(b > 127 for b in data) else []
            refused = s.sendmail(sender, [rcpt], data, mail_options=options)
            if refused:
                raise SystemExit("refused %s: %r" % (f, refused))


def pop3(host, port, cafile, user, password, outdir):
    os.makedirs(outdir, exist_ok=True)
    p = poplib.POP3_SSL(host, int(port), context=context(cafile), timeout=60)
    p.user(user)
    p.pass_(password)
    _, listing, _ = p.list()
    for entry in listing:
        number, size = entry.split()
        number = int(number)
        _, lines, _ = p.retr(number)  # poplib undoes the dot-stuffing (RFC 1939 section 3)
        with open(os.path.join(outdir, "%d.eml" % number), "wb") as fh:
            fh.write(b"".join(line + b"\r\n" for line in lines))
        with open(os.path.join(outdir, "%d.size" % number), "w") as fh:
            fh.write(size.decode())
    p.quit()


def imap(host, port, cafile, user, password, outdir):
    os.makedirs(outdir, exist_ok=True)
    m = imaplib.IMAP4_SSL(host, int(port), ssl_context=context(cafile), timeout=60)
    m.login(user, password)
    typ, _ = m.select("INBOX", readonly=True)
    if typ != "OK":
        raise SystemExit("SELECT INBOX: " + typ)
    typ, data = m.uid("FETCH", "1:*", "(RFC822.SIZE BODY.PEEK[])")
    if typ != "OK":
        raise SystemExit("UID FETCH: %r" % data)
    for item in data:
        if not isinstance(item, tuple):
            continue
        head, body = item
        uid = int(re.search(rb"UID (\d+)", head).group(1))
        size = int(re.search(rb"RFC822\.SIZE (\d+)", head).group(1))
        with open(os.path.join(outdir, "%d.eml" % uid), "wb") as fh:
            fh.write(body)
        with open(os.path.join(outdir, "%d.size" % uid), "w") as fh:
            fh.write(str(size))
    m.logout()


def main(argv):
    command, args = argv[1], argv[2:]
    if command == "mx":
        mx(args[0], args[1], args[2], args[3], args[4:])
    elif command == "pop3":
        pop3(*args)
    elif command == "imap":
        imap(*args)
    else:
        raise SystemExit("unknown command " + command)


if __name__ == "__main__":
    main(sys.argv)
