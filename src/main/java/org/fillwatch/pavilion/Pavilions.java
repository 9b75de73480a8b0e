package org.fillwatch.pavilion;

import java.util.List;
import java.util.Optional;

/** The pavilions whose configuration is valid, and the problems of those whose is not. */
public interface Pavilions {

    List<Pavilion> all();

    Optional<Pavilion> find(String pavilionId);

    /** Every configuration problem found at the last load, each naming file, line and field. */
    List<ConfigProblem> problems();
}
