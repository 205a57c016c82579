package dev.atrium.admin.sso;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a Test connection brought back, shown once on the Single sign-on section: the claims (name → value in name order, never
 * tokens) or why it failed.
 *
 * @param failure empty when the test succeeded; else a short, untranslated reason (the identity provider's error code
 *        and description, or Atrium's refusal code)
 */
public record SsoTestResult(UUID workspaceId, boolean succeeded, Map<String, String> claims, @Nullable String failure)
        implements Serializable {

    /** Where the web layer keeps the result in the admin's HTTP session until the section shows it. */
    public static final String SESSION_ATTRIBUTE = SsoTestResult.class.getName();

    public SsoTestResult {
        claims = Collections.unmodifiableMap(new TreeMap<>(claims));
    }
}
