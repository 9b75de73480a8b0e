# FillWatch service image. Build context: the repository root (docker compose build).
#
# Stage 1 builds the Spring Boot jar (Java 17 bytecode); stage 2 runs it on a Java 25 JRE with the
# trained model (models/) and the camera configuration (camera-config/). Java 25 rather than 17:
# the same jar carries 5,000 snapshot cameras per 2 cores on 25 and fails at that load on 17 (the
# incident storm meets a slower-warming JIT; peak RSS 1,250-1,350 MiB against 1,540), measured by
# `scripts/bench.sh capacity --java ...` (docs/performance.md, "Session 10"). Everything the service
# needs at run time is inside: DJL and JavaCV run offline with the natives bundled in the jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q -DskipTests package && cp target/fillwatch-*.jar /src/fillwatch.jar

FROM eclipse-temurin:25-jre
RUN groupadd --system fillwatch && useradd --system --gid fillwatch --home-dir /opt/fillwatch fillwatch
WORKDIR /opt/fillwatch
COPY --from=build /src/fillwatch.jar app.jar
COPY models/ models/
COPY camera-config/ camera-config/
RUN mkdir -p data cache && chown -R fillwatch:fillwatch data cache
USER fillwatch
# natives are unpacked once into cache/ (about 600 MB: libtorch, OpenCV, FFmpeg)
# GLIBC_TUNABLES: the C heap keeps libtorch's freed activations between batches (docs/performance.md)
ENV DJL_CACHE_DIR=/opt/fillwatch/cache/djl \
    GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824:glibc.malloc.top_pad=67108864:glibc.malloc.arena_max=2 \
    JAVA_TOOL_OPTIONS="-Dai.djl.offline=true -Dorg.bytedeco.javacpp.cachedir=/opt/fillwatch/cache/javacpp -Dai.djl.pytorch.num_interop_threads=1"
EXPOSE 8080
# JAVA_OPTS (e.g. -Xmx1g) from the environment; arguments after the image name go to the service.
# The two flags let the JNI libraries (JavaCPP, JNA) load and read memory without Java 25's warnings.
ENTRYPOINT ["sh", "-c", "exec java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow $JAVA_OPTS -jar /opt/fillwatch/app.jar \"$@\"", "--"]
