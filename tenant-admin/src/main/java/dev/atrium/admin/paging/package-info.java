/**
 * Page requests of lazily loaded lists, and their sort orders turned into SQL from whitelisted properties only.
 */
@NullMarked
package dev.atrium.admin.paging;

import org.jspecify.annotations.NullMarked;
