/**
 * Atrium's meters (Micrometer, named {@code atrium.*}, exported as {@code atrium_*}) that belong to no single
 * capability: invitations sent, accepted and failed, the outbox backlog, active UI sessions; and who may read them at
 * {@code /actuator/prometheus}: operators, and a scraper presenting the token whose SHA-256 is configured. Meters of
 * one capability (permission cache, audit appends, webhook failures, workspace migrations) are registered where they
 * are measured.
 */
@NullMarked
package dev.atrium.admin.metrics;

import org.jspecify.annotations.NullMarked;
