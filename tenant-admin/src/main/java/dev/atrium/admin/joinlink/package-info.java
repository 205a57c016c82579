/**
 * Join links: a shareable link that makes whoever opens it (signed in) a member with a role, without an e-mail. Each
 * link has an expiry, optionally a maximum number of uses and allowed e-mail domains; its token is shown once and only
 * its hash is stored; every use rests on the creator's authority at that moment and is counted atomically.
 */
@NullMarked
package dev.atrium.admin.joinlink;

import org.jspecify.annotations.NullMarked;
