"""SORT and THREAD through Python's imaplib (its own sort() and thread() methods); prints what it got.

usage: imaplib_sort.py PORT USER PASSWORD
"""
import imaplib
import ssl
import sys

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE


def ok(result, what):
    typ, data = result
    if typ != "OK":
        raise SystemExit(f"{what} failed: {typ} {data}")
    return data


m = imaplib.IMAP4_SSL("127.0.0.1", port, ssl_context=ctx)
ok(m.login(user, password), "LOGIN")
ok(m.select("INBOX", readonly=True), "SELECT")
print("SORT", ok(m.sort("(REVERSE DATE)", "UTF-8", "ALL"), "SORT")[0].decode())
print("UIDSORT", ok(m.uid("SORT", "(SUBJECT)", "UTF-8", "FROM", "ed@h.test"), "UID SORT")[0].decode())
print("THREAD", ok(m.thread("REFERENCES", "UTF-8", "ALL"), "THREAD")[0].decode())
print("ORDERED", ok(m.thread("ORDEREDSUBJECT", "UTF-8", "SUBJECT", "Report"), "THREAD")[0].decode())
m.logout()
print("DONE")
