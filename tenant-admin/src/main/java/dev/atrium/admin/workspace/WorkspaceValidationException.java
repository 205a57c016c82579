package dev.atrium.admin.workspace;

import java.util.List;

import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.workspace.WorkspaceNames.FieldProblem;

/**
 * The proposed workspace name or address is not acceptable; nothing was created. Its code is the first problem's; a
 * form shows each of {@link #problems()} next to its field.
 */
public class WorkspaceValidationException extends AtriumRefusal {

    private final transient List<FieldProblem> problems;

    WorkspaceValidationException(List<FieldProblem> problems) {
        super(problems.getFirst().reason());
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
