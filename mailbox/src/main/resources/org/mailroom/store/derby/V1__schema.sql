-- Mailroom schema, version 1. Statements end with a semicolon at the end of a line.
-- Times are epoch milliseconds (BIGINT), so that no time zone of the JVM ever enters the data.

CREATE TABLE domain (
    name VARCHAR(255) NOT NULL PRIMARY KEY
);

-- used_bytes and used_messages are maintained in the transaction that adds or removes a message:
-- the quota check of a delivery is then one row update, which also serialises concurrent deliveries
-- to the same account.
CREATE TABLE account (
    id BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    address_key VARCHAR(330) NOT NULL,
    address VARCHAR(330) NOT NULL,
    domain VARCHAR(255) NOT NULL REFERENCES domain (name),
    password_hash VARCHAR(1024) NOT NULL,
    scram_verifier VARCHAR(1024) NOT NULL,
    enabled BOOLEAN NOT NULL,
    quota_bytes BIGINT NOT NULL,
    quota_messages BIGINT NOT NULL,
    used_bytes BIGINT NOT NULL DEFAULT 0,
    used_messages BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT account_address_unique UNIQUE (address_key)
);
CREATE INDEX account_domain ON account (domain, address_key);

CREATE TABLE alias (
    source VARCHAR(330) NOT NULL PRIMARY KEY,
    domain VARCHAR(255) NOT NULL REFERENCES domain (name)
);
CREATE INDEX alias_domain ON alias (domain, source);

CREATE TABLE alias_target (
    source VARCHAR(330) NOT NULL REFERENCES alias (source) ON DELETE CASCADE,
    seq INT NOT NULL,
    target VARCHAR(330) NOT NULL,
    target_key VARCHAR(330) NOT NULL,
    PRIMARY KEY (source, seq)
);
CREATE INDEX alias_target_key ON alias_target (target_key);

CREATE TABLE relay_rule (
    network VARCHAR(64) NOT NULL PRIMARY KEY
);

-- Store-wide counters (the last UIDVALIDITY handed out).
CREATE TABLE counter (
    name VARCHAR(32) NOT NULL PRIMARY KEY,
    counter_value BIGINT NOT NULL
);
INSERT INTO counter (name, counter_value) VALUES ('uidvalidity', 0);

CREATE TABLE mailbox (
    id BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name VARCHAR(512) NOT NULL,
    uidvalidity BIGINT NOT NULL,
    uidnext BIGINT NOT NULL,
    highestmodseq BIGINT NOT NULL,
    special_use VARCHAR(16),
    CONSTRAINT mailbox_name_unique UNIQUE (account_id, name)
);

CREATE TABLE subscription (
    account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name VARCHAR(512) NOT NULL,
    PRIMARY KEY (account_id, name)
);

-- A message's bytes, stored once per delivery and shared by every copy. refs counts the message and
-- queue rows that point here; the row is deleted in the transaction that removes its last reference.
-- A counter rather than a NOT EXISTS probe, so that two sessions expunging copies of the same
-- delivery serialise on this row instead of deadlocking on each other's message rows.
CREATE TABLE content (
    id BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    refs INT NOT NULL,
    size BIGINT NOT NULL,
    data BLOB(2G) NOT NULL,
    structure BLOB(64M)
);

-- flags packs the system flags (org.mailroom.store.Flag#bit); keywords are space-separated atoms.
-- header_prefix holds the copy's own header lines (Return-Path, Delivered-To), served before content.
CREATE TABLE message (
    mailbox_id BIGINT NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    uid BIGINT NOT NULL,
    modseq BIGINT NOT NULL,
    flags INT NOT NULL,
    keywords VARCHAR(4000) NOT NULL,
    internal_date BIGINT NOT NULL,
    size BIGINT NOT NULL,
    header_prefix VARCHAR(8192) FOR BIT DATA NOT NULL,
    content_id BIGINT NOT NULL REFERENCES content (id),
    PRIMARY KEY (mailbox_id, uid)
);
CREATE INDEX message_modseq ON message (mailbox_id, modseq);

-- UIDs expunged, with the MODSEQ of the expunge, for QRESYNC's VANISHED (RFC 7162 §3.2.10).
CREATE TABLE expunged (
    mailbox_id BIGINT NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    uid BIGINT NOT NULL,
    modseq BIGINT NOT NULL,
    PRIMARY KEY (mailbox_id, uid)
);
CREATE INDEX expunged_modseq ON expunged (mailbox_id, modseq);

CREATE TABLE queue (
    id BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    content_id BIGINT NOT NULL REFERENCES content (id),
    sender VARCHAR(330),
    recipient VARCHAR(330) NOT NULL,
    notify VARCHAR(40) NOT NULL,
    orcpt VARCHAR(1000),
    envid VARCHAR(200),
    ret_headers BOOLEAN NOT NULL,
    created BIGINT NOT NULL,
    next_attempt BIGINT NOT NULL,
    attempts INT NOT NULL,
    last_error VARCHAR(1000)
);
CREATE INDEX queue_due ON queue (next_attempt);
