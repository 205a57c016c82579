package dev.atrium.admin.api;

import java.io.IOException;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.atrium.admin.apikey.ApiKeySecrets;
import dev.atrium.admin.apikey.ApiKeyService;
import dev.atrium.admin.apikey.PlatformApiKeyService;
import dev.atrium.admin.ratelimit.RateLimit;
import dev.atrium.admin.ratelimit.RateLimitExceededException;
import dev.atrium.admin.ratelimit.RateLimiter;
import dev.atrium.admin.tenancy.TenantScope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Reads {@code Authorization: Bearer <api key>} and, for a workspace's key that is neither revoked nor expired, binds
 * its workspace for this request only (nothing is kept between requests, so revocation holds at the next one); a
 * platform key's secret (its own prefix) authenticates the platform key, with no workspace bound. Anything
 * else leaves the request unauthenticated, and the chain answers 401. Each request of a key takes one from its
 * allowance per minute (shared by every node); past it, the answer is 429 with {@code Retry-After}.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    /** A request attribute naming the platform key a request was authenticated by, for the answer to a path it may not use. */
    static final String PLATFORM_KEY = ApiKeyAuthenticationFilter.class.getName() + ".platformKey";
    private static final String BEARER = "Bearer ";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final ApiKeyService apiKeys;
    private final PlatformApiKeyService platformKeys;
    private final RateLimiter rateLimiter;
    private final ApiProblems problems;
    private final SecurityContextHolderStrategy contexts;

    /** @param contexts the application's own strategy, as its authorization filter reads it */
    ApiKeyAuthenticationFilter(ApiKeyService apiKeys, PlatformApiKeyService platformKeys, RateLimiter rateLimiter, ApiProblems problems,
            SecurityContextHolderStrategy contexts) {
        this.apiKeys = apiKeys;
        this.platformKeys = platformKeys;
        this.rateLimiter = rateLimiter;
        this.problems = problems;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            Authentication authentication = authenticate(header.substring(BEARER.length()).strip(), request);
            if (authentication != null) {
                try {
                    rateLimiter.take(RateLimit.API_REQUESTS, keyIdOf(authentication), 1);
                } catch (RateLimitExceededException limited) {
                    problems.write(request, response, problems.refusal(limited, request.getLocale()));
                    return;
                }
                if (authentication instanceof PlatformKeyAuthentication platform) {
                    request.setAttribute(PLATFORM_KEY, platform.getPrincipal().id());
                }
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(authentication);
                contexts.setContext(context);
            }
        }
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    private @Nullable Authentication authenticate(String secret, HttpServletRequest request) {
        if (ApiKeySecrets.isPlatform(secret)) {
            return platformKeys.authenticate(secret).map(PlatformKeyAuthentication::new).orElse(null);
        }
        TenantScope scope = apiKeys.authenticate(secret, READS.contains(request.getMethod())).orElse(null);
        return scope == null ? null : new ApiKeyAuthentication(scope);
    }

    private static UUID keyIdOf(Authentication authentication) {
        return authentication instanceof PlatformKeyAuthentication platform ? platform.getPrincipal().id()
                : ((ApiKeyAuthentication) authentication).getPrincipal().actor().id();
    }
}
