package dev.atrium.admin.sso.ui;

import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.sso.GroupRoleMapping;
import dev.atrium.admin.sso.MfaPreset;
import dev.atrium.admin.sso.SsoException;
import dev.atrium.admin.sso.SsoPolicy;
import dev.atrium.admin.sso.SsoPolicyDraft;
import dev.atrium.admin.sso.SsoPolicyService;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;

/**
 * The policies part of Workspace → Settings → Single sign-on, for holders of {@code workspace.manage_sso}: "Require
 * SSO", "Require multi-factor" with the accepted values (a preset fills them in), the group claim, and the
 * group-to-role mappings with who configured each. The service decides; refusals are shown at their field.
 */
public class SsoPolicySection extends Composite<VerticalLayout> {

    public static final String ID = "sso-policy-section";
    public static final String REQUIRE_SSO_ID = "sso-policy-require-sso";
    public static final String REQUIRE_MFA_ID = "sso-policy-require-mfa";
    public static final String PAUSED_ID = "sso-policy-paused";
    public static final String MFA_PRESET_ID = "sso-policy-mfa-preset";
    public static final String MFA_VALUES_ID = "sso-policy-mfa-values";
    public static final String GROUP_CLAIM_ID = "sso-policy-group-claim";
    public static final String SAVE_ID = "sso-policy-save";
    public static final String MAPPINGS_ID = "sso-policy-mappings";
    public static final String MAPPING_GROUP_ID = "sso-policy-mapping-group";
    public static final String MAPPING_ROLE_ID = "sso-policy-mapping-role";
    public static final String MAPPING_ADD_ID = "sso-policy-mapping-add";
    /** Class of each row's remove button, with {@code data-group}. */
    public static final String MAPPING_REMOVE_CLASS = "sso-policy-mapping-remove";

    private final SsoPolicyService policies;
    private final TenantScope scope;
    private final Checkbox requireSso = new Checkbox(getTranslation("sso.policy.require-sso"));
    private final Checkbox requireMfa = new Checkbox(getTranslation("sso.policy.require-mfa"));
    private final Paragraph paused = new Paragraph(getTranslation("sso.policy.paused"));
    private final Select<MfaPreset> mfaPreset = new Select<>();
    private final TextArea mfaValues = new TextArea(getTranslation("sso.policy.mfa-values"));
    private final TextField groupClaim = new TextField(getTranslation("sso.policy.group-claim"));
    private final Grid<GroupRoleMapping> mappings = new Grid<>();
    private final TextField group = new TextField(getTranslation("sso.policy.mapping.group"));
    private final Select<RoleSummary> role = new Select<>();

    public SsoPolicySection(SsoPolicyService policies, TenantScope scope) {
        this.policies = policies;
        this.scope = scope;
        getContent().setId(ID);
        getContent().setPadding(false);

        requireSso.setId(REQUIRE_SSO_ID);
        requireSso.setHelperText(getTranslation("sso.policy.require-sso.helper"));
        requireMfa.setId(REQUIRE_MFA_ID);
        requireMfa.setHelperText(getTranslation("sso.policy.require-mfa.helper"));
        paused.setId(PAUSED_ID);
        mfaPreset.setId(MFA_PRESET_ID);
        mfaPreset.setLabel(getTranslation("sso.policy.mfa-preset"));
        mfaPreset.setItems(MfaPreset.values());
        mfaPreset.setItemLabelGenerator(p -> getTranslation("sso.policy.mfa-preset." + p.name().toLowerCase(Locale.ROOT)));
        mfaPreset.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                mfaValues.setValue(String.join("\n", e.getValue().acceptedValues()));
            }
        });
        mfaValues.setId(MFA_VALUES_ID);
        mfaValues.setHelperText(getTranslation("sso.policy.mfa-values.helper"));
        mfaValues.setWidth("min(36rem, 90vw)");
        groupClaim.setId(GROUP_CLAIM_ID);
        for (HasValidation field : List.<HasValidation>of(mfaValues, groupClaim, group, role)) {
            field.setManualValidation(true);
        }
        Button save = new Button(getTranslation("sso.policy.save"), e -> save());
        save.setId(SAVE_ID);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        mappings.setId(MAPPINGS_ID);
        mappings.setSelectionMode(Grid.SelectionMode.NONE);
        mappings.setAllRowsVisible(true);
        mappings.addColumn(GroupRoleMapping::group).setHeader(getTranslation("sso.policy.mapping.group"));
        mappings.addColumn(GroupRoleMapping::roleName).setHeader(getTranslation("sso.policy.mapping.role"));
        mappings.addColumn(GroupRoleMapping::configuredByName).setHeader(getTranslation("sso.policy.mapping.configured-by"));
        mappings.addComponentColumn(mapping -> {
            Button remove = new Button(getTranslation("sso.policy.mapping.remove"), e -> remove(mapping));
            remove.addClassName(MAPPING_REMOVE_CLASS);
            remove.getElement().setAttribute("data-group", mapping.group());
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            return remove;
        });
        group.setId(MAPPING_GROUP_ID);
        role.setId(MAPPING_ROLE_ID);
        role.setLabel(getTranslation("sso.policy.mapping.role"));
        role.setItemLabelGenerator(RoleSummary::name);
        role.setItems(policies.mappableRoles(scope));
        Button add = new Button(getTranslation("sso.policy.mapping.add"), e -> add());
        add.setId(MAPPING_ADD_ID);
        add.addClickShortcut(Key.ENTER).listenOn(group);
        HorizontalLayout addRow = new HorizontalLayout(group, role, add);
        addRow.setAlignItems(FlexComponent.Alignment.BASELINE);

        getContent().add(new H2(getTranslation("sso.policy.title")), requireSso, requireMfa, paused, mfaPreset, mfaValues,
                groupClaim, save, new H3(getTranslation("sso.policy.mappings.title")),
                new Paragraph(getTranslation("sso.policy.mappings.intro")), mappings, addRow);
        show(policies.policy(scope));
    }

    private void show(SsoPolicy policy) {
        requireSso.setValue(policy.requireSso());
        requireMfa.setValue(policy.requireMfa());
        paused.setVisible(policy.paused());
        mfaPreset.setValue(policy.mfaPreset());
        mfaValues.setValue(String.join("\n", policy.mfaValues()));
        groupClaim.setValue(policy.groupClaim());
        mappings.setItems(policy.mappings());
    }

    private void save() {
        mfaValues.setInvalid(false);
        groupClaim.setInvalid(false);
        try {
            show(policies.save(scope, new SsoPolicyDraft(requireSso.getValue(), requireMfa.getValue(), mfaPreset.getValue(),
                    mfaValues.getValue(), groupClaim.getValue())));
            Feedback.success(getTranslation("sso.policy.saved"));
        } catch (SsoException e) {
            if (e.code().startsWith("sso.policy-mfa")) {
                invalid(mfaValues, e);
            } else if (e.code().startsWith("sso.policy-group-claim")) {
                invalid(groupClaim, e);
            } else {
                Feedback.refusal(e);
            }
        }
    }

    private void add() {
        group.setInvalid(false);
        if (role.getValue() == null) {
            role.setErrorMessage(getTranslation("error.sso.policy-mapping-role-gone"));
            role.setInvalid(true);
            return;
        }
        role.setInvalid(false);
        try {
            policies.addMapping(scope, group.getValue(), role.getValue().id());
            Feedback.success(getTranslation("sso.policy.mapping.added"));
            group.clear();
            show(policies.policy(scope));
        } catch (SsoException | PermissionDeniedException e) {
            if (e.code().startsWith("sso.policy-group")) {
                invalid(group, e);
            } else {
                Feedback.refusal(e);
            }
        }
    }

    private void remove(GroupRoleMapping mapping) {
        try {
            policies.removeMapping(scope, mapping.id());
            Feedback.success(getTranslation("sso.policy.mapping.removed"));
        } catch (AtriumRefusal e) {
            Feedback.refusal(e);
        }
        show(policies.policy(scope));
    }

    private static void invalid(HasValidation field, AtriumRefusal refusal) {
        field.setErrorMessage(Feedback.text(refusal));
        field.setInvalid(true);
    }
}
