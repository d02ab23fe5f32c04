"""Sends one message with Python's smtplib, a client nobody on this project wrote.

usage: smtplib_send.py HOST PORT MODE USER PASSWORD MECH FROM TO MESSAGE_FILE CAFILE
MODE is plain (no TLS: the MX on port 25), starttls (STARTTLS first: the MX or submission on
port 587) or ssl (implicit TLS, port 465). MECH is PLAIN, LOGIN or NONE (no AUTH, as another MTA
sends to an MX). The message file is sent with send_message, so a non-ASCII address makes smtplib
ask for SMTPUTF8 (RFC 6531) by itself. The server's certificate is checked against CAFILE.
"""
import smtplib
import ssl
import sys
from email import policy
from email.parser import BytesParser

host, port, mode, user, password, mech, sender, rcpt, path, cafile = sys.argv[1:11]
context = ssl.create_default_context(cafile=cafile)
context.check_hostname = False

with open(path, "rb") as f:
    msg = BytesParser(policy=policy.SMTPUTF8).parse(f)

if mode == "ssl":
    client = smtplib.SMTP_SSL(host, int(port), context=context, timeout=20)
else:
    client = smtplib.SMTP(host, int(port), timeout=20)
with client:
    client.ehlo("python.example")
    if mode == "starttls":
        client.starttls(context=context)
        client.ehlo("python.example")
    if mech != "NONE":
        client.user, client.password = user, password
        method = {"PLAIN": client.auth_plain, "LOGIN": client.auth_login}[mech]
        code, _ = client.auth(mech, method)
        assert code == 235, code
    refused = client.send_message(msg, from_addr=sender, to_addrs=[rcpt])
    assert not refused, refused
print("sent")
