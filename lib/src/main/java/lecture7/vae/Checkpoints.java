package lecture7.vae;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The checkpoint file of a {@link Vae}: config and parameters, big-endian, with a CRC-32 at the end.
 * <pre>
 *   "L7VAE"  version:u8  likelihood:UTF  D:i32  H:i32  M:i32  dtype:u8 (1 = DOUBLE, 0 = FLOAT)  seed:i64
 *   [pixel window:i32, version 2 only]  P:i64  P parameters (f64 or f32)  CRC-32 of everything before:i64
 * </pre>
 * Version 1 is the slide's decoder; version 2 (written only for autoregressive decoders) adds the pixel window.
 * Files of both versions written by earlier kits load to the same parameters (a test keeps some).
 */
final class Checkpoints {
    private Checkpoints() {}

    private static final byte[] MAGIC = {'L', '7', 'V', 'A', 'E'};
    private static final byte VERSION = 1;
    /** Version 2 adds the pixel window after the seed (written only for autoregressive decoders). */
    private static final byte VERSION_AUTOREGRESSIVE = 2;

    /**
     * Writes config and parameters of {@code vae} to {@code file} atomically (a temporary file in the same folder,
     * then a rename).
     */
    static void save(Vae vae, Path file) {
        VaeConfig config = vae.config();
        INDArray params = vae.params();
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeByte(config.autoregressive() ? VERSION_AUTOREGRESSIVE : VERSION);
            out.writeUTF(config.likelihood().name());
            out.writeInt(config.inputDim());
            out.writeInt(config.hidden());
            out.writeInt(config.latent());
            out.writeByte(config.dtype() == DataType.DOUBLE ? 1 : 0);
            out.writeLong(config.seed());
            if (config.autoregressive()) out.writeInt(config.pixelWindow());
            out.writeLong(params.length());
            if (config.dtype() == DataType.DOUBLE) for (double v : params.toDoubleVector()) out.writeDouble(v);
            else for (float v : params.toFloatVector()) out.writeFloat(v);
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            Path abs = file.toAbsolutePath();
            if (abs.getParent() != null) Files.createDirectories(abs.getParent());
            Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, bytes.toByteArray());
                try {
                    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new CheckpointException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a checkpoint written by {@link #save}; a missing, foreign, truncated or corrupt file raises a
     * {@link CheckpointException}. The likelihood is found by name among {@code likelihoods}, then the built-in ones.
     */
    static Vae load(Path file, Likelihood... likelihoods) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint " + file + " does not exist");
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        ByteBuffer buf = ByteBuffer.wrap(all);
        if (all.length < MAGIC.length + 1 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC))
            throw new CheckpointException(file + " is not a VAE checkpoint (it does not start with 'L7VAE')");
        try {
            buf.position(MAGIC.length);
            byte version = buf.get();
            if (version != VERSION && version != VERSION_AUTOREGRESSIVE)
                throw new CheckpointException(file + " has checkpoint version " + version + ", this kit reads versions " + VERSION + " and " + VERSION_AUTOREGRESSIVE);
            int nameLen = buf.getShort() & 0xFFFF;
            byte[] name = new byte[nameLen];
            buf.get(name);
            Likelihood lik = likelihood(file, new String(name, StandardCharsets.UTF_8), likelihoods);
            int dd = buf.getInt(), hh = buf.getInt(), mm = buf.getInt();
            DataType dt = buf.get() == 1 ? DataType.DOUBLE : DataType.FLOAT;
            long seed = buf.getLong();
            int window = version == VERSION_AUTOREGRESSIVE ? buf.getInt() : 0;
            long p = buf.getLong();
            VaeConfig cfg = new VaeConfig(dd, hh, mm, lik, dt, seed, window);
            if (p != cfg.numParams())
                throw new CheckpointException(file + " stores " + p + " parameters but its sizes D=" + dd + ", H=" + hh + ", M=" + mm + " need " + cfg.numParams());
            int width = dt == DataType.DOUBLE ? 8 : 4;
            long expected = buf.position() + p * width + 8;
            if (all.length < expected)
                throw new CheckpointException(file + " is truncated: " + all.length + " bytes, a checkpoint of this size has " + expected);
            if (all.length > expected)
                throw new CheckpointException(file + " has " + (all.length - expected) + " unexpected trailing bytes");
            CRC32 crc = new CRC32();
            crc.update(all, 0, (int) (expected - 8));
            if (crc.getValue() != ByteBuffer.wrap(all, (int) (expected - 8), 8).getLong())
                throw new CheckpointException(file + " is corrupt: its CRC-32 does not match its contents");
            Vae vae = new Vae(cfg);
            if (dt == DataType.DOUBLE) {
                double[] v = new double[(int) p];
                buf.asDoubleBuffer().get(v);
                vae.params().assign(Nd4j.createFromArray(v).reshape(1, p));
            } else {
                float[] v = new float[(int) p];
                buf.asFloatBuffer().get(v);
                vae.params().assign(Nd4j.createFromArray(v).reshape(1, p));
            }
            return vae;
        } catch (BufferUnderflowException e) {
            throw new CheckpointException(file + " is truncated: its header ends early (" + all.length + " bytes)");
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + " has an invalid header: " + e.getMessage(), e);
        }
    }

    private static Likelihood likelihood(Path file, String name, Likelihood[] given) {
        for (Likelihood l : given) if (l.name().equals(name)) return l;
        try {
            return Likelihood.byName(name);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + " has an invalid header: unknown likelihood '" + name + "' (built in: "
                    + Likelihood.BERNOULLI.name() + ", " + Likelihood.GAUSSIAN.name() + "); a VAE with another likelihood loads with "
                    + "Vae.load(file, likelihood)");
        }
    }
}
