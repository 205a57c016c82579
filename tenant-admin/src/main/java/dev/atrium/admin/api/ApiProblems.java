package dev.atrium.admin.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.vaadin.flow.i18n.I18NProvider;

import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.ratelimit.RateLimitExceededException;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.refusal.Reason;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem details ({@code application/problem+json}) for the API: the HTTP status, the refusal's message
 * in the caller's language (Accept-Language) as {@code detail}, and its stable code as the extension member
 * {@code code}; validation problems list each field in {@code errors}. Something that does not exist and something of
 * another workspace are the same 404.
 */
final class ApiProblems {

    static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    static final String UNAUTHENTICATED = "api.unauthenticated";
    static final String NOT_FOUND = "api.not-found";
    static final String INVALID_REQUEST = "api.invalid-request";
    static final String INVALID_PARAMETER = "api.invalid-parameter";
    static final String PLATFORM_KEY_REQUIRED = "api.platform-key-required";
    static final String PLATFORM_KEY_NOT_ALLOWED = "api.platform-key-not-allowed";

    private static final List<String> NOT_FOUND_SUFFIXES = List.of("not-found", "not-a-member", ".gone", ".unknown");
    private static final Set<String> CONFLICT_WORDS = Set.of("already", "taken", "in-use", "last-owner", "meanwhile", "newer-exists");

    private final I18NProvider translations;
    private final JsonMapper json = JsonMapper.builder().build();

    ApiProblems(I18NProvider translations) {
        this.translations = translations;
    }

    /** A field of the request and what is wrong with it. */
    record FieldError(String field, String code, String detail) {
    }

    HttpStatus statusOf(AtriumRefusal refusal) {
        if (refusal instanceof PermissionDeniedException) {
            return HttpStatus.FORBIDDEN;
        }
        if (refusal instanceof RateLimitExceededException) {
            return HttpStatus.TOO_MANY_REQUESTS;
        }
        String code = refusal.code();
        if (NOT_FOUND_SUFFIXES.stream().anyMatch(code::endsWith)) {
            return HttpStatus.NOT_FOUND;
        }
        if (CONFLICT_WORDS.stream().anyMatch(code::contains)) {
            return HttpStatus.CONFLICT;
        }
        return HttpStatus.UNPROCESSABLE_CONTENT;
    }

    ResponseEntity<Map<String, Object>> refusal(AtriumRefusal refusal, Locale locale) {
        return refusal(refusal, locale, null);
    }

    /** The refusal, with what is wrong with each field of the request. */
    ResponseEntity<Map<String, Object>> refusal(AtriumRefusal refusal, Locale locale, @Nullable List<FieldError> errors) {
        HttpStatus status = statusOf(refusal);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(PROBLEM_JSON);
        if (refusal instanceof RateLimitExceededException limited) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, limited.retryAfter().toSeconds())));
        }
        return response.body(body(status, refusal.code(), detail(refusal.reason(), locale), errors));
    }

    /** The reason's message in the locale. */
    String detail(Reason reason, Locale locale) {
        return translations.getTranslation(reason.messageKey(), locale, reason.args(key -> translations.getTranslation(key, locale)));
    }

    ResponseEntity<Map<String, Object>> of(HttpStatus status, String code, Locale locale, @Nullable List<FieldError> errors) {
        return ResponseEntity.status(status).contentType(PROBLEM_JSON)
                .body(body(status, code, translations.getTranslation("error." + code, locale), errors));
    }

    /** For answers the filter chain gives before any controller runs (401, 429). */
    void write(HttpServletRequest request, HttpServletResponse response, ResponseEntity<Map<String, Object>> problem) throws IOException {
        response.setStatus(problem.getStatusCode().value());
        problem.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem.getBody());
    }

    private static Map<String, Object> body(HttpStatus status, String code, String detail, @Nullable List<FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("code", code);
        if (errors != null) {
            body.put("errors", errors);
        }
        return body;
    }
}
