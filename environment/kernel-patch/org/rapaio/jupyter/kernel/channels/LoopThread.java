/*
 * Start-up race fix for rapaio-jupyter-kernel 3.0.1 (MIT licence, (c) Aurelian Tutuianu), placed before the
 * kernel's jar on the class path so that this class replaces the kernel's own LoopThread.
 *
 * The kernel's LoopThread.start() called super.start() and only then set `running = true`. When the new
 * thread reached `while (running)` before the caller set the flag, the loop ended at once: the shell,
 * control or heartbeat channel was never polled and the kernel hung at start (it bound its sockets but never
 * answered kernel_info). Setting the flag before starting the thread removes the race. Same public API.
 */
package org.rapaio.jupyter.kernel.channels;

/** Thread which runs its loop body, then sleeps, until shut down. */
public final class LoopThread extends Thread {

    private volatile boolean running = false;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            loopBody.run();
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true; // before the thread can test it (the fix)
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
