/**
 * Atrium's one error model: a refusal is a {@link dev.atrium.admin.refusal.Reason} (a stable code and its
 * arguments) carried by an {@link dev.atrium.admin.refusal.AtriumRefusal}. Services never word a refusal; the UI
 * resolves {@code error.<code>} from the message bundles in the person's language. Depends on nothing else of Atrium.
 */
@NullMarked
package dev.atrium.admin.refusal;

import org.jspecify.annotations.NullMarked;
