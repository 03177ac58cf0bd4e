package io.infinisst.stream.eval.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Mono audio read from or written to a RIFF/WAVE file. Reads integer PCM (8, 16, 24, 32 bit) and IEEE
 * float (32 bit), any channel count (averaged to mono), any sample rate; writes 16-bit mono PCM.
 *
 * @param samples mono samples in [-1, 1]
 * @param sampleRate samples per second
 */
public record Wav(float[] samples, int sampleRate) {

    public double seconds() {
        return samples.length / (double) sampleRate;
    }

    public static Wav read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Parses WAV bytes; {@code name} names the source in error messages. */
    public static Wav parse(byte[] bytes, String name) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || in.getInt(0) != 0x46464952 /* RIFF */ || in.getInt(8) != 0x45564157 /* WAVE */) {
            throw new IllegalArgumentException(name + " is not a RIFF/WAVE file");
        }
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            int id = in.getInt(pos);
            int size = in.getInt(pos + 4);
            int body = pos + 8;
            if (size < 0 || body + size > bytes.length) {
                size = bytes.length - body; // streamed WAVs often leave the data size unset
            }
            if (id == 0x20746d66 /* fmt */) {
                format = Short.toUnsignedInt(in.getShort(body));
                channels = Short.toUnsignedInt(in.getShort(body + 2));
                rate = in.getInt(body + 4);
                bits = Short.toUnsignedInt(in.getShort(body + 14));
                if (format == 0xFFFE && size >= 26) { // WAVE_FORMAT_EXTENSIBLE: real format in the sub-format GUID
                    format = Short.toUnsignedInt(in.getShort(body + 24));
                }
            } else if (id == 0x61746164 /* data */) {
                if (format < 0) {
                    throw new IllegalArgumentException(name + ": data chunk before fmt chunk");
                }
                return new Wav(decode(in, body, size, format, channels, bits, name), rate);
            }
            pos = body + size + (size & 1);
        }
        throw new IllegalArgumentException(name + " has no data chunk");
    }

    private static float[] decode(ByteBuffer in, int off, int size, int format, int channels, int bits, String name) {
        if (channels < 1) {
            throw new IllegalArgumentException(name + ": " + channels + " channels");
        }
        boolean pcm = format == 1 && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
        boolean flt = format == 3 && bits == 32;
        if (!pcm && !flt) {
            throw new IllegalArgumentException(name + ": unsupported WAV format " + format + " with " + bits
                    + " bits per sample (supported: PCM 8/16/24/32-bit, float 32-bit)");
        }
        int bytesPer = bits / 8;
        int frames = size / (bytesPer * channels);
        float[] out = new float[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                int p = off + (f * channels + c) * bytesPer;
                sum += switch (bits) {
                    case 8 -> ((in.get(p) & 0xff) - 128) / 128.0;
                    case 16 -> in.getShort(p) / 32768.0;
                    case 24 -> ((in.get(p) & 0xff) | ((in.get(p + 1) & 0xff) << 8) | (in.get(p + 2) << 16)) / 8388608.0;
                    default -> flt ? in.getFloat(p) : in.getInt(p) / 2147483648.0;
                };
            }
            out[f] = (float) (sum / channels);
        }
        return out;
    }

    /** 16-bit mono PCM WAV bytes of these samples. */
    public byte[] toBytes() {
        int dataBytes = samples.length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + dataBytes).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate)
                .putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(dataBytes);
        for (float s : samples) {
            b.putShort((short) Math.round(Math.max(-1f, Math.min(1f, s)) * 32767f));
        }
        return b.array();
    }

    public void write(Path file) throws IOException {
        Files.write(file, toBytes());
    }

    /**
     * This recording repeated (or cut) to {@code seconds}: a load of any length from one utterance,
     * its pauses kept.
     */
    public Wav looped(double seconds) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("cannot loop an empty recording");
        }
        float[] out = new float[(int) Math.round(seconds * sampleRate)];
        for (int off = 0; off < out.length; off += samples.length) {
            System.arraycopy(samples, 0, out, off, Math.min(samples.length, out.length - off));
        }
        return new Wav(out, sampleRate);
    }

    /** A test signal: a tone whose loudness steps every {@code stepSeconds}, so each chunk differs. */
    public static Wav steppedTone(double seconds, int sampleRate, double hz, double stepSeconds) {
        float[] s = new float[(int) Math.round(seconds * sampleRate)];
        for (int i = 0; i < s.length; i++) {
            int step = (int) (i / (stepSeconds * sampleRate));
            double amp = 0.1 + 0.15 * (step % 5);
            s[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        return new Wav(s, sampleRate);
    }
}
