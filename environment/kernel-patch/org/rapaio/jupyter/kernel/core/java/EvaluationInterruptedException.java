/*
 * Fix for rapaio-jupyter-kernel 3.0.1 (MIT licence, (c) Aurelian Tutuianu), before the kernel's jar on the class path:
 * the message a student sees after Kernel → Interrupt says what happened and what is kept (README, "Kernel fixes").
 */
package org.rapaio.jupyter.kernel.core.java;

public class EvaluationInterruptedException extends Exception {
    private final String source;

    public EvaluationInterruptedException(String source) {
        this.source = source;
    }

    public String getSource() {
        return source;
    }

    @Override
    public String getMessage() {
        // kit fix: upstream "Evaluator was interrupted while executing: <source>"
        return "interrupted (Kernel \u2192 Interrupt): the cell was stopped; what earlier cells defined is kept";
    }
}
