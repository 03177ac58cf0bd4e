package io.infinisst.stream.model.corpus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes 16-bit PCM WAV files; the corpus writes 16 kHz mono. */
public final class Wav {

    /** Samples in [-1, 1] (channels mixed to mono) and their rate. */
    public record Audio(float[] samples, int sampleRate) {
        public double seconds() {
            return samples.length / (double) sampleRate;
        }
    }

    private Wav() {}

    /** Reads a 16-bit PCM WAV; tolerates extra chunks and a data size past the end (as streamed writers leave). */
    public static Audio read(Path path) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) { // "RIFF", "WAVE"
            throw new IOException(path + ": not a RIFF/WAVE file");
        }
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int pos = 12;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                int format = b.getShort(body) & 0xffff;
                channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
                if ((format != 1 && format != 0xfffe) || bits != 16 || channels < 1) {
                    throw new IOException(path + ": only 16-bit PCM is supported (format " + format + ", " + bits + " bits)");
                }
            } else if (id == 0x61746164) { // "data"
                if (rate == 0) {
                    throw new IOException(path + ": data chunk before fmt chunk");
                }
                int length = size < 0 || body + (long) size > b.limit() ? b.limit() - body : size;
                int frames = length / (2 * channels);
                float[] out = new float[frames];
                for (int i = 0; i < frames; i++) {
                    float sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += b.getShort(body + 2 * (i * channels + c)) / 32768f;
                    }
                    out[i] = sum / channels;
                }
                return new Audio(out, rate);
            }
            pos = body + size + (size & 1);
            if (size < 0) {
                break;
            }
        }
        throw new IOException(path + ": no data chunk");
    }

    /** Writes mono 16-bit PCM, clipping to [-1, 1]. */
    public static void write(Path path, float[] samples, int sampleRate) throws IOException {
        int dataBytes = samples.length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + dataBytes).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate)
                .putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(dataBytes);
        for (float s : samples) {
            float clipped = Math.max(-1f, Math.min(1f, s));
            b.putShort((short) Math.round(clipped * 32767f));
        }
        Files.write(path, b.array());
    }
}
