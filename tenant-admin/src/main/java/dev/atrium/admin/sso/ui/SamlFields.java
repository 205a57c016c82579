package dev.atrium.admin.sso.ui;

import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.sso.SamlConnectionDraft;
import dev.atrium.admin.sso.SamlService;
import dev.atrium.admin.sso.SamlSettings;
import dev.atrium.admin.sso.SsoPreset;
import dev.atrium.admin.ui.Feedback;

/**
 * The SAML part of the Single sign-on section: what to register at the identity provider (entity id, ACS URL,
 * Atrium's metadata address and signing certificate, each with a copy button) and the connection's SAML settings
 * (the IdP's metadata by URL or pasted, the e-mail and groups attributes, IdP-initiated sign-in).
 */
class SamlFields extends Composite<VerticalLayout> {

    static final String ID = "sso-saml";
    static final String ENTITY_ID_ID = "sso-saml-entity-id";
    static final String ACS_URL_ID = "sso-saml-acs-url";
    static final String SP_METADATA_URL_ID = "sso-saml-sp-metadata-url";
    static final String CERTIFICATE_ID = "sso-saml-certificate";
    static final String PRESET_HINT_ID = "sso-saml-preset-hint";
    static final String METADATA_URL_ID = "sso-saml-metadata-url";
    static final String METADATA_XML_ID = "sso-saml-metadata-xml";
    static final String EMAIL_ATTRIBUTE_ID = "sso-saml-email-attribute";
    static final String GROUPS_ATTRIBUTE_ID = "sso-saml-groups-attribute";
    static final String ALLOW_IDP_INITIATED_ID = "sso-saml-allow-idp-initiated";
    static final String IDP_ID = "sso-saml-idp";

    private final Pre certificate = new Pre();
    private final Button copyCertificate;
    private final Paragraph presetHint = new Paragraph();
    private final Span idp = new Span();
    private final TextField metadataUrl = new TextField(getTranslation("sso.saml.metadata-url.field"));
    private final TextArea metadataXml = new TextArea(getTranslation("sso.saml.metadata-xml.field"));
    private final TextField emailAttribute = new TextField(getTranslation("sso.saml.email-attribute.field"));
    private final TextField groupsAttribute = new TextField(getTranslation("sso.saml.groups-attribute.field"));
    private final Checkbox allowIdpInitiated = new Checkbox(getTranslation("sso.saml.allow-idp-initiated.field"));

    SamlFields(SamlService saml, UUID workspaceId) {
        getContent().setId(ID);
        getContent().setPadding(false);
        certificate.setId(CERTIFICATE_ID);
        certificate.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("white-space", "pre-wrap").set("margin", "0");
        copyCertificate = copyButton("sso.saml.sp-certificate", () -> certificate.getText());
        presetHint.setId(PRESET_HINT_ID);
        idp.setId(IDP_ID);
        metadataUrl.setId(METADATA_URL_ID);
        metadataUrl.setHelperText(getTranslation("sso.saml.metadata-url.helper"));
        metadataXml.setId(METADATA_XML_ID);
        metadataXml.setMaxHeight("12em");
        emailAttribute.setId(EMAIL_ATTRIBUTE_ID);
        emailAttribute.setHelperText(getTranslation("sso.saml.email-attribute.helper"));
        groupsAttribute.setId(GROUPS_ATTRIBUTE_ID);
        allowIdpInitiated.setId(ALLOW_IDP_INITIATED_ID);
        allowIdpInitiated.setHelperText(getTranslation("sso.saml.allow-idp-initiated.helper"));
        for (HasValidation field : new HasValidation[] { metadataUrl, metadataXml, emailAttribute, groupsAttribute }) {
            field.setManualValidation(true);
        }

        FormLayout form = new FormLayout(metadataUrl, emailAttribute, metadataXml, groupsAttribute, allowIdpInitiated);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));
        form.setColspan(metadataXml, 2);
        form.setColspan(allowIdpInitiated, 2);
        getContent().add(new Paragraph(getTranslation("sso.saml.intro")),
                value("sso.saml.entity-id", ENTITY_ID_ID, saml.entityId(workspaceId)),
                value("sso.saml.acs-url", ACS_URL_ID, saml.acsUrl(workspaceId)),
                value("sso.saml.sp-metadata-url", SP_METADATA_URL_ID, saml.metadataUrl(workspaceId)),
                new HorizontalLayout(new Span(getTranslation("sso.saml.sp-certificate") + ":"), copyCertificate),
                certificate, presetHint, idp, form);
    }

    /** Shows the stored settings, or empty fields for a new SAML connection. */
    void show(@Nullable SamlSettings settings, @Nullable SsoPreset shownPreset) {
        SsoPreset preset = shownPreset == null ? SsoPreset.CUSTOM : shownPreset;
        if (settings == null) {
            certificate.setText(getTranslation("sso.saml.sp-certificate.pending"));
            copyCertificate.setVisible(false);
            idp.setVisible(false);
            prefill(null, preset);
        } else {
            certificate.setText(settings.spCertificatePem());
            copyCertificate.setVisible(true);
            idp.setText(getTranslation("sso.saml.idp", settings.idpEntityId(), settings.ssoUrl()));
            idp.setVisible(true);
            metadataUrl.setValue(settings.metadataUrl() == null ? "" : settings.metadataUrl());
            metadataXml.setValue(settings.metadataUrl() == null ? settings.metadataXml() : "");
            emailAttribute.setValue(settings.emailAttribute() == null ? "" : settings.emailAttribute());
            groupsAttribute.setValue(settings.groupsAttribute() == null ? "" : settings.groupsAttribute());
            allowIdpInitiated.setValue(settings.allowIdpInitiated());
        }
        presetHint.setText(getTranslation("sso.saml.preset." + preset.name().toLowerCase(Locale.ROOT)));
    }

    /** Replaces the attributes only while they are still what the previous preset put there. */
    void prefill(@Nullable SsoPreset from, SsoPreset to) {
        if (from == null || emailAttribute.getValue().equals(from.samlEmailAttribute())) {
            emailAttribute.setValue(to.samlEmailAttribute());
        }
        if (from == null || groupsAttribute.getValue().equals(from.samlGroupsAttribute())) {
            groupsAttribute.setValue(to.samlGroupsAttribute());
        }
        presetHint.setText(getTranslation("sso.saml.preset." + to.name().toLowerCase(Locale.ROOT)));
    }

    SamlConnectionDraft draft(SsoPreset preset, UUID defaultRoleId) {
        for (HasValidation field : new HasValidation[] { metadataUrl, metadataXml, emailAttribute, groupsAttribute }) {
            field.setInvalid(false);
        }
        return new SamlConnectionDraft(preset, metadataUrl.getValue(), metadataXml.getValue(), emailAttribute.getValue(),
                groupsAttribute.getValue(), defaultRoleId, allowIdpInitiated.getValue());
    }

    /** Shows a refusal about the metadata at the field it came from; false when it is about something else. */
    boolean showAtField(AtriumRefusal refusal) {
        if (!refusal.code().startsWith("sso.saml-metadata")) {
            return false;
        }
        HasValidation field = metadataUrl.getValue().isBlank() ? metadataXml : metadataUrl;
        field.setErrorMessage(Feedback.text(refusal));
        field.setInvalid(true);
        return true;
    }

    private Div value(String labelKey, String id, String text) {
        Span value = new Span(text);
        value.setId(id);
        value.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)").set("word-break", "break-all");
        return new Div(new Span(getTranslation(labelKey) + ": "), value, copyButton(labelKey, () -> text));
    }

    private Button copyButton(String labelKey, Supplier<String> text) {
        Button copy = new Button(getTranslation("sso.saml.copy"), e -> {
            UI.getCurrent().getPage().executeJs("return navigator.clipboard.writeText($0)", text.get());
            Feedback.success(getTranslation("sso.saml.copied"));
        });
        copy.setAriaLabel(getTranslation("sso.saml.copy.label", getTranslation(labelKey)));
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        copy.addClassName("sso-saml-copy");
        return copy;
    }
}
