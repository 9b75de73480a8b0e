package org.fillwatch.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;

/** RFC 9457 problem bodies for answers the security filters give before any controller runs. */
final class FilterProblems {

    private FilterProblems() {
    }

    static void write(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            // Bearer, not Basic: a Basic challenge would make browsers pop up their own password dialog
            response.setHeader("WWW-Authenticate", "Bearer realm=\"fillwatch\"");
        }
        String title = HttpStatus.valueOf(status).getReasonPhrase();
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
