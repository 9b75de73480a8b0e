# FillWatch service image. Build context: the repository root (docker compose build).
#
# Stage 1 builds the Spring Boot jar; stage 2 is a plain Java 17 JRE with the jar, the trained
# model (models/) and the camera configuration (camera-config/). Everything the service needs at
# run time is inside: DJL and JavaCV run offline with the natives bundled in the jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q -DskipTests package && cp target/fillwatch-*.jar /src/fillwatch.jar

FROM eclipse-temurin:17-jre
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
# JAVA_OPTS (e.g. -Xmx1g) from the environment; arguments after the image name go to the service
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /opt/fillwatch/app.jar \"$@\"", "--"]
