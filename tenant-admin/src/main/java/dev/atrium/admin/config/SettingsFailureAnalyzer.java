package dev.atrium.admin.config;

import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Says which {@code atrium.*} setting stopped start-up, by the name it is written with (e.g.
 * {@code atrium.tenants.migration-threads}): Spring Boot's own report names a nested record's setting by its Java
 * path ({@code atrium.tenants.migrationThreads}), which no configuration file contains.
 */
class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> implements Ordered {

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
        ValidationErrors errors = cause.getValidationErrors();
        if (!errors.getName().toString().equals("atrium")) {
            return null;
        }
        String problems = errors.getAllErrors().stream().map(SettingsFailureAnalyzer::describe)
                .collect(Collectors.joining(System.lineSeparator()));
        return new FailureAnalysis("Atrium's settings are invalid:" + System.lineSeparator() + problems,
                "Correct the settings named above (see README, Configuration).", cause);
    }

    private static String describe(ObjectError error) {
        if (error instanceof FieldError field) {
            return "    atrium." + DataObjectPropertyName.toDashedForm(field.getField()) + " = \"" + field.getRejectedValue()
                    + "\": " + field.getDefaultMessage();
        }
        return "    " + error.getDefaultMessage();
    }

    /** Before Spring Boot's analyzer for the same failure. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
