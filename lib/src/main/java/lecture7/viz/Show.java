package lecture7.viz;

import lecture7.viz.Tables;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Rich cell output from library code: HTML with a plain-text fallback, and displays that update in place
 * (a progress bar), under whichever Java kernel runs the notebook.
 *
 * <p>Each kernel has its own display API and the library depends on none of them, so the running kernel is found
 * by name when first needed:
 * <ul>
 *   <li>rapaio-jupyter-kernel ({@code org.rapaio.jupyter.kernel.MainApp.kernel}, the kit's kernel),</li>
 *   <li>JJava ({@code org.dflib.jjava.jupyter.kernel.BaseKernel.notebookKernel()}),</li>
 *   <li>IJava ({@code io.github.spencerpark.ijava.IJava.getKernelInstance()}).</li>
 * </ul>
 * Each sends a Jupyter {@code display_data} message carrying both {@code text/html} and {@code text/plain}; an
 * update is an {@code update_display_data} message with the same {@code display_id}, which Jupyter, JupyterLab and
 * nbconvert's executor apply to the output in place. Outside a kernel (plain JShell, tests) the text goes to
 * {@code System.out}. A cell calls these as statements ({@code Show.html(h, t);}): nothing is echoed.
 *
 * <p>Figures keep their text alternative ({@link AltText}) under every kernel: under rapaio the kit's kernel fix sends
 * it; under JJava and IJava {@link #figureRenderer()} registers, on the first figure made, a renderer for
 * {@link BufferedImage} with the kernel that sends what the fix sends (image/png, an {@code <img alt>} as text/html, the
 * text as text/plain, metadata image/png.alt), so {@code display(img)} carries it too.
 */
public final class Show {
    private Show() {}

    /** One kernel's display calls. */
    interface Bridge {
        /** Shows a new output; {@code id} is its display id. */
        void display(String id, String html, String text) throws ReflectiveOperationException;

        /** Replaces the output with display id {@code id}. */
        void update(String id, String html, String text) throws ReflectiveOperationException;
    }

    private static Bridge bridge;
    private static boolean searched;

    /**
     * Shows a Tablesaw table as HTML with a plain-text fallback ({@link Tables#html}, {@link Tables#text}). Call it as a
     * statement, {@code Show.table(t);}: it returns nothing, so the cell echoes nothing.
     */
    public static void table(Table table) {
        html(Tables.html(table), Tables.text(table, Tables.TEXT_WIDTH));
    }

    /** Shows {@code html}, with {@code text} for front-ends that show only plain text. */
    public static void html(String html, String text) {
        open(html, text);
    }

    /** Whether a Jupyter kernel receives the displays (false in plain JShell and in tests). */
    public static boolean inKernel() {
        return bridge() != null;
    }

    /**
     * Shows an output that can be replaced later (in place) with {@link Handle#update}. Outside a kernel the text
     * is printed once now and every update prints again.
     */
    public static Handle open(String html, String text) {
        Handle h = new Handle(UUID.randomUUID().toString(), bridge());
        h.send(html, text, false);
        return h;
    }

    /** A display that can be updated in place. */
    public static final class Handle {
        private final String id;
        private final Bridge via;

        private Handle(String id, Bridge via) {
            this.id = id;
            this.via = via;
        }

        /** Replaces the output with new content. */
        public void update(String html, String text) {
            send(html, text, true);
        }

        /** True when updates replace the output in place (a kernel is attached). */
        public boolean inPlace() {
            return via != null;
        }

        private void send(String html, String text, boolean update) {
            if (via != null) {
                try {
                    if (update) via.update(id, html, text);
                    else via.display(id, html, text);
                    return;
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // the kernel's API differs from the one expected: fall back to text
                }
            }
            System.out.println(text);
        }
    }

    private static synchronized Bridge bridge() {
        if (!searched) {
            searched = true;
            bridge = find();
        }
        return bridge;
    }

    /** The bridge to the running kernel, or null. */
    static Bridge find() {
        for (ClassLoader cl : new ClassLoader[]{Thread.currentThread().getContextClassLoader(), Show.class.getClassLoader(),
                ClassLoader.getSystemClassLoader()}) {
            if (cl == null) continue;
            Bridge b = rapaio(cl);
            if (b == null) b = jjava(cl, "org.dflib.jjava.jupyter.kernel.BaseKernel", "notebookKernel",
                    "org.dflib.jjava.jupyter.kernel.display.DisplayData");
            if (b == null) b = jjava(cl, "io.github.spencerpark.ijava.IJava", "getKernelInstance",
                    "io.github.spencerpark.jupyter.kernel.display.DisplayData");
            if (b != null) return b;
        }
        return null;
    }

    private static Bridge rapaio(ClassLoader cl) {
        try {
            Class<?> app = Class.forName("org.rapaio.jupyter.kernel.MainApp", true, cl);
            Object kernel = app.getField("kernel").get(null);
            if (kernel == null) return null;
            Class<?> dataClass = Class.forName("org.rapaio.jupyter.kernel.display.DisplayData", true, cl);
            Method fromText = dataClass.getMethod("fromText", String.class);
            Method putHtml = dataClass.getMethod("putHTML", String.class);
            Method setId = dataClass.getMethod("setDisplayId", String.class);
            Method display = kernel.getClass().getMethod("display", dataClass);
            Method update = kernel.getClass().getMethod("updateDisplay", dataClass);
            return new Bridge() {
                private Object data(String id, String html, String text) throws ReflectiveOperationException {
                    Object dd = fromText.invoke(null, text);
                    putHtml.invoke(dd, html);
                    setId.invoke(dd, id);
                    return dd;
                }

                @Override
                public void display(String id, String html, String text) throws ReflectiveOperationException {
                    display.invoke(kernel, data(id, html, text));
                }

                @Override
                public void update(String id, String html, String text) throws ReflectiveOperationException {
                    update.invoke(kernel, data(id, html, text));
                }
            };
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** JJava and IJava share the jupyter-jvm-basekernel API (different packages). */
    private static Bridge jjava(ClassLoader cl, String kernelClass, String instanceMethod, String dataClassName) {
        try {
            Class<?> k = Class.forName(kernelClass, true, cl);
            Object kernel = k.getMethod(instanceMethod).invoke(null);
            if (kernel == null) return null;
            Class<?> dataClass = Class.forName(dataClassName, true, cl);
            var make = dataClass.getConstructor(String.class);
            Method putHtml = dataClass.getMethod("putHTML", String.class);
            Method setId = dataClass.getMethod("setDisplayId", String.class);
            Method display = kernel.getClass().getMethod("display", dataClass);
            Object io = kernel.getClass().getMethod("getIO").invoke(kernel);
            Object stream = io.getClass().getField("display").get(io);
            Method update = stream.getClass().getMethod("updateDisplay", String.class, dataClass);
            return new Bridge() {
                private Object data(String id, String html, String text) throws ReflectiveOperationException {
                    Object dd = make.newInstance(text);
                    putHtml.invoke(dd, html);
                    setId.invoke(dd, id);
                    return dd;
                }

                @Override
                public void display(String id, String html, String text) throws ReflectiveOperationException {
                    display.invoke(kernel, data(id, html, text));
                }

                @Override
                public void update(String id, String html, String text) throws ReflectiveOperationException {
                    update.invoke(stream, id, data(id, html, text));
                }
            };
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    private static boolean figureRendererTried;

    /**
     * Under JJava or IJava, registers with the kernel's renderer a render function for {@link BufferedImage} that
     * sends the image's text alternative with it (see the class comment); images without one are sent as the kernel
     * sends them (image/png). Called by {@link AltText#attach}; does nothing elsewhere or a second time.
     */
    static synchronized void figureRenderer() {
        if (figureRendererTried) return;
        figureRendererTried = true;
        for (ClassLoader cl : new ClassLoader[]{Thread.currentThread().getContextClassLoader(), Show.class.getClassLoader()}) {
            if (cl == null) continue;
            if (register(cl, "org.dflib.jjava.jupyter.kernel.BaseKernel", "notebookKernel", "org.dflib.jjava.jupyter.kernel.display")
                    || register(cl, "io.github.spencerpark.ijava.IJava", "getKernelInstance", "io.github.spencerpark.jupyter.kernel.display"))
                return;
        }
    }

    private static boolean register(ClassLoader cl, String kernelClass, String instanceMethod, String displayPackage) {
        try {
            Object kernel = Class.forName(kernelClass, true, cl).getMethod(instanceMethod).invoke(null);
            if (kernel == null) return false;
            Object renderer = kernel.getClass().getMethod("getRenderer").invoke(kernel);
            Class<?> fnType = Class.forName(displayPackage + ".RenderFunction", true, cl);
            Object fn = Proxy.newProxyInstance(cl, new Class<?>[]{fnType}, (proxy, m, args) -> {
                switch (m.getName()) {
                    case "render" -> {
                        Object out = args[1].getClass().getMethod("getOutputContainer").invoke(args[1]);
                        Method put = out.getClass().getMethod("putData", String.class, Object.class);
                        BufferedImage img = (BufferedImage) args[0];
                        String png = png(img), alt = AltText.of(img);
                        put.invoke(out, "image/png", png);
                        if (!alt.isBlank()) {
                            put.invoke(out, "text/html", "<img alt=\"" + escape(alt) + "\" src=\"data:image/png;base64," + png + "\">");
                            put.invoke(out, "text/plain", alt);
                            out.getClass().getMethod("putMetaData", String.class, Object.class).invoke(out, "image/png", Map.of("alt", alt));
                        }
                        return null;
                    }
                    case "hashCode" -> { return System.identityHashCode(proxy); }
                    case "equals" -> { return proxy == args[0]; }
                    case "toString" -> { return "lecture7 figure renderer"; }
                    default -> { return null; }
                }
            });
            Object reg = renderer.getClass().getMethod("createRegistration", Class.class).invoke(renderer, BufferedImage.class);
            reg = reg.getClass().getMethod("preferring", String[].class).invoke(reg, (Object) new String[]{"image/png"});
            reg.getClass().getMethod("register", fnType).invoke(reg, fn);
            return true;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return false;
        }
    }

    private static String png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** {@code s} with {@code & < > "} escaped for HTML text and attributes. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
