/**
 * Labelling: operators' labels of container crops (empty, partial, full, overflowing), each stored
 * with a copy of the crop the model saw at that reading, and exported in the class-folder layout
 * that {@code evaluate} and {@code finetune} read. Crops come from the vision module's
 * {@link org.fillwatch.vision.ContainerCrops}; the labels live in table {@code operator_label}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Labelling")
package org.fillwatch.labelling;
