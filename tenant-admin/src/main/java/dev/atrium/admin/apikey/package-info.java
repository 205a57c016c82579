/**
 * API keys: how machines act in one workspace through the REST API. A key has a name, a role no stronger than its
 * creator may give (re-checked at every use), and an expiry ("never" only for Owners). Its secret is shown once and
 * only its SHA-256 is stored; the secret names the key (so its workspace is found without a tenant filter) and carries
 * a checksum, so typos are refused offline and secret scanners recognise it.
 */
@NullMarked
package dev.atrium.admin.apikey;

import org.jspecify.annotations.NullMarked;
