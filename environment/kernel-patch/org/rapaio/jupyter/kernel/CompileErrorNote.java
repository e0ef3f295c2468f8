/*
 * Kit addition to rapaio-jupyter-kernel 3.0.1 (README, "Kernel fixes"): a compile error says what it means for the
 * notebook. JShell keeps the previous definition of whatever a cell that fails to compile would have (re)defined, so
 * an answer cell with a compile error leaves the exercise's placeholder in force; and a "cannot find symbol" in a
 * check cell means a method or variable of an answer cell is not defined. The kernel's own compile-error report is
 * kept as it is; this adds one or two lines under it, naming the cell as Jupyter does ("In [n]") and, when a missing
 * name belongs to an earlier cell that stopped at a compile error, that cell. A call of a method JShell accepted with
 * unresolved references ("recoverable": it uses a variable or method not declared) gets one line naming the method,
 * what it is missing and the cell that defined it.
 */
package org.rapaio.jupyter.kernel;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.MethodSnippet;
import jdk.jshell.UnresolvedReferenceException;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.format.ErrorFormatter;
import org.rapaio.jupyter.kernel.core.format.ErrorFormatters;
import org.rapaio.jupyter.kernel.core.java.CellLedger;
import org.rapaio.jupyter.kernel.core.java.CompilerException;
import org.rapaio.jupyter.kernel.display.text.ANSI;

final class CompileErrorNote {
    private CompileErrorNote() {}

    /** The line under every compile error, for the cell {@code cell} ("In [n]"); {@code partial}: code before the error ran. */
    static String didNotRun(String cell, boolean partial) {
        return (partial ? cell + " stopped at this compile error: its code from the error on did not run."
                : cell + " did not run: it does not compile.")
                + " Anything it defines there keeps its earlier definition, if it had one (in an exercise: the placeholder),"
                + " until this cell compiles and runs.";
    }

    private static final Pattern MISSING = Pattern.compile("symbol:\\s+(method|variable|class)\\s+([\\w$]+)");

    /** The note for a compile error whose report (the kernel's lines, ANSI codes included) is {@code report}. */
    static List<String> note(List<String> report) {
        List<String> out = new ArrayList<>(List.of(didNotRun(CellLedger.name(CellLedger.currentCell()), CellLedger.lastFailureWasPartial)));
        String text = String.join("\n", report).replaceAll("\u001B\\[[0-9;]*m", "");
        Matcher m = MISSING.matcher(text);
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            if (seen.contains(m.group(2))) continue;
            seen.add(m.group(2));
            OptionalInt failed = CellLedger.failedCellOf(m.group(2));
            out.add("'" + m.group(2) + "' (a " + m.group(1) + ") is not defined: " + (failed.isPresent()
                    ? CellLedger.name(failed.getAsInt()) + ", which defines it, stopped at a compile error; fix that cell and run it, then this one."
                    : "run the cell that defines it first; if that cell shows a compile error, fix that cell."));
        }
        return out;
    }

    /**
     * The line for a call of a method that JShell accepted with unresolved references ("recoverable"): which method,
     * what it is missing and which cell defined it.
     */
    static String unresolved(DeclarationSnippet snippet, List<String> missing) {
        String what = snippet instanceof MethodSnippet ms ? ms.name() + ms.signature().replaceAll("\\).*", ")") : snippet.name();
        OptionalInt defined = CellLedger.cellOf(snippet);
        StringBuilder b = new StringBuilder(what + (defined.isPresent() ? ", defined in " + CellLedger.name(defined.getAsInt()) + "," : "")
                + " cannot run: it uses " + String.join(" and ", missing) + ", which " + (missing.size() == 1 ? "is" : "are")
                + " not defined.");
        for (String dep : missing) {
            String name = dep.replaceFirst("^\\S+\\s+", "").replaceFirst("\\(.*", "");
            OptionalInt failed = CellLedger.failedCellOf(name);
            if (failed.isPresent())
                b.append(" ").append(CellLedger.name(failed.getAsInt())).append(", which defines ").append(name)
                        .append(", stopped at a compile error: fix that cell and run it, then this one.");
        }
        if (missing.stream().map(d -> d.replaceFirst("^\\S+\\s+", "").replaceFirst("\\(.*", ""))
                .noneMatch(n -> CellLedger.failedCellOf(n).isPresent()))
            b.append(" Define ").append(missing.size() == 1 ? "it" : "them").append(" (run the cell that does), then run this cell again.");
        return b.toString();
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
            ErrorFormatter<UnresolvedReferenceException> unresolved = (RapaioKernel kernel, UnresolvedReferenceException e) -> {
                DeclarationSnippet s = e.getSnippet();
                List<String> lines = new ArrayList<>(ANSI.errorTypeHeader("Cannot run " + s.name() + ":"));
                lines.addAll(ANSI.sourceCode(s.source()));
                List<String> missing = kernel.javaEngine().getShell().unresolvedDependencies(s).toList();
                lines.addAll(ANSI.errorMessages(unresolved(s, missing.isEmpty() ? List.of("a definition") : missing)));
                return lines;
            };
            map.put(UnresolvedReferenceException.class, unresolved);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("kit: compile errors are reported without the kit's note (" + e + ")");
        }
    }
}
