/**
 * The {@code train} command that produces the fill-level model. Exposed as a named interface only
 * so that the command dispatcher in the root package can register {@link
 * org.fillwatch.vision.training.TrainCommand}; nothing else of it is API.
 */
@org.springframework.modulith.NamedInterface("training")
package org.fillwatch.vision.training;
