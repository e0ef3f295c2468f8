/*
 * Fix for rapaio-jupyter-kernel 3.0.1 (MIT licence, (c) Aurelian Tutuianu), placed before the kernel's jar on the
 * class path so that this class replaces the kernel's own Channels. Same public API; see README, "Kernel fixes".
 *
 * Upstream kept ONE "current request" (msgId and a stack of actions to run after it) for the whole kernel, and
 * sent every reply on the shell socket. The control channel (interrupt_request, and the kernel_info_request that
 * Jupyter's server sends on the control channel while it waits for a kernel) ran on its own thread but wrote into
 * that same state:
 *   - an interrupt overwrote the running cell's msgId with its own and ran the cell's after-actions (including
 *     "forget the msgId"), so the cell's execute_reply left with no or the wrong parent and never reached
 *     Jupyter: the cell stayed In [*] and the next cells' output landed under the wrong cell;
 *   - a kernel_info_request on control at the same moment as one on shell swapped the two requests' identities,
 *     so one kernel_info_reply went to the wrong peer and Jupyter waited out its 60 s kernel_info timeout;
 *   - interrupt_reply and control replies went out on the shell socket, where the control peer is unknown.
 * Here each channel has its own request context (the control loop thread calls useControlContext() once), and a
 * reply leaves on the socket its request came in on. The kernel's message handlers are registered before the
 * sockets are bound, so a request that is already waiting when the kernel starts is never read without a handler.
 * After an execute_request fails with stop_on_error, execute requests already queued are answered "aborted"
 * (as ipykernel does), so Interrupt during "Run All" stops the run instead of going on with the next cell.
 */
package org.rapaio.jupyter.kernel.channels;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageId;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ErrorReply;
import org.rapaio.jupyter.kernel.message.messages.IOPubStatus;
import org.rapaio.jupyter.kernel.message.messages.IOPubStream;
import org.rapaio.org.zeromq.ZMQ;

@SuppressWarnings( {"unchecked", "rawtypes"})
public final class Channels {

    /** The request a channel is answering: its id (parent of replies and output) and what to do after it. */
    private static final class RequestContext {
        final AbstractChannel replySocket;
        volatile MessageId<?> msgId;
        final Deque<Runnable> afterActions = new ArrayDeque<>();
        volatile boolean executeFailed;

        RequestContext(AbstractChannel replySocket) {
            this.replySocket = replySocket;
        }
    }

    private final ConnectionProperties connProps;

    private final ZMQ.Context ctx;

    private final HeartbeatChannel heartbeat;
    private final ShellChannel shell;
    private final ControlChannel control;
    private final StdinChannel stdin;
    private final IOPubChannel iopub;

    private final Set<AbstractChannel> channels;

    /** Shell requests; also the context of every thread that is not the control loop (cells' threads print here). */
    private final RequestContext shellContext;
    private final RequestContext controlContext;
    private final ThreadLocal<RequestContext> current;

    private volatile Map<MessageType<?>, MessageHandler> handlers;

    private volatile boolean isConnected = false;
    private volatile boolean requestShutdown = false;

    public Channels(ConnectionProperties connProps) throws NoSuchAlgorithmException, InvalidKeyException {
        this.connProps = connProps;
        ctx = ZMQ.context(1);

        HMACDigest hmacDigest = connProps.createHMACDigest();

        heartbeat = new HeartbeatChannel(this, ctx, hmacDigest);
        shell = new ShellChannel(this, ctx, hmacDigest, this);
        control = new ControlChannel(this, ctx, hmacDigest);
        stdin = new StdinChannel(this, ctx, hmacDigest);
        iopub = new IOPubChannel(this, ctx, hmacDigest);

        channels = Set.of(heartbeat, shell, control, stdin, iopub);
        shellContext = new RequestContext(shell);
        controlContext = new RequestContext(control);
        current = ThreadLocal.withInitial(() -> shellContext);
    }

    public void connect(RapaioKernel kernel) {
        if (!isConnected) {
            kernel.registerChannels(this);

            Map<MessageType<?>, MessageHandler> h = new HashMap<>();
            h.put(MessageType.SHELL_EXECUTE_REQUEST, kernel::handleExecuteRequest);
            h.put(MessageType.SHELL_INSPECT_REQUEST, kernel::handleInspectRequest);
            h.put(MessageType.SHELL_COMPLETE_REQUEST, kernel::handleCompleteRequest);
            h.put(MessageType.SHELL_HISTORY_REQUEST, kernel::handleHistoryRequest);
            h.put(MessageType.SHELL_IS_COMPLETE_REQUEST, kernel::handleIsCompleteRequest);
            h.put(MessageType.SHELL_KERNEL_INFO_REQUEST, kernel::handleKernelInfoRequest);
            h.put(MessageType.CONTROL_SHUTDOWN_REQUEST, kernel::handleShutdownRequest);
            h.put(MessageType.CONTROL_INTERRUPT_REQUEST, kernel::handleInterruptRequest);
            h.put(MessageType.CUSTOM_COMM_OPEN, kernel::handleCommOpenCommand);
            h.put(MessageType.CUSTOM_COMM_MSG, kernel::handleCommMsgCommand);
            h.put(MessageType.CUSTOM_COMM_CLOSE, kernel::handleCommCloseCommand);
            h.put(MessageType.SHELL_COMM_INFO_REQUEST, kernel::handleCommInfoRequest);
            handlers = h; // before any socket is bound (upstream filled the map after binding)

            // iopub first, so that "starting" is published before any request can be answered
            iopub.bind(connProps);
            iopub.sendMessage(new Message<>(MessageType.IOPUB_STATUS, IOPubStatus.STARTING));
            for (AbstractChannel c : new AbstractChannel[] {heartbeat, stdin, control, shell}) {
                c.bind(connProps);
            }
            isConnected = true;
        }
    }

    public <T> MessageHandler<T> getHandler(MessageType<T> type) {
        Map<MessageType<?>, MessageHandler> h = handlers;
        return h == null ? null : h.get(type);
    }

    /** Called once by the control channel's loop thread: its requests get their own context and replies. */
    void useControlContext() {
        current.set(controlContext);
    }

    private RequestContext context() {
        return current.get();
    }

    public void close() {
        channels.forEach(AbstractChannel::close);
        ctx.close();
    }

    public void joinUntilClose() {
        channels.forEach(AbstractChannel::joinUntilClose);
    }

    public boolean hasMsgId() {
        return context().msgId != null;
    }

    public void setMsgId(MessageId<?> msgId) {
        RequestContext c = context();
        c.msgId = msgId;
        c.executeFailed = false;
    }

    public void freeMsgId() {
        context().msgId = null;
    }

    public void markForShutdown() {
        requestShutdown = true;
    }

    public boolean isMarkedForShutdown() {
        return requestShutdown;
    }

    public void writeToStdOut(String msg) {
        publish(new IOPubStream(IOPubStream.StreamName.OUT, msg));
    }

    public void writeToStdErr(String msg) {
        publish(new IOPubStream(IOPubStream.StreamName.ERR, msg));
    }

    public String readFromStdIn() {
        return stdin.getInput(shellContext.msgId, "", false);
    }

    public <T extends ContentType<T>> void publish(T content) {
        iopub.sendMessage(new Message<>(context().msgId, content.type(), content));
    }

    public <T extends ContentType<T>> void reply(T content) {
        RequestContext c = context();
        c.replySocket.sendMessage(new Message<>(c.msgId, content.type(), content));
    }

    public void replyError(MessageType<?> type, ErrorReply error) {
        RequestContext c = context();
        if (MessageType.SHELL_EXECUTE_REPLY.name().equals(type.name())) {
            c.executeFailed = true;
        }
        c.replySocket.sendMessage(new Message(c.msgId, type, error));
    }

    /** Whether the request the calling channel just handled was an execute_request that failed. */
    boolean lastExecuteFailed() {
        return context().executeFailed;
    }

    public void scheduleAfter(Runnable action) {
        context().afterActions.push(action);
    }

    public void runAfterActions() {
        Deque<Runnable> actions = context().afterActions;
        while (!actions.isEmpty()) {
            actions.pop().run();
        }
    }

    public void busyThenIdle() {
        publish(IOPubStatus.BUSY);
        scheduleAfter(() -> publish(IOPubStatus.IDLE));
    }
}
