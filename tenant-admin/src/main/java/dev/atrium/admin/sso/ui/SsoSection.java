package dev.atrium.admin.sso.ui;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;

import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.invitation.PublicUrl;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.sso.SsoConnection;
import dev.atrium.admin.sso.SsoConnectionDraft;
import dev.atrium.admin.sso.SsoConnectionTests;
import dev.atrium.admin.sso.SsoDirectory;
import dev.atrium.admin.sso.SsoException;
import dev.atrium.admin.sso.SamlService;
import dev.atrium.admin.sso.SsoPreset;
import dev.atrium.admin.sso.SsoProtocol;
import dev.atrium.admin.sso.SsoService;
import dev.atrium.admin.sso.SsoTestResult;
import dev.atrium.admin.sso.SsoTestTicket;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;

/**
 * Workspace → Settings → Single sign-on, for holders of {@code workspace.manage_sso}: the protocol (OpenID Connect or
 * SAML 2.0); for OIDC the redirect URI to register at the identity provider and the connection's settings (a preset
 * prefills issuer and scopes), for SAML {@link SamlFields}; Save, Test connection (a real sign-in at the identity
 * provider whose claims are shown here afterwards; enabling needs one since the last change), Enable/Disable and
 * Delete (confirmed). The stored client secret and SAML private key are never sent to the browser; an empty secret
 * field keeps the secret.
 */
public class SsoSection extends Composite<VerticalLayout> {

    public static final String ID = "sso-section";
    public static final String STATUS_ID = "sso-status";
    public static final String PROTOCOL_ID = "sso-protocol";
    public static final String REDIRECT_URI_ID = "sso-redirect-uri";
    public static final String PRESET_ID = "sso-preset";
    public static final String ISSUER_ID = "sso-issuer";
    public static final String CLIENT_ID_ID = "sso-client-id";
    public static final String CLIENT_SECRET_ID = "sso-client-secret";
    public static final String SCOPES_ID = "sso-scopes";
    public static final String DEFAULT_ROLE_ID = "sso-default-role";
    public static final String SAVE_ID = "sso-save";
    public static final String ENABLE_ID = "sso-enable";
    public static final String DISABLE_ID = "sso-disable";
    public static final String DELETE_ID = "sso-delete";
    public static final String DELETE_DIALOG_ID = "sso-delete-dialog";
    public static final String TEST_ID = "sso-test";
    public static final String TEST_RESULT_ID = "sso-test-result";
    public static final String TEST_CLAIMS_ID = "sso-test-claims";
    private static final String REDIRECT_PATH = "/login/oauth2/code/";

    private final SsoService sso;
    private final SamlFields samlFields;
    private final SsoConnectionTests tests;
    private final TenantScope scope;
    private final PublicUrl publicUrl;
    private final Span status = new Span();
    private final Select<SsoProtocol> protocol = new Select<>();
    private final Div oidcFields = new Div();
    private final Span redirectUri = new Span();
    private final Select<SsoPreset> preset = new Select<>();
    private final Paragraph presetHint = new Paragraph(getTranslation("sso.preset.google-hint"));
    private final TextField issuer = new TextField(getTranslation("sso.issuer.field"));
    private final TextField clientId = new TextField(getTranslation("sso.client-id.field"));
    private final PasswordField clientSecret = new PasswordField(getTranslation("sso.client-secret.field"));
    private final TextField scopes = new TextField(getTranslation("sso.scopes.field"));
    private final Select<RoleSummary> defaultRole = new Select<>();
    private final Button enable = new Button(getTranslation("sso.enable"), e -> enable());
    private final Button disable = new Button(getTranslation("sso.disable"), e -> disable());
    private final Button delete = new Button(getTranslation("sso.delete"), e -> confirmDelete());
    private final Button test = new Button(getTranslation("sso.test.button"), e -> startTest());
    private final Div testResult = new Div();
    private Optional<SsoConnection> current = Optional.empty();

    public SsoSection(SsoService sso, SamlService saml, SsoConnectionTests tests, TenantScope scope, PublicUrl publicUrl) {
        this.sso = sso;
        this.samlFields = new SamlFields(saml, scope.workspaceId());
        this.tests = tests;
        this.scope = scope;
        this.publicUrl = publicUrl;
        getContent().setId(ID);
        getContent().setPadding(false);

        status.setId(STATUS_ID);
        redirectUri.setId(REDIRECT_URI_ID);
        redirectUri.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)").set("word-break", "break-all");

        preset.setId(PRESET_ID);
        preset.setLabel(getTranslation("sso.preset.field"));
        preset.setItems(SsoPreset.values());
        preset.setItemLabelGenerator(p -> getTranslation("sso.preset." + p.name().toLowerCase(Locale.ROOT)
                + (p == SsoPreset.CUSTOM && protocol.getValue() == SsoProtocol.SAML ? ".saml" : "")));
        preset.setValue(SsoPreset.CUSTOM);
        preset.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                prefill(e.getOldValue(), e.getValue());
                samlFields.prefill(e.getOldValue(), e.getValue());
            }
            presetHint.setVisible(e.getValue() != null && e.getValue().requiresHostedDomain() && protocol.getValue() == SsoProtocol.OIDC);
        });
        protocol.setId(PROTOCOL_ID);
        protocol.setLabel(getTranslation("sso.protocol.field"));
        protocol.setItems(SsoProtocol.values());
        protocol.setItemLabelGenerator(p -> getTranslation("sso.protocol." + p.name().toLowerCase(Locale.ROOT)));
        protocol.setValue(SsoProtocol.OIDC);
        protocol.addValueChangeListener(e -> showProtocol(e.getValue()));
        presetHint.setVisible(false);
        issuer.setId(ISSUER_ID);
        issuer.setHelperText(getTranslation("sso.issuer.helper"));
        clientId.setId(CLIENT_ID_ID);
        clientSecret.setId(CLIENT_SECRET_ID);
        clientSecret.setRevealButtonVisible(false);
        scopes.setId(SCOPES_ID);
        scopes.setValue(String.join(" ", SsoPreset.CUSTOM.scopes()));
        defaultRole.setId(DEFAULT_ROLE_ID);
        defaultRole.setLabel(getTranslation("sso.default-role.field"));
        defaultRole.setItemLabelGenerator(RoleSummary::name);
        List<RoleSummary> choices = sso.defaultRoleChoices(scope);
        defaultRole.setItems(choices);
        choices.stream().filter(role -> "member".equals(role.key())).findFirst().ifPresent(defaultRole::setValue);
        for (HasValidation field : List.<HasValidation>of(issuer, clientId, clientSecret, scopes, defaultRole)) {
            field.setManualValidation(true);
        }

        FormLayout common = new FormLayout(protocol, preset, defaultRole);
        common.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 3));
        FormLayout form = new FormLayout(issuer, clientId, clientSecret, scopes);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));
        oidcFields.add(new Div(new Span(getTranslation("sso.redirect-uri") + ": "), redirectUri), form, presetHint);

        Button save = new Button(getTranslation("sso.save"), e -> save());
        save.setId(SAVE_ID);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        enable.setId(ENABLE_ID);
        disable.setId(DISABLE_ID);
        delete.setId(DELETE_ID);
        test.setId(TEST_ID);
        testResult.setId(TEST_RESULT_ID);
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);

        getContent().add(new H2(getTranslation("sso.section.title")), new Paragraph(getTranslation("sso.section.intro")),
                status, common, oidcFields, samlFields, new HorizontalLayout(save, test, enable, disable, delete), testResult);
        show(sso.connection(scope));
        showTestResult();
    }

    /** Replaces the issuer and scopes only while they are still what the previous preset put there. */
    private void prefill(SsoPreset from, SsoPreset to) {
        if (from == null || issuer.getValue().isBlank() || issuer.getValue().equals(from.issuerPattern())) {
            issuer.setValue(to.issuerPattern());
        }
        if (from == null || scopes.getValue().isBlank() || scopes.getValue().equals(String.join(" ", from.scopes()))) {
            scopes.setValue(String.join(" ", to.scopes()));
        }
    }

    private void showProtocol(SsoProtocol shown) {
        oidcFields.setVisible(shown == SsoProtocol.OIDC);
        samlFields.setVisible(shown == SsoProtocol.SAML);
        presetHint.setVisible(preset.getValue() != null && preset.getValue().requiresHostedDomain() && shown == SsoProtocol.OIDC);
        // The custom preset's label names the protocol; refreshing the items drops the choice, so it is put back.
        SsoPreset chosen = preset.getValue();
        preset.getListDataView().refreshAll();
        preset.setValue(chosen);
    }

    private void show(Optional<SsoConnection> connection) {
        current = connection;
        status.setText(getTranslation(connection.map(c -> c.enabled() ? "sso.status.enabled" : "sso.status.disabled")
                .orElse("sso.status.none")));
        status.getElement().setAttribute("theme", connection.map(c -> c.enabled() ? "badge success" : "badge contrast")
                .orElse("badge"));
        String registrationId = connection.map(SsoConnection::registrationId).orElse("sso-" + scope.workspaceId());
        redirectUri.setText(publicUrl.of(REDIRECT_PATH + registrationId));
        clientSecret.clear();
        clientSecret.setPlaceholder(connection.isPresent() ? getTranslation("sso.client-secret.kept") : "");
        connection.ifPresent(c -> {
            protocol.setValue(c.protocol());
            preset.setValue(c.preset());
            if (c.protocol() == SsoProtocol.OIDC) {
                issuer.setValue(c.issuer());
                clientId.setValue(c.clientId());
                scopes.setValue(String.join(" ", c.scopes()));
            }
            defaultRole.getListDataView().getItems().filter(role -> role.id().equals(c.defaultRoleId())).findFirst()
                    .ifPresent(defaultRole::setValue);
        });
        samlFields.show(connection.map(SsoConnection::saml).orElse(null), preset.getValue());
        showProtocol(protocol.getValue());
        test.setVisible(connection.isPresent());
        enable.setVisible(connection.isPresent() && !connection.get().enabled());
        disable.setVisible(connection.isPresent() && connection.get().enabled());
        delete.setVisible(connection.isPresent());
    }

    private void save() {
        for (HasValidation field : List.<HasValidation>of(issuer, clientId, clientSecret, scopes, defaultRole)) {
            field.setInvalid(false);
        }
        if (defaultRole.getValue() == null) {
            defaultRole.setErrorMessage(getTranslation("error.sso.default-role-gone"));
            defaultRole.setInvalid(true);
            return;
        }
        try {
            SsoConnection saved = protocol.getValue() == SsoProtocol.SAML
                    ? sso.saveSaml(scope, samlFields.draft(preset.getValue(), defaultRole.getValue().id()))
                    : sso.save(scope, new SsoConnectionDraft(preset.getValue(), issuer.getValue(), clientId.getValue(),
                            clientSecret.getValue(), scopes.getValue(), defaultRole.getValue().id()));
            Feedback.success(getTranslation("sso.saved"));
            show(Optional.of(saved));
        } catch (SsoException | PermissionDeniedException e) {
            showAtField(e);
        }
    }

    /** A refusal about one field is shown at that field; others as a notification. */
    private void showAtField(AtriumRefusal refusal) {
        if (samlFields.showAtField(refusal)) {
            return;
        }
        String code = refusal.code();
        HasValidation field = code.startsWith("sso.issuer") || code.equals("sso.discovery-failed") ? issuer
                : code.startsWith("sso.client-id") ? clientId
                : code.startsWith("sso.client-secret") ? clientSecret
                : code.startsWith("sso.scope") ? scopes
                : code.startsWith("sso.default-role") || refusal instanceof PermissionDeniedException ? defaultRole
                : null;
        if (field == null) {
            Feedback.refusal(refusal);
            return;
        }
        field.setErrorMessage(Feedback.text(refusal));
        field.setInvalid(true);
    }

    /**
     * Sends the admin's browser through a real sign-in at the identity provider; it comes back to this page, which then
     * shows the claims. The ticket in the session is what lets the callback record the result for this admin only.
     */
    private void startTest() {
        try {
            SsoTestTicket ticket = tests.start(scope);
            VaadinSession.getCurrent().getSession().setAttribute(SsoTestTicket.SESSION_ATTRIBUTE, ticket);
            UI.getCurrent().getPage().setLocation(current.map(SsoConnection::protocol).orElse(SsoProtocol.OIDC) == SsoProtocol.SAML
                    ? SamlService.testStartPath(scope.workspaceId()) : SsoDirectory.testStartPath(scope.workspaceId()));
        } catch (AtriumRefusal e) {
            Feedback.refusal(e);
        }
    }

    /** The result of the test this admin just ran, once: what the identity provider said, or why it failed. */
    private void showTestResult() {
        WrappedSession session = VaadinSession.getCurrent().getSession();
        if (!(session.getAttribute(SsoTestResult.SESSION_ATTRIBUTE) instanceof SsoTestResult result)
                || !result.workspaceId().equals(scope.workspaceId())) {
            testResult.setVisible(false);
            return;
        }
        session.removeAttribute(SsoTestResult.SESSION_ATTRIBUTE);
        Paragraph outcome = new Paragraph(result.succeeded() ? getTranslation("sso.test.succeeded")
                : getTranslation("sso.test.failed", result.failure() == null ? "" : failureText(result.failure())));
        outcome.getElement().setAttribute("theme", result.succeeded() ? "badge success" : "badge error");
        testResult.add(new H3(getTranslation("sso.test.title")), outcome);
        if (!result.claims().isEmpty()) {
            NativeTable table = new NativeTable();
            table.setId(TEST_CLAIMS_ID);
            table.getHead().add(new NativeTableRow(new NativeTableHeaderCell(getTranslation("sso.test.claim")),
                    new NativeTableHeaderCell(getTranslation("sso.test.value"))));
            NativeTableBody body = table.getBody();
            result.claims().forEach((claim, value) -> body.add(new NativeTableRow(new NativeTableCell(claim),
                    new NativeTableCell(value))));
            testResult.add(table);
        }
        testResult.setVisible(true);
    }

    /** Atrium's own refusal codes in the reader's language; the identity provider's errors as they came. */
    private String failureText(String failure) {
        String key = "error." + failure;
        String translated = getTranslation(key);
        return translated.equals(key) || translated.startsWith("!") ? failure : translated;
    }

    private void enable() {
        try {
            show(Optional.of(sso.enable(scope)));
            Feedback.success(getTranslation("sso.enabled"));
        } catch (AtriumRefusal e) {
            Feedback.refusal(e);
        }
    }

    private void disable() {
        try {
            show(Optional.of(sso.disable(scope)));
            Feedback.success(getTranslation("sso.disabled"));
        } catch (AtriumRefusal e) {
            Feedback.refusal(e);
        }
    }

    private void confirmDelete() {
        ConfirmDialog dialog = Feedback.confirm(DELETE_DIALOG_ID, getTranslation("sso.delete.confirm.header"),
                getTranslation("sso.delete.confirm.text",
                current.map(SsoConnection::issuer).orElse(issuer.getValue())), getTranslation("sso.delete.confirm.button"), this::delete);
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    private void delete() {
        try {
            sso.delete(scope);
            Feedback.success(getTranslation("sso.deleted"));
        } catch (AtriumRefusal e) {
            Feedback.refusal(e);
        }
        show(Optional.empty());
        issuer.clear();
        clientId.clear();
    }
}
