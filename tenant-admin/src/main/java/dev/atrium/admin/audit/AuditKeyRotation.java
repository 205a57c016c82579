package dev.atrium.admin.audit;

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
import dev.atrium.admin.keys.KeyPurpose;
import dev.atrium.admin.keys.Keyring;

/**
 * The operator's key rotation: started with {@code --atrium.keys.rotate=audit-chain} (or {@code audit-checkpoint}, or
 * both, comma-separated), Atrium adds a new primary key to each named keyset and exits. Earlier keys stay in the
 * keyset, so every event and checkpoint they made still verifies; new events and checkpoints use the new key.
 */
@Component
class AuditKeyRotation implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AuditKeyRotation.class);
    private static final Map<String, KeyPurpose> ROTATABLE = Map.of(
            "audit-chain", KeyPurpose.AUDIT_CHAIN,
            "audit-checkpoint", KeyPurpose.AUDIT_CHECKPOINT);

    private final Keyring keyring;
    private final ConfigurableApplicationContext context;
    private final String requested;

    AuditKeyRotation(Keyring keyring, ConfigurableApplicationContext context, AtriumProperties properties) {
        this.keyring = keyring;
        this.context = context;
        this.requested = properties.keys().rotate();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (requested.isBlank()) {
            return;
        }
        rotate(requested).forEach((name, keyId) -> log.warn("Rotated the {} keyset: new events are signed with key {}", name, keyId));
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    /**
     * Rotates each named keyset; names none of them if one name is unknown.
     *
     * @return each rotated keyset's new primary key id, by name
     */
    Map<String, Integer> rotate(String names) {
        String[] each = Arrays.stream(names.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toArray(String[]::new);
        for (String name : each) {
            if (!ROTATABLE.containsKey(name)) {
                throw new IllegalArgumentException("atrium.keys.rotate: unknown keyset '" + name + "'; use audit-chain or audit-checkpoint");
            }
        }
        Map<String, Integer> rotated = new LinkedHashMap<>();
        for (String name : each) {
            rotated.put(name, keyring.rotate(ROTATABLE.get(name)));
        }
        return rotated;
    }
}
