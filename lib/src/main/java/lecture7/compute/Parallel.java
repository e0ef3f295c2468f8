package lecture7.compute;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * A small pool of threads that runs the tasks 0..k−1 of one phase of a computation (the shards of a batch in
 * {@code lecture7.vae}) and returns when all are done. Which thread runs which task does not matter for the
 * result: callers give each task its own buffers and combine the tasks' results in a fixed order afterwards,
 * so a seed gives the same bits with any number of threads.
 *
 * <p>Size (first that is set): {@link #setThreads}; the system property {@code lecture7.threads}; the environment
 * variable {@code KIT_THREADS}; the user's {@code OMP_NUM_THREADS} (not when the kit chose it as a default, i.e.
 * when it is named in {@code KIT_CHOSE_ENV}); else the cores the JVM sees. The calling thread works too, so a pool
 * of t threads has t − 1 helpers. BLAS stays single-threaded inside a task (the kit's OMP_NUM_THREADS=1 default).
 */
public final class Parallel {
    private Parallel() {}

    private static volatile int threads = defaultThreads();
    private static ExecutorService pool;
    /** Whether this thread is running a task of a {@link #forEach} (a nested forEach then runs on it alone). */
    private static final ThreadLocal<Boolean> IN_TASK = ThreadLocal.withInitial(() -> false);
    private static int poolSize;

    /** Threads a phase may use (≥ 1). */
    public static int threads() {
        return threads;
    }

    /** Sets the number of threads (≥ 1); the results do not depend on it. */
    public static synchronized void setThreads(int t) {
        if (t < 1) throw new IllegalArgumentException("threads must be ≥ 1, got " + t);
        threads = t;
    }

    static int defaultThreads() {
        Integer t = parse(System.getProperty("lecture7.threads"), "the system property lecture7.threads");
        if (t == null) t = parse(System.getenv("KIT_THREADS"), "KIT_THREADS");
        String chose = System.getenv("KIT_CHOSE_ENV");
        if (t == null && (chose == null || !(" " + chose + " ").contains(" OMP_NUM_THREADS ")))
            t = parse(System.getenv("OMP_NUM_THREADS"), "OMP_NUM_THREADS");
        return t != null ? t : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    private static Integer parse(String v, String name) {
        if (v == null || v.isBlank()) return null;
        try {
            int t = Integer.parseInt(v.trim().split(",")[0]);
            if (t >= 1) return t;
        } catch (NumberFormatException ignored) {
            // falls through to the message
        }
        throw new IllegalArgumentException(name + " must be a whole number ≥ 1 (threads for training), got '" + v + "'");
    }

    private static synchronized ExecutorService pool(int helpers) {
        if (pool == null || poolSize < helpers) {
            if (pool != null) pool.shutdown();
            AtomicInteger id = new AtomicInteger();
            pool = Executors.newFixedThreadPool(helpers, r -> {
                Thread th = new Thread(r, "lecture7-parallel-" + id.incrementAndGet());
                th.setDaemon(true);
                return th;
            });
            poolSize = helpers;
        }
        return pool;
    }

    /**
     * Runs body(0) … body(tasks − 1), on up to {@link #threads()} threads (the caller's included), and returns
     * when all have finished. A task's exception is rethrown after all tasks have ended. An interrupt of the caller
     * does not cut a phase short (the tasks share buffers with the caller); it stays set for the caller to see.
     * A forEach inside a task runs its tasks one after the other on that task's thread: the pool's threads are busy
     * with the outer phase, and waiting for one of them from inside it could wait for ever.
     */
    public static void forEach(int tasks, IntConsumer body) {
        int t = Math.min(threads, tasks);
        if (t <= 1 || IN_TASK.get()) {
            for (int i = 0; i < tasks; i++) body.accept(i);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            IN_TASK.set(true);
            try {
                int i;
                while ((i = next.getAndIncrement()) < tasks) {
                    if (failure.get() != null) return;
                    try {
                        body.accept(i);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }
            } finally {
                IN_TASK.set(false);
            }
        };
        CountDownLatch done = new CountDownLatch(t - 1);
        ExecutorService p = pool(t - 1);
        for (int h = 0; h < t - 1; h++)
            p.execute(() -> {
                try {
                    worker.run();
                } finally {
                    done.countDown();
                }
            });
        worker.run();
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) throw re;
        if (e instanceof Error er) throw er;
        if (e != null) throw new IllegalStateException(e);
    }
}
