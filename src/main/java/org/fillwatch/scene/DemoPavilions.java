package org.fillwatch.scene;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.fillwatch.scene.SceneSpec.Cast;
import org.fillwatch.scene.SceneSpec.Conditions;
import org.fillwatch.scene.SceneSpec.Container;
import org.fillwatch.scene.SceneSpec.ContainerType;
import org.fillwatch.scene.SceneSpec.Lid;
import org.fillwatch.scene.SceneSpec.Light;
import org.fillwatch.scene.SceneSpec.OccluderType;
import org.fillwatch.scene.SceneSpec.Weather;

/**
 * The three demo pavilions in Petropavlovsk (North Kazakhstan) and what happens at each during
 * the two-minute clip of a compressed day.
 */
final class DemoPavilions {

    static final double CLIP_SECONDS = 120;
    private static final LocalDateTime DAY_START = LocalDateTime.of(2026, 11, 24, 6, 0);

    private DemoPavilions() {
    }

    static List<DemoPavilion> all(int width, int height) {
        return List.of(centre(width, height), podgora(width, height), nineteenth(width, height));
    }

    /**
     * Kazybek Bi / Konstitutsii corner: four open metal containers on asphalt. Container c2 is full by
     * 40 s, overflows from 55 s with bags beside it, and carrier-a's truck empties the row at 85-90 s.
     */
    private static DemoPavilion centre(int width, int height) {
        List<Container> row = row(new ContainerType[] {ContainerType.OPEN_METAL_075, ContainerType.OPEN_METAL_075,
                ContainerType.OPEN_METAL_075, ContainerType.OPEN_METAL_075},
                new int[] {0x3d5a40, 0x2f4a6e, 0x3d5a40, 0x4a4f4c}, new Lid[] {Lid.NONE, Lid.NONE, Lid.NONE, Lid.NONE}, 11);
        SceneSpec base = scene(width, height, 5.0, 42, 68, 0.08, row, 0.7, SceneSpec.Ground.ASPHALT,
                SceneSpec.Fence.CORRUGATED, 0x505054, 0x6a7a6a,
                new Conditions(Light.DAY, Weather.CLEAR, true, 150, 28, 0, 0, Cast.NONE, 0.05), 101);
        double truck = 88;
        List<DemoTimeline> lines = List.of(
                emptiedAt(truck, new double[][] {{0, 0.15}, {truck, 0.55}}, 0.02, 0.08),
                new DemoTimeline(new double[][] {{0, 0.35}, {20, 0.62}, {40, 1.0}, {truck, 1.0}, {truck + 0.01, 0.04},
                        {CLIP_SECONDS, 0.12}}, List.of(new double[] {55, truck}), List.of(new double[] {60, truck}),
                        List.of()),
                emptiedAt(truck, new double[][] {{0, 0.25}, {truck, 0.72}}, 0.03, 0.1),
                emptiedAt(truck, new double[][] {{0, 0.05}, {truck, 0.38}}, 0.0, 0.06));
        double mid = base.camera().x();
        double rowZ = base.site().rowZ();
        List<DemoVisit> visits = List.of(
                person(17, 24, mid + 3.5, row.get(1).x(), mid - 4, rowZ - 1.0, 0x2a4a6a, 1),
                person(46, 52, mid - 4, row.get(1).x() + 0.3, mid + 4, rowZ - 1.1, 0x5a2a2a, 2),
                person(62, 67, mid + 4, row.get(1).x() - 0.5, mid + 4, rowZ - 1.3, 0x202428, 3),
                new DemoVisit(OccluderType.TRUCK, 83.5, 92.5, row.get(1).x() + 0.7, row.get(1).x() + 0.7,
                        row.get(1).x() + 0.7, rowZ - 0.9, 0xd87a20, 4),
                person(101, 107, mid - 4, row.get(3).x(), mid + 4, rowZ - 1.0, 0x6a6a60, 5));
        return new DemoPavilion("ptr-001", "Pavilion, Konstitutsii Kazakhstana St. 38",
                "Konstitutsii Kazakhstana St. 38, Petropavlovsk", "Centre", 54.8722, 69.1431, "carrier-a", base,
                lines, visits, DAY_START);
    }

    /** Podgora, Abay St.: three euro containers on packed snow in falling snow; c1 reaches about 65 %. */
    private static DemoPavilion podgora(int width, int height) {
        List<Container> row = row(new ContainerType[] {ContainerType.EURO_110, ContainerType.EURO_110,
                ContainerType.EURO_110}, new int[] {0x2a5a9a, 0x7a7e80, 0x2f7040},
                new Lid[] {Lid.OPEN, Lid.MISSING, Lid.OPEN}, 22);
        SceneSpec base = scene(width, height, 4.5, 40, 66, 0.12, row, 0.7, SceneSpec.Ground.SNOW,
                SceneSpec.Fence.CORRUGATED, 0xd8dce2, 0x8a8c8a,
                new Conditions(Light.DAY, Weather.SNOW, false, 0, 30, 0, 0, Cast.NONE, 0.0), 202);
        List<DemoTimeline> lines = List.of(
                DemoTimeline.filling(new double[][] {{0, 0.08}, {CLIP_SECONDS, 0.66}}),
                DemoTimeline.filling(new double[][] {{0, 0.18}, {CLIP_SECONDS, 0.42}}),
                DemoTimeline.filling(new double[][] {{0, 0.05}, {CLIP_SECONDS, 0.3}}));
        double mid = base.camera().x();
        double rowZ = base.site().rowZ();
        List<DemoVisit> visits = List.of(
                person(28, 35, mid - 4, row.get(0).x(), mid - 4, rowZ - 1.1, 0x3a3a50, 6),
                person(74, 81, mid + 4, row.get(0).x() + 0.4, mid - 4, rowZ - 1.2, 0x8a6a3a, 7));
        return new DemoPavilion("ptr-002", "Pavilion, Abay St. 61", "Abay St. 61, Petropavlovsk", "Podgora",
                54.8794, 69.1585, "carrier-b", base, lines, visits, DAY_START);
    }

    /**
     * 19th microdistrict, Zhambyl St.: metal containers, a euro container and a wheelie bin behind a
     * brick wall at dusk; c1 reaches about 70 %, a car parks in front for a while and the wheelie
     * bin is away from 70 s to 95 s.
     */
    private static DemoPavilion nineteenth(int width, int height) {
        List<Container> row = row(new ContainerType[] {ContainerType.OPEN_METAL_075, ContainerType.OPEN_METAL_075,
                ContainerType.EURO_110, ContainerType.WHEELIE_240}, new int[] {0x4a4f4c, 0x5a6a3a, 0xc8a020, 0x2f7040},
                new Lid[] {Lid.NONE, Lid.NONE, Lid.OPEN, Lid.OPEN}, 33);
        SceneSpec base = scene(width, height, 4.2, 38, 70, 0.1, row, 0.7, SceneSpec.Ground.ASPHALT,
                SceneSpec.Fence.BRICK, 0x4a4a4e, 0x8a4a36,
                new Conditions(Light.DUSK, Weather.CLEAR, false, 0, 10, 0, 0, Cast.NONE, 0.06), 303);
        List<DemoTimeline> lines = List.of(
                DemoTimeline.filling(new double[][] {{0, 0.12}, {CLIP_SECONDS, 0.7}}),
                DemoTimeline.filling(new double[][] {{0, 0.3}, {CLIP_SECONDS, 0.5}}),
                DemoTimeline.filling(new double[][] {{0, 0.0}, {CLIP_SECONDS, 0.35}}),
                new DemoTimeline(new double[][] {{0, 0.2}, {CLIP_SECONDS, 0.45}}, List.of(), List.of(),
                        List.<double[]>of(new double[] {70, 95})));
        double mid = base.camera().x();
        double rowZ = base.site().rowZ();
        List<DemoVisit> visits = List.of(
                new DemoVisit(OccluderType.CAR, 38, 62, mid - 14, mid - 2.2, mid + 14, rowZ - 2.4, 0xb0b0a8, 8),
                person(88, 95, mid + 4, row.get(0).x(), mid - 4, rowZ - 1.0, 0x202428, 9));
        return new DemoPavilion("ptr-003", "Pavilion, Zhambyl St. 190", "Zhambyl St. 190, Petropavlovsk",
                "19th Microdistrict", 54.8641, 69.1603, "carrier-a", base, lines, visits, DAY_START);
    }

    /** Fill rises along keys up to the truck, drops to `after` and creeps up to `end` by the clip's end. */
    private static DemoTimeline emptiedAt(double truck, double[][] before, double after, double end) {
        double[][] keys = new double[before.length + 2][];
        System.arraycopy(before, 0, keys, 0, before.length);
        keys[before.length] = new double[] {truck + 0.01, after};
        keys[before.length + 1] = new double[] {CLIP_SECONDS, end};
        return DemoTimeline.filling(keys);
    }

    private static DemoVisit person(double from, double to, double xEnter, double xStop, double xLeave, double z,
                                    int rgb, long seed) {
        return new DemoVisit(OccluderType.PERSON, from, to, xEnter, xStop, xLeave, z, rgb, seed);
    }

    private static List<Container> row(ContainerType[] types, int[] colours, Lid[] lids, long seed) {
        List<Container> list = new ArrayList<>();
        double x = 0;
        for (int i = 0; i < types.length; i++) {
            x += types[i].width / 2 + (i == 0 ? 0 : 0.35);
            list.add(new Container("c" + (i + 1), types[i], colours[i], lids[i], x, 0, 0, false, true, false,
                    seed * 1000 + i));
            x += types[i].width / 2 + types[i].flare;
        }
        return list;
    }

    /** Places the camera centred on the row at the given height and tilt, with the row near mid-frame. */
    private static SceneSpec scene(int width, int height, double camH, double tilt, double fov, double barrel,
                                   List<Container> row, double rowAt, SceneSpec.Ground ground, SceneSpec.Fence fence,
                                   int groundRgb, int fenceRgb, Conditions conditions, long seed) {
        Container last = row.get(row.size() - 1);
        double camX = (last.x() + last.type().width / 2) / 2;
        SceneSpec.Camera camera = new SceneSpec.Camera(camH, tilt, fov, camX, barrel);
        double rowZ = RandomSpecs.rowAt(camera, width, height, rowAt);
        while (!RandomSpecs.fits(camera, rowZ, row, width, height) && camera.hfovDeg() < 110) {
            camera = new SceneSpec.Camera(camH, tilt, camera.hfovDeg() + 2, camX, barrel);
            rowZ = RandomSpecs.rowAt(camera, width, height, rowAt);
        }
        SceneSpec.Site site = new SceneSpec.Site(ground, fence, rowZ, rowZ + 1.2, 2.2, groundRgb, fenceRgb);
        return new SceneSpec(width, height, seed, seed * 7919, camera, site, row, conditions, List.of(), null);
    }
}
