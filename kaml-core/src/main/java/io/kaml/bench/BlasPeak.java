package io.kaml.bench;

/**
 * What {@link EngineBenchmark} times beside kaml's kernel: an external BLAS, or the reason there is
 * none (its library cannot load on this platform), in which case only kaml's own figures are reported.
 * Exactly one of the two is set.
 */
public record BlasPeak(ReferenceBlas blas, String unavailable) {
    public BlasPeak {
        if ((blas == null) == (unavailable == null)) {
            throw new IllegalArgumentException("a BLAS or the reason for none, not both or neither");
        }
    }

    public static BlasPeak of(ReferenceBlas blas) {
        return new BlasPeak(blas, null);
    }

    public static BlasPeak none(String reason) {
        return new BlasPeak(null, reason);
    }
}
