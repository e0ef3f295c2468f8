package lecture7.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the kit's downloaded data lives ({@code data/mnist/}, {@code data/dsprites/}). */
public final class DataFolder {
    private DataFolder() {}

    /**
     * The kit's {@code data/} folder: {@code KIT_DATA} if set, else the nearest {@code data/} beside a
     * {@code pom.xml} walking up from the working directory (notebooks run in {@code notebooks/}).
     */
    public static Path path() {
        String env = System.getenv("KIT_DATA");
        if (env != null && !env.isBlank()) return Path.of(env).toAbsolutePath();
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("data")) && Files.exists(p.resolve("pom.xml"))) return p.resolve("data");
        }
        return dir.resolve("data");
    }
}
