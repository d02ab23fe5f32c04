package org.mailroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.store.Account;
import org.mailroom.store.Alias;
import org.mailroom.store.Cidr;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MailStore;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageContent;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.Quota;
import org.mailroom.store.QueueStore.QueueEntry;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;
import org.mailroom.spool.Spool;
import org.mailroom.store.derby.TestStores;

class DeliveryAgentTest {

    private static final String MESSAGE = "From: sender@remote.test\r\nSubject: hello\r\n\r\nHi there.\r\n";

    @TempDir
    Path dir;
    private MailStore store;
    private DeliveryAgent agent;
    private Account alice;
    private Account bob;

    @BeforeEach
    void setUp() {
        store = TestStores.open(dir);
        store.admin().addDomain("example.org");
        store.admin().addDomain("example.net");
        alice = store.admin().addAccount(addr("alice@example.org"), "x", "x", Quota.UNLIMITED);
        bob = store.admin().addAccount(addr("bob@example.org"), "x", "x", Quota.UNLIMITED);
        agent = new DeliveryAgent(store.delivery(), DeliveryConfig.DEFAULT, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void deliversToAnAccountWithReturnPathAndDeliveredToInFront() throws IOException {
        DeliveryReport report = deliver("sender@remote.test", "alice@example.org");

        assertThat(report.results()).extracting(DeliveryReport.RecipientResult::outcome).containsExactly(Outcome.DELIVERED);
        assertThat(inbox(alice)).containsExactly("Return-Path: <sender@remote.test>\r\n"
                + "Delivered-To: alice@example.org\r\n" + MESSAGE);
    }

    @Test
    void aJunkEnvelopeIsFiledToJunkAndToInboxWhereJunkIsGone() throws IOException {
        store.mailboxes().of(bob.id()).delete(MailboxName.of("Junk"));
        Envelope envelope = Envelope.of(Optional.of(addr("sender@remote.test")),
                List.of(addr("alice@example.org"), addr("bob@example.org"))).toJunk();

        assertThat(agent.deliver(envelope, content(MESSAGE)).allAccepted()).isTrue();
        assertThat(inbox(alice)).isEmpty();
        assertThat(mailbox(alice, MailboxName.of("Junk"))).singleElement().asString().endsWith(MESSAGE);
        assertThat(inbox(bob)).singleElement().asString().endsWith(MESSAGE);
    }

    @Test
    void theNullSenderGetsAnEmptyReturnPath() throws IOException {
        agent.deliver(Envelope.of(Optional.empty(), List.of(addr("alice@example.org"))), content(MESSAGE));

        assertThat(inbox(alice).get(0)).startsWith("Return-Path: <>\r\n");
    }

    @Test
    void recipientNamesAreMatchedWithoutRegardToCase() throws IOException {
        assertThat(agent.check(addr("ALICE@Example.ORG"))).isEqualTo(RecipientCheck.LOCAL);
        deliver("s@remote.test", "Alice@EXAMPLE.org");
        assertThat(inbox(alice)).hasSize(1);
    }

    @Test
    void aSubaddressIsDeliveredToItsBaseAccount() throws IOException {
        assertThat(agent.check(addr("alice+lists@example.org"))).isEqualTo(RecipientCheck.LOCAL);
        DeliveryReport report = deliver("s@remote.test", "alice+lists@example.org");

        assertThat(report.allAccepted()).isTrue();
        assertThat(inbox(alice).get(0)).contains("Delivered-To: alice@example.org\r\n");
    }

    @Test
    void subaddressingCanBeSwitchedOff() {
        DeliveryAgent strict = new DeliveryAgent(store.delivery(), new DeliveryConfig(Optional.empty(), 30, 10),
                Clock.systemUTC());
        assertThat(strict.check(addr("alice+lists@example.org"))).isEqualTo(RecipientCheck.UNKNOWN);
    }

    @Test
    void anAliasExpandsToLocalAndRemoteTargetsInOneCommit() throws IOException {
        store.admin().addAlias(new Alias("team@example.org",
                List.of(addr("alice@example.org"), addr("bob@example.org"), addr("carol@elsewhere.test"))));

        DeliveryReport report = deliver("s@remote.test", "team@example.org");

        assertThat(report.allAccepted()).isTrue();
        assertThat(inbox(alice)).hasSize(1);
        assertThat(inbox(bob)).hasSize(1);
        List<QueueEntry> queue = store.queue().list();
        assertThat(queue).hasSize(1);
        assertThat(queue.get(0).recipient().recipient()).isEqualTo(addr("carol@elsewhere.test"));
        assertThat(queue.get(0).recipient().originalRecipient()).contains("rfc822;team@example.org");
    }

    @Test
    void anAccountReachedThroughSeveralRecipientsGetsOneCopy() throws IOException {
        store.admin().addAlias(new Alias("info@example.org", List.of(addr("alice@example.org"))));

        DeliveryReport report = deliver("s@remote.test", "alice@example.org", "info@example.org");

        assertThat(report.results()).extracting(DeliveryReport.RecipientResult::outcome)
                .containsExactly(Outcome.DELIVERED, Outcome.DELIVERED);
        assertThat(inbox(alice)).hasSize(1);
    }

    @Test
    void theCatchAllTakesUnknownAddressesOfItsDomainOnly() throws IOException {
        store.admin().addAlias(new Alias("@example.org", List.of(addr("bob@example.org"))));

        assertThat(agent.check(addr("nobody@example.org"))).isEqualTo(RecipientCheck.LOCAL);
        assertThat(agent.check(addr("nobody@example.net"))).isEqualTo(RecipientCheck.UNKNOWN);
        deliver("s@remote.test", "nobody@example.org", "alice@example.org");

        assertThat(inbox(bob)).hasSize(1);
        assertThat(inbox(alice)).hasSize(1);
    }

    @Test
    void anUnknownLocalAddressIsReportedAndNothingIsStoredForIt() throws IOException {
        DeliveryReport report = deliver("s@remote.test", "nobody@example.org", "alice@example.org");

        assertThat(report.results()).extracting(DeliveryReport.RecipientResult::outcome)
                .containsExactly(Outcome.UNKNOWN, Outcome.DELIVERED);
        assertThat(report.allAccepted()).isFalse();
    }

    @Test
    void aRemoteRecipientIsQueuedWithItsDsnParameters() {
        Envelope env = new Envelope(Optional.of(addr("alice@example.org")),
                List.of(new Envelope.Recipient(addr("x@remote.test"),
                        java.util.Set.of(org.mailroom.store.QueuedRecipient.DsnNotify.SUCCESS),
                        Optional.of("rfc822;x@remote.test"))),
                Optional.of("env-1"), true);

        assertThat(agent.check(addr("x@remote.test"))).isEqualTo(RecipientCheck.REMOTE);
        DeliveryReport report = agent.deliver(env, content(MESSAGE));

        assertThat(report.results().get(0).outcome()).isEqualTo(Outcome.QUEUED);
        QueueEntry entry = store.queue().list().get(0);
        assertThat(entry.recipient().envelopeId()).contains("env-1");
        assertThat(entry.recipient().returnHeadersOnly()).isTrue();
        assertThat(entry.recipient().notifyOn()).containsExactly(org.mailroom.store.QueuedRecipient.DsnNotify.SUCCESS);
    }

    @Test
    void aFullMailboxIsRefusedAtRcptAndAtDelivery() throws IOException {
        store.admin().setQuota(addr("bob@example.org"), new Quota(0, 1));
        deliver("s@remote.test", "bob@example.org");

        assertThat(agent.check(addr("bob@example.org"))).isEqualTo(RecipientCheck.OVER_QUOTA);
        DeliveryReport report = deliver("s@remote.test", "bob@example.org", "alice@example.org");
        assertThat(report.results()).extracting(DeliveryReport.RecipientResult::outcome)
                .containsExactly(Outcome.OVER_QUOTA, Outcome.DELIVERED);
        assertThat(inbox(bob)).hasSize(1);
    }

    @Test
    void aStorageQuotaCountsTheMessageSize() {
        store.admin().setQuota(addr("bob@example.org"), new Quota(40, 0));

        DeliveryReport report = deliver("s@remote.test", "bob@example.org");

        assertThat(report.results().get(0).outcome()).isEqualTo(Outcome.OVER_QUOTA);
    }

    @Test
    void moreThanThirtyReceivedFieldsIsALoop() throws IOException {
        String looping = "Received: from a by b\r\n".repeat(31) + MESSAGE;
        DeliveryReport report = agent.deliver(Envelope.of(Optional.empty(), List.of(addr("alice@example.org"))),
                content(looping));

        assertThat(report.results().get(0).outcome()).isEqualTo(Outcome.LOOP);
        assertThat(inbox(alice)).isEmpty();
    }

    @Test
    void thirtyReceivedFieldsAreStillDelivered() throws IOException {
        String hops = "Received: from a by b\r\n".repeat(30) + MESSAGE;
        agent.deliver(Envelope.of(Optional.empty(), List.of(addr("alice@example.org"))), content(hops));
        assertThat(inbox(alice)).hasSize(1);
    }

    @Test
    void aMessageAlreadyDeliveredToTheSameMailboxIsALoop() throws IOException {
        String seen = "Delivered-To: alice@example.org\r\n" + MESSAGE;
        DeliveryReport report = agent.deliver(Envelope.of(Optional.empty(), List.of(addr("alice@example.org"))),
                content(seen));
        assertThat(report.results().get(0).outcome()).isEqualTo(Outcome.LOOP);
    }

    @Test
    void anAliasCycleResolvesToNobody() {
        store.admin().addAlias(new Alias("a@example.org", List.of(addr("b@example.org"))));
        store.admin().addAlias(new Alias("b@example.org", List.of(addr("a@example.org"))));

        assertThat(agent.check(addr("a@example.org"))).isEqualTo(RecipientCheck.UNKNOWN);
    }

    @Test
    void relayRulesAreReadAtOnce() throws Exception {
        java.net.InetAddress client = java.net.InetAddress.getByName("192.0.2.7");
        assertThat(agent.mayRelay(client)).isFalse();
        store.admin().addRelayRule(Cidr.parse("192.0.2.0/24"));
        assertThat(agent.mayRelay(client)).isTrue();
    }

    @Test
    void aUserMaySendAsItselfItsSubaddressesAndItsAliasesOnly() {
        store.admin().addAlias(new Alias("sales@example.org", List.of(addr("alice@example.org"))));
        store.admin().addAlias(new Alias("@example.org", List.of(addr("alice@example.org"))));

        assertThat(agent.maySendAs(addr("alice@example.org"), addr("Alice@example.org"))).isTrue();
        assertThat(agent.maySendAs(addr("alice@example.org"), addr("alice+x@example.org"))).isTrue();
        assertThat(agent.maySendAs(addr("alice@example.org"), addr("sales@example.org"))).isTrue();
        assertThat(agent.maySendAs(addr("alice@example.org"), addr("bob@example.org"))).isFalse();
        assertThat(agent.maySendAs(addr("alice@example.org"), addr("random@example.org"))).isFalse();
    }

    private DeliveryReport deliver(String sender, String... recipients) {
        return agent.deliver(Envelope.of(Optional.of(addr(sender)),
                java.util.Arrays.stream(recipients).map(DeliveryAgentTest::addr).toList()), content(MESSAGE));
    }

    private List<String> inbox(Account account) throws IOException {
        return mailbox(account, MailboxName.INBOX);
    }

    private List<String> mailbox(Account account, MailboxName name) throws IOException {
        UserMailboxes boxes = store.mailboxes().of(account.id());
        long id = boxes.find(name).orElseThrow().id();
        List<String> out = new java.util.ArrayList<>();
        for (MessageSummary m : boxes.messages(id, UidSet.ALL)) {
            try (InputStream in = boxes.openContent(id, m.uid())) {
                byte[] bytes = in.readAllBytes();
                assertThat((long) bytes.length).isEqualTo(m.size());
                out.add(new String(bytes, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    static EmailAddress addr(String s) {
        return EmailAddress.parse(s);
    }

    static MessageContent content(String text) {
        return Spool.of(text.getBytes(StandardCharsets.UTF_8));
    }
}
