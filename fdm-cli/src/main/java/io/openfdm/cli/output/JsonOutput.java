package io.openfdm.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.openfdm.datastore.json.FdmJson;

import java.io.PrintWriter;

/** {@code --json} output: the value as the project's one Jackson configuration writes it, pretty-printed. */
public final class JsonOutput {
    private JsonOutput() {
    }

    /** Prints {@code value} as indented JSON followed by a newline. */
    public static void print(PrintWriter out, Object value) {
        try {
            out.println(FdmJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
