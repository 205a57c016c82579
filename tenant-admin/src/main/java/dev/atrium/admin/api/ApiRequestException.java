package dev.atrium.admin.api;

import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.refusal.Reason;

/** The request itself cannot be served: nothing by that id in the key's workspace, a malformed cursor or parameter. */
class ApiRequestException extends AtriumRefusal {

    ApiRequestException(String code, Object... args) {
        super(code, args);
    }

    /** A refusal a service reported rather than threw, such as one invitation of a batch. */
    ApiRequestException(Reason reason) {
        super(reason);
    }

    static ApiRequestException notFound() {
        return new ApiRequestException(ApiProblems.NOT_FOUND);
    }

    static ApiRequestException invalid(String parameter) {
        return new ApiRequestException(ApiProblems.INVALID_PARAMETER, parameter);
    }
}
