package io.kaml.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Spark's {@code local-cluster} mode for tests: a master and workers in this JVM, each executor its own
 * JVM, so tasks meet over the network as on a cluster. Executors are launched from a Spark home; in tests
 * that is an empty directory, with this JVM's class path (Spark's jars and kaml's classes) handed to them.
 */
final class LocalCluster {
    private LocalCluster() {
    }

    /** A session on {@code executors} executors of one core and 1 GB each. */
    static SparkSession start(int executors, Path sparkHome) throws IOException {
        // What the launcher looks for in a Spark home: the jars directory (empty here: the class path comes with
        // extraClassPath) and the build directory it reads the Scala version from.
        Files.createDirectories(sparkHome.resolve("jars"));
        Files.createDirectories(sparkHome.resolve("launcher/target/scala-2.13"));
        // Workers launch executors from spark.test.home when spark.testing is set, else from $SPARK_HOME.
        System.setProperty("spark.testing", "true");
        System.setProperty("spark.test.home", sparkHome.toString());
        return SparkSession.builder()
                .master("local-cluster[" + executors + ",1,1024]")
                .appName("kaml-spark test")
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    /** By /proc: {@code ProcessHandle.Info} leaves out a command line as long as an executor's (its class path). */
    private static boolean isExecutor(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).contains("CoarseGrainedExecutorBackend");
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** Kills one executor JVM of this machine with SIGKILL, as a lost machine would end it. */
    static boolean killOneExecutor() {
        Optional<ProcessHandle> executor = ProcessHandle.current().descendants().filter(LocalCluster::isExecutor).findFirst();
        executor.ifPresent(ProcessHandle::destroyForcibly);
        return executor.isPresent();
    }
}
