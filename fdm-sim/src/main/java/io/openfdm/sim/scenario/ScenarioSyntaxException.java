package io.openfdm.sim.scenario;

/**
 * A scenario file does not parse. The message reads {@code <file>:<line>: <what is wrong>}, like
 * a compiler's, so an editor can jump to it.
 */
public final class ScenarioSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;

    /**
     * @param file   the file name ({@code cluster}, {@code cmdlist})
     * @param line   1-based line number, 0 when the problem is the file as a whole
     * @param detail what is wrong and what was expected
     */
    public ScenarioSyntaxException(String file, int line, String detail) {
        super(file + ":" + line + ": " + detail);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
