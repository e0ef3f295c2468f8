/*
 * Fix for rapaio-jupyter-kernel 3.0.1 (MIT licence, (c) Aurelian Tutuianu), placed before the kernel's jar on the
 * class path so that this class replaces the kernel's own MainApp. Changes marked "kit fix" (README, "Kernel fixes"):
 * the logging configuration given on the command line is kept, and the process exits once its channels are closed;
 * a compile error says that the cell did not run and its earlier definitions stay in force (CompileErrorNote).
 */
package org.rapaio.jupyter.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.Transform;
import org.rapaio.jupyter.kernel.install.Installer;

public class MainApp {

    private static final String IPC_TRANSPORT = "ipc";
    static {
        configureLogging(); // kit fix: before the kernel below is built, so its start-up log follows the configuration
        CompileErrorNote.install(); // kit fix: a compile error says what it leaves in force
    }

    private static final Logger LOGGER = Logger.getLogger(MainApp.class.getSimpleName());

    public static final RapaioKernel kernel = new RapaioKernel();

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("Kernel should have at least one argument. You can start it either with -i option for "
                    + "launching installer, either with connection file name as argument to work as a kernel.");
        }

        if (args[0].equals("-i")) {
            // run installer
            String[] installerArgs = Arrays.copyOfRange(args, 1, args.length);
            new Installer().install(installerArgs);
        } else {
            // run kernel called by jupyter
            runKernel(args[0]);
        }
    }

    private static void runKernel(String connectionFileArg) throws IOException, NoSuchAlgorithmException, InvalidKeyException {
        Path connectionFile = Paths.get(connectionFileArg);

        if (!Files.isRegularFile(connectionFile)) {
            throw new IllegalArgumentException("Connection file '" + connectionFile + "' isn't a file.");
        }

        String contents = new String(Files.readAllBytes(connectionFile));

        ConnectionProperties connProps = Transform.fromJson(contents, ConnectionProperties.class);
        LOGGER.info("Kernel connection file content: " + contents);

        if(IPC_TRANSPORT.equals(connProps.transport())) {
            // we should create a proxy for ipc
            LOGGER.severe("ipc protocol is not supported.");
        }

        Channels channels = new Channels(connProps);
        channels.connect(kernel);
        channels.joinUntilClose();
        // kit fix: upstream returned and waited for the JVM to end by itself, which other threads (ND4J's, a cell's)
        // could delay past Jupyter's shutdown wait, so a restart also waited, then killed the process
        System.exit(0);
    }

    /**
     * Kit fix: upstream read its own logging.properties (INFO to the console: a line per message handled) after the
     * kernel was built and over any configuration given with -Djava.util.logging.config.file. Here a configuration
     * given with that property wins; without one, the kernel's own file is used.
     */
    private static void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return; // LogManager has read it already
        }
        try (var in = MainApp.class.getClassLoader().getResourceAsStream("logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        } catch (IOException e) {
            System.err.println("kernel logging configuration not read: " + e);
        }
    }
}
