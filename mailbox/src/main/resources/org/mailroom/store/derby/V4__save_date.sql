-- Mailroom schema, version 4: the save date of a message (RFC 8514), the time it was stored in the
-- mailbox it is in, in epoch milliseconds. APPEND, COPY and MOVE set it; NULL means the message came
-- by delivery, whose internal date is the moment it was stored (and so the save date), which also
-- holds for every message stored before this version. Readers take COALESCE(save_date, internal_date).
ALTER TABLE message ADD COLUMN save_date BIGINT;
