package lecture7.compute;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Out of memory in a student's terms: what ran out, the kernel's limits, what to do; the JVM's own error kept as cause. */
class MemoryTest {
    @Test
    void theMessageSaysWhatRanOutTheLimitsAndWhatToDo() {
        OutOfMemoryError cause = new OutOfMemoryError("Java heap space");
        OutOfMemoryError e = Memory.outOfMemory("training the VAE", cause);
        String m = e.getMessage();
        assertTrue(m.startsWith("The Java kernel ran out of memory while training the VAE ("), m);
        assertTrue(m.contains("Java heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB"), m);
        assertTrue(m.contains("Restart the kernel"), m);
        assertTrue(m.endsWith("[Java heap space]"), m);
        assertSame(cause, e.getCause());
    }
}
