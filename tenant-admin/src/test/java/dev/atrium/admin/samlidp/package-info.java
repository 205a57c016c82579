/**
 * A SAML 2.0 identity provider the tests own ({@link dev.atrium.admin.samlidp.TestSamlIdp}): it serves its metadata
 * and answers AuthnRequests with responses signed by its test key (or deliberately flawed ones), for the integration
 * tests and, through the test-jar, the end-to-end suite.
 */
@NullMarked
package dev.atrium.admin.samlidp;

import org.jspecify.annotations.NullMarked;
