/*
 * Fix for rapaio-jupyter-kernel 3.0.1 (MIT licence, (c) Aurelian Tutuianu), placed before the kernel's jar on the
 * class path so that this class replaces the kernel's own ShellChannel. Same public API; see README, "Kernel fixes".
 *
 * Upstream went on with the next queued execute_request after a cell failed. Jupyter front-ends send every cell of
 * "Run All" at once and set stop_on_error, expecting the kernel to answer the queued ones "aborted" after an error
 * (ipykernel does): without it, interrupting cell 3 of a Run All only moved on to cell 4. Here, after an
 * execute_request that failed with stop_on_error, the execute requests already waiting are answered
 * {"status": "aborted"}; other requests waiting among them are handled as usual.
 */
package org.rapaio.jupyter.kernel.channels;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ShellExecuteRequest;
import org.rapaio.org.zeromq.SocketType;
import org.rapaio.org.zeromq.ZMQ;

public final class ShellChannel extends AbstractChannel {

    private static final Logger LOGGER = Logger.getLogger(ShellChannel.class.getSimpleName());
    private static final long LOOP_SLEEP = 50;
    private static final AtomicInteger ID = new AtomicInteger();

    private final Channels connection;
    private volatile LoopThread loopThread;

    public ShellChannel(Channels channels, ZMQ.Context context, HMACDigest hmacGenerator, Channels connection) {
        super(channels, "ShellChannel", context, SocketType.ROUTER, hmacGenerator);
        this.connection = connection;
    }

    @Override
    public void bind(ConnectionProperties connProps) {
        if (loopThread != null) {
            throw new IllegalStateException("Channel already bound.");
        }

        String channelThreadName = "Shell-" + ID.getAndIncrement();
        String addr = connProps.formatAddress(connProps.shellPort());

        LOGGER.info(logPrefix + "Binding to " + addr);
        socket.bind(addr);

        ZMQ.Poller poller = ctx.poller(1);
        poller.register(socket, ZMQ.Poller.POLLIN);

        this.loopThread = new LoopThread(channelThreadName, LOOP_SLEEP, () -> {
            if (poller.poll(0) > 0) {
                Message<?> message = readMessage();
                if (handle(message) && stopsOnError(message) && connection.lastExecuteFailed()) {
                    // answer the execute requests that were queued behind the failed one
                    while (!channels.isMarkedForShutdown() && poller.poll(0) > 0) {
                        Message<?> queued = readMessage();
                        if (queued.header().type() == MessageType.SHELL_EXECUTE_REQUEST) {
                            abort(queued);
                        } else {
                            handle(queued);
                        }
                    }
                }
            }
        });
        loopThread.start();
    }

    private static boolean stopsOnError(Message<?> message) {
        return message.content() instanceof ShellExecuteRequest request && request.stopOnError();
    }

    /** Handles one request; false if no handler knows its type. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean handle(Message<?> message) {
        var type = message.header().type();
        MessageHandler handler = connection.getHandler(type);
        if (handler == null) {
            LOGGER.severe(logPrefix + "Unhandled message: " + type.name());
            return false;
        }
        LOGGER.fine(logPrefix + "Handling message: " + type.name());
        connection.setMsgId(message.getId());
        try {
            handler.handle(message);
        } catch (Exception e) {
            LOGGER.severe(logPrefix + "Exception handling " + type.name() + ". " +
                    e.getClass().getSimpleName() + ": " + e.getLocalizedMessage());
        } finally {
            channels.runAfterActions();
        }
        if (channels.isMarkedForShutdown()) {
            LOGGER.info(logPrefix + "Shutting down connection marked for shutdown.");
            connection.close();
        }
        return true;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void abort(Message<?> request) {
        LOGGER.info(logPrefix + "Aborting a queued execute_request after an error");
        sendMessage(new Message(request.getId(), MessageType.SHELL_EXECUTE_REPLY, Map.of("status", "aborted")));
    }

    @Override
    public void close() {
        if (loopThread != null) {
            loopThread.shutdown();
        }
        super.close();
    }

    @Override
    public void joinUntilClose() {
        if (loopThread != null) {
            try {
                loopThread.join();
            } catch (InterruptedException ignored) {
            }
        }
    }
}
