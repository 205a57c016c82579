package dev.atrium.admin.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import dev.atrium.admin.keys.KeyPurpose;
import dev.atrium.admin.keys.Keyring;
import dev.atrium.admin.tenancy.Actor;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code Idempotency-Key} on POSTs: the first request with a key claims it (a row in the workspace's schema, or the
 * platform schema for a platform key, unique per API key and idempotency key) and its response is stored, sealed with the SECRETS keyset; a retry with the same
 * key and the same request gets that response again and changes nothing; the same key with another request is a 422
 * problem, and a retry while the first is still being served a 409. A request that ends without an answer worth
 * replaying (5xx, 429, or a 406, 413 or 415 refused before any handler ran) releases its claim, so a retry runs it
 * again; a claim its node never finished (it stopped mid-request) is taken over by a retry once its lease ran out ({@link IdempotencyRepository#claim}); the request it
 * took over from, if still running, then neither stores its response nor releases the retry's claim. A body larger
 * than {@link #MAX_BODY_BYTES} is a 413 problem, on any API request with a key's authentication, with an idempotency
 * key or without.
 */
final class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotency-Replayed";
    private static final int MAX_KEY_LENGTH = 255;
    /** The largest body an API request may have (1 MiB), with an Idempotency-Key or without; larger is a 413 problem. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Methods whose body is read, and so limited. */
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    /**
     * Answers below 500 that release the claim: a rate limit, and refusals of the request's form made before any
     * handler ran (400: a body or parameter that cannot be read; 406, 413, 415), which the client corrects and retries
     * with the same key.
     */
    private static final Set<Integer> RELEASED = Set.of(HttpStatus.BAD_REQUEST.value(), HttpStatus.TOO_MANY_REQUESTS.value(), HttpStatus.NOT_ACCEPTABLE.value(),
            HttpStatus.CONTENT_TOO_LARGE.value(), HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());

    private final IdempotencyRepository stored;
    private final TenantDsl tenantDsl;
    private final Keyring keyring;
    private final ApiProblems problems;
    private final SecurityContextHolderStrategy contexts;

    IdempotencyFilter(IdempotencyRepository stored, TenantDsl tenantDsl, Keyring keyring, ApiProblems problems,
            SecurityContextHolderStrategy contexts) {
        this.stored = stored;
        this.tenantDsl = tenantDsl;
        this.keyring = keyring;
        this.problems = problems;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String idempotencyKey = request.getHeader(HEADER);
        Authentication authentication = contexts.getContext().getAuthentication();
        @Nullable Caller caller = authentication instanceof ApiKeyAuthentication key ? Caller.of(key.getPrincipal(), tenantDsl)
                : authentication instanceof PlatformKeyAuthentication platform ? Caller.of(platform.getPrincipal(), stored) : null;
        if (caller == null) {
            chain.doFilter(request, response);
            return;
        }
        boolean keyed = "POST".equals(request.getMethod()) && idempotencyKey != null;
        if (keyed && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
            problems.write(request, response, problems.refusal(ApiRequestException.invalid(HEADER), request.getLocale()));
            return;
        }
        // Read for every method with a body, keyed or not: the JSON reader would take a body of any size into memory.
        if (!BODY_METHODS.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        byte @Nullable [] body = bodyWithinLimit(request);
        if (body == null) {
            problems.write(request, response, problems.of(HttpStatus.CONTENT_TOO_LARGE, "api.request-too-large", request.getLocale(), null));
            return;
        }
        if (!keyed) {
            chain.doFilter(new CachedBody(request, body), response);
            return;
        }
        UUID keyId = caller.keyId();
        byte[] fingerprint = fingerprint(request, body);
        DSLContext tenant = caller.store();
        Optional<UUID> claim = stored.claim(tenant, keyId, idempotencyKey, fingerprint);
        if (claim.isEmpty()) {
            replay(request, response, stored.find(tenant, keyId, idempotencyKey), fingerprint, caller, idempotencyKey);
            return;
        }
        UUID token = claim.get();
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new CachedBody(request, body), recorded);
        } catch (IOException | ServletException | RuntimeException failed) {
            stored.release(tenant, keyId, idempotencyKey, token);
            throw failed;
        }
        int status = recorded.getStatus();
        if (status >= 500 || RELEASED.contains(status)) {
            stored.release(tenant, keyId, idempotencyKey, token);
        } else {
            // Not stored when this request ran past its lease and a retry took the claim over: this client still gets
            // this response, later retries the one the retry stores.
            stored.complete(tenant, keyId, idempotencyKey, token, status, recorded.getContentType(),
                    seal(recorded.getContentAsByteArray(), caller, idempotencyKey));
        }
        recorded.copyBodyToResponse();
    }

    /**
     * The body, held in memory to fingerprint it and serve it again; null when larger than {@link #MAX_BODY_BYTES},
     * found out before more than that is read.
     */
    private static byte @Nullable [] bodyWithinLimit(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            return null;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private void replay(HttpServletRequest request, HttpServletResponse response, Optional<IdempotencyRepository.Stored> first,
            byte[] fingerprint, Caller caller, String idempotencyKey) throws IOException {
        if (first.isPresent() && !MessageDigest.isEqual(first.get().fingerprint(), fingerprint)) {
            problems.write(request, response, problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "api.idempotency-key-reused", request.getLocale(), null));
            return;
        }
        if (first.isEmpty() || first.get().status() == null) {
            // Still being served (or released a moment ago): the client retries.
            problems.write(request, response, problems.of(HttpStatus.CONFLICT, "api.idempotency-in-progress", request.getLocale(), null));
            return;
        }
        IdempotencyRepository.Stored answer = first.get();
        response.setStatus(answer.status());
        response.setHeader(REPLAYED, "true");
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        byte[] body = answer.body() == null ? new byte[0] : open(answer.body(), caller, idempotencyKey);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static byte[] fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String query = request.getQueryString() == null ? "" : request.getQueryString();
            digest.update((request.getMethod() + "\n" + request.getRequestURI() + "\n" + query + "\n").getBytes(StandardCharsets.UTF_8));
            return digest.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private byte[] seal(byte[] body, Caller caller, String idempotencyKey) {
        try {
            return keyring.aead(KeyPurpose.SECRETS).encrypt(body, associatedData(caller, idempotencyKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a stored API response", e);
        }
    }

    private byte[] open(byte[] sealed, Caller caller, String idempotencyKey) {
        try {
            return keyring.aead(KeyPurpose.SECRETS).decrypt(sealed, associatedData(caller, idempotencyKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not decrypt a stored API response", e);
        }
    }

    private static byte[] associatedData(Caller caller, String idempotencyKey) {
        return ("atrium-api-idempotency:" + caller.realm() + ":" + caller.keyId() + ":" + idempotencyKey).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The key a request came with: where its claims are kept, and the realm its stored responses are sealed to (the
     * workspace's id, or "platform").
     */
    private record Caller(UUID keyId, DSLContext store, String realm) {

        static Caller of(TenantScope scope, TenantDsl tenantDsl) {
            return new Caller(scope.actor().id(), tenantDsl.of(scope), scope.workspaceId().toString());
        }

        static Caller of(Actor.ApiKey platformKey, IdempotencyRepository stored) {
            return new Caller(platformKey.id(), stored.platformStore(), "platform");
        }
    }

    /** The request with its body read already (to fingerprint it), served again to the controller. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body is read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), getCharacterEncoding() == null ? StandardCharsets.UTF_8
                    : java.nio.charset.Charset.forName(getCharacterEncoding())));
        }
    }
}
