/** Workspace → Settings → Single sign-on: the workspace's OIDC connection. */
@NullMarked
package dev.atrium.admin.sso.ui;

import org.jspecify.annotations.NullMarked;
