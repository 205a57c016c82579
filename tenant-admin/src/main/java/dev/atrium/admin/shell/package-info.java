/**
 * The workspace shell a host application's pages sit in: the signed-in frame ({@code MainLayout}) with workspace
 * switcher, account menu and navigation; the workspace frame under {@code /w/{slug}} that binds the workspace; the
 * page base that declares a page's permission once ({@code WorkspacePage}, {@code @PagePermission},
 * {@code @WorkspaceNav}); and Atrium's own routes (home, members, invitations, roles, audit log, settings, the
 * invitation link, the error pages). A UI package: it places the capabilities' components and decides nothing.
 */
@NullMarked
package dev.atrium.admin.shell;

import org.jspecify.annotations.NullMarked;
