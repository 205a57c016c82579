package dev.atrium.app.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;

import dev.atrium.admin.tenancy.TenantUnavailableException;
import dev.atrium.admin.ui.Feedback;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/** A workspace whose schema failed to migrate is refused rather than served stale. */
@PageTitle("Workspace unavailable · Atrium")
@PermitAll
public class WorkspaceUnavailableView extends Div implements HasErrorParameter<TenantUnavailableException> {

    private final Paragraph message = new Paragraph();

    public WorkspaceUnavailableView() {
        addClassName("atrium-centered");
        H1 title = new H1("Workspace unavailable");
        title.setId("workspace-unavailable-title");
        add(title, message, new Anchor("/", "Go to your workspaces"));
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<TenantUnavailableException> parameter) {
        message.setText(Feedback.text(parameter.getException()) + " Your administrator has been alerted in the logs.");
        return HttpServletResponse.SC_SERVICE_UNAVAILABLE;
    }
}
