package org.mailroom.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldParserTest {

    @Test
    void contentTypeWithCommentsQuotesAndOddSpacing() {
        MediaType t = FieldParser.mediaType(" Text/HTML (a comment; with semicolon) ; Charset = \"UTF-8\" ; format=flowed ").orElseThrow();
        assertThat(t.type()).isEqualTo("text");
        assertThat(t.subtype()).isEqualTo("html");
        assertThat(t.parameters().raw()).containsExactly(new Parameter("Charset", "UTF-8"), new Parameter("format", "flowed"));
        assertThat(t.parameters().get("charset")).contains("UTF-8");
    }

    @Test
    void quotedParameterMayHoldSemicolonsParenthesesAndEscapes() {
        MediaType t = FieldParser.mediaType("application/x; name=\"a;b (c) \\\"d\\\".txt\"; x=1").orElseThrow();
        assertThat(t.parameters().raw()).containsExactly(new Parameter("name", "a;b (c) \"d\".txt"), new Parameter("x", "1"));
    }

    @Test
    void typeWithoutSubtypeOrEmptyIsInvalid() {
        assertThat(FieldParser.mediaType("text")).isEmpty();
        assertThat(FieldParser.mediaType("")).isEmpty();
        assertThat(FieldParser.mediaType("/plain")).isEmpty();
        assertThat(FieldParser.mediaType("; charset=utf-8")).isEmpty();
    }

    @Test
    void parametersWithoutValueOrWithJunkAreSkipped() {
        MediaType t = FieldParser.mediaType("text/plain; ; novalue; charset=us-ascii;").orElseThrow();
        assertThat(t.parameters().raw()).containsExactly(new Parameter("charset", "us-ascii"));
    }

    @Test
    void missingSemicolonKeepsTheLeadingSubtypeToken() {
        assertThat(FieldParser.mediaType("text/plain charset=utf-8").orElseThrow().subtype()).isEqualTo("plain");
    }

    @Test
    void dispositionTypeIsLowerCasedAndParametersKept() {
        Disposition d = FieldParser.disposition("ATTACHMENT; filename=report.pdf; size=10").orElseThrow();
        assertThat(d).isEqualTo(new Disposition("attachment", Parameters.of("filename", "report.pdf", "size", "10")));
        assertThat(FieldParser.disposition(" ; filename=x")).isEmpty();
    }

    @Test
    void languagesAreSplitOnCommasAndWhitespace() {
        assertThat(FieldParser.languages("en, fr (French)  ,de-CH")).isEqualTo(List.of("en", "fr", "de-CH"));
    }

    @Test
    void rfc2231SingleEncodedValueIsDecoded() {
        Parameters p = Parameters.of("title*", "us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A");
        assertThat(p.decoded()).containsExactly(new Parameter("title", "This is ***fun***"));
    }

    @Test
    void rfc2231SectionsOutOfOrderAreSortedAndAGapEndsTheValue() {
        Parameters p = Parameters.of("url*1", "b", "url*0", "a", "url*3", "d");
        assertThat(p.get("url")).contains("ab");
    }

    @Test
    void rfc2231UnknownCharsetKeepsTheOctets() {
        Parameters p = Parameters.of("name*", "x-unknown''%E9t%E9");
        assertThat(p.get("name")).contains("été");
    }

    @Test
    void rfc2231MalformedPercentEscapeIsKeptLiterally() {
        Parameters p = Parameters.of("name*", "utf-8''100%zz%4");
        assertThat(p.get("name")).contains("100%zz%4");
    }

    @Test
    void plainParameterAndContinuationOfAnotherNameStayApart() {
        Parameters p = Parameters.of("name", "plain.txt", "filename*0", "long", "filename*1", "name.txt");
        assertThat(p.decoded()).containsExactly(new Parameter("name", "plain.txt"), new Parameter("filename", "longname.txt"));
    }

    @Test
    void starredNameThatIsNotRfc2231IsKeptAsWritten() {
        Parameters p = Parameters.of("x*y", "1", "z*01", "2");
        assertThat(p.decoded()).containsExactly(new Parameter("x", "1"), new Parameter("z", "2"));
    }
}
