/**
 * Verified domains: a workspace claims a domain, proves it controls it by publishing a DNS TXT record
 * ({@link dev.atrium.admin.domain.DomainService}), and keeps it only while the record stays published (a scheduled
 * re-check). A domain is verified by at most one workspace; free-mail and disposable domains are never claimed. DNS is
 * reached through {@link dev.atrium.admin.domain.DomainTxtLookup}. Its Settings section is in {@code ui}.
 */
@NullMarked
package dev.atrium.admin.domain;

import org.jspecify.annotations.NullMarked;
