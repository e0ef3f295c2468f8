/*
 * Kit addition to rapaio-jupyter-kernel 3.0.1 (README, "Kernel fixes"): a compile error says what it means for the
 * notebook. JShell keeps the previous definition of whatever a cell that fails to compile would have (re)defined, so
 * an answer cell with a compile error leaves the exercise's placeholder in force; and a "cannot find symbol" in a
 * check cell means a method or variable of an answer cell is not defined. The kernel's own compile-error report is
 * kept as it is; this adds one or two lines under it.
 */
package org.rapaio.jupyter.kernel;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.format.ErrorFormatter;
import org.rapaio.jupyter.kernel.core.format.ErrorFormatters;
import org.rapaio.jupyter.kernel.core.java.CompilerException;
import org.rapaio.jupyter.kernel.display.text.ANSI;

final class CompileErrorNote {
    private CompileErrorNote() {}

    /** The line under every compile error. */
    static final String DID_NOT_RUN = "This cell did not run: it does not compile. Anything it defines keeps its earlier"
            + " definition, if it had one (in an exercise: the placeholder), until this cell compiles and runs.";

    private static final Pattern MISSING = Pattern.compile("symbol:\\s+(method|variable|class)\\s+([\\w$]+)");

    /** The note for a compile error whose report (the kernel's lines, ANSI codes included) is {@code report}. */
    static List<String> note(List<String> report) {
        List<String> out = new ArrayList<>(List.of(DID_NOT_RUN));
        String text = String.join("\n", report).replaceAll("\u001B\\[[0-9;]*m", "");
        Matcher m = MISSING.matcher(text);
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            if (seen.contains(m.group(2))) continue;
            seen.add(m.group(2));
            out.add("'" + m.group(2) + "' (a " + m.group(1) + ") is not defined: run the cell that defines it first; if that"
                    + " cell shows a compile error, fix that cell.");
        }
        return out;
    }

    /** Decorates the kernel's compile-error formatter; on any reflection problem the kernel stays as it was. */
    @SuppressWarnings("unchecked")
    static void install() {
        try {
            Field f = ErrorFormatters.class.getDeclaredField("map");
            f.setAccessible(true);
            var map = (Map<Class<? extends Throwable>, ErrorFormatter<? extends Throwable>>) f.get(null);
            var original = (ErrorFormatter<CompilerException>) map.get(CompilerException.class);
            if (original == null) return;
            ErrorFormatter<CompilerException> noted = (RapaioKernel kernel, CompilerException e) -> {
                List<String> lines = new ArrayList<>(original.format(kernel, e));
                for (String n : note(lines)) lines.addAll(ANSI.errorMessages(n));
                return lines;
            };
            map.put(CompilerException.class, noted);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("kit: compile errors are reported without the kit's note (" + e + ")");
        }
    }
}
