package lecture7;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library's layers, read from its source: every reference from one {@code lecture7} package to another
 * (imports, static imports, fully qualified names in code; comments and strings do not count) must be allowed by
 * {@link #ALLOWED}, and the package graph has no cycle.
 * <pre>
 *   notebook                                  orchestration, checks, progress     (top)
 *   viz                                       figures and tables
 *   elbo  kernel  mmd  infotheory  vae  data  the lecture's maths
 *   compute                                   plumbing: BLAS, off-heap copies, SIMD loops  (bottom)
 * </pre>
 * Among the maths packages the allowed edges follow the lecture, each with its reason; a new edge is a decision
 * to write down here, not an accident of a convenient import.
 */
class LayersTest {
    static final Set<String> MATHS = Set.of("elbo", "kernel", "mmd", "infotheory", "vae", "data");

    /** Package → the lecture7 packages it may use. */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "compute", Set.of(),
            "elbo", Set.of("compute"),
            "kernel", Set.of("compute"),
            // the MMD is defined through a kernel (Gretton et al. 2012)
            "mmd", Set.of("compute", "kernel"),
            // the stable log-sum-exp of the minibatch estimators is elbo.LogSumExp
            "infotheory", Set.of("compute", "elbo"),
            // β-TCVAE's penalty is infotheory's minibatch estimator of the total correlation; latent reports use MIG
            "vae", Set.of("compute", "elbo", "infotheory"),
            "data", Set.of("compute"),
            "viz", Set.of("compute", "elbo", "kernel", "mmd", "infotheory", "vae", "data"),
            "notebook", Set.of("compute", "elbo", "kernel", "mmd", "infotheory", "vae", "data", "viz"));

    static final Pattern PACKAGE = Pattern.compile("^\\s*package lecture7\\.(\\w+);", Pattern.MULTILINE);
    static final Pattern REFERENCE = Pattern.compile("\\blecture7\\.(\\w+)\\.([A-Z*]\\w*)?");

    static Path sources() {
        Path base = Path.of(System.getProperty("basedir", "."));
        for (Path p : List.of(base.resolve("src/main/java/lecture7"), base.resolve("lib/src/main/java/lecture7")))
            if (Files.isDirectory(p)) return p;
        throw new IllegalStateException("library sources not found from " + base.toAbsolutePath());
    }

    /** Java source without comments, string and character literals (so javadoc links and messages do not count). */
    static String code(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0, n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c) j += src.charAt(j) == '\\' ? 2 : 1;
                i = j + 1;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Package → (used package → the first file that uses it, with the reference). */
    static Map<String, Map<String, String>> dependencies(Path root) {
        Map<String, Map<String, String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String src = code(Files.readString(f));
                Matcher pm = PACKAGE.matcher(src);
                assertTrue(pm.find(), f + " has no lecture7 package line");
                String from = pm.group(1);
                Map<String, String> mine = deps.computeIfAbsent(from, k -> new TreeMap<>());
                Matcher m = REFERENCE.matcher(src.substring(pm.end()));
                while (m.find()) {
                    String to = m.group(1);
                    if (!to.equals(from))
                        mine.putIfAbsent(to, root.relativize(f) + " uses lecture7." + to + "." + (m.group(2) == null ? "" : m.group(2)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deps;
    }

    /** The violations of {@link #ALLOWED} in {@code deps}, one line each. */
    static List<String> violations(Map<String, Map<String, String>> deps) {
        List<String> bad = new ArrayList<>();
        deps.forEach((from, uses) -> {
            Set<String> ok = ALLOWED.get(from);
            if (ok == null) {
                bad.add("package lecture7." + from + " is not in LayersTest.ALLOWED: place it in a layer");
                return;
            }
            uses.forEach((to, where) -> {
                if (!ok.contains(to)) {
                    String rule = from.equals("compute") ? "the plumbing imports no lecture package"
                            : MATHS.contains(from) && !MATHS.contains(to) && !to.equals("compute")
                            ? "a maths package never imports viz or notebook (they sit on top)"
                            : from + " may use only " + new TreeSet<>(ok);
                    bad.add(where + ": " + rule);
                }
            });
        });
        return bad;
    }

    /** A cycle in the package graph as "a → b → … → a", or null. */
    static String cycle(Map<String, Map<String, String>> deps) {
        Map<String, Integer> state = new TreeMap<>(); // 1 on the path, 2 done
        for (String start : deps.keySet()) {
            String c = visit(start, deps, state, new ArrayList<>());
            if (c != null) return c;
        }
        return null;
    }

    private static String visit(String p, Map<String, Map<String, String>> deps, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(p);
        if (s != null && s == 2) return null;
        if (s != null && s == 1) {
            List<String> loop = new ArrayList<>(path.subList(path.indexOf(p), path.size()));
            loop.add(p);
            return String.join(" → ", loop);
        }
        state.put(p, 1);
        path.add(p);
        for (String q : deps.getOrDefault(p, Map.of()).keySet()) {
            String c = visit(q, deps, state, path);
            if (c != null) return c;
        }
        path.remove(path.size() - 1);
        state.put(p, 2);
        return null;
    }

    @Test
    void everyReferenceFollowsTheLayers() {
        Map<String, Map<String, String>> deps = dependencies(sources());
        assertTrue(deps.keySet().containsAll(ALLOWED.keySet()), "packages found: " + deps.keySet());
        assertEquals(List.of(), violations(deps), "references across the layers");
    }

    @Test
    void thePackageGraphHasNoCycle() {
        Map<String, Map<String, String>> deps = dependencies(sources());
        String c = cycle(deps);
        assertEquals(null, c, "package cycle " + c + "; edges: " + deps);
    }

    /** The scanner itself: it sees imports and qualified names, ignores comments and strings, and finds cycles. */
    @Test
    void theScannerSeesWhatTheCompilerSees() {
        String src = """
                package lecture7.data;
                import lecture7.notebook.Kit;
                import static lecture7.viz.Charts.line;
                /** {@link lecture7.mmd.Mmd} */
                class A { // lecture7.kernel.Rbf
                    String s = "lecture7.elbo.Gaussian";
                    Object o = lecture7.vae.Vae.class;
                }
                """;
        Matcher m = REFERENCE.matcher(code(src).substring(src.indexOf(';') + 1));
        Set<String> seen = new TreeSet<>();
        while (m.find()) seen.add(m.group(1));
        assertEquals(Set.of("notebook", "viz", "vae"), seen);

        Map<String, Map<String, String>> deps = new TreeMap<>();
        deps.put("data", Map.of("notebook", "data/Mnist.java uses lecture7.notebook.Kit"));
        deps.put("notebook", Map.of("viz", "n"));
        deps.put("viz", Map.of("data", "v"));
        assertEquals("data → notebook → viz → data", cycle(deps));
        assertEquals(List.of("data/Mnist.java uses lecture7.notebook.Kit: a maths package never imports viz or notebook (they sit on top)"),
                violations(Map.of("data", deps.get("data"))));
    }
}
