package dev.atrium.admin.security;

import java.util.Iterator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import dev.atrium.admin.sso.SsoDirectory;

/**
 * The client registrations of the sign-in flow: the application's own (from properties, the local provider, or a
 * host's own {@link ClientRegistrationRepository} bean), and those of workspaces' connections ({@code sso-…}, served
 * by {@link SsoDirectory}). Iterating lists only the application's own: the sign-in page offers those, never a
 * workspace's.
 */
class AtriumClientRegistrations implements ClientRegistrationRepository, Iterable<ClientRegistration> {

    private final ClientRegistrationRepository appWide;
    private final List<ClientRegistration> providers;
    private final SsoDirectory sso;

    AtriumClientRegistrations(ClientRegistrationRepository appWide, SsoDirectory sso) {
        this.appWide = appWide;
        this.providers = SecurityAutoConfiguration.providers(appWide);
        this.sso = sso;
    }

    @Override
    public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
        ClientRegistration own = appWide.findByRegistrationId(registrationId);
        return own != null ? own : sso.registration(registrationId).orElse(null);
    }

    @Override
    public Iterator<ClientRegistration> iterator() {
        return providers.iterator();
    }
}
