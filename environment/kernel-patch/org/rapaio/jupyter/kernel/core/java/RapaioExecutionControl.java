/*
 * Fix for rapaio-jupyter-kernel 3.0.1 (MIT licence, (c) Aurelian Tutuianu), placed before the kernel's jar on the
 * class path so that this class replaces the kernel's own RapaioExecutionControl. Same public API plus
 * beginCell()/cellInterrupted() for the patched JavaEngine; see README, "Kernel fixes".
 *
 * Upstream, Kernel → Interrupt cancelled the running Future and then shut the executor down (stop()). Cancelling
 * returned at once while the cell's thread went on running, and the shut-down executor refused every later cell:
 * the kernel was unusable until a restart. Here an interrupt
 *   1. interrupts the cell's thread: a sleeping or waiting cell ends at once, and code that checks
 *      Thread.interrupted() (the kit's training loop does, between batches) stops where its state is consistent;
 *   2. if the thread is still running GRACE_MILLIS later (a busy loop that never blocks), stops it with
 *      Thread.stop(), as JShell's own local execution engine does (a second Interrupt stops it at once);
 *   3. answers the cell with an "interrupted" error only when its thread has ended, so nothing of it runs on
 *      behind the next cell; the executor stays up, and earlier variables keep their values.
 * The same happens on RJK_TIMEOUT_MILLIS (upstream left a timed-out cell running). The cells' threads are daemon
 * threads, so a shutdown is not held up by them.
 */
package org.rapaio.jupyter.kernel.core.java;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.SPIResolutionException;

public class RapaioExecutionControl extends DirectExecutionControl {

    public static final String TIMEOUT_MARKER = "## Timeout Marker ##";
    public static final String INTERRUPTED_MARKER = "## Interrupted Marker ##";
    /** How long an interrupted cell may take to end by itself before its thread is stopped. */
    public static final long GRACE_MILLIS = 1000;

    private static final Logger LOGGER = Logger.getLogger(RapaioExecutionControl.class.getSimpleName());
    private static final AtomicInteger ID = new AtomicInteger(0);

    /** One invocation of a snippet on an engine thread. */
    private static final class Run {
        private Thread thread;        // guarded by this
        private boolean finished;     // guarded by this
        volatile boolean interrupted; // an interrupt (or the timeout) asked it to stop

        synchronized void started(Thread t) {
            thread = t;
        }

        synchronized void finished() {
            finished = true;
            thread = null;
        }

        synchronized void interruptThread() {
            if (!finished && thread != null) thread.interrupt();
        }

        @SuppressWarnings({"deprecation", "removal"})
        synchronized void stopThread() {
            if (finished || thread == null) return;
            try {
                thread.stop(); // ThreadDeath in the cell's thread (JShell's LocalExecutionControl.stop does the same)
            } catch (UnsupportedOperationException e) { // Java 20+: Thread.stop is gone
                LOGGER.warning("this JVM cannot stop a thread that ignores interrupts; the cell runs on: " + e);
            }
        }
    }

    private final ExecutorService executor;
    private final ScheduledExecutorService stopper;
    private final long timeoutTime;
    private final ConcurrentMap<String, Run> running = new ConcurrentHashMap<>();
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private volatile boolean cellInterrupted;

    public RapaioExecutionControl(long timeoutTime) {
        this.timeoutTime = timeoutTime;
        this.executor = Executors.newCachedThreadPool(r -> daemon(r, "Engine-thread-" + ID.getAndIncrement()));
        this.stopper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "Engine-stopper"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public long getTimeout() {
        return timeoutTime;
    }

    public Object takeResult(String key) {
        Object result = results.remove(key);
        if (result == null) {
            throw new IllegalStateException("No result with key: " + key);
        }
        return result;
    }

    /** A new cell starts: an interrupt that came before it is forgotten. */
    public void beginCell() {
        cellInterrupted = false;
    }

    /** Whether Interrupt was pressed since the cell began (its remaining snippets must not run). */
    public boolean cellInterrupted() {
        return cellInterrupted;
    }

    @Override
    protected String invoke(Method methodCall) throws Exception {
        String id = UUID.randomUUID().toString();
        Object value = execute(id, methodCall);
        results.put(id, value);
        return id;
    }

    private Object execute(String id, Method methodCall) throws Exception {
        if (cellInterrupted) { // Interrupt came while JShell compiled this snippet
            throw new UserException("interrupted", INTERRUPTED_MARKER, new StackTraceElement[0]);
        }
        Run run = new Run();
        running.put(id, run);
        Future<Object> task = executor.submit(() -> {
            run.started(Thread.currentThread());
            try {
                return methodCall.invoke(null);
            } finally {
                run.finished();
                Thread.interrupted(); // the pool thread is reused: leave no interrupt behind
            }
        });
        try {
            if (timeoutTime > 0) {
                try {
                    return task.get(timeoutTime, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    stop(run);
                    awaitQuietly(task);
                    throw new UserException("Execution timed out", TIMEOUT_MARKER, e.getStackTrace());
                }
            }
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvocationTargetException) {
                cause = cause.getCause();
            }
            if (run.interrupted) {
                throw new UserException("interrupted", INTERRUPTED_MARKER, e.getStackTrace());
            } else if (cause == null) {
                throw new UserException("null", "Unknown Invocation Exception", e.getStackTrace());
            } else if (cause instanceof SPIResolutionException spiResCause) {
                throw new ResolutionException(spiResCause.id(), cause.getStackTrace());
            } else {
                throw new UserException(cause.getMessage(), cause.getClass().getName(), cause.getStackTrace());
            }
        } finally {
            running.remove(id, run);
        }
    }

    private static void awaitQuietly(Future<?> task) {
        try {
            task.get(2 * GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception ignored) {
            // ended with its exception, or still running where Thread.stop is unavailable
        }
    }

    /** Interrupt now, stop GRACE_MILLIS later if still running; a second request stops at once. */
    private void stop(Run run) {
        if (run.interrupted) {
            run.stopThread();
            return;
        }
        run.interrupted = true;
        run.interruptThread();
        stopper.schedule(run::stopThread, GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Kernel → Interrupt: the running snippet stops (see the class comment), the rest of the cell is skipped. */
    public void interrupt() {
        cellInterrupted = true;
        running.values().forEach(this::stop);
    }

    /** JShell.stop() (upstream: shut the executor down for good) is an interrupt. */
    @Override
    public void stop() {
        interrupt();
    }

    @Override
    public void close() {
        interrupt();
        executor.shutdownNow();
        stopper.shutdownNow();
        super.close();
    }
}
