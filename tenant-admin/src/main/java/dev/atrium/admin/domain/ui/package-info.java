/** The Domains section of Workspace → Settings: add, verify and remove the workspace's domains. */
@NullMarked
package dev.atrium.admin.domain.ui;

import org.jspecify.annotations.NullMarked;
