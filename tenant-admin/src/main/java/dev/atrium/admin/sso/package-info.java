/**
 * Single sign-on per workspace: an OIDC or SAML 2.0 connection to the workspace's own identity provider
 * ({@link dev.atrium.admin.sso.SsoService}), configured by holders of {@code workspace.manage_sso}. Connections live in
 * the platform schema because sign-in has to find them before any workspace is bound. The client secret and a SAML
 * connection's private key are encrypted with the {@code SSO_CLIENT_SECRETS} keyset, kept outside the database. SAML's
 * protocol checks are java-saml-core's ({@link dev.atrium.admin.sso.SamlService}). The workspace's SSO policies
 * ("Require SSO", "Require multi-factor", group-to-role mappings; {@link dev.atrium.admin.sso.SsoPolicyService}) live
 * in its own schema. Its Settings sections are in {@code ui}.
 * Signing in through a connection ends in {@link dev.atrium.admin.sso.SsoSignInService}, whatever the protocol: the
 * connection's checks, the account linking rules and the just-in-time membership.
 */
@NullMarked
package dev.atrium.admin.sso;

import org.jspecify.annotations.NullMarked;
