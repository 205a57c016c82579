package dev.atrium.admin.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.atrium.admin.dns.TestDns;

/** The library's dnsjava look-up against a DNS server on the loopback interface. */
class DnsjavaTxtLookupTest {

    @Test
    void findsEveryTxtValueAtTheNameAndNothingAtAMissingNameOrAfterTheRecordIsWithdrawn() {
        try (TestDns dns = new TestDns()) {
            DnsjavaTxtLookup lookup = new DnsjavaTxtLookup(dns.address(), Duration.ofSeconds(2));
            dns.publish("_atrium-challenge.acme.example", "atrium-domain-verification=abc");
            dns.publish("_atrium-challenge.acme.example", "v=spf1 -all");

            assertThat(lookup.txtValues("_atrium-challenge.acme.example."))
                    .containsExactlyInAnyOrder("atrium-domain-verification=abc", "v=spf1 -all");
            assertThat(lookup.txtValues("_atrium-challenge.other.example")).isEmpty();

            dns.withdraw("_atrium-challenge.acme.example");
            assertThat(lookup.txtValues("_atrium-challenge.acme.example")).as("no cache between look-ups").isEmpty();
        }
    }

    @Test
    void aServerThatDoesNotAnswerIsAFailedLookUpNotAMissingRecord() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            DnsjavaTxtLookup lookup = new DnsjavaTxtLookup("127.0.0.1:" + silent.getLocalPort(), Duration.ofMillis(300));

            assertThatThrownBy(() -> lookup.txtValues("_atrium-challenge.acme.example"))
                    .isInstanceOf(DomainTxtLookup.LookupFailedException.class);
        }
    }
}
