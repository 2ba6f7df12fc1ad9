package io.kaml.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaml.data.DataException;
import io.kaml.train.TrainingException;
import java.nio.file.Path;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

class SparkFailuresTest {
    @Test
    void aTasksKamlErrorIsTheOneLineTheUserSees() {
        DataException bad = new DataException(Path.of("events"), "partition 2, row 9", "price", "not a number");
        Exception shown = SparkFailures.cause(new SparkException("Job aborted due to stage failure: ...", bad));
        assertThat(shown).isSameAs(bad);
    }

    @Test
    void anyOtherSparkFailureIsItsFirstLine() {
        Exception shown = SparkFailures.cause(new SparkException("Job aborted due to stage failure: barrier task failed\n\tat a.b.C"));
        assertThat(shown).isInstanceOf(TrainingException.class)
                .hasMessage("the Spark job failed: Job aborted due to stage failure: barrier task failed (the executors' logs say more)");
        IllegalStateException bug = new IllegalStateException("x");
        assertThat(SparkFailures.cause(bug)).isSameAs(bug);
    }
}
