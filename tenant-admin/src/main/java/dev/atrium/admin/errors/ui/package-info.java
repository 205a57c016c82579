/**
 * What a person sees when something escapes a component: a refusal as its translated message, anything unexpected as a
 * generic message with the request id that the log names too. Installed on every Vaadin session by auto-configuration.
 */
@NullMarked
package dev.atrium.admin.errors.ui;

import org.jspecify.annotations.NullMarked;
