package dev.atrium.admin.joinrequest;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** The workspace's join setting; {@code defaultRoleId} is set in {@link JoinMode#AUTOMATIC} only. */
public record JoinSetting(JoinMode mode, @Nullable UUID defaultRoleId) {

    static final JoinSetting OFF = new JoinSetting(JoinMode.OFF, null);
}
