package dev.atrium.admin.shell;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasErrorParameter;

import dev.atrium.admin.tenancy.TenantUnavailableException;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/** A workspace whose schema failed to migrate is refused rather than served stale. */
@PermitAll
public class WorkspaceUnavailableView extends Div implements HasErrorParameter<TenantUnavailableException>, HasDynamicTitle {

    private final Paragraph message = new Paragraph();

    public WorkspaceUnavailableView() {
        addClassName("atrium-centered");
        H1 title = new H1(getTranslation("shell.unavailable.title"));
        title.setId("workspace-unavailable-title");
        add(title, message, new Anchor("/", getTranslation("shell.page.go-to-workspaces")));
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<TenantUnavailableException> parameter) {
        message.setText(getTranslation("shell.unavailable.text"));
        return HttpServletResponse.SC_SERVICE_UNAVAILABLE;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("shell.unavailable.page-title");
    }
}
