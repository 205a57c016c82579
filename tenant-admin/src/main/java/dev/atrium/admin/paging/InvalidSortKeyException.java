package dev.atrium.admin.paging;

/** A sort key that does not fit the list's sort order: another number of values, or a value of another type. */
public class InvalidSortKeyException extends IllegalArgumentException {

    public InvalidSortKeyException(String message) {
        super(message);
    }
}
