package org.mailroom.imap.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailroom.imap.sort.BaseSubject;
import org.mailroom.imap.sort.Collation;

/** The REFERENCES and ORDEREDSUBJECT algorithms of RFC 5256 §4 on the cases that break naive threaders. */
class ThreadingTest {

    private final List<ThreadMessage> messages = new ArrayList<>();

    private void add(String subject, int day, String id, String... refs) {
        long uid = messages.size() + 1;
        BaseSubject b = BaseSubject.of(subject);
        messages.add(new ThreadMessage(uid, Instant.parse("2024-01-01T00:00:00Z").plusSeconds(86_400L * day), b,
                Collation.key(b.text()), id, List.of(refs)));
    }

    private String references() {
        return ThreadFormat.format(Threading.REFERENCES.thread(messages), uid -> uid);
    }

    @Test
    void aChainIsWrittenFlatAndBranchesNested() {
        add("A", 1, "a@x");
        add("Re: A", 2, "b@x", "a@x");
        add("Re: A", 3, "c@x", "a@x", "b@x");
        add("Re: A", 4, "d@x", "a@x", "b@x");
        add("Re: A", 5, "e@x", "a@x", "b@x", "d@x");
        assertThat(references()).isEqualTo("(1 2 (3)(4 5))");
    }

    @Test
    void referencesThatLoopAreNotLinked() {
        add("One", 1, "a@x", "b@x");
        add("Two", 2, "b@x", "a@x");
        // 1 takes b (a dummy then) as parent; 2 then cannot take 1 as parent, as 1 is below it
        assertThat(references()).isEqualTo("(2 1)");
    }

    @Test
    void aMessageReferringToItselfIsItsOwnRoot() {
        add("Self", 1, "a@x", "a@x");
        assertThat(references()).isEqualTo("(1)");
    }

    @Test
    void aReferenceThatHasAParentKeepsIt() {
        add("A", 1, "a@x");
        add("B", 2, "b@x");
        add("Re: A", 3, "c@x", "a@x");
        add("Re: B", 4, "d@x", "b@x", "c@x"); // (1.A): c already has a parent, b does not become it
        assertThat(references()).isEqualTo("(1 3 4)(2)");
    }

    @Test
    void aMessagesOwnReferencesReplaceTheLinkOthersMadeForIt() {
        add("A", 1, "a@x");
        add("B", 2, "b@x", "a@x", "c@x");     // puts c (not here yet) under a
        add("C", 3, "c@x", "x@x");            // (1.B): c's own last reference wins; the dummy x is promoted
        assertThat(references()).isEqualTo("(1)(3 2)");
    }

    @Test
    void dummiesAreRemovedOrKeptAsTheRfcSays() {
        add("Re: Lost", 1, "a@x", "gone@x");                 // a dummy parent with one child: promoted
        add("Re: Twice", 2, "b@x", "ghost@x");
        add("Re: Twice", 3, "c@x", "ghost@x");               // a dummy with two children at the top: kept
        add("Mid", 4, "d@x");
        add("Re: Mid", 5, "e@x", "d@x", "missing@x");        // a dummy below a message: its child moves up
        assertThat(references()).isEqualTo("(1)((2)(3))(4 5)");
    }

    @Test
    void duplicateAndMissingMessageIdsGetUniqueOnes() {
        add("Dup", 1, "a@x");
        add("Other", 2, "a@x");
        add("Re: Dup", 3, "c@x", "a@x");
        add("None", 4, null);
        add("Re: None", 5, null);
        // 2's Message-ID is taken, so 3 is a reply to 1; 4 and 5 gather by subject, 5 under the non-reply 4
        assertThat(references()).isEqualTo("(1 3)(2)(4 5)");
    }

    @Test
    void topLevelThreadsWithOneSubjectAreGathered() {
        add("Re: Party", 1, "a@x", "lost1@x");
        add("Party", 2, "b@x");
        add("Re: Party", 3, "c@x", "lost2@x");
        add("Re: Party", 4, "d@x", "lost3@x", "lost4@x");
        // 2 is the non-reply: the replies become its children, in date order
        assertThat(references()).isEqualTo("(2 (1)(3)(4))");
    }

    @Test
    void twoRepliesWithoutTheirOriginalShareANewDummy() {
        add("Re: Party", 1, "a@x");
        add("Re: Party", 2, "b@x");
        assertThat(references()).isEqualTo("((1)(2))");
    }

    @Test
    void orderedSubjectGroupsBySubjectThenDate() {
        add("Re: b", 3, "1@x");
        add("a", 2, "2@x");
        add("B", 1, "3@x");
        add("Re: A", 4, "4@x");
        add("", 0, "5@x");
        String t = ThreadFormat.format(Threading.ORDEREDSUBJECT.thread(messages), uid -> uid);
        assertThat(t).isEqualTo("(5)(3 1)(2 4)");
    }
}
