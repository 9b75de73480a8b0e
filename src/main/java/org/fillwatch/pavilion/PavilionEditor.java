package org.fillwatch.pavilion;

import java.util.List;
import java.util.Map;
import org.fillwatch.pavilion.ContainerSpec.Point;

/**
 * Changes to a pavilion's file made from the operator's screen (the region-of-interest editor).
 * The file is only replaced once the new version passes the same validation as at start, and the
 * running service then uses it without a restart ({@link PavilionChanged}).
 */
public interface PavilionEditor {

    /**
     * Replaces the polygons of the named containers of a pavilion, keeping every other byte of its
     * file (comments, other keys, formatting).
     *
     * @param polygons container id to its new corners (normalised 0..1); containers not named keep theirs
     * @return the pavilion as read back from the new file
     * @throws Refused with every problem (file, line, field) when the result would not be valid; the
     *                 file is then left untouched
     */
    Pavilion replacePolygons(String pavilionId, Map<String, List<Point>> polygons);

    /** Why an edit was refused; the problems name the pavilion's file and the line in the proposed version. */
    final class Refused extends RuntimeException {

        private final transient List<ConfigProblem> problems;

        public Refused(List<ConfigProblem> problems) {
            super(problems.isEmpty() ? "refused" : problems.get(0).toString());
            this.problems = List.copyOf(problems);
        }

        public List<ConfigProblem> problems() {
            return problems;
        }
    }
}
