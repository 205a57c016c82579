package dev.atrium.admin.workspace;

import java.util.List;

import dev.atrium.admin.workspace.WorkspaceNames.FieldProblem;

/** The proposed workspace name or address is not acceptable; nothing was created. */
public class WorkspaceValidationException extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public WorkspaceValidationException(List<FieldProblem> problems) {
        super(problems.stream().map(FieldProblem::message).reduce((a, b) -> a + " " + b).orElse("Invalid workspace."));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
