package io.infinisst.stream.model.corpus;

import java.io.File;
import java.util.Locale;

/** The Debian speech synthesizers the corpus drives, each by the program it runs. */
public enum Synth {
    ESPEAK_NG("espeak-ng", "espeak-ng"),
    FLITE("flite", "flite"),
    FESTIVAL("festival", "text2wave"),
    /** Festival's Italian voices saying the phones of its English front end (english-phones-mapped.scm). */
    FESTIVAL_IT("festival-it", "festival", "italian"),
    /** Festival's Czech voices, likewise. */
    FESTIVAL_CS("festival-cs", "festival", "czech"),
    /** Festival's Finnish voices, likewise. */
    FESTIVAL_FI("festival-fi", "festival", "finnish");

    private final String label;
    private final String program;
    private final String phonesOf;

    Synth(String label, String program) {
        this(label, program, null);
    }

    Synth(String label, String program, String phonesOf) {
        this.label = label;
        this.program = program;
        this.phonesOf = phonesOf;
    }

    /**
     * The language whose phones its voices say English in (a table of english-phones-mapped.scm), or null for a
     * synthesizer that speaks English itself.
     */
    public String phonesOf() {
        return phonesOf;
    }

    /**
     * The name used on the command line and in the manifest ({@code espeak-ng}, {@code flite}, {@code festival},
     * {@code festival-it}, {@code festival-cs}, {@code festival-fi}).
     */
    public String label() {
        return label;
    }

    /** The executable it runs. */
    public String program() {
        return program;
    }

    /** Whether the program is on the PATH. */
    public boolean isInstalled() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, program);
            if (f.isFile() && f.canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** Parses a label as {@link #label()} gives it; fails naming the value and the choices. */
    public static Synth parse(String label) {
        for (Synth s : values()) {
            if (s.label.equals(label.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown synthesizer '" + label + "' (choose espeak-ng, flite, festival, "
                + "festival-it, festival-cs, festival-fi)");
    }
}
