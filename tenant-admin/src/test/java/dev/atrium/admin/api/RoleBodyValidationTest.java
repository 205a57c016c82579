package dev.atrium.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

/** A role body listing a null permission is refused by validation (422 naming the field), not by the service's NPE (500). */
class RoleBodyValidationTest {

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
}
