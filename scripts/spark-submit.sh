#!/usr/bin/env bash
# spark-submit without a Spark installation, to try kaml-spark on this machine: runs Spark's own
# SparkSubmit (what $SPARK_HOME/bin/spark-submit runs) from the Spark 4.2 jars Maven fetched for kaml-spark,
# with the JVM options spark-submit adds on Java 25. On a cluster, use the cluster's spark-submit instead.
#   bash scripts/spark-submit.sh --master 'local-cluster[2,1,2048]' \
#     --class io.kaml.spark.SparkTrain kaml-spark/target/kaml-spark.jar --spec ... --tasks 2 --out m.kaml
# local-cluster[N,C,MB]: N executor JVMs of C cores and MB megabytes each, on this machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/jdk.sh"
home="$root/kaml-spark/target/spark-home"
if [ ! -f "$root/kaml-spark/target/kaml-spark.jar" ] || [ ! -d "$home/jars" ]; then
  echo "spark-submit.sh: building kaml and a Spark home (the Spark jars) in $home" >&2
  # One reactor run: packaging the modules lets kaml-spark's dependencies resolve from the build. Only Spark's
  # jars are copied (the provided scope); kaml-core's provided hadoop-annotations is not among them.
  (cd "$root" && mvn -B -q -ntp package -DskipTests -pl kaml-spark -am dependency:copy-dependencies \
    -DincludeScope=provided -DexcludeArtifactIds=hadoop-annotations -DoutputDirectory="$home/jars")
fi
# Executors of local-cluster mode are started from $SPARK_HOME/jars; the launcher reads the Scala version
# from a build directory or from this variable.
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13
# Spark's module options (org.apache.spark.launcher.JavaModuleOptions) and the Vector API for the driver;
# Spark adds the same to executors it starts.
exec "$JAVA_HOME/bin/java" -Xmx${KAML_DRIVER_MEMORY:-2g} --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -XX:+IgnoreUnrecognizedVMOptions \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true \
  -cp "$home/jars/*" org.apache.spark.deploy.SparkSubmit "$@"
