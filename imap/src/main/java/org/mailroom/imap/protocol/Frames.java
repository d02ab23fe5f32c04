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
}
