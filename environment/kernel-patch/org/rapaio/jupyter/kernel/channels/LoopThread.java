/*
 * Start-up race fix for rapaio-jupyter-kernel 3.0.1 (MIT licence, (c) Aurelian Tutuianu), placed before the
 * kernel's jar on the class path so that this class replaces the kernel's own LoopThread.
 *
 * The kernel's LoopThread.start() called super.start() and only then set `running = true`. When the new
 * thread reached `while (running)` before the caller set the flag, the loop ended at once: the shell,
 * control or heartbeat channel was never polled and the kernel hung at start (it bound its sockets but never
 * answered kernel_info). Setting the flag before starting the thread removes the race.
 *
 * Second race, seen once the first was fixed: the channels start polling before the kernel has registered
 * its message handlers (Channels.connect binds first, fills the handler map after), so an early
 * kernel_info_request made the loop body throw a NullPointerException, which ended the shell thread for
 * good. Here one failed iteration is logged and the loop goes on; Jupyter re-sends kernel_info until it is
 * answered, so the early message is not missed. Same public API as the kernel's class.
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
            try {
                loopBody.run();
            } catch (RuntimeException e) { // one bad iteration must not end the channel
                System.err.println("[LoopThread " + getName() + "] iteration failed, continuing: " + e);
            }
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
