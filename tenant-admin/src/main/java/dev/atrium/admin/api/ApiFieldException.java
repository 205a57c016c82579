package dev.atrium.admin.api;

/**
 * A field of the request body that a check after Bean Validation refuses, answered as validation's problems are: 422
 * {@code api.invalid-request} with the field in {@code errors}, so a client finds it where it finds the others.
 */
final class ApiFieldException extends ApiRequestException {

    private final String field;

    ApiFieldException(String field, String code, Object... args) {
        super(code, args);
        this.field = field;
    }

    String field() {
        return field;
    }
}
