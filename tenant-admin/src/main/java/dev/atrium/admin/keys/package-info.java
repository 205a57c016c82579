/**
 * Keys kept outside the database: whoever holds the database's credentials must not be able to forge an audit chain,
 * sign a checkpoint or read an encrypted secret. One Tink keyset per {@link dev.atrium.admin.keys.KeyPurpose}, read
 * from a directory the operator keeps (and backs up) apart from the database; rotation adds a new primary key and
 * keeps the old ones for verifying and decrypting what they made.
 */
@NullMarked
package dev.atrium.admin.keys;

import org.jspecify.annotations.NullMarked;
