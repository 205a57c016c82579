package dev.atrium.admin.shell;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import jakarta.servlet.http.HttpServletResponse;

/** Unknown pages and workspaces the account cannot open look the same: nothing about the workspace leaks. */
@AnonymousAllowed
public class NotFoundView extends Div implements HasErrorParameter<NotFoundException>, HasDynamicTitle {

    public NotFoundView() {
        addClassName("atrium-centered");
        H1 title = new H1(getTranslation("shell.not-found.title"));
        title.setId("not-found-title");
        add(title, new Paragraph(getTranslation("shell.not-found.text")),
                new Anchor("/", getTranslation("shell.page.go-to-workspaces")));
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        return HttpServletResponse.SC_NOT_FOUND;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("shell.not-found.page-title");
    }
}
