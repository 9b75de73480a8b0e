package org.fillwatch.pavilion;

/**
 * A reason a configuration file was refused.
 *
 * @param file  path of the file, as given to the loader
 * @param line  1-based line in the file, 0 when the file could not be read at all
 * @param field dotted path of the offending key, e.g. {@code containers[1].polygon[2].x}
 */
public record ConfigProblem(String file, int line, String field, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + message;
    }
}
