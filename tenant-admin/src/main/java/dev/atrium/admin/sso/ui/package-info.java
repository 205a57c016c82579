/** Workspace → Settings → Single sign-on: the workspace's OIDC or SAML connection. */
@NullMarked
package dev.atrium.admin.sso.ui;

import org.jspecify.annotations.NullMarked;
