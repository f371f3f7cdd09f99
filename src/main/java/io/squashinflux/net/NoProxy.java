package io.squashinflux.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code no_proxy} list as curl reads it: comma-separated entries, each a host name (which also
 * covers its subdomains: {@code example.org} and {@code .example.org} both match
 * {@code api.example.org}), an IP address or a CIDR range ({@code 10.0.0.0/8}), optionally with
 * {@code :PORT} to match that port only; {@code *} alone matches every host.
 */
record NoProxy(List<Entry> entries, boolean all) {
  record Entry(String host, int port, int prefixBits) {}

  static NoProxy parse(String text) {
    List<Entry> entries = new ArrayList<>();
    boolean all = false;
    for (String raw : text.split(",")) {
      String entry = raw.trim().toLowerCase(Locale.ROOT);
      if (entry.equals("*")) {
        all = true;
      } else if (!entry.isEmpty()) {
        entries.add(entry(entry));
      }
    }
    return new NoProxy(List.copyOf(entries), all);
  }

  private static Entry entry(String text) {
    String host = text;
    int port = -1;
    int colon = host.lastIndexOf(':');
    boolean bracketed = host.startsWith("[");
    if (colon > 0 && (bracketed ? host.indexOf(']') < colon : host.indexOf(':') == colon)
        && host.substring(colon + 1).chars().allMatch(Character::isDigit) && colon + 1 < host.length()) {
      port = Integer.parseInt(host.substring(colon + 1));
      host = host.substring(0, colon);
    }
    int prefix = -1;
    int slash = host.indexOf('/');
    if (slash > 0) {
      String bits = host.substring(slash + 1);
      prefix = !bits.isEmpty() && bits.length() < 4 && bits.chars().allMatch(Character::isDigit)
          ? Integer.parseInt(bits) : 0;
      host = host.substring(0, slash);
    }
    host = trimHost(host);
    return new Entry(host.startsWith(".") ? host.substring(1) : host, port, prefix);
  }

  /** Without brackets around an IPv6 address and without a trailing dot. */
  private static String trimHost(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  /** Whether a request to {@code host} on {@code port} goes direct. */
  boolean matches(String host, int port) {
    if (all) {
      return true;
    }
    String h = trimHost(host.toLowerCase(Locale.ROOT));
    for (Entry entry : entries) {
      if (entry.port() >= 0 && entry.port() != port) {
        continue;
      }
      if (entry.prefixBits() >= 0 ? inRange(h, entry)
          : h.equals(entry.host()) || h.endsWith("." + entry.host())) {
        return true;
      }
    }
    return false;
  }

  /** Whether the IP address {@code host} is in the entry's CIDR range; names never are. */
  private static boolean inRange(String host, Entry entry) {
    byte[] address = literal(host);
    byte[] network = literal(entry.host());
    if (address == null || network == null || address.length != network.length) {
      return false;
    }
    int bits = Math.min(entry.prefixBits(), address.length * 8);
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >> (i % 8);
      if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** The bytes of an IP address literal, or null for a name (never resolved). */
  private static byte[] literal(String host) {
    boolean ip = host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    if (!ip) {
      return null;
    }
    try {
      return InetAddress.getByName(host).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return all ? "*" : entries.isEmpty() ? "(none)" : String.valueOf(entries.size()) + " entries";
  }
}
