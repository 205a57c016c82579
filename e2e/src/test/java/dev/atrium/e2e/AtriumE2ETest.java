package dev.atrium.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import dev.atrium.admin.dns.TestDnsConfiguration;
import dev.atrium.admin.time.MutableClock;
import dev.atrium.app.AtriumApplication;

/**
 * The whole application on a random port. Every e2e class carries exactly this configuration, so Spring's test
 * context cache starts the app (and its database, OIDC provider and SMTP sink) once for the suite. Its clock is the
 * one tests move instead of backdating rows; its DNS server ({@code atrium.domains.dns-server}) is the in-process one
 * tests publish TXT records in.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = AtriumApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("e2e")
@Import({ MutableClock.class, TestDnsConfiguration.class })
public @interface AtriumE2ETest {
}
