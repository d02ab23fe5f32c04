-- Mailroom schema, version 2: DKIM signing keys, per domain and selector (RFC 6376 §3.1).
-- private_key is the PKCS#8 key in base64; public_key the p= value of the DNS record to publish.
-- Removing a domain removes its keys.
CREATE TABLE dkim_key (
    domain VARCHAR(255) NOT NULL REFERENCES domain (name) ON DELETE CASCADE,
    selector VARCHAR(63) NOT NULL,
    algorithm VARCHAR(32) NOT NULL,
    private_key VARCHAR(8000) NOT NULL,
    public_key VARCHAR(2000) NOT NULL,
    created BIGINT NOT NULL,
    PRIMARY KEY (domain, selector)
);
