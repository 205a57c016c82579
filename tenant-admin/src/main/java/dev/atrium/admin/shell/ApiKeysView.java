package dev.atrium.admin.shell;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.apikey.ApiKeyService;
import dev.atrium.admin.apikey.ui.ApiKeyCreatedDialog;
import dev.atrium.admin.apikey.ui.ApiKeysGrid;
import dev.atrium.admin.apikey.ui.CreateApiKeyDialog;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantScope;
import jakarta.annotation.security.PermitAll;

/** /w/{slug}/api-keys: keys machines use with the REST API; "not found" for roles that may not manage them. */
@Route(value = "api-keys", layout = WorkspaceLayout.class)
@PermitAll
@PagePermission(Permissions.API_KEYS_MANAGE)
@WorkspaceNav(label = "apikey.nav", icon = VaadinIcon.CONNECT, order = 450)
public class ApiKeysView extends WorkspacePage implements HasDynamicTitle {

    public static final String CREATE_ID = "create-api-key";

    private final ApiKeyService apiKeys;
    private final RoleService roles;
    private final AccessControl access;

    public ApiKeysView(ApiKeyService apiKeys, RoleService roles, AccessControl access, CurrentWorkspace currentWorkspace) {
        super(currentWorkspace);
        this.apiKeys = apiKeys;
        this.roles = roles;
        this.access = access;
    }

    @Override
    protected void show(TenantScope scope) {
        ApiKeysGrid grid = new ApiKeysGrid(apiKeys, scope);
        boolean owner = access.roleOf(scope).isOwner();
        Button create = new Button(getTranslation("apikey.page.create"), VaadinIcon.PLUS.create(),
                e -> new CreateApiKeyDialog(apiKeys, roles, scope, owner, created -> {
                    grid.refresh();
                    new ApiKeyCreatedDialog(created).open();
                }).open());
        create.setId(CREATE_ID);
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div header = new Div(new H1(getTranslation("apikey.page.title")), create);
        header.addClassName("atrium-page-header");
        add(header, new Paragraph(getTranslation("apikey.page.intro")), grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("apikey.page.page-title");
    }
}
