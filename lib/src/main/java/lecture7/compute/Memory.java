package lecture7.compute;

import org.bytedeco.javacpp.Pointer;

import java.util.Locale;

/**
 * Out of memory, said in a student's terms. The kernel's limits come from {@code environment/kernel_launch.py}
 * (a container's memory limit, KIT_MEMORY, or the kit's own choice): the Java heap, and ND4J's off-heap arrays
 * (JavaCPP {@code maxbytes}) and resident set ({@code maxphysicalbytes}), at which JavaCPP throws
 * {@link OutOfMemoryError} instead of the container stopping the kernel.
 */
public final class Memory {
    private Memory() {}

    /** The limits as one line, e.g. "Java heap 384 MiB, ND4J arrays 921 MiB, whole kernel 1382 MiB". */
    public static String limits() {
        long mib = 1 << 20;
        return String.format(Locale.ROOT, "Java heap %d MiB, ND4J arrays %d MiB, whole kernel %d MiB",
                Runtime.getRuntime().maxMemory() / mib, Pointer.maxBytes() / mib, Pointer.maxPhysicalBytes() / mib);
    }

    /** An OutOfMemoryError whose message says what ran out while doing {@code what}, and what to do; e is its cause. */
    public static OutOfMemoryError outOfMemory(String what, OutOfMemoryError e) {
        OutOfMemoryError out = new OutOfMemoryError("The Java kernel ran out of memory while " + what + " ("
                + limits() + "). Restart the kernel (Kernel → Restart) and run this notebook from the top, so that "
                + "nothing from earlier runs is held; if it stops here again, the notebook needs more memory than this "
                + "server gives: ask for a larger server, or run it on your own computer (`environment/kit lab`). "
                + "[" + e.getMessage() + "]");
        out.initCause(e);
        return out;
    }
}
