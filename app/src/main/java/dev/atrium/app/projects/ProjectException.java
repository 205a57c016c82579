package dev.atrium.app.projects;

/** A project change refused for its input or because the project is gone; nothing was changed. */
public class ProjectException extends RuntimeException {

    public static final String NAME_MISSING = "project.name_missing";
    public static final String NAME_INVALID = "project.name_invalid";
    public static final String NOT_FOUND = "project.not_found";

    private final String code;

    ProjectException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** Stable code of the refusal, e.g. {@code project.not_found}. */
    public String code() {
        return code;
    }
}
