package org.mailroom.smtp.command;

import java.io.IOException;
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
import org.mailroom.smtp.protocol.SyntaxException;
import org.mailroom.smtp.protocol.Transaction;
import org.mailroom.smtp.protocol.Transfer;

/** {@code DATA} (RFC 5321 §4.1.1.4): 354, the dot-stuffed message up to {@code <CRLF>.<CRLF>}, then the verdict. */
final class DataCommand implements SmtpCommand<NoArguments> {

    @Override
    public String verb() {
        return "DATA";
    }

    @Override
    public Set<SessionState> validIn() {
        return Set.of(SessionState.RCPT);
    }

    @Override
    public Set<CommandFlag> flags() {
        return Set.of(CommandFlag.TRANSACTION, CommandFlag.QUICK);
    }

    @Override
    public Reply outOfSequence(SessionState state) {
        // RFC 2920 §3.1: a pipelined DATA after refused recipients gets 554, not 354.
        return state == SessionState.MAIL ? Reply.of(554, "5.5.1", "No valid recipients") : Reply.BAD_SEQUENCE;
    }

    @Override
    public NoArguments parse(String arguments) throws SyntaxException {
        return NoArguments.parse(arguments, "DATA");
    }

    @Override
    public Result execute(NoArguments request, SessionContext session) {
        Transaction tx = session.transaction().orElseThrow();
        String id = session.nextMessageId();
        MessageSink sink;
        try {
            sink = MessageDelivery.open(session, tx, id);
        } catch (IOException e) {
            session.resetTransaction();
            return Result.reply(Reply.of(451, "4.3.0", "Temporary failure storing the message, try again later"));
        }
        DataReceiver receiver = new DataReceiver(sink, session.config().maxTextLine());
        return new Result.StartTransfer(Optional.of(Reply.plain(354, "End data with <CR><LF>.<CR><LF>")),
                new Transfer() {
                    @Override
                    public int consume(byte[] in, int off, int len) throws IOException {
                        return receiver.consume(in, off, len);
                    }

                    @Override
                    public boolean isComplete() {
                        return receiver.isDone();
                    }

                    @Override
                    public Result finish(SessionContext s) {
                        return MessageDelivery.finish(s, tx, sink, receiver.defect(), id);
                    }

                    @Override
                    public void abort() {
                        try {
                            sink.close();
                        } catch (IOException e) {
                            // the spool file is private and temporary; nothing more to do
                        }
                    }
                });
    }
}
