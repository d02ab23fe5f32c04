package org.mailroom.imap.fetch;

import java.util.List;
import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.mime.Disposition;
import org.mailroom.mime.MimePart;
import org.mailroom.mime.Parameter;
import org.mailroom.mime.Parameters;

/**
 * BODY and BODYSTRUCTURE (RFC 9051 §7.5.2, grammar "body" in §9) from the part tree computed at
 * delivery. BODYSTRUCTURE adds the extension data: body-ext-1part (md5, disposition, language,
 * location) and body-ext-mpart (parameters, disposition, language, location).
 */
public final class BodyStructureWriter {

    private BodyStructureWriter() {
    }

    public static void write(ResponseWriter out, MimePart part, boolean extensions) {
        if (part.isMultipart()) {
            multipart(out, part, extensions);
        } else {
            single(out, part, extensions);
        }
    }

    private static void multipart(ResponseWriter out, MimePart part, boolean ext) {
        out.text("(");
        if (part.children().isEmpty()) {
            // No boundary was ever found: one empty text/plain part, as Dovecot shows it.
            out.text("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)");
        }
        for (MimePart child : part.children()) {
            write(out, child, ext);
        }
        out.sp().string(part.type().subtype());
        if (ext) {
            out.sp();
            parameters(out, part.type().parameters());
            out.sp();
            disposition(out, part.disposition());
            out.sp();
            language(out, part.language());
            out.sp().nstring(part.location());
        }
        out.text(")");
    }

    private static void single(ResponseWriter out, MimePart part, boolean ext) {
        out.text("(");
        out.string(part.type().type()).sp().string(part.type().subtype()).sp();
        parameters(out, part.type().parameters());
        out.sp().nstring(part.id());
        out.sp().nstring(part.description());
        out.sp().string(part.encoding() == null ? "7bit" : part.encoding());
        out.sp().number(part.bodySize());
        if (part.isEmbeddedMessage()) {
            out.sp();
            EnvelopeWriter.write(out, part.envelope());
            out.sp();
            write(out, part.message(), ext);
            out.sp().number(part.lines());
        } else if (part.type().isText()) {
            out.sp().number(part.lines());
        }
        if (ext) {
            out.sp().nstring(part.md5());
            out.sp();
            disposition(out, part.disposition());
            out.sp();
            language(out, part.language());
            out.sp().nstring(part.location());
        }
        out.text(")");
    }

    private static void parameters(ResponseWriter out, Parameters params) {
        if (params.isEmpty()) {
            out.text("NIL");
            return;
        }
        out.text("(");
        boolean first = true;
        for (Parameter p : params.raw()) {
            if (!first) {
                out.sp();
            }
            first = false;
            out.string(p.name()).sp().string(p.value());
        }
        out.text(")");
    }

    private static void disposition(ResponseWriter out, Disposition d) {
        if (d == null) {
            out.text("NIL");
            return;
        }
        out.text("(").string(d.type()).sp();
        parameters(out, d.parameters());
        out.text(")");
    }

    private static void language(ResponseWriter out, List<String> tags) {
        if (tags.isEmpty()) {
            out.text("NIL");
        } else if (tags.size() == 1) {
            out.string(tags.get(0));
        } else {
            out.text("(");
            for (int i = 0; i < tags.size(); i++) {
                if (i > 0) {
                    out.sp();
                }
                out.string(tags.get(i));
            }
            out.text(")");
        }
    }
}
