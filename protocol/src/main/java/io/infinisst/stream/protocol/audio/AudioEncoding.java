package io.infinisst.stream.protocol.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * PCM sample encodings a client may send. {@code f32le} is what the seed system's browser page sends
 * (Web Audio float samples); {@code s16le} is what WAV files and most native clients hold.
 */
public enum AudioEncoding {
    F32LE("f32le", 4),
    S16LE("s16le", 2);

    private final String wireName;
    private final int bytesPerSample;

    AudioEncoding(String wireName, int bytesPerSample) {
        this.wireName = wireName;
        this.bytesPerSample = bytesPerSample;
    }

    public String wireName() {
        return wireName;
    }

    public int bytesPerSample() {
        return bytesPerSample;
    }

    /** Parses the API name ({@code f32le}, {@code s16le}); the message names the accepted values. */
    public static AudioEncoding parse(String name) {
        if (name == null || name.isBlank()) {
            return F32LE;
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (AudioEncoding e : values()) {
            if (e.wireName.equals(wanted)) {
                return e;
            }
        }
        throw new IllegalArgumentException("encoding must be one of f32le, s16le; got '" + name + "'");
    }

    /**
     * Decodes whole samples to floats in [-1, 1]. A trailing partial sample is an error: frames must
     * carry whole samples, otherwise every later sample would be misaligned.
     */
    public float[] toFloats(byte[] pcm) {
        if (pcm.length % bytesPerSample != 0) {
            throw new IllegalArgumentException(
                    "audio frame of " + pcm.length + " bytes is not a whole number of " + wireName + " samples ("
                            + bytesPerSample + " bytes each)");
        }
        ByteBuffer buf = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[pcm.length / bytesPerSample];
        if (this == F32LE) {
            buf.asFloatBuffer().get(out);
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = buf.getShort() / 32768f;
            }
        }
        return out;
    }

    /** Encodes floats (clipped to [-1, 1] for s16le) in this encoding. */
    public byte[] fromFloats(float[] samples) {
        ByteBuffer buf = ByteBuffer.allocate(samples.length * bytesPerSample).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            if (this == F32LE) {
                buf.putFloat(s);
            } else {
                float c = Math.max(-1f, Math.min(1f, s));
                buf.putShort((short) Math.round(c * 32767f));
            }
        }
        return buf.array();
    }
}
