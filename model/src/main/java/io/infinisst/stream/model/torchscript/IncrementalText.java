package io.infinisst.stream.model.torchscript;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One session's detokenizer: turns the ids a model emits step by step into the text each step adds, so
 * that the steps' texts concatenated read as the whole id sequence decoded at once.
 *
 * <p>Decoding each step's ids alone would lose what joins them: a WordLevel or WordPiece tokenizer puts a
 * space between tokens but not before the first, a SentencePiece ({@code ▁}) decoder drops the first
 * token's leading space, and a byte-level BPE token may end halfway through a UTF-8 character. So the new
 * ids are decoded after the last few ids already said ({@value #CONTEXT} of them), and the text they add is
 * what follows that context's own text. Text ending in an incomplete character (U+FFFD) is held back until
 * the next ids complete it, at most {@value #MAX_HELD} ids, and never past the session's last chunk.
 * Memory stays bounded however long the session runs.
 */
final class IncrementalText {
    /** Ids already said that new ids are decoded after. */
    static final int CONTEXT = 4;
    /** Most ids held back for an incomplete character before they are said anyway. */
    static final int MAX_HELD = 16;
    private static final char INCOMPLETE = '\uFFFD';

    private long[] context = new long[0];
    private long[] held = new long[0];

    /** What one session asks of the decoder in a step: the context's text and the context plus new ids. */
    private record Request(long[] context, long[] ids) {}

    /**
     * The text each session's new ids add, for a batch of sessions, with two calls to the tokenizer.
     *
     * @param texts each session's detokenizer, in batch order
     * @param newIds each session's new ids (may be empty)
     * @param last whether each session's chunk was its last: nothing is held back then
     */
    static List<String> advance(TokenDecoder decoder, List<IncrementalText> texts, List<long[]> newIds, boolean[] last) {
        List<Request> requests = new ArrayList<>(texts.size());
        List<long[]> contexts = new ArrayList<>();
        List<long[]> fulls = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            IncrementalText t = texts.get(i);
            long[] ids = concat(t.held, newIds.get(i));
            requests.add(new Request(t.context, ids));
            if (ids.length > 0) {
                contexts.add(t.context);
                fulls.add(concat(t.context, ids));
            }
        }
        List<String> contextText = decoder.decode(contexts);
        List<String> fullText = decoder.decode(fulls);
        List<String> out = new ArrayList<>(texts.size());
        int k = 0;
        for (int i = 0; i < texts.size(); i++) {
            Request r = requests.get(i);
            if (r.ids().length == 0) {
                out.add("");
                continue;
            }
            out.add(texts.get(i).accept(r.ids(), contextText.get(k), fullText.get(k), last[i], decoder));
            k++;
        }
        return out;
    }

    private String accept(long[] ids, String contextText, String fullText, boolean last, TokenDecoder decoder) {
        // A decoder may rewrite the context's text when more follows (rare); then the new ids' own text is
        // the best that can be said without retracting anything.
        String text = fullText.startsWith(contextText)
                ? fullText.substring(contextText.length())
                : decoder.decode(List.of(ids)).get(0);
        if (!last && ids.length < MAX_HELD && !text.isEmpty() && text.charAt(text.length() - 1) == INCOMPLETE) {
            held = ids;
            return "";
        }
        held = new long[0];
        long[] said = concat(context, ids);
        context = Arrays.copyOfRange(said, Math.max(0, said.length - CONTEXT), said.length);
        return text;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
