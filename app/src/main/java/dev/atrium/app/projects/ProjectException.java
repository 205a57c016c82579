package dev.atrium.app.projects;

import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.refusal.Reason;

/** A project change refused for its input or because the project is gone; nothing was changed. */
public class ProjectException extends AtriumRefusal {

    public static final String NAME_MISSING = "project.name.missing";
    /** The prefix of the name's other problems: {@code project.name.too-long}, {@code project.name.invisible}. */
    public static final String NAME = "project.name";
    public static final String NOT_FOUND = "project.not-found";

    ProjectException(Reason reason) {
        super(reason);
    }
}
