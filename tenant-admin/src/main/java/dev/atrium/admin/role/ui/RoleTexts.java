package dev.atrium.admin.role.ui;

import com.vaadin.flow.component.UI;

import dev.atrium.admin.access.RoleSummary;

/**
 * What a role's description reads in the UI's language: a built-in role's comes from the bundles
 * ({@code role.built-in.<key>.description}; the one stored with it is English), a custom role's is the one its
 * members wrote. Role names are proper names (Owner, Admin, Member, Guest) in every language.
 */
final class RoleTexts {

    static final String BUILT_IN_PREFIX = "role.built-in.";

    private RoleTexts() {
    }

    static String description(RoleSummary role) {
        return role.builtIn() ? UI.getCurrent().getTranslation(BUILT_IN_PREFIX + role.key() + ".description") : role.description();
    }
}
