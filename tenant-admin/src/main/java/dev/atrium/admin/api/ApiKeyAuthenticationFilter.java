package dev.atrium.admin.api;

import java.io.IOException;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.atrium.admin.apikey.ApiKeyService;
import dev.atrium.admin.ratelimit.RateLimit;
import dev.atrium.admin.ratelimit.RateLimitExceededException;
import dev.atrium.admin.ratelimit.RateLimiter;
import dev.atrium.admin.tenancy.TenantScope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Reads {@code Authorization: Bearer <api key>} and, for a key that is neither revoked nor expired, binds its
 * workspace for this request only (nothing is kept between requests, so revocation holds at the next one). Anything
 * else leaves the request unauthenticated, and the chain answers 401. Each request of a key takes one from its
 * allowance per minute (shared by every node); past it, the answer is 429 with {@code Retry-After}.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final ApiKeyService apiKeys;
    private final RateLimiter rateLimiter;
    private final ApiProblems problems;

    ApiKeyAuthenticationFilter(ApiKeyService apiKeys, RateLimiter rateLimiter, ApiProblems problems) {
        this.apiKeys = apiKeys;
        this.rateLimiter = rateLimiter;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Looked up per request: Vaadin replaces the holder's strategy while the application starts.
        SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            TenantScope scope = apiKeys.authenticate(header.substring(BEARER.length()).strip(), READS.contains(request.getMethod()))
                    .orElse(null);
            if (scope != null) {
                try {
                    rateLimiter.take(RateLimit.API_REQUESTS, scope.actor().id(), 1);
                } catch (RateLimitExceededException limited) {
                    problems.write(request, response, problems.refusal(limited, request.getLocale()));
                    return;
                }
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(new ApiKeyAuthentication(scope));
                contexts.setContext(context);
            }
        }
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }
}
