package org.fillwatch.vision.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The number format the fused program computes its convolutions in. bfloat16 keeps float32's
 * range with an 8-bit mantissa: on a CPU with native bfloat16 dot products (AVX512_BF16, AMX) oneDNN
 * runs the same network 1.5-1.8x faster per crop at the same accuracy (docs/performance.md,
 * "bfloat16 inference"). Weights stay float32 in the model folder; they are converted when packed.
 */
public enum Precision {
    /**
     * Decided per model folder when it is loaded ({@link #resolve(Path)}): int8 where the folder
     * carries its calibration and the CPU has int8 dot products, else this CPU's best of bfloat16
     * and float32. Never compiled as such.
     */
    AUTO(Float.NaN),
    FLOAT32(1e-3f),
    /** Observed within 0.03 of the float32 logits on the probe crops; a wrong kernel is off by whole units. */
    BFLOAT16(0.1f),
    /**
     * oneDNN int8 convolutions with activation ranges measured on calibration crops ({@link Int8Calibration}):
     * 1.25-1.4x faster than bfloat16 batched on a CPU with AVX512-VNNI, the same accuracy on the
     * held-out sets (MODEL.md). Within 0.05 of the float32 logits on the probe crops; a wrong kernel
     * is off by whole units.
     */
    INT8(0.25f);

    /** CPU flags (Linux /proc/cpuinfo) that give oneDNN native bfloat16 arithmetic; without them it is emulated and slower. */
    static final Set<String> NATIVE_BF16_FLAGS = Set.of("avx512_bf16", "amx_bf16");
    /**
     * CPU flags of int8 dot-product instructions (VNNI, AMX); without them oneDNN's int8 kernels
     * widen every product to 16 bits and lose their lead over bfloat16 and float32.
     */
    static final Set<String> INT8_DOT_FLAGS = Set.of("avx512_vnni", "avx_vnni", "amx_int8");

    private final float tolerance;
    /** Read once: the CPU does not change while the process runs. */
    private static volatile Set<String> thisCpuFlags;

    Precision(float tolerance) {
        this.tolerance = tolerance;
    }

    /** Largest difference of a logit from the float32 network's allowed when the program is checked at load. */
    public float tolerance() {
        return tolerance;
    }

    /**
     * {@code auto} ({@link #AUTO}), {@code float32}, {@code bfloat16} or {@code int8}; anything else
     * is refused naming {@code where} (a property or a command-line option).
     */
    public static Precision parse(String value, String where) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "auto" -> AUTO;
            case "float32" -> FLOAT32;
            case "bfloat16" -> BFLOAT16;
            case "int8" -> INT8;
            default -> throw new IllegalArgumentException(where + " must be auto, float32, bfloat16 or int8, got '" + value + "'");
        };
    }

    /** bfloat16 where the CPU computes it natively, float32 elsewhere (or where the flags cannot be read). */
    public static Precision forThisCpu() {
        return forCpuFlags(thisCpuFlags());
    }

    private static Set<String> thisCpuFlags() {
        if (thisCpuFlags == null) {
            thisCpuFlags = cpuFlags(Path.of("/proc/cpuinfo"));
        }
        return thisCpuFlags;
    }

    static Precision forCpuFlags(Set<String> flags) {
        return flags.stream().anyMatch(NATIVE_BF16_FLAGS::contains) ? BFLOAT16 : FLOAT32;
    }

    /**
     * What runs the model in {@code modelDir}: this precision, or for {@link #AUTO} int8 where the
     * folder has an {@value Int8Calibration#FILE} and the CPU int8 dot products, else
     * {@link #forThisCpu()}. A calibration that does not fit the weights is found when int8 is built,
     * which then falls back with a warning.
     */
    public Precision resolve(Path modelDir) {
        return resolve(modelDir, thisCpuFlags());
    }

    Precision resolve(Path modelDir, Set<String> cpuFlags) {
        if (this != AUTO) {
            return this;
        }
        boolean calibrated = Files.isRegularFile(modelDir.resolve(Int8Calibration.FILE));
        return calibrated && cpuFlags.stream().anyMatch(INT8_DOT_FLAGS::contains) ? INT8 : forCpuFlags(cpuFlags);
    }

    /** The first "flags" line of a cpuinfo file, empty when there is none. */
    static Set<String> cpuFlags(Path cpuinfo) {
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> Set.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+")))
                    .orElse(Set.of());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /**
     * What runs when a program in this precision cannot be built here: int8 without its calibration
     * (or refused by the check) runs this CPU's best of the others, a oneDNN without bfloat16 kernels
     * float32; null after float32 (the DJL network is left).
     */
    public Precision fallback() {
        return switch (this) {
            case AUTO, INT8 -> forThisCpu();
            case BFLOAT16 -> FLOAT32;
            case FLOAT32 -> null;
        };
    }

    /** How the service's properties and the commands spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
