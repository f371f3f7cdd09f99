package io.squashinflux.cli;

import picocli.CommandLine;

/** The version, from the jar's manifest (the Maven project version). */
final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {"squash-influx " + (version == null ? "(development build)" : version)};
  }
}
