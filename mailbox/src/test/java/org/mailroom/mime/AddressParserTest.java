package org.mailroom.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressParserTest {

    @Test
    void quotedDisplayNameLosesQuotesAndEscapes() {
        assertThat(AddressParser.parse("\"Doe, John \\\"JD\\\"\" <john@example.com>"))
                .containsExactly(new Address("Doe, John \"JD\"", null, "john", "example.com"));
    }

    @Test
    void unquotedPhraseWordsAreJoinedBySingleSpaces() {
        assertThat(AddressParser.parse("Joe   Q.  Public <joe@example.com>"))
                .containsExactly(new Address("Joe Q. Public", null, "joe", "example.com"));
    }

    @Test
    void encodedWordsInNamesStayEncoded() {
        assertThat(AddressParser.parse("=?utf-8?q?J=C3=B6rg?= <j@example.de>"))
                .containsExactly(new Address("=?utf-8?q?J=C3=B6rg?=", null, "j", "example.de"));
    }

    @Test
    void commentAfterBareAddressBecomesTheName() {
        assertThat(AddressParser.parse("root@example.com (Charlie Root)"))
                .containsExactly(new Address("Charlie Root", null, "root", "example.com"));
    }

    @Test
    void missingDomainGivesAnEmptyHostNeverAGroupMarker() {
        assertThat(AddressParser.parse("postmaster")).containsExactly(new Address(null, null, "postmaster", ""));
        assertThat(AddressParser.parse("<postmaster>")).containsExactly(new Address(null, null, "postmaster", ""));
    }

    @Test
    void emptyGroupAndStraySeparatorsAreTolerated() {
        assertThat(AddressParser.parse(" , a@b.c,, ;")).containsExactly(new Address(null, null, "a", "b.c"));
        assertThat(AddressParser.parse("Friends:;")).containsExactly(Address.groupStart("Friends"), Address.groupEnd());
    }

    @Test
    void unterminatedGroupIsClosedAtTheEnd() {
        assertThat(AddressParser.parse("Team: a@b.c, d@e.f")).containsExactly(Address.groupStart("Team"),
                new Address(null, null, "a", "b.c"), new Address(null, null, "d", "e.f"), Address.groupEnd());
    }

    @Test
    void unterminatedAngleAndQuoteDoNotLoopOrThrow() {
        assertThat(AddressParser.parse("Bob <bob@example.com")).containsExactly(new Address("Bob", null, "bob", "example.com"));
        assertThat(AddressParser.parse("\"Bob <bob@example.com>")).containsExactly(new Address(null, null, "Bob <bob@example.com>", ""));
    }

    @Test
    void domainLiteralAndQuotedLocalPartAreKept() {
        assertThat(AddressParser.parse("\"john doe\"@[192.0.2.1]"))
                .containsExactly(new Address(null, null, "john doe", "[192.0.2.1]"));
    }

    @Test
    void nullOrEmptyIsAnEmptyList() {
        assertThat(AddressParser.parse(null)).isEmpty();
        assertThat(AddressParser.parse("   ")).isEmpty();
    }

    @Test
    void addressJoinsMailboxAndHost() {
        assertThat(new Address(null, null, "a", "b.c").address()).isEqualTo("a@b.c");
        assertThat(new Address(null, null, "a", "").address()).isEqualTo("a");
        assertThat(Address.groupEnd().address()).isNull();
    }
}
