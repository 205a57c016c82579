package dev.atrium.admin.joinrequest.ui;

import java.util.List;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;

import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.joinrequest.JoinMode;
import dev.atrium.admin.joinrequest.JoinSetting;
import dev.atrium.admin.joinrequest.JoinRequestService;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;

/**
 * Settings → Joining by domain, for holders of {@code workspace.manage_sso}: off, request, or automatic join with a
 * default role (those the member may grant, never Owner).
 */
public class JoinSettingSection extends Composite<VerticalLayout> {

    public static final String ID = "join-setting-section";
    public static final String MODE_ID = "join-mode";
    public static final String ROLE_ID = "join-default-role";
    public static final String SAVE_ID = "join-setting-save";

    private final RadioButtonGroup<JoinMode> mode = new RadioButtonGroup<>();
    private final Select<RoleSummary> role = new Select<>();

    /** {@code grantable}: the roles the acting member may give. */
    public JoinSettingSection(JoinRequestService joins, TenantScope scope, List<RoleSummary> grantable) {
        getContent().setId(ID);
        getContent().setPadding(false);
        List<RoleSummary> roles = grantable.stream().filter(r -> !r.isOwner()).toList();
        JoinSetting setting = joins.setting(scope);
        mode.setId(MODE_ID);
        mode.setLabel(getTranslation("joinrequest.setting.mode"));
        mode.setItems(JoinMode.values());
        mode.setItemLabelGenerator(m -> getTranslation("joinrequest.setting.mode." + m.name().toLowerCase()));
        mode.setValue(setting.mode());
        role.setId(ROLE_ID);
        role.setLabel(getTranslation("joinrequest.setting.default-role"));
        role.setItems(roles);
        role.setItemLabelGenerator(RoleSummary::name);
        roles.stream().filter(r -> r.id().equals(setting.defaultRoleId())).findFirst().ifPresent(role::setValue);
        role.setVisible(setting.mode() == JoinMode.AUTOMATIC);
        mode.addValueChangeListener(e -> role.setVisible(e.getValue() == JoinMode.AUTOMATIC));
        Button save = new Button(getTranslation("joinrequest.setting.save"), e -> {
            try {
                joins.saveSetting(scope, mode.getValue(), role.getValue() == null ? null : role.getValue().id());
                Feedback.success(getTranslation("joinrequest.setting.saved"));
            } catch (AtriumRefusal refusal) {
                Feedback.refusal(refusal);
            }
        });
        save.setId(SAVE_ID);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getContent().add(new H2(getTranslation("joinrequest.setting.title")), new Paragraph(getTranslation("joinrequest.setting.text")),
                mode, role, save);
    }
}
