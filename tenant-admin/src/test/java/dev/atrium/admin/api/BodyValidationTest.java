package dev.atrium.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

/**
 * A body listing a null is refused by validation (422 naming the field), not by the service: neither a server error
 * (an NPE) nor a refusal of the text "null".
 */
class BodyValidationTest {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    @Test
    void aNullPermissionIsAProblemOfThePermissionsField() {
        RolesApi.RoleBody body = new RolesApi.RoleBody("Auditors", null, new HashSet<>(Arrays.asList("audit.view", null)));

        assertThat(VALIDATION.getValidator().validate(body)).singleElement()
                .satisfies(problem -> assertThat(problem.getPropertyPath().toString()).startsWith("permissions"));
    }

    @Test
    void aNullAllowedDomainIsAProblemOfTheAllowedDomainsField() {
        JoinLinksApi.JoinLinkBody body = new JoinLinksApi.JoinLinkBody(UUID.randomUUID(), 7, null, Arrays.asList("example.com", null));

        assertThat(VALIDATION.getValidator().validate(body)).singleElement()
                .satisfies(problem -> assertThat(problem.getPropertyPath().toString()).startsWith("allowedDomains"));
    }
}
