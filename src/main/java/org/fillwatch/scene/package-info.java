/**
 * Scene renderer: draws synthetic container sites as a fixed CCTV camera sees them, with the fill
 * level of each container known. It feeds model training (ground truth for fill), the demo clips
 * and the benchmarks' simulated cameras. No Spring beans: plain code used by the commands.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Scene renderer")
package org.fillwatch.scene;
