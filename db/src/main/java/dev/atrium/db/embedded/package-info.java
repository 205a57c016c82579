/**
 * The embedded PostgreSQL started when no database is configured: durable in a data directory for development
 * runs, throw-away for tests.
 */
@NullMarked
package dev.atrium.db.embedded;

import org.jspecify.annotations.NullMarked;
