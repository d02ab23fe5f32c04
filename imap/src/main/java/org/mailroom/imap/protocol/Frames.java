package org.mailroom.imap.protocol;

import java.io.IOException;
import java.util.List;
import org.mailroom.spool.Spool;

/** Releasing what a frame holds once its command has run. */
public final class Frames {

    private Frames() {
    }

    public static void release(List<Frame.Part> parts) {
        for (Frame.Part p : parts) {
            if (p instanceof Frame.Literal l && l.content() instanceof Spool s) {
                try {
                    s.close();
                } catch (IOException e) {
                    // the temporary file goes with the next cleanup of the spool directory
                }
            }
        }
    }

    /**
     * Whether a command is STARTTLS, judged from its bare text: the framer's owner stops reading at
     * it (STYLE.md §14), and the session, once it has answered this very command, reads again.
     */
    public static boolean isStartTls(Frame.Command c) {
        String command = commandText(c);
        return command != null && command.equalsIgnoreCase("STARTTLS");
    }

    /**
     * Whether a command may put a new layer under the protocol: STARTTLS, or COMPRESS (RFC 4978 §3,
     * whose client sends nothing more until it has seen the reply). Reading stops at either, so that
     * the next octets go through the new layer.
     */
    public static boolean changesLayer(Frame.Command c) {
        String command = commandText(c);
        return command != null && (command.equalsIgnoreCase("STARTTLS")
                || command.regionMatches(true, 0, "COMPRESS ", 0, 9));
    }

    /** The command line after its tag, trimmed; null for a command with literals. */
    private static String commandText(Frame.Command c) {
        if (c.parts().size() != 1) {
            return null;
        }
        String line = new String(((Frame.Text) c.parts().get(0)).bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        int sp = line.indexOf(' ');
        return sp > 0 ? line.substring(sp + 1).trim() : null;
    }
}
