package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person at Atrium over plain HTTP, like a browser: keeps Atrium's session cookie and signs in through the local
 * OpenID Connect provider's form (following its redirects by hand).
 */
final class HttpSession {

    private static final Pattern SESSION_COOKIE = Pattern.compile("JSESSIONID=([^;]+)");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String baseUrl;
    private String sessionId;

    HttpSession(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    HttpSession signIn(String email) throws IOException, InterruptedException {
        return signIn(email, "{\"name\": \"" + email + "\"}");
    }

    /** Signs in with these claims (JSON) added to the ID token, as the provider's form allows. */
    HttpSession signIn(String email, String claims) throws IOException, InterruptedException {
        HttpResponse<String> toProvider = get("/oauth2/authorization/dev");
        assertThat(toProvider.statusCode()).isEqualTo(302);
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&claims="
                + URLEncoder.encode(claims, StandardCharsets.UTF_8);
        HttpResponse<String> backToAtrium = http.send(HttpRequest.newBuilder(location(toProvider))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(backToAtrium.statusCode()).isEqualTo(302);
        HttpResponse<String> signedIn = send(HttpRequest.newBuilder(location(backToAtrium)));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).get().asString().doesNotContain("error");
        return this;
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (sessionId != null) {
            request.header("Cookie", "JSESSIONID=" + sessionId);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        response.headers().allValues("Set-Cookie").forEach(cookie -> {
            Matcher session = SESSION_COOKIE.matcher(cookie);
            if (session.find()) {
                sessionId = session.group(1);
            }
        });
        return response;
    }

    private static URI location(HttpResponse<?> response) {
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
    }
}
