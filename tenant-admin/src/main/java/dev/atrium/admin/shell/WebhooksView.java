package dev.atrium.admin.shell;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.webhook.WebhookService;
import dev.atrium.admin.webhook.ui.WebhooksPanel;
import jakarta.annotation.security.PermitAll;

/** /w/{slug}/webhooks: the workspace's webhook endpoints and their delivery logs; "not found" without {@code webhooks.manage}. */
@Route(value = "webhooks", layout = WorkspaceLayout.class)
@PermitAll
@PagePermission(Permissions.WEBHOOKS_MANAGE)
@WorkspaceNav(label = "webhook.nav", icon = VaadinIcon.CONNECT, order = 450)
public class WebhooksView extends WorkspacePage implements HasDynamicTitle {

    private final WebhookService webhooks;

    public WebhooksView(WebhookService webhooks, CurrentWorkspace currentWorkspace) {
        super(currentWorkspace);
        this.webhooks = webhooks;
    }

    @Override
    protected void show(TenantScope scope) {
        Div header = new Div(new H1(getTranslation("webhook.page.title")));
        header.addClassName("atrium-page-header");
        add(header, new Paragraph(getTranslation("webhook.page.intro")), new WebhooksPanel(webhooks, scope));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("webhook.page.page-title");
    }
}
