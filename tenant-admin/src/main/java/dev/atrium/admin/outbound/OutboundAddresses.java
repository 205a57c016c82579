package dev.atrium.admin.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * The SSRF guard for requests to addresses a workspace admin typed (webhook endpoints, an identity provider's metadata
 * and discovery document) or that such a document names (token, key set, userinfo): the HTTP client's only resolver,
 * so the addresses it approves are the ones connected to (no second look-up that a rebinding DNS server could answer
 * differently). Unless private networks are allowed, a host is
 * refused when any of its addresses is loopback, unspecified, link-local (incl. the cloud metadata address
 * 169.254.169.254), private (RFC 1918, fc00::/7), carrier-grade NAT (100.64/10), benchmarking (198.18/15), reserved
 * (240/4), broadcast or multicast, or an IPv6 address carrying such an IPv4 address (IPv4-mapped or -compatible,
 * NAT64 64:ff9b::/96, 6to4 2002::/16).
 */
public class OutboundAddresses implements DnsResolver {

    private final DnsResolver resolver;
    private final boolean allowPrivateNetworks;

    public OutboundAddresses(DnsResolver resolver, boolean allowPrivateNetworks) {
        this.resolver = resolver;
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(host);
        if (!allowPrivateNetworks) {
            for (InetAddress address : addresses) {
                if (isInternal(address)) {
                    throw new RefusedAddressException(host, address);
                }
            }
        }
        return addresses;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host)).map(address -> new InetSocketAddress(address, port)).toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return resolver.resolveCanonicalHostname(host);
    }

    /**
     * A client whose only resolver is this guard, with these timeouts for each connect and read, that never follows a
     * redirect (its target could be an internal address), retries on its own or keeps a cookie.
     */
    public HttpClientBuilder client(Timeout connect, Timeout read, int maxConnections, int maxConnectionsPerHost) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(this)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
                        .setMaxConnTotal(maxConnections).setMaxConnPerRoute(maxConnectionsPerHost)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(read).setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement();
    }

    public static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 0.0.0.0/8 ("this network"), 100.64.0.0/10 (carrier-grade NAT, also used inside clouds), 198.18.0.0/15
            // (benchmarking), 240.0.0.0/4 (reserved) with 255.255.255.255 (broadcast).
            return first == 0 || (first == 100 && second >= 64 && second <= 127) || (first == 198 && (second & 0xfe) == 18)
                    || first >= 240;
        }
        if (address instanceof Inet6Address) {
            // fc00::/7: unique local addresses, IPv6's private networks.
            if ((bytes[0] & 0xfe) == 0xfc) {
                return true;
            }
            // One carrying an IPv4 address reaches it (dual stack, a NAT64 gateway, a 6to4 relay): judged by it.
            int embedded = embeddedIpv4At(bytes);
            return embedded >= 0 && isInternal(ipv4(bytes, embedded));
        }
        return false;
    }

    /**
     * Where an IPv6 address carries an IPv4 one: last in IPv4-compatible ::a.b.c.d, IPv4-mapped ::ffff:a.b.c.d and
     * NAT64 64:ff9b::/96; after the prefix in 6to4 2002::/16. -1 if it carries none.
     */
    private static int embeddedIpv4At(byte[] bytes) {
        if (bytes[0] == 0x20 && bytes[1] == 0x02) {
            return 2;
        }
        boolean nat64 = bytes[0] == 0 && bytes[1] == 0x64 && (bytes[2] & 0xff) == 0xff && (bytes[3] & 0xff) == 0x9b;
        for (int i = nat64 ? 4 : 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return -1;
            }
        }
        boolean zeros = bytes[10] == 0 && bytes[11] == 0;
        boolean ones = (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
        return zeros || (ones && !nat64) ? 12 : -1;
    }

    private static InetAddress ipv4(byte[] bytes, int at) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, at, at + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Four bytes are an IPv4 address", e);
        }
    }

    /** The host resolved to an internal address, which private networks not being allowed rules out. */
    public static class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String host, InetAddress address) {
            super("Refused: " + host + " resolves to " + address.getHostAddress()
                    + ", an internal address (atrium.webhooks.allow-private-networks is off)");
        }
    }
}
