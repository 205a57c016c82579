package dev.atrium.admin.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A Prometheus scraper has no browser session: {@code Authorization: Bearer <token>} whose SHA-256 is the configured
 * one lets this request (only) read the metrics. Only the hash is configured, and it is compared in constant time.
 */
final class ScrapeTokenFilter extends OncePerRequestFilter {

    static final String AUTHORITY = "METRICS_SCRAPER";
    private static final String BEARER = "Bearer ";

    private final byte[] tokenHash;
    private final SecurityContextHolderStrategy contexts;

    /**
     * @param tokenSha256 hex; empty: no token is accepted
     * @param contexts the application's own strategy, as its authorization filter reads it
     */
    ScrapeTokenFilter(String tokenSha256, SecurityContextHolderStrategy contexts) {
        this.tokenHash = tokenSha256.isEmpty() ? new byte[0] : HexFormat.of().parseHex(tokenSha256);
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (tokenHash.length > 0 && header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && MessageDigest.isEqual(tokenHash, sha256(header.substring(BEARER.length()).strip()))) {
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(new PreAuthenticatedAuthenticationToken("metrics-scraper", "",
                    List.of(new SimpleGrantedAuthority(AUTHORITY))));
            contexts.setContext(context);
        }
        chain.doFilter(request, response);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
