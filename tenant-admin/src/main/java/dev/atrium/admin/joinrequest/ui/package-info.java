/**
 * Join requests' components: the "your colleagues use" panel (welcome page, create-workspace dialog) and what choosing
 * a suggestion does wherever it is shown (also the header's switcher), the requester's outcomes, the pending requests on
 * the Members page and the join setting in Settings.
 */
@NullMarked
package dev.atrium.admin.joinrequest.ui;

import org.jspecify.annotations.NullMarked;
