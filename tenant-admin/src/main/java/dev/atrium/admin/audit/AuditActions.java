package dev.atrium.admin.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every action the audit log records, grouped for the action filter. */
public final class AuditActions {

    public static final String WORKSPACE_CREATED = "workspace.created";
    public static final String WORKSPACE_RENAMED = "workspace.renamed";
    public static final String WORKSPACE_SETTINGS_CHANGED = "workspace.settings_changed";
    public static final String MEMBER_JOINED = "member.joined";
    public static final String MEMBER_ROLE_CHANGED = "member.role_changed";
    public static final String MEMBER_REMOVED = "member.removed";
    public static final String MEMBER_LEFT = "member.left";
    public static final String OWNERSHIP_TRANSFERRED = "member.ownership_transferred";
    public static final String INVITATION_CREATED = "invitation.created";
    public static final String INVITATION_RESENT = "invitation.resent";
    public static final String INVITATION_CANCELLED = "invitation.cancelled";
    public static final String INVITATION_ACCEPTED = "invitation.accepted";
    public static final String INVITATION_EXPIRED_ON_USE = "invitation.expired_on_use";
    // the system: an invitation ran out (announced once, by the expiry job or when it is used late)
    public static final String INVITATION_EXPIRED = "invitation.expired";
    public static final String INVITATION_MAIL_FAILED = "invitation.mail_failed";
    // invites: pushing a pending invitation's expiry without a new link
    public static final String INVITATION_EXTENDED = "invitation.extended";
    public static final String ROLE_CREATED = "role.created";
    public static final String ROLE_UPDATED = "role.updated";
    public static final String ROLE_DELETED = "role.deleted";
    public static final String DOMAIN_ADDED = "domain.added";
    public static final String DOMAIN_VERIFIED = "domain.verified";
    public static final String DOMAIN_VERIFICATION_FAILED = "domain.verification_failed";
    public static final String DOMAIN_UNVERIFIED = "domain.unverified";
    public static final String DOMAIN_REMOVED = "domain.removed";
    public static final String SSO_CONNECTION_CREATED = "sso.connection_created";
    public static final String SSO_CONNECTION_UPDATED = "sso.connection_updated";
    public static final String SSO_CONNECTION_ENABLED = "sso.connection_enabled";
    public static final String SSO_CONNECTION_DISABLED = "sso.connection_disabled";
    public static final String SSO_CONNECTION_DELETED = "sso.connection_deleted";
    // Signing in through a connection
    public static final String SSO_IDENTITY_LINKED = "sso.identity_linked";
    // oidcweb: Test connection
    public static final String SSO_CONNECTION_TESTED = "sso.connection_tested";
    // SSO policies (policy): "Require SSO", "Require multi-factor", group-to-role mappings, break-glass.
    public static final String SSO_POLICY_CHANGED = "sso.policy_changed";
    public static final String SSO_GROUP_MAPPING_ADDED = "sso.group_mapping_added";
    public static final String SSO_GROUP_MAPPING_REMOVED = "sso.group_mapping_removed";
    public static final String SSO_GROUP_MAPPING_SKIPPED = "sso.group_mapping_skipped";
    public static final String SSO_BREAK_GLASS_USED = "sso.break_glass_used";
    // Join requests by domain (joinreq)
    public static final String JOINREQUEST_CREATED = "joinrequest.created";
    public static final String JOINREQUEST_APPROVED = "joinrequest.approved";
    public static final String JOINREQUEST_DENIED = "joinrequest.denied";
    public static final String JOINREQUEST_JOINED_AUTOMATICALLY = "joinrequest.joined_automatically";
    // joinlinks: shareable join links (created, revoked, used by the joining account)
    public static final String JOINLINK_CREATED = "joinlink.created";
    public static final String JOINLINK_REVOKED = "joinlink.revoked";
    public static final String JOINLINK_USED = "joinlink.used";
    // API keys: created and revoked by a member; what a key changes is audited with the key as the actor.
    public static final String APIKEY_CREATED = "apikey.created";
    public static final String APIKEY_REVOKED = "apikey.revoked";
    public static final String ACCOUNT_SIGNED_IN = "account.signed_in";
    public static final String ACCOUNT_SIGNED_OUT = "account.signed_out";
    public static final String AUDIT_VIEWED = "audit.viewed";
    public static final String AUDIT_EXPORTED = "audit.exported";
    public static final String AUDIT_SETTINGS_CHANGED = "audit.settings_changed";
    public static final String AUDIT_PURGED = "audit.purged";
    // Jobs: invitation reminders and deleting a workspace.
    public static final String INVITATION_REMINDED = "invitation.reminded";
    /** A bulk invite (CSV file) confirmed: its rows are stored and invited in the background. */
    public static final String INVITATION_BULK_CONFIRMED = "invitation.bulk_confirmed";
    public static final String WORKSPACE_DELETED = "workspace.deleted";
    public static final String WORKSPACE_RESTORED = "workspace.restored";
    public static final String WORKSPACE_EXPORTED = "workspace.exported";
    // Webhooks: endpoints, their secrets and deliveries; the system disables an endpoint that kept failing.
    public static final String WEBHOOK_CREATED = "webhook.created";
    public static final String WEBHOOK_UPDATED = "webhook.updated";
    public static final String WEBHOOK_ENABLED = "webhook.enabled";
    public static final String WEBHOOK_DISABLED = "webhook.disabled";
    public static final String WEBHOOK_DELETED = "webhook.deleted";
    public static final String WEBHOOK_SECRET_ROTATED = "webhook.secret_rotated";
    public static final String WEBHOOK_REDELIVERED = "webhook.redelivered";
    public static final String WEBHOOK_TEST_SENT = "webhook.test_sent";
    public static final String WEBHOOK_DISABLED_AFTER_FAILURES = "webhook.disabled_after_failures";

    private AuditActions() {
    }

    /** Group label → actions, for the filter; a group filters by its prefix. */
    public static Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("workspace.", List.of(WORKSPACE_CREATED, WORKSPACE_RENAMED, WORKSPACE_SETTINGS_CHANGED, WORKSPACE_EXPORTED,
                WORKSPACE_DELETED, WORKSPACE_RESTORED));
        groups.put("member.", List.of(MEMBER_JOINED, MEMBER_ROLE_CHANGED, MEMBER_REMOVED, MEMBER_LEFT, OWNERSHIP_TRANSFERRED));
        groups.put("invitation.", List.of(INVITATION_CREATED, INVITATION_RESENT, INVITATION_CANCELLED, INVITATION_ACCEPTED,
                INVITATION_EXPIRED, INVITATION_EXPIRED_ON_USE, INVITATION_MAIL_FAILED, INVITATION_REMINDED, INVITATION_EXTENDED,
                INVITATION_BULK_CONFIRMED));
        groups.put("joinlink.", List.of(JOINLINK_CREATED, JOINLINK_REVOKED, JOINLINK_USED));
        groups.put("apikey.", List.of(APIKEY_CREATED, APIKEY_REVOKED));
        groups.put("role.", List.of(ROLE_CREATED, ROLE_UPDATED, ROLE_DELETED));
        groups.put("domain.", List.of(DOMAIN_ADDED, DOMAIN_VERIFIED, DOMAIN_VERIFICATION_FAILED, DOMAIN_UNVERIFIED, DOMAIN_REMOVED));
        groups.put("sso.", List.of(SSO_CONNECTION_CREATED, SSO_CONNECTION_UPDATED, SSO_CONNECTION_ENABLED, SSO_CONNECTION_DISABLED,
                SSO_CONNECTION_DELETED, SSO_IDENTITY_LINKED, SSO_CONNECTION_TESTED, SSO_POLICY_CHANGED, SSO_GROUP_MAPPING_ADDED,
                SSO_GROUP_MAPPING_REMOVED, SSO_GROUP_MAPPING_SKIPPED, SSO_BREAK_GLASS_USED));
        groups.put("joinrequest.", List.of(JOINREQUEST_CREATED, JOINREQUEST_APPROVED, JOINREQUEST_DENIED,
                JOINREQUEST_JOINED_AUTOMATICALLY));
        groups.put("account.", List.of(ACCOUNT_SIGNED_IN, ACCOUNT_SIGNED_OUT));
        groups.put("audit.", List.of(AUDIT_VIEWED, AUDIT_EXPORTED, AUDIT_SETTINGS_CHANGED, AUDIT_PURGED));
        groups.put("webhook.", List.of(WEBHOOK_CREATED, WEBHOOK_UPDATED, WEBHOOK_ENABLED, WEBHOOK_DISABLED, WEBHOOK_DELETED,
                WEBHOOK_SECRET_ROTATED, WEBHOOK_REDELIVERED, WEBHOOK_TEST_SENT, WEBHOOK_DISABLED_AFTER_FAILURES));
        return groups;
    }
}
