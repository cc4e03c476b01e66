package io.openfdm.datastore.nio;

import io.openfdm.core.env.DatastoreFiles;
import io.openfdm.core.env.DatastoreIoException;
import io.openfdm.datastore.file.AtomicFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link DatastoreFiles} over mounted directories: each datastore name maps to the directory where
 * this host sees it (an NFS mount, a shared disk, or a plain directory in tests and demos).
 *
 * <p>Paths are relative, '/'-separated, with non-empty segments other than {@code .} and
 * {@code ..}; an absolute path, a backslash or a NUL byte is refused with
 * {@link DatastoreIoException}. The datastore root is never created: a missing root means the
 * datastore is not mounted here. Writes go through {@link AtomicFiles}; listings hide
 * {@code .tmp-} files and are sorted by name.
 *
 * <p>Thread-safe (no mutable state).
 */
public final class NioDatastoreFiles implements DatastoreFiles {
    private final Map<String, Path> roots;

    /**
     * @param roots datastore name to the directory where it is mounted on this host
     * @throws NullPointerException for a null name or path
     */
    public NioDatastoreFiles(Map<String, Path> roots) {
        Map<String, Path> copy = new TreeMap<>();
        roots.forEach((name, root) -> copy.put(Objects.requireNonNull(name, "datastore name"),
                Objects.requireNonNull(root, "root of " + name).toAbsolutePath().normalize()));
        this.roots = Map.copyOf(copy);
    }

    /** False for a datastore name this host does not know, as for an unmounted or unlistable root. */
    @Override
    public boolean accessible(String datastore) {
        Path root = roots.get(datastore);
        if (root == null || !Files.isDirectory(root)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            entries.iterator().hasNext(); // actually read the directory (a stale NFS handle fails here)
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    @Override
    public Optional<byte[]> read(String datastore, String path) {
        Path file = resolve(datastore, path, false);
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new DatastoreIoException(datastore, "cannot read " + path + ": " + e, e);
        }
    }

    @Override
    public void writeAtomic(String datastore, String path, byte[] content) {
        Objects.requireNonNull(content, "content");
        Path file = resolve(datastore, path, false);
        try {
            AtomicFiles.write(file, content);
        } catch (IOException e) {
            throw new DatastoreIoException(datastore, "cannot write " + path + ": " + e, e);
        }
    }

    @Override
    public boolean delete(String datastore, String path) {
        Path file = resolve(datastore, path, false);
        try {
            return AtomicFiles.delete(file);
        } catch (IOException e) {
            throw new DatastoreIoException(datastore, "cannot delete " + path + ": " + e, e);
        }
    }

    /** {@inheritDoc} An empty {@code dir} lists the datastore root. */
    @Override
    public List<String> list(String datastore, String dir) {
        Path directory = resolve(datastore, dir, true);
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!AtomicFiles.isTemp(name)) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (NotDirectoryException e) {
            throw new DatastoreIoException(datastore, dir + " is not a directory", e);
        } catch (IOException e) {
            throw new DatastoreIoException(datastore, "cannot list " + dir + ": " + e, e);
        }
        names.sort(null);
        return names;
    }

    /** The mount directory of a datastore, or empty if this host does not know the name. */
    public Optional<Path> root(String datastore) {
        return Optional.ofNullable(roots.get(datastore));
    }

    private Path resolve(String datastore, String path, boolean emptyMeansRoot) {
        Path root = roots.get(datastore);
        if (root == null) {
            throw new DatastoreIoException(datastore, "unknown datastore (not mounted on this host)");
        }
        if (!Files.isDirectory(root)) {
            throw new DatastoreIoException(datastore, "not accessible: " + root + " is not a directory");
        }
        if (path == null) {
            throw new DatastoreIoException(datastore, "path is null");
        }
        if (path.isEmpty()) {
            if (emptyMeansRoot) {
                return root;
            }
            throw new DatastoreIoException(datastore, "empty path");
        }
        if (path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0
                || (path.length() > 1 && path.charAt(1) == ':')) {
            throw new DatastoreIoException(datastore, "path must be relative and '/'-separated: " + path);
        }
        Path result = root;
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new DatastoreIoException(datastore, "bad path segment '" + segment + "' in " + path);
            }
            result = result.resolve(segment);
        }
        if (!result.normalize().startsWith(root)) {
            throw new DatastoreIoException(datastore, "path escapes the datastore: " + path);
        }
        return result;
    }
}
