package io.infinisst.stream.protocol.records;

import io.infinisst.stream.protocol.audio.AudioEncoding;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Binary serde for {@link SessionRequest}. Audio is most of the traffic, so the format is a small fixed
 * header followed by the PCM bytes as they are: no JSON, no base64.
 *
 * <pre>
 * magic 'Q' (1) | version (1) | type (1) | seq (8) | timestampMs (8) | sessionId (u16 len + UTF-8)
 * START: languagePair (str) | latencyMultiplier (4) | sampleRate (4) | encoding (1) | clientId (str)
 * AUDIO: pcm length (4) | pcm bytes
 * END:   reason (str)
 * </pre>
 */
public final class SessionRequestSerde {
    private static final byte MAGIC = 'Q';
    private static final byte VERSION = 1;
    private static final int MAX_STRING = 4096;

    private SessionRequestSerde() {}

    public static byte[] serialize(SessionRequest r) {
        int pcmLength = r.pcm() == null ? 0 : r.pcm().length;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + pcmLength);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(MAGIC);
            out.writeByte(VERSION);
            out.writeByte(r.type().ordinal());
            out.writeLong(r.seq());
            out.writeLong(r.timestampMs());
            writeString(out, r.sessionId());
            switch (r.type()) {
                case START -> {
                    writeString(out, r.languagePair());
                    out.writeInt(r.latencyMultiplier());
                    out.writeInt(r.sampleRate());
                    out.writeByte(r.encoding().ordinal());
                    writeString(out, r.clientId() == null ? "" : r.clientId());
                }
                case AUDIO -> {
                    out.writeInt(pcmLength);
                    out.write(r.pcm());
                }
                case END -> writeString(out, r.endReason() == null ? "" : r.endReason());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return bytes.toByteArray();
    }

    public static SessionRequest deserialize(byte[] data) {
        if (data == null || data.length < 3) {
            throw new MalformedRecordException(
                    "request record too short: " + (data == null ? "null" : data.length + " bytes"));
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            byte magic = in.get();
            if (magic != MAGIC) {
                throw new MalformedRecordException("request record has magic byte " + magic + ", expected " + MAGIC);
            }
            byte version = in.get();
            if (version != VERSION) {
                throw new MalformedRecordException("request record version " + version + " is not supported (expected "
                        + VERSION + ")");
            }
            int typeOrdinal = in.get();
            RequestType[] types = RequestType.values();
            if (typeOrdinal < 0 || typeOrdinal >= types.length) {
                throw new MalformedRecordException("request record has unknown type " + typeOrdinal);
            }
            RequestType type = types[typeOrdinal];
            long seq = in.getLong();
            long ts = in.getLong();
            String sessionId = readString(in, "sessionId");
            SessionRequest r = switch (type) {
                case START -> {
                    String pair = readString(in, "languagePair");
                    int mult = in.getInt();
                    int rate = in.getInt();
                    int enc = in.get();
                    AudioEncoding[] encodings = AudioEncoding.values();
                    if (enc < 0 || enc >= encodings.length) {
                        throw new MalformedRecordException("START record has unknown encoding " + enc);
                    }
                    String client = readString(in, "clientId");
                    yield new SessionRequest(type, sessionId, seq, ts, pair, mult, rate, encodings[enc], client, null,
                            null);
                }
                case AUDIO -> {
                    int len = in.getInt();
                    if (len < 0 || len != in.remaining()) {
                        throw new MalformedRecordException("AUDIO record declares " + len + " PCM bytes but carries "
                                + in.remaining());
                    }
                    byte[] pcm = new byte[len];
                    in.get(pcm);
                    yield new SessionRequest(type, sessionId, seq, ts, null, 0, 0, null, null, pcm, null);
                }
                case END -> new SessionRequest(type, sessionId, seq, ts, null, 0, 0, null, null, null,
                        readString(in, "endReason"));
            };
            if (in.hasRemaining()) {
                throw new MalformedRecordException(type + " record has " + in.remaining() + " trailing bytes");
            }
            return r;
        } catch (BufferUnderflowException e) {
            throw new MalformedRecordException("request record truncated at byte " + in.position(), e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_STRING) {
            throw new IllegalArgumentException("string field longer than " + MAX_STRING + " bytes");
        }
        out.writeShort(b.length);
        out.write(b);
    }

    private static String readString(ByteBuffer in, String field) {
        int len = Short.toUnsignedInt(in.getShort());
        if (len > in.remaining()) {
            throw new MalformedRecordException("field " + field + " declares " + len + " bytes but only "
                    + in.remaining() + " remain");
        }
        byte[] b = new byte[len];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
