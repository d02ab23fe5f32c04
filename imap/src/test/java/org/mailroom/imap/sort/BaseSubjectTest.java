package org.mailroom.imap.sort;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5256 §2.1 base-subject extraction, step by step. */
class BaseSubjectTest {

    @ParameterizedTest(name = "[{0}] -> [{1}] reply={2}")
    @CsvSource(delimiter = '|', value = {
        "Meeting|Meeting|false",
        "Re: Meeting|Meeting|true",
        "RE:Meeting|Meeting|true",
        "re : Meeting|Meeting|true",
        "Fwd: Meeting|Meeting|true",
        "FW: Meeting|Meeting|true",
        "Re[2]: Meeting|Meeting|true",
        "Re: Re: Fwd: Meeting|Meeting|true",
        "[list] Re: Meeting|Meeting|true",
        "[list] Meeting|Meeting|false",
        "[list] [tag] Meeting|Meeting|false",
        "[list]|[list]|false",
        "[list] [tag]|[tag]|false",
        "Meeting (fwd)|Meeting|true",
        "Meeting (FWD) (fwd)  |Meeting|true",
        "[fwd: Meeting]|Meeting|true",
        "[Fwd: Re: [list] Meeting (fwd)]|Meeting|true",
        "[fwd: [fwd: Meeting]]|Meeting|true",
        "Reply to all|Reply to all|false",
        "Fwdx: a|Fwdx: a|false",
        "  Meeting \t  at   noon  |Meeting at noon|false",
        "Re: [ünïcode] Meeting|[ünïcode] Meeting|true",
        "=?UTF-8?Q?Re=3A_=C3=89t=C3=A9?=|Été|true",
        "=?ISO-8859-1?Q?[list]_caf=E9?=|café|false",
        "=?x-unknown?Q?abc?=|=?x-unknown?Q?abc?=|false",
    })
    void extractsTheBaseSubjectAsTheRfcSays(String subject, String base, boolean reply) {
        BaseSubject b = BaseSubject.of(subject.replace("\\t", "\t"));
        assertThat(b.text()).isEqualTo(base);
        assertThat(b.replyOrForward()).isEqualTo(reply);
    }

    @org.junit.jupiter.api.Test
    void aMissingSubjectIsEmpty() {
        assertThat(BaseSubject.of(null).text()).isEmpty();
        assertThat(BaseSubject.of("Re:").text()).isEmpty();
    }
}
