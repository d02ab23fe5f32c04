"""Signs and verifies messages with dkimpy (Debian's python3-dkim), an implementation nobody here wrote.

  dkimpy_interop.py sign rsa|ed25519 KEYFILE SELECTOR DOMAIN [relaxed|simple] < message > signed message
      KEYFILE: a PEM RSA private key (PKCS#1 or PKCS#8), or for ed25519 the base64 32-octet seed.
      Signs with that canonicalisation for header and body (default relaxed), dkimpy's default header set.
  dkimpy_interop.py verify RECORDS < message
      RECORDS: lines "selector._domainkey.domain<TAB>TXT value", served to dkimpy through its dnsfunc
      hook instead of DNS. Verifies every DKIM-Signature; prints "pass" or "fail" per signature, top
      first, and exits 0 only if there is at least one and all pass.
"""
import sys

import dkim


def sign(algorithm, keyfile, selector, domain, canon='relaxed'):
    message = sys.stdin.buffer.read()
    with open(keyfile, 'rb') as f:
        key = f.read().strip()
    header = dkim.sign(message, selector.encode(), domain.encode(), key,
                       canonicalize=(canon.encode(), canon.encode()),
                       signature_algorithm=b'rsa-sha256' if algorithm == 'rsa' else b'ed25519-sha256')
    sys.stdout.buffer.write(header + message)


def verify(records_file):
    records = {}
    with open(records_file, 'r', encoding='ascii') as f:
        for line in f:
            name, value = line.rstrip('\n').split('\t', 1)
            records[name.lower().rstrip('.')] = value.encode('ascii')

    def dnsfunc(name, timeout=5):
        return records.get(name.decode('ascii').lower().rstrip('.'))

    message = sys.stdin.buffer.read()
    d = dkim.DKIM(message, minkey=1024)
    count = sum(1 for name, _ in d.headers if name.lower() == b'dkim-signature')
    results = []
    for i in range(count):
        try:
            ok = d.verify(idx=i, dnsfunc=dnsfunc)
            reason = ''
        except dkim.DKIMException as e:
            ok = False
            reason = ' (%s)' % e
        results.append(ok)
        print(('pass' if ok else 'fail') + reason)
    sys.exit(0 if results and all(results) else 1)


if __name__ == '__main__':
    if sys.argv[1] == 'sign':
        sign(*sys.argv[2:7])
    else:
        verify(sys.argv[2])
