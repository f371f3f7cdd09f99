/**
 * Runs a configured sync: once ({@link io.squashinflux.sync.SyncRun}, {@code sync}) or on a
 * schedule until stopped ({@link io.squashinflux.sync.WatchLoop}, {@code watch}), each cycle a
 * {@link io.squashinflux.pipeline.Pipeline} from a source into a sink, and the state saved after
 * it, whatever ended it. The command line builds the parts from its options and hands them here.
 */
package io.squashinflux.sync;
