package org.mailroom.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every corpus message must have, and agreement with Jakarta Mail's own parser. */
class CorpusTest {

    static Stream<String> all() {
        return Corpus.NAMES.stream();
    }

    /**
     * Messages Jakarta Mail reads the same way we do. Left out: a multipart without boundary (Jakarta
     * throws where we follow RFC 2045 §5.2) and the digest (Jakarta ignores the message/rfc822
     * default of RFC 2046 §5.1.5); both are checked on their own in {@link MessageStructureTest}.
     */
    static Stream<String> jakartaReadable() {
        return all().filter(n -> !n.startsWith("11-") && !n.startsWith("16-"));
    }

    @ParameterizedTest
    @MethodSource("all")
    void feedingOneByteAtATimeGivesTheSameStructure(String name) throws IOException {
        byte[] m = Corpus.bytes(name);
        assertThat(MessageStructure.parse(Corpus.trickle(m))).isEqualTo(Corpus.parse(m));
    }

    @ParameterizedTest
    @MethodSource("all")
    void encodingRoundTripsExactly(String name) {
        MessageStructure s = Corpus.parse(Corpus.bytes(name));
        byte[] encoded = s.encode();
        MessageStructure back = MessageStructure.decode(encoded);
        assertThat(back).isEqualTo(s);
        assertThat(back.encode()).isEqualTo(encoded);
    }

    @ParameterizedTest
    @MethodSource("all")
    void shiftedEqualsTheStructureOfTheMessageWithThePrefix(String name) {
        byte[] m = Corpus.bytes(name);
        byte[] prefix = "Return-Path: <a@example.org>\r\nDelivered-To: b@example.net\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] both = new byte[prefix.length + m.length];
        System.arraycopy(prefix, 0, both, 0, prefix.length);
        System.arraycopy(m, 0, both, prefix.length, m.length);
        MessageStructure shifted = Corpus.parse(m).shifted(prefix.length);
        assertThat(shifted).isEqualTo(Corpus.parse(both));
        assertThat(shifted.headerLength()).isEqualTo(Corpus.parse(m).headerLength() + prefix.length);
        assertThat(shifted.size()).isEqualTo(both.length);
    }

    @ParameterizedTest
    @MethodSource("all")
    void partsNestInsideTheirParentsInOrder(String name) {
        byte[] m = Corpus.bytes(name);
        MessageStructure s = Corpus.parse(m);
        assertThat(s.size()).isEqualTo(m.length);
        assertThat(s.root().bodyEnd()).isEqualTo(m.length);
        checkNesting(s.root());
    }

    private static void checkNesting(MimePart p) {
        assertThat(p.headerStart()).isLessThanOrEqualTo(p.bodyStart());
        assertThat(p.bodyStart()).isLessThanOrEqualTo(p.bodyEnd());
        long previousEnd = p.bodyStart();
        List<MimePart> inside = new ArrayList<>();
        if (p.children() != null) {
            inside.addAll(p.children());
        }
        if (p.message() != null) {
            assertThat(p.message().headerStart()).isEqualTo(p.bodyStart());
            assertThat(p.message().bodyEnd()).isEqualTo(p.bodyEnd());
            inside.add(p.message());
        }
        for (MimePart c : inside) {
            assertThat(c.headerStart()).isGreaterThanOrEqualTo(previousEnd);
            assertThat(c.bodyEnd()).isLessThanOrEqualTo(p.bodyEnd());
            previousEnd = c.bodyEnd();
            checkNesting(c);
        }
    }

    @ParameterizedTest
    @MethodSource("jakartaReadable")
    void structureAndContentAgreeWithJakartaMail(String name) throws Exception {
        byte[] m = Corpus.bytes(name);
        MessageStructure s = Corpus.parse(m);
        Properties props = new Properties();
        props.setProperty("mail.mime.allowutf8", "true"); // RFC 6532 headers, as in 09-8bit
        MimeMessage theirs = new MimeMessage(Session.getInstance(props), new ByteArrayInputStream(m));
        comparePart(m, s.root(), theirs, name);
        compareEnvelope(s.envelope(), theirs);
    }

    private static void comparePart(byte[] m, MimePart mine, Part theirs, String where) throws Exception {
        ContentType ct = new ContentType(theirs.getContentType());
        assertThat(mine.type().toString()).as(where + " type").isEqualToIgnoringCase(ct.getBaseType());
        boolean defaulted = mine.type().equals(MediaType.TEXT_PLAIN) && ct.getParameter("charset") == null;
        for (Parameter p : defaulted ? List.<Parameter>of() : mine.type().parameters().decoded()) {
            assertThat(ct.getParameter(p.name())).as(where + " parameter " + p.name()).isEqualTo(p.value());
        }
        MimeBodyPart asBodyPart = theirs instanceof MimeBodyPart b ? b : null;
        MimeMessage asMessage = theirs instanceof MimeMessage msg ? msg : null;
        assertThat(mine.id()).as(where + " id").isEqualTo(asBodyPart != null ? asBodyPart.getContentID() : asMessage.getContentID());
        assertThat(mine.md5()).as(where + " md5").isEqualTo(asBodyPart != null ? asBodyPart.getContentMD5() : asMessage.getContentMD5());
        String[] languages = asBodyPart != null ? asBodyPart.getContentLanguage() : asMessage.getContentLanguage();
        assertThat(mine.language()).as(where + " language").isEqualTo(languages == null ? List.of() : List.of(languages));
        if (mine.description() != null) {
            assertThat(MimeUtility.decodeText(mine.description())).isEqualTo(theirs.getDescription());
        }
        assertThat(mine.disposition() == null ? null : mine.disposition().type())
                .as(where + " disposition").isEqualTo(lower(theirs.getDisposition()));
        if (mine.disposition() != null) {
            assertThat(mine.disposition().parameters().get("filename").orElse(null))
                    .as(where + " filename").isEqualTo(theirs.getFileName());
        }
        byte[] raw = asBodyPart != null ? asBodyPart.getRawInputStream().readAllBytes() : asMessage.getRawInputStream().readAllBytes();
        assertThat(Corpus.body(m, mine)).as(where + " raw body").isEqualTo(new String(raw, StandardCharsets.UTF_8));

        if (mine.isMultipart()) {
            Multipart mp = (Multipart) theirs.getContent();
            assertThat(mine.children()).as(where + " children").hasSize(mp.getCount());
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart child = mp.getBodyPart(i);
                comparePart(m, mine.children().get(i), child, where + "." + (i + 1));
            }
        } else if (mine.isEmbeddedMessage()) {
            MimeMessage inner = (MimeMessage) theirs.getContent();
            compareEnvelope(mine.envelope(), inner);
            comparePart(m, mine.message(), inner, where + ".msg");
        } else {
            byte[] decoded = Corpus.decoded(m, mine);
            assertThat(decoded).as(where + " decoded").isEqualTo(theirs.getInputStream().readAllBytes());
            assertThat(mine.decodedSize()).as(where + " decoded size").isEqualTo(decoded.length);
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    private static void compareEnvelope(Envelope mine, MimeMessage theirs) throws Exception {
        assertThat(mine.subject() == null ? null : MimeUtility.decodeText(mine.subject())).isEqualTo(theirs.getSubject());
        assertThat(mine.messageId()).isEqualTo(theirs.getMessageID());
        assertThat(mine.date()).isEqualTo(theirs.getHeader("Date", null));
        for (String field : List.of("From", "Sender", "Reply-To", "To", "Cc", "Bcc")) {
            List<Address> list = switch (field) {
                case "From" -> mine.from();
                case "Sender" -> mine.sender();
                case "Reply-To" -> mine.replyTo();
                case "To" -> mine.to();
                case "Cc" -> mine.cc();
                default -> mine.bcc();
            };
            assertThat(flatten(list)).as(field).isEqualTo(jakartaAddresses(theirs.getHeader(field, ",")));
        }
    }

    /** Addresses as "personal <address>" lines, groups as "group:" and ";". */
    private static List<String> flatten(List<Address> list) throws Exception {
        List<String> out = new ArrayList<>();
        for (Address a : list) {
            if (a.isGroupStart()) {
                out.add(a.mailbox() + ":");
            } else if (a.isGroupEnd()) {
                out.add(";");
            } else {
                String route = a.adl() == null ? "" : a.adl() + ":";
                out.add((a.name() == null ? "" : MimeUtility.decodeText(a.name())) + " <" + route + a.address() + ">");
            }
        }
        return out;
    }

    private static List<String> jakartaAddresses(String header) throws AddressException {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        for (InternetAddress a : InternetAddress.parseHeader(header, false)) {
            if (a.isGroup()) {
                String g = a.getAddress();
                out.add(g.substring(0, g.indexOf(':')).trim() + ":");
                for (InternetAddress member : a.getGroup(false)) {
                    out.add(personal(member) + " <" + member.getAddress() + ">");
                }
                out.add(";");
            } else {
                out.add(personal(a) + " <" + a.getAddress() + ">");
            }
        }
        return out;
    }

    private static String personal(InternetAddress a) {
        return a.getPersonal() == null ? "" : a.getPersonal();
    }

}
