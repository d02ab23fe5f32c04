-- Mailroom schema, version 3: a mailbox's counters live in its row, so that SELECT, STATUS and LIST
-- read one row instead of counting the messages of a large mailbox.
-- Triggers keep them, in the transaction of every statement that adds, removes, moves or reflags a
-- message row: no writer (IMAP, delivery, POP3, administration, or one added later) can forget them.
-- Every writer locks the mailbox row (UIDNEXT/HIGHESTMODSEQ) before it touches message rows, so the
-- trigger's update of that row takes no new lock and keeps the lock order of MessageRows.
-- Flag bits (org.mailroom.store.Flag#bit): \Seen is 1.
ALTER TABLE mailbox ADD COLUMN message_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE mailbox ADD COLUMN unseen_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE mailbox ADD COLUMN total_size BIGINT NOT NULL DEFAULT 0;

UPDATE mailbox SET
    message_count = (SELECT COUNT(*) FROM message x WHERE x.mailbox_id = mailbox.id),
    unseen_count = (SELECT COUNT(*) FROM message x WHERE x.mailbox_id = mailbox.id AND MOD(x.flags, 2) = 0),
    total_size = COALESCE((SELECT SUM(x.size) FROM message x WHERE x.mailbox_id = mailbox.id), 0);

CREATE TRIGGER message_counted_in AFTER INSERT ON message REFERENCING NEW AS n FOR EACH ROW
    UPDATE mailbox SET message_count = message_count + 1,
        unseen_count = unseen_count + 1 - MOD(n.flags, 2),
        total_size = total_size + n.size
    WHERE id = n.mailbox_id;

CREATE TRIGGER message_counted_out AFTER DELETE ON message REFERENCING OLD AS o FOR EACH ROW
    UPDATE mailbox SET message_count = message_count - 1,
        unseen_count = unseen_count - 1 + MOD(o.flags, 2),
        total_size = total_size - o.size
    WHERE id = o.mailbox_id;

-- A flag change touches the unseen count of its own mailbox only. A move of rows to another mailbox
-- (renaming INBOX) counts each row out of the old mailbox and into the new one; should one statement
-- change both flags and mailbox, the move triggers alone count it, with the old and the new flags.
-- Each trigger updates one mailbox row by its primary key.
CREATE TRIGGER message_reflagged AFTER UPDATE OF flags ON message
    REFERENCING OLD AS o NEW AS n FOR EACH ROW
    UPDATE mailbox SET unseen_count = unseen_count + MOD(o.flags, 2) - MOD(n.flags, 2)
    WHERE id = n.mailbox_id AND n.mailbox_id = o.mailbox_id;

CREATE TRIGGER message_moved_out AFTER UPDATE OF mailbox_id ON message
    REFERENCING OLD AS o NEW AS n FOR EACH ROW
    UPDATE mailbox SET message_count = message_count - 1,
        unseen_count = unseen_count - 1 + MOD(o.flags, 2),
        total_size = total_size - o.size
    WHERE id = o.mailbox_id AND n.mailbox_id <> o.mailbox_id;

CREATE TRIGGER message_moved_in AFTER UPDATE OF mailbox_id ON message
    REFERENCING OLD AS o NEW AS n FOR EACH ROW
    UPDATE mailbox SET message_count = message_count + 1,
        unseen_count = unseen_count + 1 - MOD(n.flags, 2),
        total_size = total_size + n.size
    WHERE id = n.mailbox_id AND n.mailbox_id <> o.mailbox_id;

-- The keyword sets in use in a mailbox, each stored once, for the FLAGS and PERMANENTFLAGS of SELECT
-- (RFC 9051 §7.3.5) without reading every message. A set stays listed after its last message loses it,
-- as Dovecot keeps a mailbox's keywords: FLAGS may name keywords no message carries.
CREATE TABLE mailbox_keywords (
    mailbox_id BIGINT NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    keywords VARCHAR(4000) NOT NULL
);
CREATE INDEX mailbox_keywords_mailbox ON mailbox_keywords (mailbox_id);

INSERT INTO mailbox_keywords (mailbox_id, keywords)
    SELECT DISTINCT mailbox_id, keywords FROM message WHERE keywords <> '';

CREATE TRIGGER message_keywords_in AFTER INSERT ON message REFERENCING NEW AS n FOR EACH ROW
    WHEN (n.keywords <> '')
    INSERT INTO mailbox_keywords (mailbox_id, keywords)
        SELECT n.mailbox_id, n.keywords FROM SYSIBM.SYSDUMMY1 WHERE NOT EXISTS
            (SELECT 1 FROM mailbox_keywords k WHERE k.mailbox_id = n.mailbox_id AND k.keywords = n.keywords);

CREATE TRIGGER message_keywords_changed AFTER UPDATE OF keywords, mailbox_id ON message
    REFERENCING NEW AS n FOR EACH ROW
    WHEN (n.keywords <> '')
    INSERT INTO mailbox_keywords (mailbox_id, keywords)
        SELECT n.mailbox_id, n.keywords FROM SYSIBM.SYSDUMMY1 WHERE NOT EXISTS
            (SELECT 1 FROM mailbox_keywords k WHERE k.mailbox_id = n.mailbox_id AND k.keywords = n.keywords);
