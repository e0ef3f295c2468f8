package lecture7.notebook;

import lecture7.infotheory.GaussianCodes;
import lecture7.infotheory.KlDecomposition;
import lecture7.vae.LatentReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ResultsTest {

    @Test
    void jsonOfEachKindOfValue() {
        // expected texts written by hand from RFC 8259 (escapes \" \\ \n and \\u00XX for other control characters)
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001λ\"", Results.json("a\"b\\c\nd\u0001λ"));
        assertEquals("4.45", Results.json(4.45));
        assertEquals("1.0E-5", Results.json(1e-5));
        assertEquals("null", Results.json(Double.NaN));
        assertEquals("null", Results.json(Double.POSITIVE_INFINITY));
        assertEquals("3", Results.json(3));
        assertEquals("true", Results.json(true));
        assertEquals("[1.5, 2.0]", Results.json(new double[]{1.5, 2}));
        assertEquals("[1, 2]", Results.json(new int[]{1, 2}));
        assertEquals("{}", Results.json(Map.of()));
        assertEquals("{\n  \"k\": [\n    {\n      \"x\": 1\n    }\n  ]\n}", Results.json(Map.of("k", List.of(Map.of("x", 1)))));
        assertThrows(IllegalArgumentException.class, () -> Results.json(new Object()));
    }

    @Test
    void writesOneObjectPerModelWithTheRequiredKeys(@TempDir Path dir) throws Exception {
        double[][] mu = {{0.0, 1.0}, {1.0, -1.0}, {2.0, 0.5}}, ls = {{-1, -1}, {-1, -1}, {-1, -1}};
        GaussianCodes c = GaussianCodes.of(mu, ls);
        KlDecomposition parts = KlDecomposition.fullData(c, 1, 1);
        LatentReport report = new LatentReport("VAE M=2", c, parts, 150.25, 0.002, Double.NaN, c.activeUnits(0.01));
        Results r = new Results("04-test").put("mi_ceiling", Math.log(3));
        r.model("VAE M=2", "vae", 2, 2, "bernoulli", report).put("mmd2", 0.002).put("mmd_p_value", 0.005);
        r.model("other", "mmd_vae", 3, 2, "bernoulli").put("mi", 1.0).put("kl", 2.0).put("reconstruction", 3.0)
                .put("active_units", 2).put("mi_at_ceiling", false);
        Path file = r.write(dir);
        assertEquals(dir.resolve("04-test.json"), file);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(r.toJson(), text);
        assertTrue(text.startsWith("{\n  \"notebook\": \"04-test\",\n  \"mode\": \""), text);
        assertTrue(text.contains("\"mi\": " + parts.mutualInformation() + ","), text);
        assertTrue(text.contains("\"mi_at_ceiling\": " + parts.miAtCeiling() + ","), text);
        assertTrue(text.contains("\"reconstruction\": 150.25,"), text);
        assertTrue(text.contains("\"mmd_p_value\": 0.005\n"), text);
        assertEquals(2, text.split("\"objective\"").length - 1);
        for (String k : Results.REQUIRED) assertTrue(text.contains("\"" + k + "\": "), k);
    }

    @Test
    void refusesWhatTheSchemaDoesNotAllow() {
        Results r = new Results("nb");
        var e = assertThrows(IllegalArgumentException.class, () -> r.model("x", "infovae", 1, 2, "bernoulli"));
        assertTrue(e.getMessage().contains("mmd_vae"), e.getMessage());
        r.model("incomplete", "vae", 1, 2, "bernoulli").put("mi", 1.0);
        var missing = assertThrows(IllegalStateException.class, r::toJson);
        assertTrue(missing.getMessage().contains("incomplete") && missing.getMessage().contains("\"kl\""), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Results("../escape"));
        assertThrows(IllegalArgumentException.class, () -> r.put("models", 1));
    }

    @Test
    void resultsFolderIsTheRepositorysBuildResults() {
        Path d = Results.dir();
        String env = System.getenv("KIT_RESULTS");
        if (env != null && !env.isBlank()) assertEquals(Path.of(env).toAbsolutePath(), d);
        else {
            // tests run in lib/: the repository root is the parent holding pom.xml and notebooks/
            assertTrue(Files.isDirectory(d.getParent().getParent().resolve("notebooks")), d.toString());
            assertTrue(d.endsWith(Path.of("build", "results")), d.toString());
        }
    }
}
