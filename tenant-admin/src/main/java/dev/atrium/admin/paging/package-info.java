/**
 * Page requests of lazily loaded lists, and their sort orders turned into SQL from whitelisted properties only. Long
 * lists page by keyset ({@link dev.atrium.admin.paging.Sorting.Keyset}): a page starts after a row's sort key, so a
 * deep page costs what the first does and rows added or removed meanwhile neither repeat nor skip others.
 */
@NullMarked
package dev.atrium.admin.paging;

import org.jspecify.annotations.NullMarked;
