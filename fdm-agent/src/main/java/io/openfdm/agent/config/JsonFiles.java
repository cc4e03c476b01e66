package io.openfdm.agent.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.openfdm.core.config.ConfigException;
import io.openfdm.datastore.json.FdmJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads and writes the agent's JSON configuration files with FdmJson, turning every Jackson and
 * I/O failure into a {@link ConfigException} that names the file and the JSON path (for example
 * {@code cluster.hosts[1].port}) or the line and column.
 */
final class JsonFiles {
    private JsonFiles() {
    }

    /**
     * Reads {@code file} into {@code type} strictly: unknown fields, duplicate keys, fractional
     * numbers for integers and trailing content are errors.
     *
     * @param root the name of the document's root in error paths ({@code cluster}, {@code agent})
     */
    static <T> T read(Path file, Class<T> type, String root) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "file not found");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read: " + e);
        }
        return parse(bytes, type, root, file.toString());
    }

    /**
     * Parses a JSON document with the same strict rules as {@link #read}.
     *
     * @param source names the document in error messages (a file, or "pushed configuration")
     */
    static <T> T parse(byte[] bytes, Class<T> type, String root, String source) {
        try {
            T value = FdmJson.mapper().readerFor(type)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readValue(bytes);
            if (value == null) {
                throw new ConfigException(root, "must be a JSON object, was null (in " + source + ")");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).collect(Collectors.toCollection(TreeSet::new)).toString();
            throw new ConfigException(path(root, e), "unknown field; known fields are " + known + " (in " + source + ")");
        } catch (MismatchedInputException e) {
            if (bytes.length == 0 || String.valueOf(e.getOriginalMessage()).startsWith("No content")) {
                throw new ConfigException(root, "must be a JSON object, the file is empty (in " + source + ")");
            }
            String what = e.getTargetType() == null ? "has the wrong type" : "must be " + describe(e.getTargetType());
            throw new ConfigException(path(root, e), what + " (" + where(e.getLocation()) + " of " + source + ")");
        } catch (JsonMappingException e) {
            throw new ConfigException(path(root, e), e.getOriginalMessage() + " (" + where(e.getLocation()) + " of " + source + ")");
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, "not valid JSON at " + where(e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(source, "cannot read: " + e);
        }
    }

    /** {@code value} as the indented JSON {@link #write} puts in a file. */
    static byte[] toBytes(Object value) {
        try {
            return (FdmJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Writes {@code value} as indented JSON, atomically: a temporary file in the same directory,
     * then a rename over {@code file}. Creates missing parent directories.
     *
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    static void write(Path file, Object value) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                String json = FdmJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
                Files.writeString(tmp, json, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String where(JsonLocation at) {
        return at == null ? "unknown position" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** The JSON path of a Jackson error, e.g. {@code cluster.hosts[1].port}. */
    private static String path(String root, JsonMappingException e) {
        StringBuilder out = new StringBuilder(root);
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a JSON object";
    }
}
