/**
 * Runs a configured sync: once ({@link io.squashinflux.sync.SyncRun}, {@code sync}) or on a
 * schedule until stopped ({@link io.squashinflux.sync.WatchLoop}, {@code watch}), each cycle a
 * {@link io.squashinflux.pipeline.Pipeline} from a source into a sink, and the state saved after
 * it, whatever ended it; {@code convert} through the same pipeline into a file
 * ({@link io.squashinflux.sync.Conversion}). Also what a run needs around it: the sink its
 * {@code --to} names ({@link io.squashinflux.sync.Destination}), the {@code --check-types} gate
 * and SIGTERM/SIGINT as a stop request. The command line builds the parts from its options and
 * hands them here.
 */
package io.squashinflux.sync;
