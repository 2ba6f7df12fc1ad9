# Sourced by ./kaml and ./test.sh: sets JAVA_HOME to a JDK 25 or exits with what to install.
kaml_find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*25*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if "$candidate/bin/java" -version 2>&1 | head -n 1 | grep -Eq 'version "25([."]|-)'; then
      JAVA_HOME="$candidate"
      export JAVA_HOME
      return 0
    fi
  done
  echo "kaml: no JDK 25 found (looked at \$JAVA_HOME='${JAVA_HOME:-}' and /usr/lib/jvm/*25*)." >&2
  echo "kaml: install one, e.g. Temurin 25 (apt package temurin-25-jdk), and set JAVA_HOME to it." >&2
  exit 3
}
kaml_find_jdk
# Maven's own Guice/Guava touch sun.misc.Unsafe; JDK 25 warns about it on every run.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
