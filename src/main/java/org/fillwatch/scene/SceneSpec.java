package org.fillwatch.scene;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Everything that decides one rendered frame: the pavilion's geometry, the camera, the containers
 * with their true fill, the conditions and the occluders. Rendering the same spec twice gives the
 * same pixels. Clips change single fields over time with the {@code with...} methods while the
 * layout and textures stay fixed (they hang on {@link #seed()} and each container's detail seed).
 *
 * <p>World coordinates are metres: X to the right, Y up, Z away from the camera along the ground.
 *
 * @param seed      fixes textures, dents, scribbles and where waste items lie
 * @param noiseSeed fixes what changes from frame to frame of a clip: sensor noise, snow flakes, rain
 * @param timestamp text burnt into a corner like a CCTV overlay, or null for none
 */
public record SceneSpec(
        int width,
        int height,
        long seed,
        long noiseSeed,
        Camera camera,
        Site site,
        List<Container> containers,
        Conditions conditions,
        List<Occluder> occluders,
        String timestamp) {

    public SceneSpec {
        if (width < 32 || height < 32) {
            throw new IllegalArgumentException("scene size must be at least 32x32, got " + width + "x" + height);
        }
        containers = List.copyOf(containers);
        occluders = List.copyOf(occluders);
    }

    /** Whether the camera can see the fill of container {@code id} ({@link Container#fillVisible}); false for an unknown id. */
    public boolean fillVisible(String id) {
        return containers.stream().anyMatch(c -> c.id().equals(id) && c.fillVisible());
    }

    /** A fixed CCTV camera on a pole or wall looking straight along +Z, tilted down. */
    public record Camera(double heightM, double tiltDeg, double hfovDeg, double x, double barrel) {
    }

    public enum Ground { ASPHALT, SNOW }

    public enum Fence { CORRUGATED, BRICK }

    /**
     * The pavilion around the containers.
     *
     * @param rowZ        distance along the ground from the camera's foot to the containers' row centre
     * @param fenceZ      distance to the fence behind the row
     * @param groundRgb   base colour of the ground, 0xRRGGBB
     * @param fenceRgb    base colour of the fence sheets or bricks
     */
    public record Site(Ground ground, Fence fence, double rowZ, double fenceZ, double fenceHeight,
                       int groundRgb, int fenceRgb) {
    }

    /** What a container is; sizes in metres (bottom width, bottom depth, height, top flare). */
    public enum ContainerType {
        OPEN_METAL_075("0.75 m3 open metal container", 1.25, 0.80, 0.95, 0.14),
        EURO_110("1.1 m3 plastic euro container", 1.30, 0.98, 1.22, 0.06),
        WHEELIE_240("240 l wheelie bin", 0.56, 0.70, 0.98, 0.04);

        final String label;
        final double width;
        final double depth;
        final double height;
        final double flare;

        ContainerType(String label, double width, double depth, double height, double flare) {
            this.label = label;
            this.width = width;
            this.depth = depth;
            this.height = height;
            this.flare = flare;
        }

        /** Text used as the container type in pavilion configuration files. */
        public String label() {
            return label;
        }

        public boolean hasLid() {
            return this != OPEN_METAL_075;
        }
    }

    /** Lid state of plastic containers; open metal containers have {@link #NONE}. */
    public enum Lid { NONE, OPEN, CLOSED, MISSING }

    /**
     * One container of the row.
     *
     * @param rgb         body colour, 0xRRGGBB
     * @param x           centre along the row (world X)
     * @param z           offset from the row line (world Z), small
     * @param fill        true fill level 0..1 (1 = level with the rim)
     * @param overflowing bags heaped above the rim and on the lid
     * @param present     false when the carrier took it away: the place shows bare ground
     * @param wasteAround bags and boxes on the ground beside it
     * @param detailSeed  fixes dents, scribbles and the look of its waste
     */
    public record Container(String id, ContainerType type, int rgb, Lid lid, double x, double z,
                            double fill, boolean overflowing, boolean present, boolean wasteAround,
                            long detailSeed) {

        public Container {
            if (!(fill >= 0 && fill <= 1)) {
                throw new IllegalArgumentException("fill must be within 0..1, got " + fill);
            }
            if (type.hasLid() == (lid == Lid.NONE)) {
                throw new IllegalArgumentException(type + " cannot have lid " + lid);
            }
        }

        /**
         * Whether the camera can see the fill at all: the container is there and no closed lid
         * hides its contents (an overflowing container props its lid open on the heap).
         * Training should not ask a model for the fill where this is false.
         */
        public boolean fillVisible() {
            return present && (lid != Lid.CLOSED || overflowing || fill >= 0.97);
        }

        public Container withFill(double newFill) {
            return new Container(id, type, rgb, lid, x, z, newFill, overflowing, present, wasteAround, detailSeed);
        }

        public Container withOverflowing(boolean value) {
            return new Container(id, type, rgb, lid, x, z, fill, value, present, wasteAround, detailSeed);
        }

        public Container withPresent(boolean value) {
            return new Container(id, type, rgb, lid, x, z, fill, overflowing, value, wasteAround, detailSeed);
        }

        public Container withWasteAround(boolean value) {
            return new Container(id, type, rgb, lid, x, z, fill, overflowing, present, value, detailSeed);
        }

        public Container withLid(Lid value) {
            return new Container(id, type, rgb, value, x, z, fill, overflowing, present, wasteAround, detailSeed);
        }
    }

    public enum Light { DAY, DUSK, NIGHT_IR }

    public enum Weather { CLEAR, SNOW, RAIN }

    /** Colour shift of cheap or badly balanced cameras. */
    public enum Cast { NONE, GREEN, PURPLE, WARM, BLUE }

    /**
     * How the frame is lit and degraded.
     *
     * @param shadows         sun shadows cast on the ground (day only)
     * @param sunAzimuthDeg   direction the shadows fall, degrees from +X towards +Z
     * @param sunElevationDeg 5..60; low sun gives long shadows
     * @param motionBlurPx    horizontal blur length in pixels, 0 for none
     * @param jpegQuality     1..100 re-encoding quality, 0 for none
     * @param noise           sensor noise strength 0..1
     */
    public record Conditions(Light light, Weather weather, boolean shadows, double sunAzimuthDeg,
                             double sunElevationDeg, double motionBlurPx, int jpegQuality, Cast cast,
                             double noise) {
    }

    public enum OccluderType { PERSON, CAR, TRUCK }

    /** Something between the camera and the containers; x, z is its foot point on the ground. */
    public record Occluder(OccluderType type, double x, double z, int rgb, long seed) {
    }

    public SceneSpec withContainer(int index, UnaryOperator<Container> change) {
        List<Container> list = new ArrayList<>(containers);
        list.set(index, change.apply(list.get(index)));
        return new SceneSpec(width, height, seed, noiseSeed, camera, site, list, conditions, occluders, timestamp);
    }

    public SceneSpec withFill(int containerIndex, double fill) {
        return withContainer(containerIndex, c -> c.withFill(fill));
    }

    public SceneSpec withOverflowing(int containerIndex, boolean overflowing) {
        return withContainer(containerIndex, c -> c.withOverflowing(overflowing));
    }

    public SceneSpec withPresent(int containerIndex, boolean present) {
        return withContainer(containerIndex, c -> c.withPresent(present));
    }

    public SceneSpec withWasteAround(int containerIndex, boolean wasteAround) {
        return withContainer(containerIndex, c -> c.withWasteAround(wasteAround));
    }

    public SceneSpec withOccluders(List<Occluder> list) {
        return new SceneSpec(width, height, seed, noiseSeed, camera, site, containers, conditions, list, timestamp);
    }

    public SceneSpec withConditions(Conditions value) {
        return new SceneSpec(width, height, seed, noiseSeed, camera, site, containers, value, occluders, timestamp);
    }

    public SceneSpec withTimestamp(String value) {
        return new SceneSpec(width, height, seed, noiseSeed, camera, site, containers, conditions, occluders, value);
    }

    public SceneSpec withNoiseSeed(long value) {
        return new SceneSpec(width, height, seed, value, camera, site, containers, conditions, occluders, timestamp);
    }

    /** The same scene at another resolution; geometry is resolution independent. */
    public SceneSpec withSize(int newWidth, int newHeight) {
        return new SceneSpec(newWidth, newHeight, seed, noiseSeed, camera, site, containers, conditions, occluders,
                timestamp);
    }
}
