/** The join links' admin list, the dialog that creates one and the dialog that shows its link once. */
@NullMarked
package dev.atrium.admin.joinlink.ui;

import org.jspecify.annotations.NullMarked;
