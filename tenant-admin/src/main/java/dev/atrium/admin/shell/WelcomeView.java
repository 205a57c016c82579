package dev.atrium.admin.shell;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import dev.atrium.admin.security.CurrentAccount;
import jakarta.annotation.security.PermitAll;

/** Where an account without any workspace lands. */
@Route(value = "welcome", layout = MainLayout.class)
@PageTitle("Create your first workspace · Atrium")
@PermitAll
public class WelcomeView extends Div {

    public WelcomeView(CurrentAccount currentAccount) {
        addClassName("atrium-centered");
        H1 title = new H1("Create your first workspace");
        title.setId("welcome-title");
        Paragraph text = new Paragraph("Welcome, " + currentAccount.user().displayName()
                + ". A workspace is where your team works together: invite colleagues, give them roles, see what changed.");
        Button create = new Button("Create workspace", e -> findAncestor(MainLayout.class).createWorkspace());
        create.setId("create-first-workspace");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(title, text, create);
    }
}
