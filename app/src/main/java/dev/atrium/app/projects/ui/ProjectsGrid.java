package dev.atrium.app.projects.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.paging.ui.LazyPaging;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.admin.ui.Formats;
import dev.atrium.app.projects.Project;
import dev.atrium.app.projects.ProjectException;
import dev.atrium.app.projects.ProjectService;

/**
 * The workspace's projects, lazily loaded (paged and sorted in SQL). With {@code canEdit}, members create, rename and
 * delete them; the service checks the permission again on every change.
 */
public class ProjectsGrid extends Composite<VerticalLayout> {

    public static final String GRID_ID = "projects-grid";
    public static final String NEW_PROJECT_ID = "new-project-button";

    private final ProjectService projects;
    private final TenantScope scope;
    private final Grid<Project> grid = new Grid<>();

    public ProjectsGrid(ProjectService projects, TenantScope scope, boolean canEdit) {
        this.projects = projects;
        this.scope = scope;
        Button newProject = new Button(getTranslation("projects.grid.new"), VaadinIcon.PLUS.create(),
                e -> new ProjectNameDialog(getTranslation("projects.dialog.new-title"), getTranslation("projects.dialog.create"),
                        "", name -> projects.create(scope, name), this::refresh).open());
        newProject.setId(NEW_PROJECT_ID);
        newProject.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        newProject.setVisible(canEdit);
        Div header = new Div(new H1(getTranslation("projects.grid.title")), newProject);
        header.addClassName("atrium-page-header");

        grid.setId(GRID_ID);
        grid.addClassName("atrium-grid");
        grid.setSelectionMode(Grid.SelectionMode.NONE);
        grid.addColumn(Project::name).setHeader(getTranslation("projects.grid.name")).setKey(Project.SORT_NAME).setSortable(true).setFlexGrow(2);
        grid.addColumn(project -> Formats.dateTime(project.createdAt())).setHeader(getTranslation("projects.grid.created")).setKey(Project.SORT_CREATED)
                .setSortable(true).setWidth("14rem").setFlexGrow(0);
        if (canEdit) {
            grid.addComponentColumn(this::editActions).setWidth("12rem").setFlexGrow(0);
        }
        grid.setItems(query -> projects.page(scope, LazyPaging.pageOf(query)).stream(), query -> projects.count(scope));

        getContent().setPadding(false);
        getContent().add(header, grid);
    }

    private Component editActions(Project project) {
        Button rename = new Button(getTranslation("projects.grid.rename"), e -> new ProjectNameDialog(
                getTranslation("projects.dialog.rename-title"), getTranslation("projects.dialog.save"), project.name(),
                name -> projects.rename(scope, project.id(), name), this::refresh).open());
        rename.setId("rename-project-" + project.id());
        rename.setAriaLabel(getTranslation("projects.grid.rename-label", project.name()));
        rename.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button delete = new Button(getTranslation("projects.grid.delete"), e -> Feedback.confirm("confirm-delete-project",
                getTranslation("projects.delete.title"), getTranslation("projects.delete.text", project.name()),
                getTranslation("projects.delete.confirm"), () -> {
                    try {
                        projects.delete(scope, project.id());
                        Feedback.success(getTranslation("projects.delete.done", project.name()));
                    } catch (ProjectException | PermissionDeniedException refused) {
                        Feedback.refusal(refused);
                    }
                    refresh();
                }).open());
        delete.setId("delete-project-" + project.id());
        delete.setAriaLabel(getTranslation("projects.grid.delete-label", project.name()));
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        HorizontalLayout cell = new HorizontalLayout(rename, delete);
        cell.setSpacing(false);
        return cell;
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
    }
}
