#!/usr/bin/env bash
# Make sure the local Neo4j's pieces are here: JDK 17 and Maven (installed with apt-get when
# missing) and the launcher under neo4j/ with its classpath (built with Maven when missing or
# out of date; artefacts cached in ~/.m2). Prints the path of the java binary to use.
# Used by neo4j-up.sh and neo4j-import.sh. Logs go to stderr, and the Maven log of a failed
# build to $POLGRAPH_NEO4J_HOME/logs/build.log.
set -euo pipefail
cd "$(dirname "$0")/.."

NEO4J_HOME_DIR=${POLGRAPH_NEO4J_HOME:-.neo4j}
mkdir -p "$NEO4J_HOME_DIR/logs"
log() { echo "neo4j-build: $*" >&2; }

# --- tools: JDK 17 and Maven, installed only when missing -------------------------------
apt_updated=
apt_install() {
    [[ -n $apt_updated ]] || { log "apt-get update"; apt-get update -qq >&2; apt_updated=1; }
    log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}
find_jdk17() {
    local d
    for d in "${JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/java-17-*; do
        [[ -n $d && -x $d/bin/java && -x $d/bin/javac ]] || continue
        "$d/bin/java" -version 2>&1 | grep -q 'version "17\.' || continue
        echo "$d"
        return 0
    done
    return 1
}
if ! JDK=$(find_jdk17); then
    apt_install openjdk-17-jdk-headless
    JDK=$(find_jdk17) || { log "no JDK 17 found after installing openjdk-17-jdk-headless"; exit 1; }
fi
export JAVA_HOME=$JDK
JAVA=$JDK/bin/java
command -v mvn >/dev/null || apt_install maven

# --- build the launcher when missing or out of date ---------------------------------------
CP_FILE=neo4j/target/classpath.txt
CLASS_FILE=neo4j/target/classes/org/polgraph/neo4j/Launcher.class
needs_build() {
    [[ -s $CP_FILE && -f $CLASS_FILE ]] || return 0
    [[ -n $(find neo4j/pom.xml neo4j/src -newer "$CP_FILE" -print -quit) ]] && return 0
    local jar
    while IFS= read -r jar; do [[ -f $jar ]] || return 0; done < <(tr ':' '\n' <"$CP_FILE")
    return 1
}
if needs_build; then
    rm -f "$CP_FILE"
    t0=$SECONDS
    if ! (cd neo4j && mvn -B -q -o -Dstyle.color=never compile >/dev/null 2>&1); then
        log "building the launcher (Maven online; first run downloads ~210 jars into ~/.m2)"
        if ! (cd neo4j && mvn -B -Dstyle.color=never compile) >"$NEO4J_HOME_DIR/logs/build.log" 2>&1; then
            log "Maven build failed; last lines of $NEO4J_HOME_DIR/logs/build.log:"
            tail -n 30 "$NEO4J_HOME_DIR/logs/build.log" >&2
            exit 1
        fi
    fi
    log "launcher built in $((SECONDS - t0)) s"
fi
echo "$JAVA"
