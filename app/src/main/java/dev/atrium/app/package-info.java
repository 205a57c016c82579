/**
 * The Atrium application: Spring Boot and Vaadin wiring the library ({@code dev.atrium.admin}) into a runnable
 * site.
 */
@NullMarked
package dev.atrium.app;

import org.jspecify.annotations.NullMarked;
