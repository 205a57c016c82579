/**
 * Rules for text that one person chooses and others see (workspace and role names, descriptions): how it is
 * normalised, which characters are refused, what counts as a link, and when two names look alike.
 */
package dev.atrium.admin.text;
