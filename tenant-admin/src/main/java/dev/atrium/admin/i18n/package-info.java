/**
 * Every text a person sees comes from message bundles: Atrium's own ({@code dev/atrium/admin/messages}) and the host
 * application's ({@code atrium.i18n.host-basenames}), in English and German. {@link AtriumTranslations} is Vaadin's
 * {@code I18NProvider}, so components call {@code getTranslation(key, args)}.
 */
@NullMarked
package dev.atrium.admin.i18n;

import org.jspecify.annotations.NullMarked;
