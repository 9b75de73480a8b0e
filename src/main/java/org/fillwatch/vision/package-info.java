/**
 * Vision: turns a frame into one fill estimate per container. Each container polygon is cut out
 * and rectified (perspective warp), the crops of a frame go through the fill-level model in one
 * batch, and the result is published as a {@link org.fillwatch.vision.FrameAnalysed} event. The
 * model is kept behind DJL's Translator pattern (pre-processing, network, post-processing apart),
 * and the training command that produces it lives in {@code vision.training}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Vision")
package org.fillwatch.vision;
