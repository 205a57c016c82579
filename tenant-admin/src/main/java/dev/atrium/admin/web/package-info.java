/**
 * Per-request plumbing of the web application: request ids, the request's origin for audit events, and the public
 * URL for e-mailed links.
 */
@NullMarked
package dev.atrium.admin.web;

import org.jspecify.annotations.NullMarked;
