package io.squashinflux.demo;

import io.squashinflux.source.PackageVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * The versions of the stack's packages at each CI run. A package changes at a run with a fixed
 * probability; its version at run r is the one of its last change at or before r, found by walking
 * back a few runs, so no history is kept in memory.
 */
final class PackageHistory {
  private static final double CHANGE_PROBABILITY = 0.12;
  private static final long SALT = 0x5A17L;

  private final long seed;

  PackageHistory(long seed) {
    this.seed = seed;
  }

  /** Every package as of this run, in catalog order. */
  List<PackageVersion> at(long run) {
    List<PackageVersion> out = new ArrayList<>(Catalog.PACKAGES.size());
    for (int p = 0; p < Catalog.PACKAGES.size(); p++) {
      Catalog.Package pkg = Catalog.PACKAGES.get(p);
      long since = lastChange(p, run);
      String sha = Seeds.hex(Seeds.random(seed, SALT, p, since), 40);
      String eups = pkg.eupsBase() + "-" + since + "-g" + sha.substring(0, 7);
      out.add(new PackageVersion(pkg.name(), sha, pkg.gitUrl(), "master", eups));
    }
    return out;
  }

  private long lastChange(int p, long run) {
    for (long r = run; r > 0; r--) {
      if (Seeds.random(seed, SALT, p, r, 1).nextDouble() < CHANGE_PROBABILITY) {
        return r;
      }
    }
    return 0;
  }
}
