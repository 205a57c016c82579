/**
 * How a host gets Atrium: its settings ({@code atrium.*}, bound and validated at start-up into
 * {@link dev.atrium.admin.config.AtriumProperties}) and the auto-configuration of its services, with scheduling on.
 * Depends on no capability.
 */
@NullMarked
package dev.atrium.admin.config;

import org.jspecify.annotations.NullMarked;
