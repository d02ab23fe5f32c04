package org.mailroom.smtp.command;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.mailroom.smtp.protocol.CommandFlag;
import org.mailroom.smtp.protocol.DataReceiver;
import org.mailroom.smtp.protocol.MessageSink;
import org.mailroom.smtp.protocol.Reply;
import org.mailroom.smtp.protocol.Result;
import org.mailroom.smtp.protocol.SessionContext;
import org.mailroom.smtp.protocol.SessionState;
import org.mailroom.smtp.protocol.SmtpCommand;
import org.mailroom.smtp.protocol.Transaction;
import org.mailroom.smtp.protocol.Transfer;

/**
 * {@code BDAT chunk-size [SP LAST]} (RFC 3030 §2): the message in counted chunks, without dot-stuffing.
 * The chunk follows the command whatever the reply will be, so even a refused BDAT reads its chunk
 * before answering; a size that cannot be parsed leaves no way to find the next command, so the
 * connection is closed.
 */
final class BdatCommand implements SmtpCommand<BdatCommand.Request> {

    /** @param size -1 when the size did not parse */
    record Request(long size, boolean last) {
    }

    @Override
    public String verb() {
        return "BDAT";
    }

    @Override
    public Set<SessionState> validIn() {
        return Set.of(SessionState.RCPT, SessionState.CHUNKING);
    }

    @Override
    public Set<CommandFlag> flags() {
        return Set.of(CommandFlag.TRANSACTION);
    }

    @Override
    public Reply outOfSequence(SessionState state) {
        return state == SessionState.MAIL ? Reply.of(554, "5.5.1", "No valid recipients") : Reply.BAD_SEQUENCE;
    }

    @Override
    public Request parse(String arguments) {
        String[] parts = arguments.trim().split(" +");
        boolean sizeOk = parts.length >= 1 && parts[0].matches("[0-9]{1,18}");
        boolean lastOk = parts.length == 1 || (parts.length == 2 && parts[1].toUpperCase(Locale.ROOT).equals("LAST"));
        if (!sizeOk || !lastOk) {
            return new Request(-1, false);
        }
        return new Request(Long.parseLong(parts[0]), parts.length == 2);
    }

    @Override
    public Result refuse(Request r, Reply why) {
        if (r.size() < 0) {
            return unparsable();
        }
        return new Result.StartTransfer(Optional.empty(), new Discard(r.size(), why));
    }

    private static Result unparsable() {
        return new Result.Close(Reply.of(501, "5.5.4", "Syntax: BDAT size [LAST]; cannot find the end of the chunk"));
    }

    @Override
    public Result execute(Request r, SessionContext session) {
        if (r.size() < 0) {
            return unparsable();
        }
        Transaction tx = session.transaction().orElseThrow();
        String id;
        MessageSink sink;
        if (tx.content().isPresent()) {
            sink = tx.content().get();
            id = tx.contentId();
        } else {
            id = session.nextMessageId();
            try {
                sink = MessageDelivery.open(session, tx, id);
            } catch (IOException e) {
                session.resetTransaction();
                return new Result.StartTransfer(Optional.empty(), new Discard(r.size(),
                        Reply.of(451, "4.3.0", "Temporary failure storing the message, try again later")));
            }
            tx.setContent(sink, id);
        }
        session.setState(SessionState.CHUNKING);
        return new Result.StartTransfer(Optional.empty(), new Chunk(r, sink, tx, id));
    }

    /** One chunk of the transaction's message. */
    private static final class Chunk implements Transfer {
        private final Request request;
        private final MessageSink sink;
        private final Transaction tx;
        private final String id;
        private long remaining;

        Chunk(Request request, MessageSink sink, Transaction tx, String id) {
            this.request = request;
            this.sink = sink;
            this.tx = tx;
            this.id = id;
            this.remaining = request.size();
        }

        @Override
        public int consume(byte[] in, int off, int len) throws IOException {
            int n = (int) Math.min(remaining, len);
            sink.write(in, off, n);
            remaining -= n;
            return n;
        }

        @Override
        public boolean isComplete() {
            return remaining == 0;
        }

        @Override
        public Result finish(SessionContext session) {
            if (request.last()) {
                tx.setContent(null, null);
                return MessageDelivery.finish(session, tx, sink, DataReceiver.Defect.NONE, id);
            }
            if (sink.isOverLimit()) {
                // RFC 3030 §3: the transaction is over; the client's next BDATs get 503 and are read and dropped.
                session.resetTransaction();
                return Result.reply(MessageDelivery.TOO_BIG);
            }
            return Result.reply(Reply.of(250, "2.0.0", request.size() + " octets received"));
        }

        @Override
        public void abort() {
            tx.discard();
        }
    }

    /** A refused chunk: read and dropped, then the refusal. */
    private static final class Discard implements Transfer {
        private final Reply reply;
        private long remaining;

        Discard(long size, Reply reply) {
            this.remaining = size;
            this.reply = reply;
        }

        @Override
        public int consume(byte[] in, int off, int len) {
            int n = (int) Math.min(remaining, len);
            remaining -= n;
            return n;
        }

        @Override
        public boolean isComplete() {
            return remaining == 0;
        }

        @Override
        public Result finish(SessionContext session) {
            return Result.reply(reply);
        }

        @Override
        public void abort() {
            // nothing was kept
        }
    }
}
