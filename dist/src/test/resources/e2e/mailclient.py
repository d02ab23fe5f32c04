#!/usr/bin/env python3
"""Python's own mail clients (smtplib, poplib, imaplib) driven by the end-to-end tests.

mailclient.py mx HOST PORT SENDER RCPT FILE...          relay each file over plain SMTP (port 25 style)
mailclient.py pop3 TLS HOST PORT CAFILE USER PASSWORD OUTDIR  LIST and RETR of every message
mailclient.py imap TLS HOST PORT CAFILE USER PASSWORD OUTDIR  UID FETCH RFC822.SIZE BODY.PEEK[]

TLS is "implicit" (POP3_SSL, IMAP4_SSL on 995/993) or "starttls" (STLS, STARTTLS on 110/143).

Every fetched message is written byte for byte to OUTDIR/N.eml (N = POP3 message number or IMAP UID);
sizes the server announced go to OUTDIR/N.size, IMAP's raw ENVELOPE and BODYSTRUCTURE to OUTDIR/N.structure. Any failure exits non-zero with the reason on stderr.
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
            try:
                s.sendmail(sender, [rcpt], data, mail_options=options)
            except smtplib.SMTPResponseException as e:
                # Refused: the reply code and its first word (the enhanced status code) on stdout, exit 3.
                print("refused %s %d %s" % (os.path.basename(f), e.smtp_code, e.smtp_error.split(b" ")[0].decode()))
                sys.exit(3)


def pop3(tls, host, port, cafile, user, password, outdir):
    os.makedirs(outdir, exist_ok=True)
    if tls == "implicit":
        p = poplib.POP3_SSL(host, int(port), context=context(cafile), timeout=60)
    else:
        p = poplib.POP3(host, int(port), timeout=60)
        p.stls(context=context(cafile))  # RFC 2595 section 4
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


def imap(tls, host, port, cafile, user, password, outdir):
    os.makedirs(outdir, exist_ok=True)
    if tls == "implicit":
        m = imaplib.IMAP4_SSL(host, int(port), ssl_context=context(cafile), timeout=60)
    else:
        m = imaplib.IMAP4(host, int(port), timeout=60)
        m.starttls(ssl_context=context(cafile))  # RFC 9051 section 6.2.1
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
    # The raw ENVELOPE and BODYSTRUCTURE text, literals inlined, for what no client library exposes.
    typ, data = m.uid("FETCH", "1:*", "(ENVELOPE BODYSTRUCTURE)")
    if typ != "OK":
        raise SystemExit("UID FETCH: %r" % data)
    responses, current = [], b""
    for item in data:
        if isinstance(item, tuple):
            current += item[0] + item[1]
        else:
            current += item
            responses.append(current)
            current = b""
    for response in responses:
        uid = int(re.search(rb"UID (\d+)", response).group(1))
        with open(os.path.join(outdir, "%d.structure" % uid), "wb") as fh:
            fh.write(response)
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
