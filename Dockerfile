# Herald's server image: built from this repository with the Maven Wrapper on a JDK 25, run on a
# JRE 25. The embedded redis-server is not used in a container: HERALD_REDIS_URI names a Redis.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -q -pl engine -am package -DskipTests -Dspotless.check.skip=true

FROM eclipse-temurin:25-jre
RUN useradd --system --home-dir /var/lib/herald --create-home herald
WORKDIR /opt/herald
COPY --from=build /src/engine/target/herald.jar ./herald.jar
COPY --from=build /src/engine/target/lib ./lib
USER herald
ENV HERALD_DATA_DIR=/var/lib/herald \
    HERALD_HTTP_HOST=0.0.0.0 \
    HERALD_RELAY_HOST=0.0.0.0 \
    HERALD_METRICS_HOST=0.0.0.0
EXPOSE 8080 2525 8081
ENTRYPOINT ["java", "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "-jar", "/opt/herald/herald.jar"]
CMD ["serve"]
