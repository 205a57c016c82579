package dev.atrium.admin.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    @ExceptionHandler({ HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class })
    ResponseEntity<Map<String, Object>> unreadable(Exception unreadable, Locale locale) {
        return problems.of(HttpStatus.BAD_REQUEST, ApiProblems.INVALID_REQUEST, locale, null);
    }
}
