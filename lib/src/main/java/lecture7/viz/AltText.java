package lecture7.viz;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.AxesChartStyler;

import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;

/**
 * The text alternative of a figure: what a screen reader says instead of "image" (WCAG 2.1, 1.1.1 Non-text
 * Content).
 *
 * <p>{@link #describe(Chart)} writes it from the chart's own data, so every figure drawn through {@link Charts#image}
 * gets one without its figure class doing anything: the kind of plot, the title, each axis with its label and range,
 * and per series what stands out — a line's start and end and its extremes, a scatter cloud's size and centre (with
 * the two clouds whose centres lie furthest apart and the two that lie closest, light-grey background clouds left out), a bar series' values by category.
 * A figure class can add a sentence of its own ({@link Charts#image(Chart, String)}, {@link #append}).
 *
 * <p>The text travels with the image as the standard image property {@value #PROPERTY}
 * ({@link java.awt.Image#getProperty}); the kit's kernel fix (environment/kernel-patch) sends it to Jupyter as an
 * {@code <img alt>} in the output's {@code text/html}, as {@code alt} in the {@code image/png} metadata and as the
 * {@code text/plain} form. Numbers have three significant digits and a true minus sign (read as "minus").
 */
public final class AltText {
    private AltText() {}

    /** The name of the image property that holds the text alternative. */
    public static final String PROPERTY = "alt";

    /** How many series or categories are named one by one before "and k more". */
    static final int MAX_ITEMS = 12;

    /** {@code img} carrying {@code alt} as its text alternative (same pixels, no copy). */
    public static BufferedImage attach(BufferedImage img, String alt) {
        if (img == null) throw new IllegalArgumentException("no image to attach a text alternative to");
        if (alt == null || alt.isBlank()) throw new IllegalArgumentException("a text alternative must not be empty");
        Hashtable<String, Object> props = new Hashtable<>();
        String[] names = img.getPropertyNames();
        if (names != null)
            for (String n : names) props.put(n, img.getProperty(n));
        props.put(PROPERTY, alt.strip());
        Show.figureRenderer();   // under JJava/IJava: display(img) sends the alt too
        return new BufferedImage(img.getColorModel(), img.getRaster(), img.isAlphaPremultiplied(), props);
    }

    /** {@code img} with {@code sentence} after its text alternative (or as it, when it has none). */
    public static BufferedImage append(BufferedImage img, String sentence) {
        if (sentence == null || sentence.isBlank()) return img;
        String before = of(img);
        return attach(img, before.isEmpty() ? sentence.strip() : before + " " + sentence.strip());
    }

    /** The text alternative carried by {@code img}, or "" when it has none. */
    public static String of(RenderedImage img) {
        if (img == null) return "";
        Object alt = img.getProperty(PROPERTY);
        return alt instanceof String s ? s : "";
    }

    // ---- charts -------------------------------------------------------------------------------------------------

    /** A text alternative written from the chart's data (see the class comment). */
    public static String describe(Chart<?, ?> chart) {
        if (chart instanceof XYChart xy) return describeXy(xy);
        if (chart instanceof CategoryChart cat) return describeCategory(cat);
        StringBuilder b = new StringBuilder("Chart");
        title(b, chart.getTitle());
        List<String> names = new ArrayList<>();
        for (Series s : chart.getSeriesMap().values()) names.add(s.getName());
        if (!names.isEmpty()) b.append(" Series: ").append(list(names)).append('.');
        return b.toString();
    }

    private static String describeXy(XYChart chart) {
        List<XYSeries> series = new ArrayList<>();
        for (XYSeries s : chart.getSeriesMap().values())
            if (s.isEnabled() && !s.getName().isBlank()) series.add(s);   // a nameless series only sets the ticks
        List<XYSeries> clouds = new ArrayList<>(), lines = new ArrayList<>();
        for (XYSeries s : series)
            (s.getXYSeriesRenderStyle() == XYSeries.XYSeriesRenderStyle.Scatter ? clouds : lines).add(s);
        boolean steps = !lines.isEmpty() && lines.stream().allMatch(s -> s.getXYSeriesRenderStyle() == XYSeries.XYSeriesRenderStyle.Step);
        String kind = clouds.isEmpty() ? (steps ? "Histogram (step lines)" : "Line chart")
                : lines.isEmpty() ? "Scatter plot" : "Chart of lines and points";
        StringBuilder b = new StringBuilder(kind);
        title(b, chart.getTitle());
        AxesChartStyler st = chart.getStyler();
        double[] xr = range(series, true), yr = range(series, false);
        axis(b, "x", chart.getXAxisTitle(), st.getXAxisMin() != null ? st.getXAxisMin() : xr[0],
                st.getXAxisMax() != null ? st.getXAxisMax() : xr[1]);
        axis(b, "y", chart.getYAxisTitle(), st.getYAxisMin() != null ? st.getYAxisMin() : yr[0],
                st.getYAxisMax() != null ? st.getYAxisMax() : yr[1]);
        if (series.isEmpty()) return b.append(" No data.").toString();
        if (series.size() > 1) b.append(' ').append(series.size()).append(" series.");
        int shown = 0;
        for (XYSeries s : series) {
            if (shown++ == MAX_ITEMS) {
                b.append(" And ").append(series.size() - MAX_ITEMS).append(" more series.");
                break;
            }
            b.append(' ').append(s.getXYSeriesRenderStyle() == XYSeries.XYSeriesRenderStyle.Scatter ? cloud(s, clouds.size() == 1) : line(s));
        }
        List<XYSeries> groups = clouds.stream().filter(s -> !background(s)).toList();
        if (groups.size() >= 3) {
            double[][] c = new double[groups.size()][];
            for (int i = 0; i < c.length; i++) c[i] = centre(groups.get(i));
            int[] far = pair(c, true), near = pair(c, false);
            if (far != null)
                b.append(" Centres furthest apart: ").append(groups.get(far[0]).getName()).append(" and ")
                        .append(groups.get(far[1]).getName()).append("; closest: ").append(groups.get(near[0]).getName())
                        .append(" and ").append(groups.get(near[1]).getName()).append('.');
        }
        // which line ends highest, when they all end at the same x (train and validation loss, say)
        boolean sameEnd = lines.stream().mapToDouble(s -> lastX(s)).distinct().count() == 1;
        if (lines.size() >= 2 && sameEnd) {
            XYSeries hi = null, lo = null;
            for (XYSeries s : lines) {
                double e = last(s.getYData());
                if (Double.isNaN(e)) continue;
                if (hi == null || e > last(hi.getYData())) hi = s;
                if (lo == null || e < last(lo.getYData())) lo = s;
            }
            if (hi != null && hi != lo)
                b.append(" Highest at the end: ").append(hi.getName()).append("; lowest: ").append(lo.getName()).append('.');
        }
        return b.toString();
    }

    /** "name: from a at x = u to b at x = v, highest c at x = w, lowest …" for a line (or step) series. */
    private static String line(XYSeries s) {
        double[] x = s.getXData(), y = s.getYData();
        int first = -1, lastI = -1, max = -1, min = -1;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i]) || !Double.isFinite(x[i])) continue;
            if (first < 0) first = i;
            lastI = i;
            if (max < 0 || y[i] > y[max]) max = i;
            if (min < 0 || y[i] < y[min]) min = i;
        }
        StringBuilder b = new StringBuilder(s.getName()).append(": ");
        if (first < 0) return b.append("no finite values.").toString();
        if (first == lastI) return b.append(num(y[first])).append(" at x = ").append(num(x[first])).append('.').toString();
        if (lastI - first >= 3 && x[first] == x[lastI] && y[first] == y[lastI]) {   // an ellipse or another closed curve
            double sx = 0, sy = 0, xlo = Double.POSITIVE_INFINITY, xhi = Double.NEGATIVE_INFINITY;
            int n = 0;
            for (int i = first; i < lastI; i++)
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                    sx += x[i];
                    sy += y[i];
                    xlo = Math.min(xlo, x[i]);
                    xhi = Math.max(xhi, x[i]);
                    n++;
                }
            return b.append("closed curve around (").append(num(sx / n)).append(", ").append(num(sy / n)).append("), x from ")
                    .append(num(xlo)).append(" to ").append(num(xhi)).append(", y from ").append(num(y[min])).append(" to ")
                    .append(num(y[max])).append('.').toString();
        }
        if (num(y[max]).equals(num(y[min])))
            return b.append(y.length).append(" points, constant at ").append(num(y[first])).append(" from x = ").append(num(x[first]))
                    .append(" to ").append(num(x[lastI])).append('.').toString();
        b.append(y.length).append(" points from ").append(num(y[first])).append(" at x = ").append(num(x[first]))
                .append(" to ").append(num(y[lastI])).append(" at x = ").append(num(x[lastI]));
        double[] err = s.getExtraValues();   // XChart keeps error bars there
        int widest = -1;
        if (err != null)
            for (int i = first; i <= Math.min(lastI, err.length - 1); i++)
                if (Double.isFinite(err[i]) && err[i] > 0 && (widest < 0 || err[i] > err[widest])) widest = i;
        // an extreme inside the line (not one of its ends, and not equal to one at three digits)
        if (max != first && max != lastI && !num(y[max]).equals(num(Math.max(y[first], y[lastI]))))
            b.append(", highest ").append(num(y[max])).append(" at x = ").append(num(x[max]));
        if (min != first && min != lastI && !num(y[min]).equals(num(Math.min(y[first], y[lastI]))))
            b.append(", lowest ").append(num(y[min])).append(" at x = ").append(num(x[min]));
        if (widest >= 0) b.append(", error bars up to ±").append(num(err[widest])).append(" (at x = ").append(num(x[widest])).append(')');
        return b.append('.').toString();
    }

    /** "name: n points centred at (x̄, ȳ)" (with the spread when the cloud is {@code alone}). */
    private static String cloud(XYSeries s, boolean alone) {
        double[] c = centre(s);
        StringBuilder b = new StringBuilder(s.getName()).append(": ");
        int n = (int) c[2];
        if (n == 0) return b.append("no points.").toString();
        b.append(n).append(n == 1 ? " point at (" : " points centred at (").append(num(c[0])).append(", ").append(num(c[1])).append(')');
        if (alone && n > 2) b.append(", standard deviations ").append(num(c[3])).append(" across and ").append(num(c[4])).append(" up");
        return b.append('.').toString();
    }

    /** A scatter series drawn in light grey (#C1C1C1 or lighter): background points such as prior draws. */
    static boolean background(XYSeries s) {
        java.awt.Color c = s.getMarkerColor();
        return c != null && c.getRed() == c.getGreen() && c.getGreen() == c.getBlue() && c.getRed() > 0xC0;
    }

    /** {x̄, ȳ, n, sd x, sd y} over the finite points of a series. */
    static double[] centre(XYSeries s) {
        double[] x = s.getXData(), y = s.getYData();
        double sx = 0, sy = 0, sxx = 0, syy = 0;
        int n = 0;
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) continue;
            sx += x[i];
            sy += y[i];
            n++;
        }
        if (n == 0) return new double[]{Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN};
        double mx = sx / n, my = sy / n;
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) continue;
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return new double[]{mx, my, n, Math.sqrt(sxx / n), Math.sqrt(syy / n)};
    }

    /** The indices of the two centres furthest apart ({@code far}) or closest together; null when fewer than 2. */
    static int[] pair(double[][] centres, boolean far) {
        int[] best = null;
        double bestD = far ? -1 : Double.POSITIVE_INFINITY;
        for (int i = 0; i < centres.length; i++)
            for (int j = i + 1; j < centres.length; j++) {
                if (centres[i][2] == 0 || centres[j][2] == 0) continue;
                double d = Math.hypot(centres[i][0] - centres[j][0], centres[i][1] - centres[j][1]);
                if (far ? d > bestD : d < bestD) {
                    bestD = d;
                    best = new int[]{i, j};
                }
            }
        return best;
    }

    private static double[] range(List<XYSeries> series, boolean x) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : series)
            for (double v : x ? s.getXData() : s.getYData())
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
        return new double[]{lo, hi};
    }

    private static double lastX(XYSeries s) {
        double[] x = s.getXData(), y = s.getYData();
        for (int i = Math.min(x.length, y.length) - 1; i >= 0; i--)
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) return x[i];
        return Double.NaN;
    }

    private static double last(double[] y) {
        for (int i = y.length - 1; i >= 0; i--)
            if (Double.isFinite(y[i])) return y[i];
        return Double.NaN;
    }

    private static String describeCategory(CategoryChart chart) {
        List<CategorySeries> series = new ArrayList<>();
        for (CategorySeries s : chart.getSeriesMap().values())
            if (s.isEnabled()) series.add(s);
        CategorySeries.CategorySeriesRenderStyle style = series.isEmpty() ? null : series.get(0).getChartCategorySeriesRenderStyle();
        String kind = style == null || style == CategorySeries.CategorySeriesRenderStyle.Bar
                || style == CategorySeries.CategorySeriesRenderStyle.SteppedBar ? "Bar chart"
                : style == CategorySeries.CategorySeriesRenderStyle.Line ? "Line chart over categories" : "Chart over categories";
        boolean stacked = chart.getStyler().isStacked() && "Bar chart".equals(kind);
        StringBuilder b = new StringBuilder(stacked ? "Stacked bar chart" : kind);
        title(b, chart.getTitle());
        List<String> categories = new ArrayList<>();
        for (CategorySeries s : series)
            for (Object c : s.getXData())
                if (!categories.contains(String.valueOf(c))) categories.add(String.valueOf(c));
        String xl = chart.getXAxisTitle();
        b.append(' ').append(categories.size()).append(categories.size() == 1 ? " category" : " categories")
                .append(xl == null || xl.isBlank() ? "" : " (" + xl + ")").append(": ").append(list(categories)).append('.');
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (CategorySeries s : series)
            for (Number v : s.getYData())
                if (v != null && Double.isFinite(v.doubleValue())) {
                    lo = Math.min(lo, v.doubleValue());
                    hi = Math.max(hi, v.doubleValue());
                }
        // stacked: each bar's height is the sum of its parts, and the axis runs from 0 to the tallest bar
        java.util.Map<String, Double> totals = new java.util.LinkedHashMap<>();
        if (stacked) {
            for (String c : categories) totals.put(c, 0.0);
            for (CategorySeries s : series) {
                List<?> xs = new ArrayList<>(s.getXData());
                List<? extends Number> ys = new ArrayList<>(s.getYData());
                for (int i = 0; i < xs.size() && i < ys.size(); i++)
                    if (ys.get(i) != null && Double.isFinite(ys.get(i).doubleValue()))
                        totals.merge(String.valueOf(xs.get(i)), ys.get(i).doubleValue(), Double::sum);
            }
            for (double t : totals.values()) hi = Math.max(hi, t);
            lo = Math.min(lo, 0);
        }
        axis(b, "y", chart.getYAxisTitle(), lo, hi);
        if (series.isEmpty()) return b.append(" No data.").toString();
        int shown = 0;
        for (CategorySeries s : series) {
            if (shown++ == MAX_ITEMS) {
                b.append(" And ").append(series.size() - MAX_ITEMS).append(" more series.");
                break;
            }
            b.append(' ').append(bars(s)).append('.');
        }
        if (stacked && totals.size() <= MAX_ITEMS) {
            List<String> parts = new ArrayList<>();
            totals.forEach((c, t) -> parts.add(c + " " + num(t)));
            b.append(" Bar heights (the parts stacked): ").append(String.join(", ", parts)).append('.');
        }
        return b.toString();
    }

    /** "name: a 1.2, b 3.4, …" (all values when there are few categories, else the largest and smallest). */
    private static String bars(CategorySeries s) {
        List<?> cats = new ArrayList<>(s.getXData());
        List<Number> ys = new ArrayList<>(s.getYData());
        StringBuilder b = new StringBuilder(s.getName()).append(": ");
        int max = -1, min = -1;
        for (int i = 0; i < ys.size(); i++) {
            Number v = ys.get(i);
            if (v == null || !Double.isFinite(v.doubleValue())) continue;
            if (max < 0 || v.doubleValue() > ys.get(max).doubleValue()) max = i;
            if (min < 0 || v.doubleValue() < ys.get(min).doubleValue()) min = i;
        }
        if (max < 0) return b.append("no values").toString();
        if (ys.size() <= MAX_ITEMS) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < ys.size(); i++)
                parts.add(cats.get(i) + " " + (ys.get(i) == null ? "no value" : num(ys.get(i).doubleValue())));
            b.append(String.join(", ", parts));
            if (ys.size() > 2) b.append("; largest at ").append(cats.get(max));
            return b.toString();
        }
        return b.append("largest ").append(num(ys.get(max).doubleValue())).append(" at ").append(cats.get(max))
                .append(", smallest ").append(num(ys.get(min).doubleValue())).append(" at ").append(cats.get(min)).toString();
    }

    // ---- panels side by side -------------------------------------------------------------------------------------

    /**
     * The text alternative of images put side by side: how many, then each panel's own text alternative in order
     * from left to right (a panel without one is called "a panel without a description").
     */
    public static String panels(List<? extends RenderedImage> panels) {
        StringBuilder b = new StringBuilder().append(panels.size()).append(panels.size() == 1 ? " panel." : " panels side by side, from left to right.");
        for (int i = 0; i < panels.size(); i++) {
            String alt = of(panels.get(i));
            b.append(" Panel ").append(i + 1).append(": ").append(alt.isEmpty() ? "a panel without a description." : alt);
        }
        return b.toString();
    }

    // ---- image grids --------------------------------------------------------------------------------------------

    /**
     * The text alternative of a grid of {@code n} grey-scale {@code h}×{@code w} images, {@code cols} per row: its
     * title, its layout and the captions in reading order.
     */
    public static String grid(int n, int h, int w, int cols, String[] captions, String title) {
        StringBuilder b = new StringBuilder("Grid of images");
        title(b, title);
        int rows = Math.max(1, (n + cols - 1) / cols);
        b.append(' ').append(n).append(" grey-scale ").append(h).append('×').append(w).append(n == 1 ? " image" : " images")
                .append(", dark ink on a light background, in ").append(rows).append(rows == 1 ? " row" : " rows")
                .append(" of ").append(cols).append('.');
        if (captions != null && n > 0) {
            List<String> cs = new ArrayList<>();
            for (int i = 0; i < Math.min(n, captions.length); i++) cs.add(captions[i]);
            int limit = 4 * MAX_ITEMS;
            b.append(" Captions in reading order: ").append(String.join(", ", cs.subList(0, Math.min(cs.size(), limit))))
                    .append(cs.size() > limit ? ", and " + (cs.size() - limit) + " more" : "").append('.');
        }
        return b.toString();
    }

    // ---- wording ------------------------------------------------------------------------------------------------

    private static void title(StringBuilder b, String title) {
        if (title != null && !title.isBlank()) b.append(": ").append(title.strip()).append(title.strip().endsWith(".") ? "" : ".");
        else b.append('.');
    }

    private static void axis(StringBuilder b, String name, String label, double lo, double hi) {
        b.append(' ').append(name).append(" axis");
        if (label != null && !label.isBlank()) b.append(' ').append(label.strip());
        if (Double.isFinite(lo) && Double.isFinite(hi)) b.append(", from ").append(num(lo)).append(" to ").append(num(hi));
        b.append('.');
    }

    private static String list(Collection<String> items) {
        List<String> l = new ArrayList<>(items);
        if (l.size() <= MAX_ITEMS) return String.join(", ", l);
        return String.join(", ", l.subList(0, MAX_ITEMS)) + " and " + (l.size() - MAX_ITEMS) + " more";
    }

    /** {@code v} to three significant digits, with a minus sign (U+2212) rather than a hyphen; |v| below 10⁻¹² is 0. */
    static String num(double v) {
        if (Double.isNaN(v)) return "not a number";
        if (Double.isInfinite(v)) return v > 0 ? "infinity" : "minus infinity";
        if (Math.abs(v) < 1e-12) return "0";   // rounding noise (a sum of sines that should be 0) reads as 0
        double a = Math.abs(v);
        String s;
        if (a >= 1e-6 && a < 1e6) {
            s = new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        } else {
            s = String.format(Locale.ROOT, "%.2e", v).replace("e+0", " × 10^").replace("e-0", " × 10^-")
                    .replace("e+", " × 10^").replace("e-", " × 10^-");
        }
        return s.replace('-', '−');
    }
}
