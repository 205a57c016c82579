package dev.atrium.admin.joinlink.ui;

import java.util.function.Consumer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;

import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.joinlink.CreatedJoinLink;
import dev.atrium.admin.joinlink.JoinLinkDraft;
import dev.atrium.admin.joinlink.JoinLinkService;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Aria;
import dev.atrium.admin.ui.Feedback;

/**
 * A join link's role, expiry, most uses and allowed domains. The service decides; a refusal keeps the dialog open
 * with its message, a created link is handed on (its URL can be shown only now).
 */
public class CreateJoinLinkDialog extends Dialog {

    public static final String ID = "create-join-link-dialog";
    public static final String ROLE_ID = "join-link-role";
    public static final String EXPIRY_ID = "join-link-expiry-days";
    public static final String MAX_USES_ID = "join-link-max-uses";
    public static final String DOMAINS_ID = "join-link-domains";
    public static final String SUBMIT_ID = "join-link-submit";

    private static final String DEFAULT_ROLE_KEY = "member";
    private static final int DEFAULT_EXPIRY_DAYS = 7;

    private final JoinLinkService joinLinks;
    private final TenantScope scope;
    private final Consumer<CreatedJoinLink> onCreated;
    private final Select<RoleSummary> role = new Select<>();
    private final IntegerField expiryDays = new IntegerField(getTranslation("joinlink.dialog.expiry-days"));
    private final IntegerField maxUses = new IntegerField(getTranslation("joinlink.dialog.max-uses"));
    private final TextField domains = new TextField(getTranslation("joinlink.dialog.domains"));

    public CreateJoinLinkDialog(JoinLinkService joinLinks, RoleService roles, TenantScope scope, Consumer<CreatedJoinLink> onCreated) {
        this.joinLinks = joinLinks;
        this.scope = scope;
        this.onCreated = onCreated;
        setId(ID);
        setHeaderTitle(getTranslation("joinlink.dialog.title"));
        setWidth("min(32rem, 95vw)");

        role.setId(ROLE_ID);
        role.setLabel(getTranslation("joinlink.dialog.role"));
        role.setItemLabelGenerator(RoleSummary::name);
        Aria.nameOptions(role, getTranslation("joinlink.dialog.role"));
        var assignable = roles.assignableRoles(scope).stream().filter(r -> !r.isOwner()).toList();
        role.setItems(assignable);
        assignable.stream().filter(r -> DEFAULT_ROLE_KEY.equals(r.key())).findFirst().ifPresent(role::setValue);

        expiryDays.setId(EXPIRY_ID);
        expiryDays.setMin(JoinLinkService.MIN_EXPIRY_DAYS);
        expiryDays.setMax(JoinLinkService.MAX_EXPIRY_DAYS);
        expiryDays.setStepButtonsVisible(true);
        expiryDays.setValue(DEFAULT_EXPIRY_DAYS);
        expiryDays.setRequiredIndicatorVisible(true);
        expiryDays.setHelperText(getTranslation("joinlink.dialog.expiry-days.helper", JoinLinkService.MIN_EXPIRY_DAYS,
                JoinLinkService.MAX_EXPIRY_DAYS));

        maxUses.setId(MAX_USES_ID);
        maxUses.setMin(1);
        maxUses.setMax(JoinLinkService.MAX_USES);
        maxUses.setHelperText(getTranslation("joinlink.dialog.max-uses.helper"));

        domains.setId(DOMAINS_ID);
        domains.setPlaceholder("acme.com");
        domains.setHelperText(getTranslation("joinlink.dialog.domains.helper"));
        domains.setWidthFull();

        VerticalLayout fields = new VerticalLayout(role, expiryDays, maxUses, domains);
        fields.setPadding(false);
        add(fields);

        Button submit = new Button(getTranslation("joinlink.dialog.create"), e -> submit());
        submit.setId(SUBMIT_ID);
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button(getTranslation("joinlink.dialog.cancel"), e -> close()), submit);
    }

    private void submit() {
        if (role.getValue() == null) {
            Feedback.error(getTranslation("error.joinlink.role-missing"));
            return;
        }
        if (expiryDays.getValue() == null || expiryDays.isInvalid() || maxUses.isInvalid()) {
            Feedback.error(getTranslation("error.joinlink.expiry-days", JoinLinkService.MIN_EXPIRY_DAYS, JoinLinkService.MAX_EXPIRY_DAYS));
            return;
        }
        try {
            CreatedJoinLink created = joinLinks.create(scope, new JoinLinkDraft(role.getValue().id(), expiryDays.getValue(),
                    maxUses.getValue(), domains.getValue()));
            close();
            onCreated.accept(created);
        } catch (AtriumRefusal refusal) {
            Feedback.refusal(refusal);
        }
    }
}
