package lecture7.notebook;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the kit runs: fast mode for CI, the project's data folder, and the ND4J set-up in one line.
 *
 * <p>Fast mode ({@code KIT_FAST=1}, set by {@code environment/kit test}) makes notebooks train on subsets
 * so the whole suite stays within minutes; the full mode is what students run.
 */
public final class Kit {
    private Kit() {}

    /** True when {@code KIT_FAST} is set to anything but {@code 0}, {@code false} or empty. */
    public static boolean fast() {
        String v = System.getenv("KIT_FAST");
        return v != null && !v.isBlank() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    /** {@code fast ? small : full}: the one switch notebooks use to size data and epochs. */
    public static int pick(int full, int small) {
        return fast() ? small : full;
    }

    /**
     * The kit's {@code data/} folder: {@code KIT_DATA} if set, else the nearest {@code data/} beside a
     * {@code pom.xml} walking up from the working directory (notebooks run in {@code notebooks/}).
     */
    public static Path dataDir() {
        String env = System.getenv("KIT_DATA");
        if (env != null && !env.isBlank()) return Path.of(env).toAbsolutePath();
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("data")) && Files.exists(p.resolve("pom.xml"))) return p.resolve("data");
        }
        return dir.resolve("data");
    }
}
