package io.squashinflux.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** Whether a URL's host is this machine, decided without a DNS lookup. */
public final class Loopback {
  private Loopback() {}

  /** True for {@code localhost} and loopback IP literals (127.0.0.0/8, ::1). */
  public static boolean is(String host) {
    if (host == null) {
      return false;
    }
    String name = host.toLowerCase(Locale.ROOT);
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return true;
    }
    String literal = name.startsWith("[") && name.endsWith("]")
        ? name.substring(1, name.length() - 1) : name;
    if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
      return false; // a name: resolving it could block, and it is rarely this machine
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
