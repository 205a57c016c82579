/**
 * Development-only stand-ins, so that Atrium runs with nothing else installed: an embedded PostgreSQL (when no
 * {@code spring.datasource.url} is set; durable in a data directory for development runs, throw-away for tests), a
 * local OpenID Connect provider and an SMTP sink. Auto-configured; on the classpath of {@code spring-boot:run} and
 * the tests, never in the production jar.
 */
@NullMarked
package dev.atrium.dev;

import org.jspecify.annotations.NullMarked;
