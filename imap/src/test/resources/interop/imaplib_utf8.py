"""Python's imaplib with ENABLE UTF8=ACCEPT (RFC 6855): it then sends UTF-8 mailbox names in quoted strings.

usage: imaplib_utf8.py PORT USER PASSWORD
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


m = imaplib.IMAP4("127.0.0.1", port)
ok(m.starttls(ssl_context=ctx), "STARTTLS")
ok(m.login(user, password), "LOGIN")
if "UTF8=ACCEPT" not in m.capabilities:
    raise SystemExit(f"no UTF8=ACCEPT in {m.capabilities}")
ok(m.enable("UTF8=ACCEPT"), "ENABLE")
print("ENABLED", m.untagged_responses.get("ENABLED"))
ok(m.create('"Grüße/日本"'), "CREATE")
for line in ok(m.list('""', '"Grü*"'), "LIST"):
    print("LIST", line.decode("utf-8"))
print("STATUS", ok(m.status('"Grüße/日本"', "(MESSAGES)"), "STATUS")[0].decode("utf-8"))
print("EXISTS", ok(m.select('"Grüße/日本"'), "SELECT")[0].decode())
ok(m.rename('"Grüße/日本"', '"Grüße/中文"'), "RENAME")
print("RENAMED", [l.decode("utf-8") for l in ok(m.list('""', '"Grüße/*"'), "LIST")])
m.logout()
print("DONE")
