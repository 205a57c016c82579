package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Behind a trusted proxy (server.forward-headers-strategy) that terminated https, browsers are told to use https
 * only (HSTS); over plain http the header would mean nothing and is left out.
 */
@AtriumAppTest
class HttpsHeadersTest {

    @LocalServerPort
    int port;

    @Test
    void httpsForwardedByATrustedProxyGetsStrictTransportSecurity() throws Exception {
        HttpResponse<String> response = new HttpSession(port).get("/actuator/health", "X-Forwarded-Proto", "https");

        assertThat(response.headers().firstValue("Strict-Transport-Security"))
                .hasValue("max-age=31536000 ; includeSubDomains");
        assertThat(response.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("frame-ancestors 'none'");
    }

    @Test
    void plainHttpGetsNoStrictTransportSecurity() throws Exception {
        HttpResponse<String> response = new HttpSession(port).get("/actuator/health");

        assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
}
