package lecture7.data;

/**
 * A data file is missing, corrupt or truncated. The message says what is wrong with which file and
 * ends with the command that fetches or restores it.
 */
public class DataFileException extends RuntimeException {
    private final String fixCommand;

    public DataFileException(String problem, String fixCommand) {
        super(fixCommand == null ? problem : problem + "\n  fix: run `" + fixCommand + "` from the kit's root folder");
        this.fixCommand = fixCommand;
    }

    /** The shell command that restores the file, or {@code null}. */
    public String fixCommand() {
        return fixCommand;
    }
}
