package dev.atrium.admin.keys;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import dev.atrium.admin.config.AtriumProperties;

/**
 * The operator's key rotation: started with {@code --atrium.keys.rotate=audit-chain} (or {@code audit-checkpoint},
 * {@code sso-client-secrets}, {@code invitation-tokens}, {@code webhook-secrets}, {@code api-cursors}, several
 * comma-separated), Atrium adds a new primary key to each named keyset and exits.
 * Earlier keys stay in the keyset, so every event and checkpoint they made still verifies and every secret they sealed
 * still opens; what is signed or sealed from then on uses the new key.
 */
@Component
public class KeyRotation implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);
    private static final Map<String, KeyPurpose> ROTATABLE = Map.of(
            "audit-chain", KeyPurpose.AUDIT_CHAIN,
            "audit-checkpoint", KeyPurpose.AUDIT_CHECKPOINT,
            "sso-client-secrets", KeyPurpose.SSO_CLIENT_SECRETS,
            "invitation-tokens", KeyPurpose.INVITATION_TOKENS,
            "webhook-secrets", KeyPurpose.WEBHOOK_SECRETS,
            "api-cursors", KeyPurpose.API_CURSORS);

    private final Keyring keyring;
    private final ConfigurableApplicationContext context;
    private final String requested;

    KeyRotation(Keyring keyring, ConfigurableApplicationContext context, AtriumProperties properties) {
        this.keyring = keyring;
        this.context = context;
        this.requested = properties.keys().rotate();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (requested.isBlank()) {
            return;
        }
        rotate(requested).forEach((name, keyId) -> log.warn("Rotated the {} keyset: its new primary key is {}", name, keyId));
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    /**
     * Rotates each named keyset; names none of them if one name is unknown.
     *
     * @return each rotated keyset's new primary key id, by name
     */
    public Map<String, Integer> rotate(String names) {
        String[] each = Arrays.stream(names.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toArray(String[]::new);
        for (String name : each) {
            if (!ROTATABLE.containsKey(name)) {
                throw new IllegalArgumentException("atrium.keys.rotate: unknown keyset '" + name + "'; use one of " + ROTATABLE.keySet());
            }
        }
        Map<String, Integer> rotated = new LinkedHashMap<>();
        for (String name : each) {
            rotated.put(name, keyring.rotate(ROTATABLE.get(name)));
        }
        return rotated;
    }
}
