package io.infinisst.stream.model.corpus;

import java.io.File;
import java.util.Locale;

/** The Debian speech synthesizers the corpus drives, each by the program it runs. */
public enum Synth {
    ESPEAK_NG("espeak-ng", "espeak-ng"),
    FLITE("flite", "flite"),
    FESTIVAL("festival", "text2wave"),
    /** Festival's Italian voices saying English phones that its English front end made (english-phones-to-italian.scm). */
    FESTIVAL_MAPPED("festival-mapped", "festival");

    private final String label;
    private final String program;

    Synth(String label, String program) {
        this.label = label;
        this.program = program;
    }

    /**
     * The name used on the command line and in the manifest ({@code espeak-ng}, {@code flite}, {@code festival},
     * {@code festival-mapped}).
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
        throw new IllegalArgumentException("unknown synthesizer '" + label + "' (choose espeak-ng, flite, festival, festival-mapped)");
    }
}
