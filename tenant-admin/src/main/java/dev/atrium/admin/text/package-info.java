/**
 * Rules for text that one person chooses and others see (workspace and role names, descriptions): how it is
 * normalised, which characters are refused, what counts as a link, and when two names look alike.
 */
@NullMarked
package dev.atrium.admin.text;

import org.jspecify.annotations.NullMarked;
