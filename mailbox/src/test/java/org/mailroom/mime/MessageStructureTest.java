package org.mailroom.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailroom.mime.Corpus.body;
import static org.mailroom.mime.Corpus.bytes;
import static org.mailroom.mime.Corpus.decoded;
import static org.mailroom.mime.Corpus.header;
import static org.mailroom.mime.Corpus.parse;
import static org.mailroom.mime.Corpus.slice;

import java.nio.charset.StandardCharsets;
import java.util.List;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

/** What the structure says about each corpus message, against byte ranges and values worked out by hand. */
class MessageStructureTest {

    @Test
    void plainMessageHasOneTextPartCoveringTheBody() {
        byte[] m = bytes("01-plain.eml");
        MessageStructure s = parse(m);
        MimePart root = s.root();
        assertThat(slice(m, 0, s.headerLength())).startsWith("Return-Path: <alice@example.org>\r\n")
                .endsWith("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
        assertThat(body(m, root)).isEqualTo("Hi Bob,\r\n\r\nare you free for lunch on Thursday? The new place on Main Street\r\n"
                + "opened last week.\r\n\r\nAlice\r\n");
        assertThat(root.lines()).isEqualTo(6);
        assertThat(root.type().parameters().raw()).containsExactly(new Parameter("charset", "us-ascii"));
        assertThat(root.encoding()).isNull();
        assertThat(root.children()).isNull();
        assertThat(s.section(1)).isSameAs(root);
        assertThat(s.section(2)).isNull();
        assertThat(s.section(1, 1)).isNull();
    }

    @Test
    void plainMessageEnvelopeKeepsRawValuesAndParsesAddresses() {
        Envelope e = parse(bytes("01-plain.eml")).envelope();
        assertThat(e.date()).isEqualTo("Tue, 3 Sep 2024 09:14:59 +0200");
        assertThat(e.subject()).isEqualTo("Lunch on Thursday?");
        assertThat(e.from()).containsExactly(new Address("Alice Example", null, "alice", "example.org"));
        assertThat(e.sender()).isEmpty();
        assertThat(e.effectiveSender()).isEqualTo(e.from());
        assertThat(e.effectiveReplyTo()).isEqualTo(e.from());
        assertThat(e.to()).containsExactly(new Address("Bob", null, "bob", "example.net"),
                new Address(null, null, "carol", "example.net"));
        assertThat(e.cc()).containsExactly(new Address("Dave, the builder", null, "dave", "example.com"));
        assertThat(e.bcc()).isEmpty();
        assertThat(e.inReplyTo()).isNull();
        assertThat(e.messageId()).isEqualTo("<20240903071459.GA1234@example.org>");
    }

    @Test
    void quotedPrintableBodyDecodesWithSoftBreaksAndWithoutTrailingSpace() {
        byte[] m = bytes("02-quoted-printable.eml");
        MimePart root = parse(m).root();
        String text = new String(decoded(m, root), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("Hallo zusammen, \r\nich schicke euch Grüße aus Köln. Dies ist eine sehr lange Zeile, "
                + "die mit einem weichen Zeilenumbruch fortgesetzt wird.\r\nTrailing spaces here are transport padding\r\n"
                + "a=b and 100% sure\r\n");
        assertThat(root.decodedSize()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(root.encoding()).isEqualTo("quoted-printable");
        assertThat(root.type().parameters().get("charset")).contains("utf-8");
        assertThat(root.lines()).isEqualTo(5);
    }

    @Test
    void base64LeafKnowsItsDecodedSizeAndDisposition() {
        byte[] m = bytes("03-base64.eml");
        MimePart root = parse(m).root();
        byte[] expected = new byte[780];
        for (int i = 0; i < 768; i++) {
            expected[i] = (byte) i;
        }
        System.arraycopy("%PDF-1.4 end".getBytes(StandardCharsets.US_ASCII), 0, expected, 768, 12);
        assertThat(decoded(m, root)).isEqualTo(expected);
        assertThat(root.decodedSize()).isEqualTo(780);
        assertThat(root.type()).isEqualTo(new MediaType("application", "pdf", Parameters.of("name", "scan0001.pdf")));
        assertThat(root.disposition()).isEqualTo(new Disposition("attachment", Parameters.of("filename", "scan0001.pdf", "size", "780")));
        assertThat(root.bodySize()).isEqualTo(1068);
        assertThat(root.lines()).isEqualTo(14);
    }

    @Test
    void alternativePartsExcludeTheLineBreakBeforeTheBoundary() {
        byte[] m = bytes("04-alternative.eml");
        MessageStructure s = parse(m);
        MimePart text = s.section(1);
        MimePart html = s.section(2);
        assertThat(s.root().type().subtype()).isEqualTo("alternative");
        assertThat(s.root().type().parameters().raw()).containsExactly(new Parameter("boundary", "==alt-boundary-42=="));
        assertThat(header(m, text)).isEqualTo("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n");
        assertThat(body(m, text)).isEqualTo("This week: 20% off all teapots.\r\nVisit https://shop.example/offers\r\n");
        assertThat(text.lines()).isEqualTo(2);
        assertThat(body(m, html)).isEqualTo("<html><body><p style=3D\"color:red\">This week: 20% off all teapots.</p>\r\n"
                + "<a href=3D\"https://shop.example/offers\">Visit</a></body></html>\r\n");
        assertThat(new String(decoded(m, html), StandardCharsets.UTF_8)).startsWith("<html><body><p style=\"color:red\">");
        assertThat(body(m, s.root())).startsWith("--==alt-boundary-42==\r\n").endsWith("--==alt-boundary-42==--\r\n");
        assertThat(s.section(3)).isNull();
    }

    @Test
    void attachmentsCarryEveryContentField() {
        byte[] m = bytes("05-mixed-attachments.eml");
        MessageStructure s = parse(m);
        assertThat(s.root().children()).hasSize(3);
        MimePart text = s.section(1);
        assertThat(text.language()).containsExactly("en-GB", "de-CH");
        assertThat(text.type().parameters().raw()).containsExactly(new Parameter("charset", "UTF-8"), new Parameter("format", "flowed"));
        assertThat(body(m, text)).isEqualTo("Hi Ivan,\r\n\r\nhere are the photo and the itinerary.\r\n\r\nHeidi\r\n");

        MimePart image = s.section(2);
        assertThat(image.id()).isEqualTo("<part1.lake@example.ch>");
        assertThat(image.description()).isEqualTo("The lake at sunset");
        assertThat(image.md5()).hasSize(24);
        assertThat(image.location()).isEqualTo("http://example.ch/lake.png");
        assertThat(image.disposition()).isEqualTo(new Disposition("inline", Parameters.of("filename", "lake.png")));
        assertThat(image.decodedSize()).isEqualTo(308);
        assertThat(decoded(m, image)).startsWith(0x89, 'P', 'N', 'G');

        MimePart zip = s.section(3);
        assertThat(zip.type().parameters().raw()).containsExactly(new Parameter("name*", "UTF-8''Reiseplan%20Z%C3%BCrich.zip"));
        assertThat(zip.type().parameters().get("name")).contains("Reiseplan Zürich.zip");
        assertThat(zip.disposition().parameters().get("FILENAME")).contains("Reiseplan Zürich.zip");
        assertThat(zip.decodedSize()).isEqualTo(504);
    }

    @Test
    void nestedMultipartsAreNumberedAsImapSectionsAre() {
        byte[] m = bytes("06-nested.eml");
        MessageStructure s = parse(m);
        assertThat(s.section(1).type().subtype()).isEqualTo("alternative");
        assertThat(body(m, s.section(1, 1))).isEqualTo("Plain version.");
        assertThat(s.section(1, 2).type()).isEqualTo(new MediaType("multipart", "related",
                Parameters.of("boundary", "inner", "type", "text/html")));
        assertThat(body(m, s.section(1, 2, 1))).isEqualTo("<p>HTML version <img src=\"cid:logo@example.org\"></p>");
        MimePart gif = s.section(1, 2, 2);
        assertThat(gif.id()).isEqualTo("<logo@example.org>");
        assertThat(body(m, gif)).isEqualTo("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
        assertThat(gif.decodedSize()).isEqualTo(42);
        assertThat(body(m, s.section(1))).startsWith("--middle\r\n").endsWith("--middle--\r\n");
        assertThat(header(m, s.section(2))).isEqualTo("Content-Type: text/csv; charset=us-ascii; name=\"data.csv\"\r\n"
                + "Content-Disposition: attachment; filename=\"data.csv\"\r\n\r\n");
        assertThat(body(m, s.section(2))).isEqualTo("a,b,c\r\n1,2,3");
        assertThat(s.section(2).lines()).isEqualTo(2);
        assertThat(s.section(1, 3)).isNull();
        assertThat(s.section(1, 1, 1)).isNull();
    }

    @Test
    void attachedMessageHasItsOwnEnvelopeHeaderAndParts() {
        byte[] m = bytes("07-attached-message.eml");
        MessageStructure s = parse(m);
        MimePart attached = s.section(2);
        assertThat(attached.isEmbeddedMessage()).isTrue();
        assertThat(attached.disposition().type()).isEqualTo("inline");
        assertThat(header(m, attached)).isEqualTo("Content-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n");
        assertThat(body(m, attached)).startsWith("Date: Tue, 10 Sep 2024 18:30:00 +0200\r\n").endsWith("--inner-alt--\r\n");
        assertThat(attached.lines()).isEqualTo(18);
        MimePart inner = attached.message();
        assertThat(header(m, inner)).startsWith("Date: Tue, 10 Sep").endsWith("boundary=\"inner-alt\"\r\n\r\n");
        assertThat(attached.envelope().subject()).isEqualTo("Quarterly report");
        assertThat(attached.envelope().inReplyTo()).isEqualTo("<ask.q3@example.it>");
        assertThat(attached.envelope().from()).containsExactly(new Address("Nina", null, "nina", "example.com"));
        assertThat(body(m, s.section(2, 1))).isEqualTo("Revenue is up 4%.");
        assertThat(body(m, s.section(2, 2))).isEqualTo("<p>Revenue is up 4%.</p>");
        assertThat(s.section(2, 3)).isNull();
        assertThat(s.envelope().subject()).isEqualTo("Fwd: Quarterly report");
    }

    @Test
    void encodedWordsStayRawInTheEnvelopeAndDecodeInSeveralCharsets() throws Exception {
        Envelope e = parse(bytes("08-encoded-words.eml")).envelope();
        assertThat(e.subject()).isEqualTo("=?UTF-8?B?5LyB55S75pu4?= and =?ISO-8859-15?Q?=A4uro?= =?UTF-8?Q?_folded?=");
        assertThat(MimeUtility.decodeText(e.subject())).isEqualTo("企画書 and €uro folded");
        assertThat(MimeUtility.decodeText(e.from().get(0).name())).isEqualTo("山田 太郎");
        assertThat(MimeUtility.decodeText(e.to().get(0).name())).isEqualTo("Василий");
        assertThat(MimeUtility.decodeText(e.to().get(1).name())).isEqualTo("François");
        assertThat(MimeUtility.decodeText(e.cc().get(0).name())).isEqualTo("Renée “quoted”");
    }

    @Test
    void eightBitHeadersAreReadAsUtf8AndEightBitBodiesCountOctets() {
        byte[] m = bytes("09-8bit.eml");
        MessageStructure s = parse(m);
        assertThat(s.envelope().subject()).isEqualTo("Smörgåsbord på fredag");
        assertThat(s.envelope().from()).containsExactly(new Address("Ölaf Ström", null, "olaf", "example.se"));
        assertThat(s.envelope().to()).containsExactly(new Address(null, null, "åsa", "example.se"));
        assertThat(body(m, s.root())).isEqualTo("Hej Åsa!\r\nSmörgåsbord på fredag kl 12. Välkommen!\r\n");
        assertThat(s.root().bodySize()).isEqualTo("Hej Åsa!\r\nSmörgåsbord på fredag kl 12. Välkommen!\r\n".getBytes(StandardCharsets.UTF_8).length);
        assertThat(s.root().decodedSize()).isEqualTo(s.root().bodySize());
        assertThat(s.root().encoding()).isEqualTo("8bit");
    }

    @Test
    void headerOctetsThatAreNotUtf8AreReadAsLatin1() {
        byte[] m = "Subject: caf\u00e9\r\n\r\nx".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parse(m).envelope().subject()).isEqualTo("café");
    }

    @Test
    void missingCloseDelimiterEndsTheLastPartAtTheEndOfTheMessage() {
        byte[] m = bytes("10-missing-end-boundary.eml");
        MessageStructure s = parse(m);
        assertThat(s.root().children()).hasSize(2);
        assertThat(body(m, s.section(1))).isEqualTo("first part");
        assertThat(body(m, s.section(2))).isEqualTo("second part, and the message just ends\r\n");
        assertThat(s.section(2).lines()).isEqualTo(1);
        assertThat(s.section(2).bodyEnd()).isEqualTo(m.length);
    }

    @Test
    void multipartWithoutBoundaryIsPlainTextAsRfc2045Says() {
        byte[] m = bytes("11-missing-boundary-param.eml");
        MimePart root = parse(m).root();
        assertThat(root.type()).isEqualTo(MediaType.TEXT_PLAIN);
        assertThat(root.isMultipart()).isFalse();
        assertThat(body(m, root)).isEqualTo("--whatever\r\nContent-Type: text/plain\r\n\r\ntext\r\n--whatever--\r\n");
        assertThat(root.lines()).isEqualTo(5);
    }

    @Test
    void bareLineFeedsCountAsLineBreaks() {
        byte[] m = bytes("12-bare-lf.eml");
        MessageStructure s = parse(m);
        assertThat(s.headerLength()).isEqualTo(slice(m, 0, m.length).indexOf("\n\n") + 2);
        assertThat(header(m, s.section(1))).isEqualTo("Content-Type: text/plain; charset=us-ascii\n\n");
        assertThat(body(m, s.section(1))).isEqualTo("line one\nline two");
        assertThat(s.section(1).lines()).isEqualTo(2);
        assertThat(new String(decoded(m, s.section(2)), StandardCharsets.US_ASCII)).isEqualTo("<b>line one</b><i>line two</i>");
        assertThat(s.section(2).decodedSize()).isEqualTo(30);
        assertThat(s.root().lines()).isEqualTo(12);
    }

    @Test
    void headerLineWithoutColonIsSkippedAndTheRestOfTheHeaderStillCounts() {
        byte[] m = bytes("13-header-without-colon.eml");
        MessageStructure s = parse(m);
        assertThat(s.envelope().to()).containsExactly(new Address(null, null, "target", "example.com"));
        assertThat(s.envelope().subject()).isEqualTo("Header line without colon continued subject");
        assertThat(s.root().type()).isEqualTo(MediaType.TEXT_PLAIN);
        assertThat(body(m, s.root())).isEqualTo("Body after a broken header.\r\n");
    }

    @Test
    void groupsRoutesAndCommentNamesBecomeImapAddressStructures() {
        Envelope e = parse(bytes("14-group-addresses.eml")).envelope();
        assertThat(e.to()).containsExactly(Address.groupStart("undisclosed-recipients"), Address.groupEnd());
        assertThat(e.cc()).containsExactly(
                Address.groupStart("Project Team"),
                new Address("Pam", null, "pam", "example.com"),
                new Address("Quinn Q.", null, "quinn", "example.com"),
                Address.groupEnd(),
                new Address(null, "@relay.example.net,@gw.example.org", "ruth", "example.org"));
        assertThat(e.bcc()).containsExactly(new Address("Sam the Admin", null, "sam", "example.com"));
        assertThat(e.sender()).containsExactly(new Address(null, null, "list-bounces", "lists.example.com"));
        assertThat(e.effectiveSender()).isEqualTo(e.sender());
        assertThat(e.effectiveReplyTo()).containsExactly(new Address(null, null, "list", "lists.example.com"));
        assertThat(e.inReplyTo()).isEqualTo("<orig.1@example.com>");
        assertThat(e.to().get(0).isGroupStart()).isTrue();
        assertThat(e.to().get(1).isGroupEnd()).isTrue();
    }

    @Test
    void messageWithoutDateOrMessageIdHasNullsThereAndDefaultType() {
        byte[] m = bytes("15-no-date-no-message-id.eml");
        MessageStructure s = parse(m);
        assertThat(s.envelope().date()).isNull();
        assertThat(s.envelope().messageId()).isNull();
        assertThat(s.envelope().to()).isEmpty();
        assertThat(s.envelope().subject()).isEqualTo("minimal");
        assertThat(s.root().type()).isEqualTo(MediaType.TEXT_PLAIN);
        assertThat(body(m, s.root())).isEqualTo("Hi\r\n");
        assertThat(s.root().lines()).isEqualTo(1);
    }

    @Test
    void digestPartsDefaultToEmbeddedMessages() {
        byte[] m = bytes("16-digest.eml");
        MessageStructure s = parse(m);
        assertThat(s.root().children()).hasSize(2);
        MimePart first = s.section(1);
        assertThat(first.type()).isEqualTo(MediaType.MESSAGE_RFC822);
        assertThat(header(m, first)).isEqualTo("\r\n");
        assertThat(first.envelope().subject()).isEqualTo("First post");
        assertThat(first.envelope().from()).containsExactly(new Address("Tom", null, "tom", "example.com"));
        assertThat(first.message().type()).isEqualTo(MediaType.TEXT_PLAIN);
        assertThat(body(m, first.message())).isEqualTo("First post body.\r\n");
        assertThat(body(m, s.section(1, 1))).isEqualTo("First post body.\r\n");
        MimePart second = s.section(2);
        assertThat(second.envelope().subject()).isEqualTo("Second post");
        assertThat(second.message().type().parameters().get("charset")).contains("utf-8");
    }

    @Test
    void rfc2231ContinuationsAreJoinedAndDecodedButKeptRawToo() {
        byte[] m = bytes("17-rfc2231-continuations.eml");
        MimePart attachment = parse(m).section(2);
        Parameters p = attachment.disposition().parameters();
        assertThat(p.raw()).containsExactly(
                new Parameter("filename*0*", "iso-8859-1'fr'Le%20rapport%20"),
                new Parameter("filename*1*", "tr%E8s%20long"),
                new Parameter("filename*2", ".txt"));
        assertThat(p.decoded()).containsExactly(new Parameter("filename", "Le rapport très long.txt"));
        assertThat(new String(decoded(m, attachment), StandardCharsets.ISO_8859_1)).isEqualTo("Très long");
        assertThat(attachment.decodedSize()).isEqualTo(9);
    }

    @Test
    void messagesNestInsideMessagesAndSectionsWalkThroughThem() {
        byte[] m = bytes("18-deep-message.eml");
        MessageStructure s = parse(m);
        assertThat(s.root().isEmbeddedMessage()).isTrue();
        assertThat(s.section(1)).isSameAs(s.root());
        assertThat(s.root().envelope().subject()).isEqualTo("Fwd: original");
        assertThat(body(m, s.section(1, 1))).isEqualTo("forwarding again");
        MimePart original = s.section(1, 2);
        assertThat(original.envelope().from()).containsExactly(new Address("Zoe", null, "zoe", "example.com"));
        assertThat(body(m, s.section(1, 2, 1))).isEqualTo("The original text.");
        assertThat(header(m, original.message())).isEqualTo("From: Zoe <zoe@example.com>\r\nSubject: original\r\n\r\n");
        assertThat(original.lines()).isEqualTo(4);
    }

    @Test
    void messageWithoutBlankLineIsAllHeader() {
        byte[] m = bytes("19-header-only.eml");
        MessageStructure s = parse(m);
        assertThat(s.headerLength()).isEqualTo(m.length);
        assertThat(s.root().bodySize()).isZero();
        assertThat(s.root().lines()).isZero();
        assertThat(s.envelope().subject()).isEqualTo("no body at all");
    }

    @Test
    void preambleEpilogueAndWhitespaceAfterDelimitersAreHandled() {
        byte[] m = bytes("20-preamble-epilogue.eml");
        MessageStructure s = parse(m);
        assertThat(s.root().children()).hasSize(1);
        assertThat(body(m, s.section(1))).isEqualTo("part one");
        assertThat(body(m, s.root())).startsWith("This is the preamble.").endsWith("It is also to be ignored.\r\n");
    }

    @Test
    void emptyInputIsAnEmptyTextMessage() {
        MessageStructure s = parse(new byte[0]);
        assertThat(s.size()).isZero();
        assertThat(s.headerLength()).isZero();
        assertThat(s.root().type()).isEqualTo(MediaType.TEXT_PLAIN);
        assertThat(s.envelope()).isEqualTo(Envelope.EMPTY);
        assertThat(MessageStructure.decode(s.encode())).isEqualTo(s);
    }

    @Test
    void partHeaderEndingAtABoundaryGivesAnEmptyBody() {
        byte[] m = Corpus.crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/html\n--b\n\nsecond\n--b--\n")
                .getBytes(StandardCharsets.US_ASCII);
        MessageStructure s = parse(m);
        assertThat(s.root().children()).hasSize(2);
        assertThat(s.section(1).type().subtype()).isEqualTo("html");
        assertThat(header(m, s.section(1))).isEqualTo("Content-Type: text/html\r\n");
        assertThat(s.section(1).bodySize()).isZero();
        assertThat(s.section(1).lines()).isZero();
        assertThat(header(m, s.section(2))).isEqualTo("\r\n");
        assertThat(body(m, s.section(2))).isEqualTo("second");
    }

    @Test
    void multipartWhoseBoundaryNeverAppearsHasNoChildren() {
        byte[] m = Corpus.crlf("Content-Type: multipart/mixed; boundary=never\n\njust text\n").getBytes(StandardCharsets.US_ASCII);
        MimePart root = parse(m).root();
        assertThat(root.isMultipart()).isTrue();
        assertThat(root.children()).isEmpty();
        assertThat(body(m, root)).isEqualTo("just text\r\n");
    }

    @Test
    void innerMultipartWithoutCloseDelimiterEndsAtTheOuterBoundary() {
        byte[] m = Corpus.crlf("Content-Type: multipart/mixed; boundary=outer\n\n--outer\n"
                + "Content-Type: multipart/alternative; boundary=inner\n\n--inner\n\ninner one\n"
                + "--outer\n\nouter two\n--outer--\n").getBytes(StandardCharsets.US_ASCII);
        MessageStructure s = parse(m);
        assertThat(s.root().children()).hasSize(2);
        assertThat(s.section(1).children()).hasSize(1);
        assertThat(body(m, s.section(1, 1))).isEqualTo("inner one");
        assertThat(body(m, s.section(1))).isEqualTo("--inner\r\n\r\ninner one");
        assertThat(body(m, s.section(2))).isEqualTo("outer two");
    }

    @Test
    void invalidContentTypeFallsBackToPlainTextAndEncodedMessageIsALeaf() {
        byte[] m = Corpus.crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: garbage\n\nx\n"
                + "--b\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\nRnJvbTogYUBiDQoNCmhp\n--b--\n")
                .getBytes(StandardCharsets.US_ASCII);
        MessageStructure s = parse(m);
        assertThat(s.section(1).type()).isEqualTo(MediaType.TEXT_PLAIN);
        MimePart encoded = s.section(2);
        assertThat(encoded.type().is("message", "rfc822")).isTrue();
        assertThat(encoded.isEmbeddedMessage()).isFalse();
        assertThat(new String(decoded(m, encoded), StandardCharsets.US_ASCII)).isEqualTo("From: a@b\r\n\r\nhi");
        assertThat(encoded.decodedSize()).isEqualTo(15);
    }

    @Test
    void unknownTransferEncodingHasNoDecodedSize() {
        byte[] m = Corpus.crlf("Content-Transfer-Encoding: x-uuencode\n\nbegin 644 f\n").getBytes(StandardCharsets.US_ASCII);
        MimePart root = parse(m).root();
        assertThat(root.decodedSize()).isEqualTo(-1);
        assertThat(TransferDecoding.isKnown(root.encoding())).isFalse();
    }

    @Test
    void sectionNumbersOutsideTheTreeAreNull() {
        MessageStructure s = parse(bytes("07-attached-message.eml"));
        assertThat(s.section(0)).isNull();
        assertThat(s.section(3)).isNull();
        assertThat(s.section(1, 1)).isNull();
        assertThat(s.section(2, 1, 1)).isNull();
        assertThat(s.section()).isSameAs(s.root());
        assertThat(List.of(s.section(2, 1).type().subtype(), s.section(2, 2).type().subtype())).containsExactly("plain", "html");
    }
}
