package dev.atrium.admin.webhook;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.atrium.admin.audit.AuditActions;

/**
 * The event types an endpoint can subscribe to, each derived from audit actions, so that every change that is audited
 * (in its own transaction) is also offered to webhooks without the services knowing of them.
 */
public final class WebhookEventTypes {

    public static final String MEMBER_JOINED = "member.joined";
    public static final String MEMBER_REMOVED = "member.removed";
    public static final String MEMBER_ROLE_CHANGED = "member.role_changed";
    public static final String INVITATION_CREATED = "invitation.created";
    public static final String INVITATION_ACCEPTED = "invitation.accepted";
    public static final String INVITATION_CANCELLED = "invitation.cancelled";
    public static final String INVITATION_EXPIRED = "invitation.expired";
    public static final String ROLE_CREATED = "role.created";
    public static final String ROLE_UPDATED = "role.updated";
    public static final String ROLE_DELETED = "role.deleted";
    public static final String WORKSPACE_SETTINGS_CHANGED = "workspace.settings_changed";
    public static final String SSO_CONNECTION_CHANGED = "sso.connection_changed";
    /** Every audit event, whatever its action: the SIEM stream. */
    public static final String AUDIT_EVENT = "audit.event";
    /** Sent to one endpoint on request ("Send test event"); not subscribable. */
    public static final String TEST = "webhook.test";

    private static final Map<String, String> BY_AUDIT_ACTION = Map.ofEntries(
            Map.entry(AuditActions.MEMBER_JOINED, MEMBER_JOINED),
            Map.entry(AuditActions.MEMBER_REMOVED, MEMBER_REMOVED),
            Map.entry(AuditActions.MEMBER_LEFT, MEMBER_REMOVED),
            Map.entry(AuditActions.MEMBER_ROLE_CHANGED, MEMBER_ROLE_CHANGED),
            Map.entry(AuditActions.OWNERSHIP_TRANSFERRED, MEMBER_ROLE_CHANGED),
            Map.entry(AuditActions.INVITATION_CREATED, INVITATION_CREATED),
            Map.entry(AuditActions.INVITATION_ACCEPTED, INVITATION_ACCEPTED),
            Map.entry(AuditActions.INVITATION_CANCELLED, INVITATION_CANCELLED),
            // Announced once per invitation (InvitationExpiries); a late use is only an audit event of its own.
            Map.entry(AuditActions.INVITATION_EXPIRED, INVITATION_EXPIRED),
            Map.entry(AuditActions.ROLE_CREATED, ROLE_CREATED),
            Map.entry(AuditActions.ROLE_UPDATED, ROLE_UPDATED),
            Map.entry(AuditActions.ROLE_DELETED, ROLE_DELETED),
            Map.entry(AuditActions.WORKSPACE_SETTINGS_CHANGED, WORKSPACE_SETTINGS_CHANGED),
            Map.entry(AuditActions.WORKSPACE_RENAMED, WORKSPACE_SETTINGS_CHANGED),
            Map.entry(AuditActions.SSO_CONNECTION_CREATED, SSO_CONNECTION_CHANGED),
            Map.entry(AuditActions.SSO_CONNECTION_UPDATED, SSO_CONNECTION_CHANGED),
            Map.entry(AuditActions.SSO_CONNECTION_ENABLED, SSO_CONNECTION_CHANGED),
            Map.entry(AuditActions.SSO_CONNECTION_DISABLED, SSO_CONNECTION_CHANGED),
            Map.entry(AuditActions.SSO_CONNECTION_DELETED, SSO_CONNECTION_CHANGED));

    private WebhookEventTypes() {
    }

    /** What an endpoint can subscribe to, in the order the page lists them. */
    public static List<String> subscribable() {
        return List.of(MEMBER_JOINED, MEMBER_REMOVED, MEMBER_ROLE_CHANGED, INVITATION_CREATED, INVITATION_ACCEPTED,
                INVITATION_CANCELLED, INVITATION_EXPIRED, ROLE_CREATED, ROLE_UPDATED, ROLE_DELETED, WORKSPACE_SETTINGS_CHANGED,
                SSO_CONNECTION_CHANGED, AUDIT_EVENT);
    }

    /** The event type an audit action is, if any (besides {@link #AUDIT_EVENT}, which every action is). */
    static Optional<String> of(String auditAction) {
        return Optional.ofNullable(BY_AUDIT_ACTION.get(auditAction));
    }

    /** Every type an audit action is delivered as. */
    static List<String> typesOf(String auditAction) {
        return of(auditAction).map(type -> List.of(type, AUDIT_EVENT)).orElse(List.of(AUDIT_EVENT));
    }
}
