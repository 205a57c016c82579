package dev.atrium.admin.domain.ui;

import java.util.Locale;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;

import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.domain.DomainException;
import dev.atrium.admin.domain.DomainService;
import dev.atrium.admin.domain.DomainStatus;
import dev.atrium.admin.domain.WorkspaceDomain;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.admin.ui.Formats;

/**
 * Workspace → Settings → Domains, for holders of {@code workspace.manage_sso}: the workspace's domains with their
 * status and the TXT record to publish, Verify and Remove (each confirmed), and a field to add one. Row elements carry
 * {@code data-domain} so that tests find a domain's row.
 */
public class DomainsSection extends Composite<VerticalLayout> {

    public static final String ID = "domains-section";
    public static final String ADD_FIELD_ID = "domain-add-field";
    public static final String ADD_BUTTON_ID = "domain-add-button";
    public static final String GRID_ID = "domains-grid";
    public static final String VERIFY_DIALOG_ID = "verify-domain-dialog";
    public static final String REMOVE_DIALOG_ID = "remove-domain-dialog";
    /** Classes of the row elements, each with {@code data-domain}. */
    public static final String STATUS_CLASS = "domain-status";
    public static final String RECORD_NAME_CLASS = "domain-record-name";
    public static final String RECORD_VALUE_CLASS = "domain-record-value";
    public static final String COPY_CLASS = "domain-copy";
    public static final String VERIFY_CLASS = "domain-verify";
    public static final String REMOVE_CLASS = "domain-remove";
    private static final String DATA_DOMAIN = "data-domain";

    private final DomainService domains;
    private final TenantScope scope;
    private final TextField field = new TextField(getTranslation("domain.add.field"));
    private final Grid<WorkspaceDomain> grid = new Grid<>();

    public DomainsSection(DomainService domains, TenantScope scope) {
        this.domains = domains;
        this.scope = scope;
        getContent().setId(ID);
        getContent().setPadding(false);

        field.setId(ADD_FIELD_ID);
        field.setPlaceholder(getTranslation("domain.add.placeholder"));
        field.setWidth("min(24rem, 90vw)");
        field.setManualValidation(true);
        field.addValueChangeListener(e -> field.setInvalid(false));
        Button add = new Button(getTranslation("domain.add.button"), e -> add());
        add.setId(ADD_BUTTON_ID);
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClickShortcut(Key.ENTER).listenOn(field);
        HorizontalLayout addRow = new HorizontalLayout(field, add);
        addRow.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.setId(GRID_ID);
        grid.setSelectionMode(Grid.SelectionMode.NONE);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(getTranslation("domain.grid.empty"));
        grid.addColumn(WorkspaceDomain::domain).setHeader(getTranslation("domain.grid.domain")).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::status).setHeader(getTranslation("domain.grid.status")).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::record).setHeader(getTranslation("domain.grid.record")).setFlexGrow(1);
        grid.addComponentColumn(this::actions).setHeader(getTranslation("domain.grid.actions")).setAutoWidth(true).setFlexGrow(0);

        getContent().add(new H2(getTranslation("domain.section.title")), new Paragraph(getTranslation("domain.section.intro")),
                addRow, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(domains.domains(scope));
    }

    private void add() {
        try {
            WorkspaceDomain added = domains.add(scope, field.getValue());
            field.clear();
            Feedback.success(getTranslation("domain.added", added.domain()));
            refresh();
        } catch (DomainException | PermissionDeniedException e) {
            field.setErrorMessage(Feedback.text(e));
            field.setInvalid(true);
        }
    }

    private Component status(WorkspaceDomain domain) {
        Span badge = new Span(getTranslation("domain.status." + domain.status().name().toLowerCase(Locale.ROOT)));
        badge.getElement().setAttribute("theme", switch (domain.status()) {
            case VERIFIED -> "badge success";
            case UNVERIFIED -> "badge error";
            case PENDING -> "badge contrast";
        });
        Div cell = new Div(badge);
        cell.addClassName(STATUS_CLASS);
        cell.getElement().setAttribute(DATA_DOMAIN, domain.domain());
        if (domain.status() == DomainStatus.UNVERIFIED && domain.unverifiedReason() != null) {
            Div reason = new Div(getTranslation(domain.unverifiedReason(), Formats.dateTime(domain.unverifiedAt())));
            reason.getStyle().set("font-size", "var(--lumo-font-size-s)");
            cell.add(reason);
        }
        return cell;
    }

    private Component record(WorkspaceDomain domain) {
        Span name = tagged(new Span(domain.recordName()), RECORD_NAME_CLASS, domain);
        Span value = tagged(new Span(domain.recordValue()), RECORD_VALUE_CLASS, domain);
        value.getStyle().set("word-break", "break-all").set("font-family", "var(--lumo-font-family-monospace, monospace)");
        Button copy = tagged(new Button(getTranslation("domain.copy"), e -> {
            UI.getCurrent().getPage().executeJs("return navigator.clipboard.writeText($0)", domain.recordValue());
            Feedback.success(getTranslation("domain.copied"));
        }), COPY_CLASS, domain);
        copy.setAriaLabel(getTranslation("domain.copy.label", domain.domain()));
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        VerticalLayout cell = new VerticalLayout(
                new Div(new Span(getTranslation("domain.record.name") + ": "), name),
                new HorizontalLayout(new Div(new Span(getTranslation("domain.record.value") + ": "), value), copy));
        cell.setPadding(false);
        cell.setSpacing(false);
        return cell;
    }

    private Component actions(WorkspaceDomain domain) {
        Button verify = tagged(new Button(getTranslation("domain.verify"), e -> confirmVerify(domain)), VERIFY_CLASS, domain);
        verify.addThemeVariants(ButtonVariant.LUMO_SMALL);
        Button remove = tagged(new Button(getTranslation("domain.remove"), e -> confirmRemove(domain)), REMOVE_CLASS, domain);
        remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout actions = new HorizontalLayout(verify, remove);
        actions.setSpacing("var(--lumo-space-s)");
        return actions;
    }

    private void confirmVerify(WorkspaceDomain domain) {
        Feedback.confirm(VERIFY_DIALOG_ID, getTranslation("domain.verify.confirm.header", domain.domain()),
                getTranslation("domain.verify.confirm.text", domain.recordName()), getTranslation("domain.verify.confirm.button"),
                () -> verify(domain)).open();
    }

    private void verify(WorkspaceDomain domain) {
        try {
            WorkspaceDomain now = domains.verify(scope, domain.id());
            if (now.verified()) {
                Feedback.success(getTranslation("domain.verified", now.domain()));
            } else {
                Feedback.error(getTranslation("domain.not-found", now.recordName()));
            }
        } catch (DomainException | PermissionDeniedException e) {
            // A conflict (verified elsewhere), a domain removed meanwhile, or no DNS answer.
            Feedback.refusal(e);
        }
        refresh();
    }

    private void confirmRemove(WorkspaceDomain domain) {
        ConfirmDialog dialog = Feedback.confirm(REMOVE_DIALOG_ID, getTranslation("domain.remove.confirm.header", domain.domain()),
                getTranslation("domain.remove.confirm.text", domain.domain()), getTranslation("domain.remove.confirm.button"),
                () -> remove(domain));
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    private void remove(WorkspaceDomain domain) {
        try {
            domains.remove(scope, domain.id());
            Feedback.success(getTranslation("domain.removed", domain.domain()));
        } catch (AtriumRefusal e) {
            Feedback.refusal(e);
        }
        refresh();
    }

    private static <T extends Component> T tagged(T component, String className, WorkspaceDomain domain) {
        component.getElement().getClassList().add(className);
        component.getElement().setAttribute(DATA_DOMAIN, domain.domain());
        return component;
    }
}
