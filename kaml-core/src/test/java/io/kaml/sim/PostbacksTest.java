package io.kaml.sim;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PostbacksTest {
    /** Ten days: training 0..7, validation 8, test 9. */
    private static Postbacks postbacks(double meanDelay, int window) {
        return new Postbacks(SimulatorConfig.builder().days(10).postbackDelay(meanDelay).attributionWindow(window).build());
    }

    @Test
    void delaysAreGeometricOnWholeDaysWithTheGivenMean() {
        Postbacks postbacks = postbacks(2, 0);
        SplittableRandom rng = new SplittableRandom(1);
        int n = 200_000;
        double sum = 0;
        int sameDay = 0;
        for (int i = 0; i < n; i++) {
            double delay = postbacks.delay(rng.nextDouble());
            assertThat(delay).isEqualTo(Math.rint(delay)).isNotNegative();
            sum += delay;
            sameDay += delay == 0 ? 1 : 0;
        }
        assertThat(sum / n).isCloseTo(2, within(0.03));
        assertThat(sameDay / (double) n).isCloseTo(1 / 3.0, within(0.005));
    }

    @Test
    void aConversionArrivesOnlyWithinTheWindowAndByTheDayTheLabelsAreCollected() {
        Postbacks windowed = postbacks(2, 3);
        assertThat(windowed.arrives(0, 3, 7)).isTrue();
        assertThat(windowed.arrives(0, 4, 7)).isFalse();
        assertThat(windowed.arrives(5, 2, 7)).isTrue();
        assertThat(windowed.arrives(5, 3, 7)).isFalse();
        Postbacks unbounded = postbacks(2, 0);
        assertThat(unbounded.arrives(0, 7, 7)).isTrue();
        assertThat(unbounded.arrives(0, 8, 7)).isFalse();
    }

    @Test
    void eachSplitIsCollectedAtTheEndOfItsLastDayAndTheTargetAlwaysArrives() {
        Postbacks postbacks = postbacks(3, 0);
        SplittableRandom rng = new SplittableRandom(2);
        boolean[] arrived = new boolean[Action.COUNT];
        int[] arrivedOnDay = new int[10];
        int n = 20_000;
        for (int day = 0; day < 10; day++) {
            for (int i = 0; i < n; i++) {
                postbacks.arrivals(day, Action.PAYMENT, rng, arrived);
                assertThat(arrived[Action.PAYMENT.ordinal()]).isTrue();
                arrivedOnDay[day] += arrived[Action.ACTIVATION.ordinal()] ? 1 : 0;
            }
        }
        double stay = 3 / 4.0;
        // A click on day d of training (last day 7) arrives when its delay is at most 7 - d.
        for (int day = 0; day < 8; day++) {
            assertThat(arrivedOnDay[day] / (double) n).as("day %d", day)
                    .isCloseTo(1 - Math.pow(stay, 8 - day), within(0.015));
        }
        // Validation and test are one day each, collected the same evening.
        assertThat(arrivedOnDay[8] / (double) n).isCloseTo(1 - stay, within(0.015));
        assertThat(arrivedOnDay[9] / (double) n).isCloseTo(1 - stay, within(0.015));
    }

    @Test
    void withoutDelayEverythingArrivesAndNothingIsDrawn() {
        SplittableRandom rng = new SplittableRandom(3);
        boolean[] arrived = new boolean[Action.COUNT];
        postbacks(0, 7).arrivals(7, Action.ACTIVATION, rng, arrived);
        assertThat(arrived).containsOnly(true);
        assertThat(rng.nextLong()).isEqualTo(new SplittableRandom(3).nextLong());
    }
}
