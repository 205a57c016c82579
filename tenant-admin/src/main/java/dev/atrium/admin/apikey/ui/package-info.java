/** The API keys' admin list, the dialog that creates one and the dialog that shows its secret once. */
@NullMarked
package dev.atrium.admin.apikey.ui;

import org.jspecify.annotations.NullMarked;
