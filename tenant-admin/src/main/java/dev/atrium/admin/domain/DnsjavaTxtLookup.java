package dev.atrium.admin.domain;

import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * TXT look-ups with dnsjava, one query per call and no cache, so that a re-check sees a record that was removed.
 * Asks the configured server ({@code atrium.domains.dns-server}, {@code host:port}) or, when none is set, the
 * system's resolvers.
 */
public class DnsjavaTxtLookup implements DomainTxtLookup {

    private static final int DNS_PORT = 53;

    private final Resolver resolver;

    /**
     * @param server {@code host} or {@code host:port} of a DNS server; blank: the system's resolvers
     */
    public DnsjavaTxtLookup(String server, Duration timeout) {
        this.resolver = resolver(server);
        resolver.setTimeout(timeout);
    }

    private static Resolver resolver(String server) {
        if (server.isBlank()) {
            return new ExtendedResolver();
        }
        int colon = server.lastIndexOf(':');
        try {
            SimpleResolver simple = new SimpleResolver(colon < 0 ? server : server.substring(0, colon));
            simple.setPort(colon < 0 ? DNS_PORT : Integer.parseInt(server.substring(colon + 1)));
            return simple;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Unknown DNS server " + server, e);
        }
    }

    @Override
    public List<String> txtValues(String name) {
        Message response;
        try {
            Message query = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.TXT, DClass.IN));
            response = resolver.send(query);
        } catch (TextParseException e) {
            return List.of();
        } catch (IOException e) {
            throw new LookupFailedException("TXT look-up of " + name + " failed", e);
        }
        return switch (response.getRcode()) {
            case Rcode.NOERROR -> response.getSection(Section.ANSWER).stream()
                    .filter(TXTRecord.class::isInstance)
                    .map(r -> String.join("", ((TXTRecord) r).getStrings()))
                    .toList();
            case Rcode.NXDOMAIN -> List.of();
            default -> throw new LookupFailedException("TXT look-up of " + name + " answered " + Rcode.string(response.getRcode()));
        };
    }
}
