#!/usr/bin/env bash
# speed-table.sh: the speed table in one run. Our detectors and the reference tools in ../shared/peers run
# back to back on the same images (ours, then the peer, in rounds) and every ratio is printed; then the
# end-to-end census with 1 and 2 threads; with --jmh also short JMH runs. See SpeedTable's Javadoc.
#
#   bash tools/speed-table.sh [--repeat K] [--rounds R] [--census-images N] [--census-folder DIR] [--only REGEX] [--jmh] [IMAGE...]
#
# Needs the peers (bash ../shared/peers/setup.sh: dlib_hog, face-api, the six sample PNGs) and the models
# (./facecensus models fetch). The JVM resolves the Vector API as the launcher does (dlib-hog's SIMD filter loops);
# SPEED_TABLE_JAVA_OPTS=-Dfacecensus.dlibhog.vector=false times the scalar loops instead. Builds the benchmarks jar when it is missing or older than the sources.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT" -path "$ROOT/*/target" -prune -o \( -name '*.java' -o -name 'pom.xml' \) -newer "$JAR" -print -quit)" ]; then
  echo "speed-table: building the benchmarks (mvn package, tests skipped)..." >&2
  (cd "$ROOT" && mvn -q -B -ntp -DskipTests -pl benchmarks -am package) >&2
fi
cd "$ROOT"
exec java --add-modules jdk.incubator.vector ${SPEED_TABLE_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR" org.facecensus.benchmarks.SpeedTable "$@"
