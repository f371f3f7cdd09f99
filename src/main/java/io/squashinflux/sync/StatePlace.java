package io.squashinflux.sync;

import io.squashinflux.state.Identity;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Where a sync keeps its state and its rejects file: the state's path follows from its identity
 * (source, destination, model), the rejects file from the state's path. With {@code none}
 * (--no-state) nothing is remembered, but values that were not written are still logged.
 */
public record StatePlace(Function<Identity, Path> state, UnaryOperator<Path> rejects,
    boolean none) {}
