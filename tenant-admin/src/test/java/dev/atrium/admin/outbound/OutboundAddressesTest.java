package dev.atrium.admin.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses the SSRF guard counts as internal (how it is applied: WebhookAddressesTest, SsoPrivateNetworksTest). */
class OutboundAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "0.0.0.0", "::", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
            "fe80::1", "fd00::1", "fc00::1", "100.64.0.1", "100.127.255.254", "224.0.0.1", "ff02::1", "::ffff:127.0.0.1",
            "::127.0.0.1", "::10.0.0.1", "::ffff:10.0.0.1", "64:ff9b::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1",
            "2002:a00:1::", "::0.0.1.2", "198.18.0.1", "198.19.255.254", "240.0.0.1", "255.255.255.255"})
    void internalAddresses(String address) throws UnknownHostException {
        assertThat(OutboundAddresses.isInternal(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "100.63.255.255", "100.128.0.1", "172.32.0.1", "2606:4700::1111", "8.8.8.8",
            "::8.8.8.8", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "198.17.255.255", "198.20.0.1", "223.255.255.254"})
    void publicAddresses(String address) throws UnknownHostException {
        assertThat(OutboundAddresses.isInternal(InetAddress.getByName(address))).isFalse();
    }
}
