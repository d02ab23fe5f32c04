"""Drives the server with Python's poplib and prints what it saw as JSON (run by PythonPoplibInteropTest).

usage: poplib_client.py HOST PORT stls|ssl USER PASSWORD DELETE_NUMBER [plain]

With "plain", logs in with AUTH PLAIN and an initial response (RFC 5034) through poplib's own command
plumbing, since poplib has no method for AUTH; otherwise with USER and PASS.
"""
import base64
import json
import poplib
import ssl
import sys

host, port, mode, user, password, delete = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
sasl_plain = len(sys.argv) > 7 and sys.argv[7] == "plain"
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE

out = {}
if mode == "ssl":
    pop = poplib.POP3_SSL(host, port, context=context, timeout=20)
else:
    pop = poplib.POP3(host, port, timeout=20)
    out["capa_before_tls"] = sorted(pop.capa().keys())
    pop.stls(context=context)
out["welcome"] = pop.getwelcome().decode()
out["capa"] = sorted(pop.capa().keys())
if sasl_plain:
    token = base64.b64encode(("\0" + user + "\0" + password).encode()).decode()
    out["pass"] = pop._shortcmd("AUTH PLAIN " + token).decode()
else:
    out["user"] = pop.user(user).decode()
    out["pass"] = pop.pass_(password).decode()
count, size = pop.stat()
out["stat"] = [count, size]
resp, listing, _ = pop.list()
out["list"] = [line.decode() for line in listing]
resp, uids, _ = pop.uidl()
out["uidl"] = [line.decode() for line in uids]
resp, top, _ = pop.top(1, 1)
out["top"] = [line.decode("latin-1") for line in top]
retrieved = []
for n in range(1, count + 1):
    resp, lines, octets = pop.retr(n)
    # poplib strips the line ends and the stuffing; put the CRLFs back
    retrieved.append(base64.b64encode(b"".join(line + b"\r\n" for line in lines)).decode())
out["retr"] = retrieved
out["dele"] = pop.dele(delete).decode()
out["stat_after_dele"] = list(pop.stat())
out["quit"] = pop.quit().decode()
print(json.dumps(out))
