package dev.atrium.admin.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import org.springframework.util.StringUtils;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import dev.atrium.admin.invitation.PublicUrl;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Links as people reach Atrium, for e-mails: always {@code atrium.public-url} when set, and it must be set when
 * {@code atrium.public-url-required} (the prod profile). Without it (development), a link uses the request's scheme
 * and the port it arrived on, and its host only when that is a loopback name: a forged Host header never puts
 * another site into an e-mailed link.
 */
class RequestPublicUrl implements PublicUrl {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final String configured;

    RequestPublicUrl(String configured, boolean required) {
        this.configured = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        if (StringUtils.hasText(this.configured)) {
            requireAbsoluteHttpUrl(this.configured);
        } else if (required) {
            throw new IllegalStateException("atrium.public-url is not set. Links in e-mails are made only from it, never "
                    + "from a request's Host header: set it to the address people use to reach Atrium, e.g. "
                    + "atrium.public-url=https://atrium.example.com (or the environment variable ATRIUM_PUBLIC_URL); "
                    + "see README, Configuration.");
        }
    }

    @Override
    public String of(String path) {
        if (StringUtils.hasText(configured)) {
            return configured + path;
        }
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        String host = request.getServerName().toLowerCase(Locale.ROOT);
        return UriComponentsBuilder.newInstance()
                .scheme(request.isSecure() ? "https" : "http")
                .host(LOOPBACK_HOSTS.contains(host) ? host : "localhost")
                .port(request.getLocalPort())
                .path(request.getContextPath() + path)
                .toUriString();
    }

    private static void requireAbsoluteHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getUserInfo() == null && uri.getQuery() == null && uri.getFragment() == null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalStateException("atrium.public-url must be an absolute http or https address such as "
                + "https://atrium.example.com, without query or fragment; it is \"" + url + "\".");
    }
}
