/**
 * Development-only stand-ins (a local OpenID Connect provider and an SMTP sink), so that Atrium runs with nothing
 * else installed. On the classpath of {@code spring-boot:run} and the tests, never in the production jar.
 */
@NullMarked
package dev.atrium.dev;

import org.jspecify.annotations.NullMarked;
