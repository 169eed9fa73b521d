# Shared by the project's scripts: find a JDK of 21 or later and the repository root. Source it, don't run it.
set -euo pipefail

LEDGER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export LEDGER_ROOT

java_major() { # prints the major version of the java binary given, or nothing
  "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

find_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$JAVA_HOME"; return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*/ /opt/java/*/ /usr/local/lib/jvm/*/; do
    [ -x "${candidate}bin/javac" ] || continue
    major=$(java_major "${candidate}bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="${candidate%/}"; best_major=$major
    fi
  done
  if [ -n "$best" ]; then echo "$best"; return 0; fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$candidate"; return 0; fi
  fi
  return 1
}

use_jdk() {
  local jdk
  if ! jdk=$(find_jdk); then
    cat >&2 <<'MSG'
GPU Ledger needs a JDK of 21 or later, and none was found (JAVA_HOME, /usr/lib/jvm, PATH).
Install one, for example on Debian/Ubuntu:  sudo apt-get install openjdk-21-jdk-headless
(or Temurin 21/25 from adoptium.net), or point JAVA_HOME at it, then run this again.
MSG
    exit 3
  fi
  export JAVA_HOME="$jdk"
  export PATH="$JAVA_HOME/bin:$PATH"
}

use_maven() {
  if command -v mvn >/dev/null 2>&1; then
    MVN=(mvn -B)
  else
    cat >&2 <<'MSG'
GPU Ledger builds with Apache Maven 3.8 or later, and `mvn` is not on the PATH.
Install it, for example on Debian/Ubuntu:  sudo apt-get install maven
MSG
    exit 3
  fi
  # Maven's own guava warns under JDK 24+; the warning is noise, not a problem of the build.
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  if [ "$(java_major "$JAVA_HOME/bin/java")" -lt 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS/--sun-misc-unsafe-memory-access=allow/}"
  fi
}

server_jar() {
  echo "$LEDGER_ROOT/server/target/server-0.1.0-SNAPSHOT-exec.jar"
}

# The benchmarks' runnable jar (the bench module: the server and the benchmarks, which the server's jar leaves out).
bench_jar() {
  echo "$LEDGER_ROOT/bench/target/bench-0.1.0-SNAPSHOT.jar"
}

# Builds a runnable jar when it is missing or older than any source or build file: the server's, or with
# `build_if_needed bench` the benchmarks'. Only that module and the modules it needs are built.
build_if_needed() {
  local module="${1:-server}" jar
  jar=$("${module}_jar")
  if [ -f "$jar" ] && [ -z "$(find "$LEDGER_ROOT" -path "$LEDGER_ROOT/*/target" -prune -o \
        \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$jar" -print -quit)" ]; then
    return 0
  fi
  echo "Building GPU Ledger's $module (first run, or sources changed)..." >&2
  (cd "$LEDGER_ROOT" && "${MVN[@]}" -q -DskipTests -pl "$module" -am package) >&2
}
