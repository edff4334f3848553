#!/usr/bin/env bash
# Fetches the pinned Temporal time-skipping test server (Java) from Maven Central into a cache outside the repo
# and writes a launcher the TypeScript SDK can run as an 'existing-path' executable (`<launcher> <port> ...`).
# The launcher runs test-server/LoopbackTestServer.java (compiled here) so the server binds to 127.0.0.1 only.
# Progress goes to stderr; the launcher's path is the only line on stdout.
set -euo pipefail

version="${TEMPORAL_TEST_SERVER_VERSION:-1.38.0}"
dependency_plugin="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
cache="${PROMISE_CYCLE_CACHE:-$HOME/.cache/promise-cycle}"
dest_dir="$cache/temporal-test-server/$version"
launcher="$dest_dir/temporal-test-server"
source_file="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/test-server/LoopbackTestServer.java"
source_sum="$(sha256sum "$source_file" | cut -d' ' -f1)"

say() { echo "[provision-test-server] $*" >&2; }

compile_launcher_class() {
  rm -rf "$dest_dir/classes"
  mkdir -p "$dest_dir/classes"
  javac -nowarn -d "$dest_dir/classes" -cp "$dest_dir/lib/*" "$source_file"
  echo "$source_sum" >"$dest_dir/classes/source.sha256"
}

if [[ -x "$launcher" && -f "$dest_dir/lib/temporal-test-server-$version.jar" && -f "$dest_dir/lib/slf4j-nop-1.7.36.jar" ]]; then
  if [[ "$(cat "$dest_dir/classes/source.sha256" 2>/dev/null)" != "$source_sum" ]]; then
    say "recompiling $(basename "$source_file")"
    compile_launcher_class
  fi
  say "cached: $launcher"
  echo "$launcher"
  exit 0
fi

for tool in java javac mvn; do
  if ! command -v "$tool" >/dev/null; then
    say "ERROR: '$tool' is not installed (needed for the Temporal test server $version)."
    say "Install a JDK >= 11 and Maven (e.g. 'apt-get install default-jdk-headless maven') and retry."
    exit 1
  fi
done

say "fetching io.temporal:temporal-test-server:$version and its dependencies with Maven"
mkdir -p "$dest_dir"
work="$(mktemp -d "$dest_dir/.fetch.XXXXXX")"
trap 'rm -rf "$work"' EXIT

cat >"$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.promise-cycle</groupId>
  <artifactId>temporal-test-server-fetch</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>$version</version>
    </dependency>
    <dependency>
      <!-- Binds the server's SLF4J logging to no-op, instead of a startup warning on every test run. -->
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-nop</artifactId>
      <version>1.7.36</version>
    </dependency>
  </dependencies>
</project>
POM

started=$SECONDS
(cd "$work" && mvn -B "$dependency_plugin:copy-dependencies" -DincludeScope=runtime -DoutputDirectory="$work/lib") 2>&1 |
  awk '
    /^\[(ERROR|WARNING)\]|BUILD/ { print; next }
    /Downloaded from/ {
      if (++n % 25) next
      for (i = 1; i <= NF; i++) if ($i ~ /^https?:/) { file = $i; sub(/.*\//, "", file) }
      printf "[provision-test-server] downloaded %d files … %s\n", n, file
    }
  ' >&2 || true
if [[ ! -f "$work/lib/temporal-test-server-$version.jar" ]]; then
  say "ERROR: Maven did not produce temporal-test-server-$version.jar"
  exit 1
fi

rm -rf "$dest_dir/lib"
mv "$work/lib" "$dest_dir/lib"
compile_launcher_class
cat >"$launcher.tmp" <<'LAUNCHER'
#!/bin/sh
# Usage (as the Temporal SDKs call it): temporal-test-server <port> [--enable-time-skipping]
here="$(cd "$(dirname "$0")" && pwd)"
# Short-lived test JVM: favour startup time over peak throughput.
exec java ${TEMPORAL_TEST_SERVER_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1} \
  -cp "$here/classes:$here/lib/*" LoopbackTestServer "$@"
LAUNCHER
chmod +x "$launcher.tmp"
mv -f "$launcher.tmp" "$launcher"
say "ready in $((SECONDS - started))s ($(ls "$dest_dir/lib" | wc -l) jars)"
echo "$launcher"
