package org.fillwatch.scene;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fillwatch.scene.SceneSpec.Cast;
import org.fillwatch.scene.SceneSpec.Conditions;
import org.fillwatch.scene.SceneSpec.Container;
import org.fillwatch.scene.SceneSpec.ContainerType;
import org.fillwatch.scene.SceneSpec.Lid;
import org.fillwatch.scene.SceneSpec.Light;
import org.fillwatch.scene.SceneSpec.Occluder;
import org.fillwatch.scene.SceneSpec.OccluderType;
import org.fillwatch.scene.SceneSpec.Weather;

/** Draws random pavilions, cameras, fills and conditions with the spread seen on real sites. */
final class RandomSpecs {

    static final int[] METAL = {0x4a4f4c, 0x3d5a40, 0x2f4a6e, 0x55585a, 0x5a6a3a};
    static final int[] PLASTIC = {0x7a7e80, 0x2f7040, 0x2a5a9a, 0xc8a020, 0x5a5e60};
    static final int[] CORRUGATED = {0x6a7a6a, 0x8a8c8a, 0x3a5a7a, 0x7a3a2a, 0x9aa0a0};
    static final int[] BRICK = {0x8a4a36, 0xa06a4a, 0xb8b0a0};
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private RandomSpecs() {
    }

    static SceneSpec random(SplittableRandom rnd, int width, int height) {
        double camH = 3 + 3 * rnd.nextDouble();
        double tilt = 30 + 30 * rnd.nextDouble();
        double fov = 65 + 30 * rnd.nextDouble();
        double barrel = rnd.nextDouble() < 0.5 ? 0 : 0.25 * rnd.nextDouble();
        List<Container> containers = row(rnd);
        double rowWidth = containers.get(containers.size() - 1).x() + containers.get(containers.size() - 1).type().width / 2;
        double camX = rowWidth / 2 + (rnd.nextDouble() - 0.5) * 2;
        double target = 0.5 + 0.2 * rnd.nextDouble();
        SceneSpec.Camera camera = new SceneSpec.Camera(camH, tilt, fov, camX, barrel);
        double rowZ = rowAt(camera, width, height, target);
        // widen the lens, then drop containers, until the whole row is in the picture
        for (int tries = 0; tries < 60 && !fits(camera, rowZ, containers, width, height); tries++) {
            if (camera.hfovDeg() < 104) {
                camera = new SceneSpec.Camera(camH, tilt, camera.hfovDeg() + 3, camX, barrel);
            } else if (containers.size() > 2) {
                containers = containers.subList(0, containers.size() - 1);
                rowWidth = containers.get(containers.size() - 1).x() + containers.get(containers.size() - 1).type().width / 2;
                camX = rowWidth / 2;
                camera = new SceneSpec.Camera(camH, tilt, fov, camX, barrel);
            } else {
                tilt = Math.max(25, tilt - 3);
                camera = new SceneSpec.Camera(camH, tilt, fov, camX, barrel);
            }
            rowZ = rowAt(camera, width, height, target);
        }
        boolean snow = rnd.nextDouble() < 0.4;
        boolean corrugated = rnd.nextDouble() < 0.6;
        double fenceZ = rowZ + 0.6 + 0.8 * rnd.nextDouble();
        SceneSpec.Site site = new SceneSpec.Site(
                snow ? SceneSpec.Ground.SNOW : SceneSpec.Ground.ASPHALT,
                corrugated ? SceneSpec.Fence.CORRUGATED : SceneSpec.Fence.BRICK,
                rowZ, fenceZ, 1.8 + 0.8 * rnd.nextDouble(),
                snow ? Draw.mix(0xdde1e8, 0xb8b4ae, rnd.nextDouble() * 0.3) : Draw.mix(0x4a4a4e, 0x6a6a68, rnd.nextDouble()),
                corrugated ? CORRUGATED[rnd.nextInt(CORRUGATED.length)] : BRICK[rnd.nextInt(BRICK.length)]);
        Conditions conditions = conditions(rnd, snow);
        List<Occluder> occluders = occluders(rnd, camera, rowZ, rowWidth);
        String stamp = rnd.nextDouble() < 0.6 ? stamp(rnd, conditions.light()) : null;
        return new SceneSpec(width, height, rnd.nextLong(), rnd.nextLong(), camera, site, containers, conditions,
                occluders, stamp);
    }

    /** Ground distance of the row so that its foot appears at the given fraction of the height. */
    static double rowAt(SceneSpec.Camera camera, int width, int height, double fraction) {
        return Math.max(1.5, new View(camera, width, height).groundZAtRow(height * fraction) + 0.4);
    }

    /** A CCTV clock reading whose hour suits the light. */
    private static String stamp(SplittableRandom rnd, Light light) {
        int hour = switch (light) {
            case DAY -> 9 + rnd.nextInt(8);
            case DUSK -> rnd.nextBoolean() ? 7 : 17 + rnd.nextInt(2);
            case NIGHT_IR -> (21 + rnd.nextInt(9)) % 24;
        };
        return LocalDateTime.of(2025, 1, 1, hour, 0).plusDays(rnd.nextInt(700)).plusSeconds(rnd.nextInt(3600))
                .format(STAMP);
    }

    private static List<Container> row(SplittableRandom rnd) {
        int n = 2 + rnd.nextInt(5);
        ContainerType main = ContainerType.values()[rnd.nextInt(3) == 2 ? 2 : rnd.nextInt(2)];
        List<Container> list = new ArrayList<>();
        double x = 0;
        for (int i = 0; i < n; i++) {
            ContainerType type = rnd.nextDouble() < 0.75 ? main : ContainerType.values()[rnd.nextInt(3)];
            x += type.width / 2 + (i == 0 ? 0 : 0.15 + 0.45 * rnd.nextDouble());
            list.add(randomContainer(rnd, "c" + (i + 1), type, x));
            x += type.width / 2 + type.flare;
        }
        return list;
    }

    static Container randomContainer(SplittableRandom rnd, String id, ContainerType type, double x) {
        double u = rnd.nextDouble();
        double fill = u < 0.15 ? 0.05 * rnd.nextDouble() : u > 0.85 ? 0.95 + 0.05 * rnd.nextDouble() : rnd.nextDouble();
        boolean overflowing = fill >= 0.95 && rnd.nextDouble() < 0.55;
        boolean around = rnd.nextDouble() < (overflowing ? 0.7 : 0.12);
        boolean present = rnd.nextDouble() > 0.07;
        int rgb = type == ContainerType.OPEN_METAL_075 ? METAL[rnd.nextInt(METAL.length)] : PLASTIC[rnd.nextInt(PLASTIC.length)];
        Lid lid = Lid.NONE;
        if (type.hasLid()) {
            double l = rnd.nextDouble();
            lid = l < 0.6 ? Lid.OPEN : l < 0.9 ? Lid.MISSING : Lid.CLOSED;
        }
        return new Container(id, type, rgb, lid, x, (rnd.nextDouble() - 0.5) * 0.25, fill, overflowing, present, around,
                rnd.nextLong());
    }

    private static Conditions conditions(SplittableRandom rnd, boolean snowGround) {
        double l = rnd.nextDouble();
        Light light = l < 0.6 ? Light.DAY : l < 0.8 ? Light.DUSK : Light.NIGHT_IR;
        double w = rnd.nextDouble();
        Weather weather = w < 0.6 ? Weather.CLEAR : (w < 0.8 || snowGround) ? Weather.SNOW : Weather.RAIN;
        if (weather == Weather.SNOW && !snowGround && rnd.nextBoolean()) {
            weather = Weather.CLEAR;
        }
        boolean shadows = light == Light.DAY && weather == Weather.CLEAR && rnd.nextDouble() < 0.6;
        Cast cast = rnd.nextDouble() < 0.7 ? Cast.NONE : Cast.values()[1 + rnd.nextInt(4)];
        double noise = light == Light.NIGHT_IR ? 0.3 + 0.3 * rnd.nextDouble() : 0.05 + 0.2 * rnd.nextDouble();
                // shadows fall away from the camera or sideways; falling towards it the fence shades the row
        return new Conditions(light, weather, shadows, -25 + 230 * rnd.nextDouble(), 8 + 40 * rnd.nextDouble(),
                rnd.nextDouble() < 0.15 ? 2 + 7 * rnd.nextDouble() : 0,
                rnd.nextDouble() < 0.2 ? 0 : 20 + rnd.nextInt(66), cast, noise);
    }

    private static List<Occluder> occluders(SplittableRandom rnd, SceneSpec.Camera camera, double rowZ, double rowWidth) {
        List<Occluder> list = new ArrayList<>();
        if (rnd.nextDouble() < 0.3) {
            list.add(new Occluder(OccluderType.PERSON, rnd.nextDouble() * rowWidth, rowZ - 0.9 - rnd.nextDouble() * 1.5,
                    DemoColours.JACKETS[rnd.nextInt(DemoColours.JACKETS.length)], rnd.nextLong()));
        }
        if (rnd.nextDouble() < 0.12) {
            list.add(new Occluder(OccluderType.CAR, camera.x() + (rnd.nextDouble() - 0.5) * 6, rowZ - 2.2 - rnd.nextDouble(),
                    DemoColours.CARS[rnd.nextInt(DemoColours.CARS.length)], rnd.nextLong()));
        }
        if (rnd.nextDouble() < 0.05) {
            list.add(new Occluder(OccluderType.TRUCK, camera.x() + (rnd.nextDouble() - 0.5) * 4, rowZ - 0.8,
                    DemoColours.TRUCKS[rnd.nextInt(DemoColours.TRUCKS.length)], rnd.nextLong()));
        }
        return list;
    }

    /** True when every container's outline lies inside the frame with a small margin. */
    static boolean fits(SceneSpec.Camera camera, double rowZ, List<Container> containers, int width, int height) {
        View view = new View(camera, width, height);
        for (Container c : containers) {
            ContainerBox box = new ContainerBox(c, rowZ);
            for (double[] p : box.outline(view)) {
                if (p[0] < width * 0.02 || p[0] > width * 0.98 || p[1] < height * 0.05 || p[1] > height * 0.97) {
                    return false;
                }
            }
            if (view.project(box.cx, box.topY + 0.6, box.cz + 0.6)[1] < height * 0.02) {
                return false; // room for heaps and open lids above the rim
            }
        }
        return true;
    }

    /** Colour lists for occluders, shared with the demo pavilions. */
    static final class DemoColours {
        static final int[] JACKETS = {0x202428, 0x3a3a50, 0x5a2a2a, 0x2a4a6a, 0x6a6a60, 0x8a6a3a};
        static final int[] CARS = {0xc8c8c8, 0x202020, 0x8a1a1a, 0x2a3a6a, 0xb0b0a8, 0x4a5a4a};
        static final int[] TRUCKS = {0xd87a20, 0x3a7a3a, 0xe8e8e0};

        private DemoColours() {
        }
    }
}
