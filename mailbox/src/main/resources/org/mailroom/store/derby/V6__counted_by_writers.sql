-- Mailroom schema, version 6: new message rows are counted by the statement batch that inserts them
-- (MessageRows.Inserts), one update of each mailbox row per batch, instead of by a trigger per row.
-- A delivery of one message fired two triggers (the counters, and the keyword sets' WHEN clause), each
-- a statement of its own inside Derby, for every copy: a tenth of the server's work per SMTP message.
-- Every insert of a message row goes through MessageRows.Inserts; the triggers for removed, moved and
-- reflagged rows stay (V3), as do the counters' meaning and the lock order.
DROP TRIGGER message_counted_in;
DROP TRIGGER message_keywords_in;
