package io.kaml.eval;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What heads every experiment report: which kaml wrote it, from which commit, when and on what machine,
 * so a reader can tell which code and hardware produced the numbers (and the run times) below.
 *
 * @param kamlVersion the jar's Implementation-Version, "dev" when kaml runs from classes
 * @param commit      the git commit of the checkout the code ran from, or null when unknown ({@link GitCommit})
 * @param written     when the report was written, to the second (shown in UTC)
 */
public record ReportHeader(String kamlVersion, GitCommit commit, Instant written, Machine machine) {
    /** The version when kaml does not run from a jar that records one. */
    public static final String DEV = "dev";

    public ReportHeader {
        Objects.requireNonNull(kamlVersion, "kamlVersion");
        Objects.requireNonNull(written, "written");
        Objects.requireNonNull(machine, "machine");
    }

    /** Of this process, now. */
    public static ReportHeader now() {
        // The CLI jar is shaded, one manifest for every package, so core's package carries the CLI's version.
        String version = ReportHeader.class.getPackage().getImplementationVersion();
        return new ReportHeader(version == null ? DEV : version, GitCommit.ofCode(), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Machine.current());
    }
}
