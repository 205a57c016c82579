package dev.atrium.admin.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;

/**
 * The SSRF guard: the HTTP client's only resolver, so the addresses it approves are the ones connected to (no second
 * look-up that a rebinding DNS server could answer differently). Unless private networks are allowed, a host is
 * refused when any of its addresses is loopback, unspecified, link-local (incl. the cloud metadata address
 * 169.254.169.254), private (RFC 1918, fc00::/7), carrier-grade NAT (100.64/10) or multicast.
 */
class WebhookAddresses implements DnsResolver {

    private final DnsResolver resolver;
    private final boolean allowPrivateNetworks;

    WebhookAddresses(DnsResolver resolver, boolean allowPrivateNetworks) {
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

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 0.0.0.0/8 ("this network") and 100.64.0.0/10 (carrier-grade NAT, also used inside clouds).
            return first == 0 || (first == 100 && second >= 64 && second <= 127);
        }
        if (address instanceof Inet6Address) {
            // fc00::/7: unique local addresses, IPv6's private networks.
            return (bytes[0] & 0xfe) == 0xfc;
        }
        return false;
    }

    /** The host resolved to an address webhooks may not reach. */
    static class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String host, InetAddress address) {
            super("Refused: " + host + " resolves to " + address.getHostAddress()
                    + ", an internal address (atrium.webhooks.allow-private-networks is off)");
        }
    }
}
