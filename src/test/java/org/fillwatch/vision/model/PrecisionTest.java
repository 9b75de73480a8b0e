package org.fillwatch.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrecisionTest {

    @Test
    void autoChoosesBfloat16OnlyWhereTheCpuComputesItNatively() {
        assertThat(Precision.forCpuFlags(Set.of("avx2", "avx512f", "avx512_bf16"))).isEqualTo(Precision.BFLOAT16);
        assertThat(Precision.forCpuFlags(Set.of("avx2", "amx_bf16", "amx_tile"))).isEqualTo(Precision.BFLOAT16);
        // AVX-512 alone emulates bfloat16, slower than float32
        assertThat(Precision.forCpuFlags(Set.of("avx2", "avx512f", "avx512bw"))).isEqualTo(Precision.FLOAT32);
        assertThat(Precision.forCpuFlags(Set.of())).isEqualTo(Precision.FLOAT32);
    }

    @Test
    void autoChoosesInt8OnlyForACalibratedModelOnACpuWithInt8DotProducts(@TempDir Path dir) throws Exception {
        Path calibrated = Files.createDirectories(dir.resolve("calibrated"));
        Files.writeString(calibrated.resolve(Int8Calibration.FILE), "{}");
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Set<String> vnni = Set.of("avx2", "avx512f", "avx512_bf16", "avx512_vnni");
        assertThat(Precision.AUTO.resolve(calibrated, vnni)).isEqualTo(Precision.INT8);
        assertThat(Precision.AUTO.resolve(calibrated, Set.of("avx2", "avx_vnni"))).isEqualTo(Precision.INT8);
        assertThat(Precision.AUTO.resolve(calibrated, Set.of("amx_int8", "amx_bf16"))).isEqualTo(Precision.INT8);
        // no calibration: the CPU's best of the float formats
        assertThat(Precision.AUTO.resolve(plain, vnni)).isEqualTo(Precision.BFLOAT16);
        assertThat(Precision.AUTO.resolve(plain, Set.of("avx2", "avx_vnni"))).isEqualTo(Precision.FLOAT32);
        // int8 without VNNI widens every product and loses its lead
        assertThat(Precision.AUTO.resolve(calibrated, Set.of("avx2", "avx512f", "avx512bw", "avx512_bf16"))).isEqualTo(Precision.BFLOAT16);
        assertThat(Precision.AUTO.resolve(calibrated, Set.of("avx2"))).isEqualTo(Precision.FLOAT32);
        // an explicit precision is kept whatever the folder and the CPU
        assertThat(Precision.BFLOAT16.resolve(calibrated, vnni)).isEqualTo(Precision.BFLOAT16);
        assertThat(Precision.FLOAT32.resolve(calibrated, vnni)).isEqualTo(Precision.FLOAT32);
        assertThat(Precision.INT8.resolve(plain, Set.of())).isEqualTo(Precision.INT8);
    }

    @Test
    void flagsComeFromTheFirstFlagsLineOfCpuinfo(@TempDir Path dir) throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nmodel name\t: AMD EPYC\nflags\t\t: fpu avx2 avx512_bf16\n\n"
                + "processor\t: 1\nflags\t\t: fpu avx2\n");
        assertThat(Precision.cpuFlags(cpuinfo)).containsExactlyInAnyOrder("fpu", "avx2", "avx512_bf16");
        assertThat(Precision.cpuFlags(dir.resolve("missing"))).isEmpty();
    }

    /** Each precision that cannot be built here falls back to a cheaper-to-support one, ending at the DJL network. */
    @Test
    void fallbacksLeadFromInt8ThroughTheCpusBestToFloat32ThenToTheNetwork() {
        assertThat(Precision.INT8.fallback()).isEqualTo(Precision.forThisCpu()).isNotEqualTo(Precision.INT8);
        assertThat(Precision.BFLOAT16.fallback()).isEqualTo(Precision.FLOAT32);
        assertThat(Precision.FLOAT32.fallback()).isNull();
    }

    @Test
    void explicitValuesWinAndOthersAreRefusedNamingTheSetting() {
        assertThat(Precision.parse("float32", "x")).isEqualTo(Precision.FLOAT32);
        assertThat(Precision.parse(" BFloat16 ", "x")).isEqualTo(Precision.BFLOAT16);
        assertThat(Precision.parse("int8", "x")).isEqualTo(Precision.INT8);
        assertThat(Precision.parse(" Auto", "x")).isEqualTo(Precision.AUTO);
        assertThatThrownBy(() -> Precision.parse("fp16", "fillwatch.vision.precision"))
                .hasMessage("fillwatch.vision.precision must be auto, float32, bfloat16 or int8, got 'fp16'");
    }
}
