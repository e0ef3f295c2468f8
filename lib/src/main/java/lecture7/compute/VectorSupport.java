package lecture7.compute;

/**
 * Whether the SIMD loops of {@link VectorMath} can run in this JVM. The JDK's vector API is an incubator module:
 * a JVM started with {@code --add-modules jdk.incubator.vector} has it (the kit's kernel, tests and benchmarks
 * are), any other JVM — a plain {@code java -cp} program, another Jupyter kernel — does not, and there loading
 * {@link VectorMath} fails. This class names no {@code jdk.incubator.vector} type, so asking it is always safe;
 * without the module the library runs its scalar loops, which are the definitions the SIMD loops are tested
 * against.
 */
public final class VectorSupport {
    private VectorSupport() {}

    private static final boolean AVAILABLE = probe();

    /** The vector module is there, {@link VectorMath} loads, and {@code -Dlecture7.vector=false} is not set. */
    public static boolean available() {
        return AVAILABLE;
    }

    private static boolean probe() {
        if ("false".equals(System.getProperty("lecture7.vector"))) return false;
        // the module must be in the boot layer: incubator modules are resolved only when asked for (--add-modules)
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
        try {
            // initialise VectorMath only now that its types can be linked
            Class.forName("lecture7.compute.VectorMath", true, VectorSupport.class.getClassLoader());
            return true;
        } catch (LinkageError | ClassNotFoundException e) {
            return false;
        }
    }
}
