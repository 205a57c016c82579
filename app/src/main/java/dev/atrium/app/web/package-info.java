/**
 * Per-request plumbing: request ids, the request's origin for audit events, and the public URL for e-mailed links.
 */
@NullMarked
package dev.atrium.app.web;

import org.jspecify.annotations.NullMarked;
