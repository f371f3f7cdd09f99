package io.squashinflux.detect;

/**
 * A package whose git sha changed between a finding's last good and first bad job.
 *
 * @param name the package's name
 * @param sha the sha of the first bad job, or null when the data does not say
 * @param url a link to the change (a compare or commit page), or null when no git URL is known
 */
public record PackageChange(String name, String sha, String url) {}
