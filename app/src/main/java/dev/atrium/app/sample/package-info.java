/**
 * What the sample host application adds to Atrium: its own permissions in the catalog.
 */
@NullMarked
package dev.atrium.app.sample;

import org.jspecify.annotations.NullMarked;
