package dev.atrium.admin.invitation;

/** Where an invitation stands. Pending ones past their expiry are Expired. */
public enum InvitationStatus {
    PENDING("Pending"), ACCEPTED("Accepted"), EXPIRED("Expired"), CANCELLED("Cancelled");

    private final String label;

    InvitationStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
