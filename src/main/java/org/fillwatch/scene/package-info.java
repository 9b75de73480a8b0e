/**
 * Scene renderer: draws synthetic container sites as a fixed CCTV camera sees them, with the fill
 * level of each container known. It feeds model training (ground truth for fill), the demo clips
 * and the benchmarks' simulated cameras. No Spring beans: plain code used by the commands.
 *
 * <pre>{@code
 * SceneRenderer renderer = new SceneRenderer(seed, photosOrNull);   // share it; thread-safe
 * SceneSpec spec = renderer.randomSpec(1280, 720);                  // sequence fixed by the seed
 * try (RenderedScene scene = renderer.render(spec)) {               // same spec, same pixels
 *     Mat bgr = scene.image();                                      // closed with the scene
 *     for (ContainerTruth t : scene.containers()) { ... t.polygon(), t.fill(), t.present() ... }
 * }
 * renderer.render(spec.withFill(0, 0.9));     // a later frame of the same pavilion
 * }</pre>
 *
 * Where a closed lid hides the contents, {@code spec.containers().get(i).fillVisible()} is false.
 * {@code render-demo} ({@link org.fillwatch.scene.RenderDemoCommand}) writes the demo clips, truth
 * and pavilion files under camera-config/demo.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Scene renderer")
package org.fillwatch.scene;
