package org.mailroom.bench;

/** A reply the benchmark did not expect: counted as an error of the workload that saw it. */
final class BenchFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BenchFailure(String message) {
        super(message);
    }
}
