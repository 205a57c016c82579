package dev.atrium.admin.api;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

import jakarta.servlet.Filter;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What the API answers when no controller does: a path under {@code /api/v1} no controller maps is a 404 problem,
 * and a mapped path with a method it does not take a 405 problem naming the methods it does ({@code Allow}); a body
 * of a type it does not take a 415 problem ({@code Accept}), an Accept it cannot answer a 406 problem. Without
 * this the first would fall through to the web app's catch-all mapping (Vaadin's: its HTML page, 200) and the second to
 * the container's error page (the others to an empty answer), and the API's controller advice cannot help: all arise
 * before a handler is chosen. A request the firewall or the container refuses, or one that fails, reaches no
 * controller at all: its error dispatch is answered as a problem too ({@link #errorDispatch}), where the web app's chain
 * would send it to the sign-in page.
 */
final class ApiFallback implements HandlerExceptionResolver, Ordered {

    /** After every controller mapping, before the web app's static resources and Vaadin's catch-all. */
    static final int NOT_FOUND_ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    private static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher(ApiAutoConfiguration.API_PATHS);
    /** {@link ApiAutoConfiguration#API_PATHS} without its wildcard. */
    private static final String API_PREFIX = ApiAutoConfiguration.API_PATHS.substring(0, ApiAutoConfiguration.API_PATHS.length() - 2);

    private final ApiProblems problems;

    ApiFallback(ApiProblems problems) {
        this.problems = problems;
    }

    /** Maps every API path to the 404 problem, at {@link #NOT_FOUND_ORDER}. */
    SimpleUrlHandlerMapping notFoundMapping() {
        HttpRequestHandler notFound = (request, response) -> problems.write(request, response,
                problems.of(HttpStatus.NOT_FOUND, ApiProblems.NOT_FOUND, request.getLocale(), null));
        return new SimpleUrlHandlerMapping(Map.of(ApiAutoConfiguration.API_PATHS, notFound), NOT_FOUND_ORDER);
    }

    /**
     * For error dispatches (registered ahead of the security filters): the error of a request under {@code /api/v1}
     * (the firewall refused its path or method, the container could not decode its query, it failed) as a problem
     * with the error's status; any other error dispatch goes on to the web app's error page.
     */
    Filter errorDispatch() {
        return (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            HttpServletResponse answer = (HttpServletResponse) response;
            // The refused address as sent: compared by its prefix, since it may not even parse as a path.
            if (!isApi(http.getContextPath(), (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)) || answer.isCommitted()) {
                chain.doFilter(request, response);
                return;
            }
            writeError(http, answer, request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500);
        };
    }

    /** Whether a request's address as sent, which may not even parse as a path, lies under {@code /api/v1}. */
    static boolean isApi(String contextPath, @Nullable String requestUri) {
        return requestUri != null && requestUri.startsWith(contextPath + API_PREFIX);
    }

    /** An error the request ended in before reaching a controller, with its status, as a problem. */
    void writeError(HttpServletRequest request, HttpServletResponse response, int statusCode) throws IOException {
        HttpStatus status = HttpStatus.resolve(statusCode) != null ? HttpStatus.valueOf(statusCode) : HttpStatus.INTERNAL_SERVER_ERROR;
        String code = switch (status) {
            case NOT_FOUND -> ApiProblems.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> "api.method-not-allowed";
            default -> status.is4xxClientError() ? ApiProblems.INVALID_REQUEST : "api.server-error";
        };
        problems.write(request, response, problems.of(status, code, request.getLocale(), null));
    }

    @Override
    public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, @Nullable Object handler,
            Exception failure) {
        if (!API.matches(request)) {
            return null;
        }
        HttpStatus status;
        String code;
        if (failure instanceof HttpRequestMethodNotSupportedException unsupported) {
            Set<String> allowed = unsupported.getSupportedHttpMethods() == null ? Set.of()
                    : unsupported.getSupportedHttpMethods().stream().map(Object::toString).collect(Collectors.toCollection(java.util.TreeSet::new));
            if (!allowed.isEmpty()) {
                response.setHeader(HttpHeaders.ALLOW, String.join(", ", allowed));
            }
            status = HttpStatus.METHOD_NOT_ALLOWED;
            code = "api.method-not-allowed";
        } else if (failure instanceof HttpMediaTypeNotSupportedException unsupported) {
            // Accept: the body types the path takes.
            unsupported.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            status = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            code = "api.unsupported-media-type";
        } else if (failure instanceof HttpMediaTypeNotAcceptableException) {
            status = HttpStatus.NOT_ACCEPTABLE;
            code = "api.not-acceptable";
        } else {
            return null;
        }
        try {
            problems.write(request, response, problems.of(status, code, request.getLocale(), null));
        } catch (IOException e) {
            return null;
        }
        return new ModelAndView();
    }

    /** Ahead of Spring's own resolvers, which would send the container's error page. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
