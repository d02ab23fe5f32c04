-- Mailroom schema, version 5: annotations (IMAP METADATA, RFC 5464) on the account's view of the
-- server and on its mailboxes. Entry names are stored in lower case (they compare without case,
-- RFC 5464 §3.2), with their /private or /shared prefix. They go with their mailbox or account.
CREATE TABLE server_metadata (
    account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    entry VARCHAR(1024) NOT NULL,
    entry_value VARCHAR(32672) FOR BIT DATA NOT NULL,
    PRIMARY KEY (account_id, entry)
);
CREATE TABLE mailbox_metadata (
    mailbox_id BIGINT NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    entry VARCHAR(1024) NOT NULL,
    entry_value VARCHAR(32672) FOR BIT DATA NOT NULL,
    PRIMARY KEY (mailbox_id, entry)
);
