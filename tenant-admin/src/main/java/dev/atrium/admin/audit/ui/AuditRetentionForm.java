package dev.atrium.admin.audit.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;

import dev.atrium.admin.audit.AuditException;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;

/** How long the workspace keeps its audit events; changeable only with audit.settings. */
public class AuditRetentionForm extends Composite<HorizontalLayout> {

    public static final String DAYS_ID = "audit-retention-days";
    public static final String SAVE_ID = "save-audit-retention";

    private final IntegerField days = new IntegerField(getTranslation("audit.retention.days"));

    public AuditRetentionForm(AuditLogService audit, TenantScope scope, boolean canChange, Runnable onSaved) {
        days.setId(DAYS_ID);
        days.setMin(AuditLogService.MIN_RETENTION_DAYS);
        days.setMax(AuditLogService.MAX_RETENTION_DAYS);
        days.setStepButtonsVisible(true);
        days.setHelperText(getTranslation("audit.retention.days.helper", AuditLogService.MIN_RETENTION_DAYS,
                AuditLogService.MAX_RETENTION_DAYS));
        days.setValue(audit.retentionDays(scope));
        days.setEnabled(canChange);

        Button save = new Button(getTranslation("audit.retention.save"), e -> {
            try {
                // A cleared field is out of range too; the service words the rule.
                audit.setRetentionDays(scope, days.getValue() == null ? 0 : days.getValue());
                days.setInvalid(false);
                Feedback.success(getTranslation("audit.retention.saved", days.getValue()));
                onSaved.run();
            } catch (AuditException ex) {
                days.setErrorMessage(Feedback.text(ex));
                days.setInvalid(true);
            }
        });
        save.setId(SAVE_ID);
        save.setEnabled(canChange);

        getContent().setAlignItems(FlexComponent.Alignment.BASELINE);
        getContent().setPadding(false);
        getContent().add(days, save);
    }
}
