/*
 * Kit addition to rapaio-jupyter-kernel 3.0.1 (README, "Kernel fixes"): which notebook cell ("In [n]", the execution
 * count Jupyter shows) defined each JShell snippet, and which names a cell that stopped at a compile error would have
 * defined, so that an error in a later cell can say which cell to fix (CompileErrorNote).
 */
package org.rapaio.jupyter.kernel.core.java;

import java.lang.reflect.Field;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jdk.jshell.Snippet;

public final class CellLedger {
    private CellLedger() {}

    private static final Map<String, Integer> SNIPPET_CELL = new ConcurrentHashMap<>();
    /** Name → the cell that would have (re)defined it but stopped at a compile error first; cleared once defined. */
    private static final Map<String, Integer> FAILED = new ConcurrentHashMap<>();
    private static volatile Field counter;

    /** A method ({@code double f(double x) {}) or a variable ({@code double x =}, {@code double x;}) declared in source. */
    private static final Pattern DECLARED = Pattern.compile(
            "(?m)^[ \\t]*(?:(?:public|private|protected|static|final)\\s+)*[\\w.$]+(?:<[^<>;=(){}]*(?:<[^<>;=(){}]*>[^<>;=(){}]*)*>)?"
                    + "(?:\\[\\])*\\s+([A-Za-z_$][\\w$]*)\\s*(\\(|=|;|,)");

    /** The cell being run, as Jupyter numbers it ("In [n]"); −1 if the kernel's counter cannot be read. */
    public static int currentCell() {
        try {
            Field f = counter;
            if (f == null) {
                f = Class.forName("org.rapaio.jupyter.kernel.core.RapaioKernel").getDeclaredField("executionCount");
                f.setAccessible(true);
                counter = f;
            }
            // the kernel takes the cell's number with getAndIncrement() before it runs the cell
            return ((AtomicInteger) f.get(null)).get() - 1;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    /** "In [n]", or "the cell" when the number is unknown. */
    public static String name(int cell) {
        return cell > 0 ? "In [" + cell + "]" : "the cell";
    }

    /** Records that the current cell defined {@code snippet} (called for every snippet JShell accepted). */
    static void defined(Snippet snippet, String name) {
        int cell = currentCell();
        if (cell > 0) SNIPPET_CELL.put(snippet.id(), cell);
        if (name != null) FAILED.remove(name);
    }

    /** True if the last cell that stopped at a compile error had run some of its code before the error. */
    public static volatile boolean lastFailureWasPartial;

    /**
     * Records the names a cell declares from its failing snippet on (none of them was (re)defined), and whether
     * snippets of the cell ran before it.
     */
    static void failed(String sourceFromError, boolean ranBefore) {
        lastFailureWasPartial = ranBefore;
        int cell = currentCell();
        for (String n : declaredNames(sourceFromError)) FAILED.put(n, cell);
    }

    /** The names of the methods and variables declared at the start of a line of {@code source}. */
    static Set<String> declaredNames(String source) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = DECLARED.matcher(source);
        while (m.find()) {
            String type = m.group().trim().split("\\s+")[0];
            if (!Set.of("return", "throw", "new", "else", "case", "yield").contains(type)) out.add(m.group(1));
        }
        return out;
    }

    /** What a cell that defines a method with unresolved references prints under it. */
    public static String recoverableNote(jdk.jshell.DeclarationSnippet snippet, java.util.List<String> missing) {
        String what = snippet instanceof jdk.jshell.MethodSnippet ms ? ms.name() + ms.signature().replaceAll("\\).*", ")") : snippet.name();
        return "Note: " + what + " is defined, but cannot be called until " + String.join(" and ", missing)
                + (missing.size() == 1 ? " is" : " are") + " defined.";
    }

    /** The cell that defined {@code snippet}, if it was defined while the ledger was kept. */
    public static OptionalInt cellOf(Snippet snippet) {
        Integer c = SNIPPET_CELL.get(snippet.id());
        return c == null ? OptionalInt.empty() : OptionalInt.of(c);
    }

    /** The cell that would have defined {@code name} but stopped at a compile error before it. */
    public static OptionalInt failedCellOf(String name) {
        Integer c = FAILED.get(name);
        return c == null ? OptionalInt.empty() : OptionalInt.of(c);
    }
}
