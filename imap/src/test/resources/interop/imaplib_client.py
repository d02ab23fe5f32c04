"""Drives the server with Python's imaplib (a client nobody here wrote); exits non-zero on any surprise.

usage: imaplib_client.py PORT starttls|ssl USER PASSWORD
"""
import imaplib
import ssl
import sys

port, mode, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE


def ok(result, what):
    typ, data = result
    if typ != "OK":
        raise SystemExit(f"{what} failed: {typ} {data}")
    return data


if mode == "ssl":
    m = imaplib.IMAP4_SSL("127.0.0.1", port, ssl_context=ctx)
else:
    m = imaplib.IMAP4("127.0.0.1", port)
    ok(m.starttls(ssl_context=ctx), "STARTTLS")
ok(m.login(user, password), "LOGIN")
ok(m.create("Python/Folder"), "CREATE")
message = b"From: py@example.org\r\nTo: alice@example.org\r\nSubject: from python\r\n\r\nbody line\r\n"
ok(m.append("Python/Folder", "(\\Flagged)", imaplib.Time2Internaldate(1700000000), message), "APPEND")
data = ok(m.select("Python/Folder"), "SELECT")
print("EXISTS", data[0].decode())
data = ok(m.search(None, "SUBJECT", "python"), "SEARCH")
print("SEARCH", data[0].decode())
data = ok(m.fetch("1", "(RFC822 FLAGS)"), "FETCH")
if data[0][1] != message:
    raise SystemExit(f"RFC822 differs: {data[0][1]!r}")
print("FETCH", data[0][0].decode())
data = ok(m.fetch("1", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)] BODYSTRUCTURE ENVELOPE INTERNALDATE RFC822.SIZE)"), "FETCH2")
print("FETCH2", data[0][0].decode(), data[0][1].decode().strip())
data = ok(m.store("1", "+FLAGS", "(\\Deleted)"), "STORE")
print("STORE", data[0].decode())
ok(m.copy("1", "INBOX"), "COPY")
data = ok(m.expunge(), "EXPUNGE")
print("EXPUNGE", data)
data = ok(m.select("INBOX"), "SELECT INBOX")
ok(m.create("Python/Moved"), "CREATE 2")
data = ok(m.uid("MOVE", "1", "Python/Moved"), "UID MOVE")
print("MOVE", data)
ok(m.append("INBOX", None, None, message), "APPEND 2")
data = ok(m.select("INBOX", readonly=True), "EXAMINE")
print("INBOX", data[0].decode())
data = ok(m.uid("SEARCH", None, "ALL"), "UID SEARCH")
print("UIDS", data[0].decode())
data = ok(m.status("Python/Moved", "(MESSAGES)"), "STATUS")
print("STATUS", data[0].decode())
m.logout()
print("DONE")
