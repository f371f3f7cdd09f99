package io.squashinflux.detect;

/**
 * A step at {@code at} and a straight line fitted together over {@code [from, to)} of a series
 * whose noise is correlated as AR(1) with coefficient {@code phi}, by generalised least squares:
 * each point less {@code phi} times the one before (prewhitening; the first point scaled by
 * {@code sqrt(1 - phi^2)}) leaves independent innovations, and the level, the line and the step are
 * transformed alike. A step then shows twice: a jump of its whole size at its first point and a
 * step of {@code (1 - phi)} times its size from there on. Ordinary least squares with the noise's
 * long-run variance sees only the second; the jump is what tells a step in correlated noise from a
 * line through it. With {@code phi} 0 this is ordinary least squares.
 *
 * <p>Each figure is in standard errors: {@code step} is what is left of the shift once a drift is
 * allowed for, {@code slope} the drift left once the step is allowed for, {@code line} the slope of
 * a line fitted alone.
 */
record StepAndLine(double step, double slope, double line) {

  /**
   * How much better a step of {@code z} standard errors fits than this line, in BIC units (what
   * each takes off the sum of squares, in the noise's variance), once the step has paid
   * {@code ln(points)} for its place; minus infinity when a slope beside the step would pay for
   * itself (a drift is there too).
   */
  double stepOverLine(double z, double ln) {
    return slope * slope > ln ? Double.NEGATIVE_INFINITY : z * z - line * line - ln;
  }

  /**
   * The fit over {@code [from, to)} ({@code from < at < to}) of the values whose prefix sums are
   * {@code sums} ({@code sums[i]} the sum of the first {@code i}) and {@code weighted} (of
   * {@code i} times the value), in noise whose innovations have standard deviation
   * {@code innovation}.
   */
  static StepAndLine of(double[] sums, double[] weighted, int from, int at, int to, double phi,
      double innovation) {
    if (!(innovation > 0) || to - from < 3 || at <= from || at >= to) {
      return new StepAndLine(0, 0, 0);
    }
    // Rows r = 1..m are the points from + r, each less phi times the one before; row 0 is the
    // first point scaled. Columns: the level (c), the line (u, in points from `from`), the step.
    int m = to - from - 1;
    int a = at - from;
    int k = m - a;
    double c = 1 - phi;
    double first = 1 - phi * phi;
    double r1 = m * (m + 1) / 2.0;
    double r2 = m * (m + 1) * (2.0 * m + 1) / 6;
    double cc = m * c * c + first;
    double cu = c * (c * r1 + phi * m);
    double uu = c * c * r2 + 2 * c * phi * r1 + phi * phi * m;
    double sumS = 1 + c * k;
    double cs = c * sumS;
    double ss = 1 + c * c * k;
    double afterA = r1 - a * (a + 1) / 2.0;
    double us = (c * a + phi) + c * (c * afterA + phi * k);

    double sy = sum(sums, from + 1, to) - phi * sum(sums, from, to - 1);
    double ry = sum(weighted, from + 1, to) - from * sum(sums, from + 1, to)
        - phi * (sum(weighted, from, to - 1) + (1 - from) * sum(sums, from, to - 1));
    double cy = c * sy + first * sum(sums, from, from + 1);
    double uy = c * ry + phi * sy;
    double jump = sum(sums, at, at + 1) - phi * sum(sums, at - 1, at);
    double syAfter = sum(sums, at + 1, to) - phi * sum(sums, at, to - 1);
    double sY = jump + c * syAfter;

    // The inverse of the symmetric 3x3 normal matrix by cofactors.
    double i00 = uu * ss - us * us;
    double i01 = -(cu * ss - us * cs);
    double i02 = cu * us - uu * cs;
    double i11 = cc * ss - cs * cs;
    double i12 = -(cc * us - cu * cs);
    double i22 = cc * uu - cu * cu;
    double det = cc * i00 + cu * i01 + cs * i02;
    if (!(det > 0) || !(i11 > 0) || !(i22 > 0) || !(cc > 0)) {
      return new StepAndLine(0, 0, 0);
    }
    double step = (i02 * cy + i12 * uy + i22 * sY) / det;
    double slope = (i01 * cy + i11 * uy + i12 * sY) / det;
    double lineDet = cc * uu - cu * cu;
    double line = (cc * uy - cu * cy) / lineDet;
    return new StepAndLine(step / (innovation * Math.sqrt(i22 / det)),
        slope / (innovation * Math.sqrt(i11 / det)), line / (innovation * Math.sqrt(cc / lineDet)));
  }

  private static double sum(double[] prefix, int from, int to) {
    return prefix[to] - prefix[from];
  }
}
