package dev.atrium.admin.api;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.workspace.WorkspaceValidationException;

/** Every refusal and bad request of the API's controllers as a problem detail (see {@link ApiProblems}). */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** SQLSTATEs of text PostgreSQL cannot hold: NUL in text (character not in repertoire) and in JSON. */
    private static final Set<String> UNSTORABLE_TEXT = Set.of("22021", "22P05");

    private final ApiProblems problems;

    ApiExceptionHandler(ApiProblems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(AtriumRefusal.class)
    ResponseEntity<Map<String, Object>> refusal(AtriumRefusal refusal, Locale locale) {
        return problems.refusal(refusal, locale);
    }

    /** Every problem of a new workspace's name, slug and owner, per field; the status is the first problem's. */
    @ExceptionHandler(WorkspaceValidationException.class)
    ResponseEntity<Map<String, Object>> invalidWorkspace(WorkspaceValidationException invalid, Locale locale) {
        List<ApiProblems.FieldError> errors = invalid.problems().stream()
                .map(problem -> new ApiProblems.FieldError(switch (problem.field()) {
                    case NAME -> "name";
                    case SLUG -> "slug";
                    case OWNER -> "ownerEmail";
                }, problem.reason().code(), problems.detail(problem.reason(), locale)))
                .toList();
        return problems.refusal(invalid, locale, errors);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Map<String, Object>> invalid(MethodArgumentNotValidException invalid, Locale locale) {
        List<ApiProblems.FieldError> errors = invalid.getBindingResult().getFieldErrors().stream()
                .map(error -> new ApiProblems.FieldError(error.getField(), String.valueOf(error.getCode()),
                        String.valueOf(error.getDefaultMessage())))
                .toList();
        return problems.of(HttpStatus.UNPROCESSABLE_CONTENT, ApiProblems.INVALID_REQUEST, locale, errors);
    }

    @ExceptionHandler(ApiFieldException.class)
    ResponseEntity<Map<String, Object>> invalidField(ApiFieldException invalid, Locale locale) {
        List<ApiProblems.FieldError> errors = List.of(new ApiProblems.FieldError(invalid.field(), invalid.code(),
                problems.detail(invalid.reason(), locale)));
        return problems.of(HttpStatus.UNPROCESSABLE_CONTENT, ApiProblems.INVALID_REQUEST, locale, errors);
    }

    @ExceptionHandler({ HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class })
    ResponseEntity<Map<String, Object>> unreadable(Exception unreadable, Locale locale) {
        return problems.of(HttpStatus.BAD_REQUEST, ApiProblems.INVALID_REQUEST, locale, null);
    }

    /**
     * A net under the input checks, which should have refused such text: the request's fault (400), logged so that the
     * check it slipped past is added. Any other database failure is rethrown: a server error.
     */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<Map<String, Object>> unstorableText(DataAccessException failure, Locale locale) {
        if (!(failure.getMostSpecificCause() instanceof SQLException sql) || sql.getSQLState() == null
                || !UNSTORABLE_TEXT.contains(sql.getSQLState())) {
            throw failure;
        }
        log.warn("An API request passed text the database cannot hold to it: {}", sql.getMessage());
        return problems.of(HttpStatus.BAD_REQUEST, ApiProblems.INVALID_REQUEST, locale, null);
    }
}
