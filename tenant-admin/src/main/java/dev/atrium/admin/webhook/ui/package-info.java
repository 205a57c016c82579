/** The Webhooks page's components: endpoints, their once-shown secrets and their delivery logs. */
@NullMarked
package dev.atrium.admin.webhook.ui;

import org.jspecify.annotations.NullMarked;
