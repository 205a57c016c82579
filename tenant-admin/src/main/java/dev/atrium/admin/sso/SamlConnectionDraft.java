package dev.atrium.admin.sso;

import java.util.UUID;

/**
 * What an admin types to create or change a SAML connection (or to turn an OIDC connection into one).
 *
 * @param metadataUrl the IdP metadata's https address; fetched at save time. Blank: {@code metadataXml} is used.
 * @param metadataXml the IdP metadata, pasted; used when {@code metadataUrl} is blank
 * @param emailAttribute blank: the NameID is the e-mail address
 * @param groupsAttribute blank: no groups
 * @param allowIdpInitiated accept sign-ins started at the IdP (login CSRF risk)
 */
public record SamlConnectionDraft(SsoPreset preset, String metadataUrl, String metadataXml, String emailAttribute,
        String groupsAttribute, UUID defaultRoleId, boolean allowIdpInitiated) {
}
