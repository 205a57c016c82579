package dev.atrium.admin.sso;

import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * Sign-in through a workspace's connection, whatever its protocol: the web layer checks the protocol (OIDC or SAML)
 * and hands over what the identity provider said; this service applies the account linking rules, adds the person to
 * the workspace just in time, and says where they land.
 */
@Service
public class SsoSignInService {

    /**
     * Signs the person in through the enabled connection of the workspace.
     *
     * @throws SsoException when the workspace has no enabled connection, the identity is not from the connection's
     *         identity provider, or a linking rule refuses it
     */
    public SsoSignIn signIn(UUID workspaceId, SsoIdentity identity) {
        throw new UnsupportedOperationException("Sign-in through a connection is being built (issue 10)");
    }
}
