package org.fillwatch.web;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the REST API as an RFC 9457 problem detail ({@code application/problem+json}).
 * Spring's own handler covers the request errors (unreadable JSON, wrong types, missing parameters,
 * unsupported media types, 404s); this adds bodies over the size limit (413), constraint
 * violations (409) and a last resort for bugs (500) that names a reference to the log instead of
 * the exception, so no internals (SQL, class names, paths, secrets) ever reach a client.
 */
// not limited to the REST controllers: a wrong method or path has no controller to be limited by
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(ex, RequestSizeLimit.TooLarge.class)) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "request body larger than " + RequestSizeLimit.MAX_BYTES + " bytes");
        }
        // Jackson's message quotes the input and names Java classes: say what is wrong in our terms
        return problem(HttpStatus.BAD_REQUEST, "request body is not the JSON object this endpoint expects");
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                name + " has the wrong type" + (ex.getRequiredType() == null ? "" : ": expected "
                        + ex.getRequiredType().getSimpleName().toLowerCase()));
        detail.setProperty("field", name);
        return ResponseEntity.badRequest().body(detail);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> conflict(DataIntegrityViolationException e) {
        log.info("Request refused by a database constraint: {}", e.getMostSpecificCause().getMessage());
        return problem(HttpStatus.CONFLICT, "the change conflicts with stored data");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) throws Exception {
        if (e.getClass().getName().startsWith("org.springframework.security.")) {
            throw e; // access denied or not signed in: Spring Security's filters answer 401/403
        }
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected error, reference {}", reference, e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal error, reference " + reference);
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
