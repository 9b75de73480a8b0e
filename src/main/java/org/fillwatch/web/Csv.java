package org.fillwatch.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** CSV downloads (RFC 4180: comma, CRLF, fields quoted when needed), UTF-8. */
final class Csv {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private Csv() {
    }

    static String of(List<String> header, List<List<?>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, header);
        rows.forEach(row -> line(out, row));
        return out.toString();
    }

    /** The file as an attachment named {@code fileName}. */
    static ResponseEntity<String> download(String fileName, List<String> header, List<List<?>> rows) {
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .body(of(header, rows));
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (value instanceof CharSequence && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            // a spreadsheet would run a text starting like a formula (an address from a config file, say)
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
