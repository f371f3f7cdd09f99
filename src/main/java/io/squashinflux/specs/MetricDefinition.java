package io.squashinflux.specs;

/**
 * What a metric is, as verify_metrics' {@code metrics/} files and SQuaSH's {@code GET /metrics}
 * define it.
 *
 * @param unit astropy's spelling; "" when dimensionless
 * @param description one line; "" when none
 * @param reference the reference's URL, or null
 * @param referenceText what the reference names ({@code doc}, and {@code page} when given), or ""
 */
public record MetricDefinition(String name, String unit, String description, String reference,
    String referenceText) {}
