package dev.atrium.admin.shell;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import dev.atrium.admin.apikey.PlatformApiKeyService;
import dev.atrium.admin.apikey.ui.ApiKeyCreatedDialog;
import dev.atrium.admin.apikey.ui.CreatePlatformApiKeyDialog;
import dev.atrium.admin.apikey.ui.PlatformApiKeysGrid;
import jakarta.annotation.security.RolesAllowed;

/**
 * /operator/api-keys: platform API keys, with which a SaaS backend creates workspaces through the REST API. For
 * operators only (the route, and the service again); anyone else gets the access-denied answer of every guarded route.
 */
@Route(value = PlatformApiKeysView.ROUTE, layout = MainLayout.class)
@RolesAllowed("OPERATOR")
public class PlatformApiKeysView extends Div implements HasDynamicTitle {

    public static final String ROUTE = "operator/api-keys";
    public static final String CREATE_ID = "create-platform-api-key";

    public PlatformApiKeysView(PlatformApiKeyService platformKeys) {
        PlatformApiKeysGrid grid = new PlatformApiKeysGrid(platformKeys);
        Button create = new Button(getTranslation("platformkey.page.create"), VaadinIcon.PLUS.create(),
                e -> new CreatePlatformApiKeyDialog(platformKeys, created -> {
                    grid.refresh();
                    new ApiKeyCreatedDialog(created).open();
                }).open());
        create.setId(CREATE_ID);
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div header = new Div(new H1(getTranslation("platformkey.page.title")), create);
        header.addClassName("atrium-page-header");
        add(header, new Paragraph(getTranslation("platformkey.page.intro")), grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("platformkey.page.page-title");
    }
}
