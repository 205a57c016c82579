package com.example.notes;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import com.example.notes.NoteService.Note;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.shell.CurrentWorkspace;
import dev.atrium.admin.shell.PagePermission;
import dev.atrium.admin.shell.WorkspaceLayout;
import dev.atrium.admin.shell.WorkspaceNav;
import dev.atrium.admin.shell.WorkspacePage;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.admin.ui.Formats;
import jakarta.annotation.security.PermitAll;

/** /w/{slug}/notes inside Atrium's layout; its permission, declared once, opens the page and shows its menu entry. */
@Route(value = "notes", layout = WorkspaceLayout.class)
@PermitAll
@PagePermission(NotePermissions.NOTES_VIEW)
@WorkspaceNav(label = "notes.nav", icon = VaadinIcon.NOTEBOOK, order = 50)
public class NotesView extends WorkspacePage implements HasDynamicTitle {

    private final NoteService notes;
    private final AccessControl access;

    public NotesView(NoteService notes, AccessControl access, CurrentWorkspace currentWorkspace) {
        super(currentWorkspace);
        this.notes = notes;
        this.access = access;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("notes.title");
    }

    @Override
    protected void show(TenantScope scope) {
        Grid<Note> grid = new Grid<>();
        grid.setId("notes");
        grid.addColumn(Note::title).setHeader(getTranslation("notes.grid.title"));
        grid.addColumn(note -> Formats.dateTime(note.createdAt())).setHeader(getTranslation("notes.grid.created"));
        grid.setItems(notes.list(scope));
        add(new H1(getTranslation("notes.title")));
        if (access.has(scope, NotePermissions.NOTES_EDIT)) {
            TextField title = new TextField(getTranslation("notes.new.title"));
            title.setId("note-title");
            title.setMaxLength(NoteService.MAX_TITLE_LENGTH);
            Button create = new Button(getTranslation("notes.new.create"), e -> {
                try {
                    notes.create(scope, title.getValue());
                    title.clear();
                    grid.setItems(notes.list(scope));
                } catch (NoteService.TitleRefused refused) {
                    title.setErrorMessage(Feedback.text(refused));
                    title.setInvalid(true);
                }
            });
            create.setId("note-create");
            add(new HorizontalLayout(title, create));
        }
        add(grid);
    }
}
