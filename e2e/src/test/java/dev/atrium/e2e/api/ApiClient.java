package dev.atrium.e2e.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** Atrium's REST API over real HTTP, as a machine calls it: no cookies, no redirects followed, a key or none. */
final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String baseUrl;
    private final String key;

    ApiClient(int port, String key) {
        this.baseUrl = "http://localhost:" + port;
        this.key = key;
    }

    /** A response, with its JSON body read as maps and lists. */
    record Response(int status, HttpResponse<String> raw) {

        String body() {
            return raw.body();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        Map<String, Object> json() {
            return JSON.readValue(raw.body(), Map.class);
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items() {
            return (List<Map<String, Object>>) json().get("items");
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list() {
            return JSON.readValue(raw.body(), List.class);
        }
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    Response delete(String path) {
        return send("DELETE", path, null);
    }

    Response post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    Response send(String method, String path, Object body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept-Language", "en");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
