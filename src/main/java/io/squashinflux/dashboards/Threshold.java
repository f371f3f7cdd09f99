package io.squashinflux.dashboards;

/**
 * A spec level of a metric: {@code design <= 5.0}.
 *
 * @param lowerIsBetter true for {@code <} and {@code <=}, false for {@code >} and {@code >=}, null
 *     for the others
 */
record Threshold(String level, double value, String operator, Boolean lowerIsBetter) {}
