package io.openfdm.sim.storage;

import io.openfdm.core.env.DatastoreFiles;
import io.openfdm.core.env.DatastoreIoException;
import io.openfdm.core.model.HostId;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Shared datastores in memory: datastore name -> file path -> bytes, plus which host can reach
 * which datastore. {@link #view(HostId)} gives one host's {@link DatastoreFiles}.
 *
 * <p>Semantics follow the NIO implementation: paths are relative, '/'-separated, without
 * {@code .} or {@code ..} segments; directories exist implicitly while they hold a file (as
 * if created by {@code writeAtomic}'s parent creation and never cleaned); {@code list} returns
 * the sorted names of files and sub-directories directly in a directory, empty when it is
 * missing; {@code delete} removes a file only. {@code writeAtomic} is atomic by construction
 * (one map update between two simulator events). A datastore the host cannot reach throws
 * {@link DatastoreIoException} from every call except {@code accessible}.
 */
public final class SimDatastores {
    private final Map<String, TreeMap<String, byte[]>> files = new TreeMap<>();
    private final Map<HostId, Set<String>> reachable = new TreeMap<>();
    private final Map<String, Long> versions = new TreeMap<>();
    /** Datastores no host reaches, whatever its own paths ({@code datastore ds-1 off}). */
    private final Set<String> allPathsDown = new TreeSet<>();
    private final Map<String, Long> fileVersions = new java.util.HashMap<>();
    /** Per host and datastore: how long each call of the host's agent blocks, ms (absent: 0). */
    private final Map<HostId, Map<String, Long>> latencies = new TreeMap<>();

    /** Creates an empty datastore; no host reaches it until {@link #connect}. */
    public void addDatastore(String name) {
        if (name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("datastore name must be non-empty without '/': " + name);
        }
        if (files.putIfAbsent(name, new TreeMap<>()) != null) {
            throw new IllegalArgumentException("datastore " + name + " already exists");
        }
    }

    /**
     * Grows with every change to {@code datastore}'s files (write, delete, corrupt), so a checker
     * can skip re-reading an unchanged datastore.
     */
    public long version(String datastore) {
        requireDatastore(datastore);
        return versions.getOrDefault(datastore, 0L);
    }

    /**
     * Grows with every change to one file (write, delete, corrupt, tear), so a checker can skip
     * re-reading it; 0 for a file never written.
     */
    public long version(String datastore, String path) {
        return fileVersions.getOrDefault(datastore + "/" + path, 0L);
    }

    private void changed(String datastore, String path) {
        versions.merge(datastore, 1L, Long::sum);
        fileVersions.merge(datastore + "/" + path, 1L, Long::sum);
    }

    /** Datastore names, sorted. */
    public Set<String> datastores() {
        return new TreeSet<>(files.keySet());
    }

    /** {@code host} can (again) reach {@code datastore} ({@code storage host-2 ds-1 on}). */
    public void connect(HostId host, String datastore) {
        requireDatastore(datastore);
        reachable.computeIfAbsent(host, h -> new HashSet<>()).add(datastore);
    }

    /** {@code host} loses {@code datastore} ({@code storage host-2 ds-1 off}): all paths down. */
    public void disconnect(HostId host, String datastore) {
        requireDatastore(datastore);
        reachable.computeIfAbsent(host, h -> new HashSet<>()).remove(datastore);
    }

    /**
     * Takes {@code datastore} away from every host (down = true), or gives it back (false) to the
     * hosts whose own paths to it are up ({@code datastore ds-1 off|on}: all paths down).
     */
    public void allPathsDown(String datastore, boolean down) {
        requireDatastore(datastore);
        if (down) {
            allPathsDown.add(datastore);
        } else {
            allPathsDown.remove(datastore);
        }
    }

    public boolean reaches(HostId host, String datastore) {
        return !allPathsDown.contains(datastore) && reachable.getOrDefault(host, Set.of()).contains(datastore);
    }

    /** Datastores {@code host} reaches now, sorted. */
    public List<String> reachableFrom(HostId host) {
        TreeSet<String> out = new TreeSet<>(reachable.getOrDefault(host, Set.of()));
        out.removeAll(allPathsDown);
        return List.copyOf(out);
    }

    /** {@code host}'s view of the datastores. */
    public DatastoreFiles view(HostId host) {
        return new HostView(host);
    }

    /** A file's bytes regardless of any host's access (for checkers and tests), or empty. */
    public Optional<byte[]> peek(String datastore, String path) {
        byte[] bytes = requireDatastore(datastore).get(normalize(datastore, path));
        return Optional.ofNullable(bytes).map(byte[]::clone);
    }

    /** Every file path on {@code datastore}, sorted (for checkers and tests). */
    public List<String> paths(String datastore) {
        return List.copyOf(requireDatastore(datastore).keySet());
    }

    /**
     * Overwrites an existing file with {@code length} random bytes, as a torn write or a bad
     * sector would ({@code corrupt ds-1 .vSphere-HA/c1/protectedlist}).
     *
     * @return false when the file does not exist (nothing is written)
     */
    public boolean corrupt(String datastore, String path, SplittableRandom random, int length) {
        TreeMap<String, byte[]> store = requireDatastore(datastore);
        String p = normalize(datastore, path);
        if (!store.containsKey(p)) {
            return false;
        }
        byte[] garbage = new byte[length];
        for (int i = 0; i < length; i++) {
            garbage[i] = (byte) random.nextInt(256);
        }
        store.put(p, garbage);
        changed(datastore, p);
        return true;
    }

    /**
     * Truncates an existing file to a random shorter length (possibly 0), as an interrupted
     * non-atomic overwrite leaves it ({@code tear ds-1 .vSphere-HA/c1/protectedlist}).
     *
     * @return false when the file does not exist or is already empty (nothing changes)
     */
    public boolean tear(String datastore, String path, SplittableRandom random) {
        TreeMap<String, byte[]> store = requireDatastore(datastore);
        String p = normalize(datastore, path);
        byte[] old = store.get(p);
        if (old == null || old.length == 0) {
            return false;
        }
        store.put(p, java.util.Arrays.copyOf(old, random.nextInt(old.length)));
        changed(datastore, p);
        return true;
    }

    /**
     * Leaves what a crash in the middle of an atomic replacement leaves: the temporary file next
     * to the target ({@code AtomicFiles.TEMP_PREFIX}), holding a prefix of the new content; the
     * target itself is untouched.
     *
     * @return the temporary file's path
     */
    public String leaveTempFile(String datastore, String path, byte[] partialContent, long nonce) {
        TreeMap<String, byte[]> store = requireDatastore(datastore);
        String p = normalize(datastore, path);
        int slash = p.lastIndexOf('/');
        String temp = (slash < 0 ? "" : p.substring(0, slash + 1)) + io.openfdm.datastore.file.AtomicFiles.TEMP_PREFIX
                + p.substring(slash + 1) + "-" + Long.toHexString(nonce);
        store.put(temp, partialContent.clone());
        changed(datastore, temp);
        return temp;
    }

    /**
     * Each call of {@code host}'s agent on {@code datastore} takes {@code latencyMs} from its
     * submission (on the host's datastore workers, off its agent thread) (0: normal).
     */
    public void setLatency(HostId host, String datastore, long latencyMs) {
        requireDatastore(datastore);
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latencyMs must be >= 0, was " + latencyMs);
        }
        Map<String, Long> of = latencies.computeIfAbsent(host, h -> new TreeMap<>());
        if (latencyMs == 0) {
            of.remove(datastore);
        } else {
            of.put(datastore, latencyMs);
        }
    }

    /** How long each call of {@code host}'s agent on {@code datastore} blocks, ms (0: normal). */
    public long latencyMs(HostId host, String datastore) {
        return latencies.getOrDefault(host, Map.of()).getOrDefault(datastore, 0L);
    }

    /** True when some host has a slow datastore ({@link #setLatency}). */
    public boolean anySlow() {
        return latencies.values().stream().anyMatch(m -> !m.isEmpty());
    }

    private TreeMap<String, byte[]> requireDatastore(String datastore) {
        TreeMap<String, byte[]> store = files.get(datastore);
        if (store == null) {
            throw new IllegalArgumentException("no datastore " + datastore);
        }
        return store;
    }

    /** Rejects absolute paths, empty segments, '.' and '..'; strips nothing. */
    static String normalize(String datastore, String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw new DatastoreIoException(datastore, "bad path '" + path + "': must be relative, not end in '/'");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new DatastoreIoException(datastore, "bad path '" + path + "': empty, '.' or '..' segment");
            }
        }
        return path;
    }

    private static boolean isDirectory(TreeMap<String, byte[]> store, String path) {
        String prefix = path + "/";
        String next = store.ceilingKey(prefix);
        return next != null && next.startsWith(prefix);
    }

    private final class HostView implements DatastoreFiles {
        private final HostId host;

        HostView(HostId host) {
            this.host = host;
        }

        @Override
        public boolean accessible(String datastore) {
            return files.containsKey(datastore) && reaches(host, datastore);
        }

        @Override
        public Optional<byte[]> read(String datastore, String path) {
            TreeMap<String, byte[]> store = open(datastore);
            String p = normalize(datastore, path);
            if (isDirectory(store, p)) {
                throw new DatastoreIoException(datastore, p + " is a directory");
            }
            return Optional.ofNullable(store.get(p)).map(byte[]::clone);
        }

        @Override
        public void writeAtomic(String datastore, String path, byte[] content) {
            TreeMap<String, byte[]> store = open(datastore);
            String p = normalize(datastore, path);
            if (isDirectory(store, p)) {
                throw new DatastoreIoException(datastore, p + " is a directory");
            }
            int slash = p.indexOf('/');
            while (slash >= 0) {
                String parent = p.substring(0, slash);
                if (store.containsKey(parent)) {
                    throw new DatastoreIoException(datastore, "cannot create " + p + ": " + parent + " is a file");
                }
                slash = p.indexOf('/', slash + 1);
            }
            store.put(p, content.clone());
            changed(datastore, p);
        }

        @Override
        public boolean delete(String datastore, String path) {
            TreeMap<String, byte[]> store = open(datastore);
            String p = normalize(datastore, path);
            if (isDirectory(store, p)) {
                throw new DatastoreIoException(datastore, "cannot delete " + p + ": directory not empty");
            }
            boolean existed = store.remove(p) != null;
            if (existed) {
                changed(datastore, p);
            }
            return existed;
        }

        @Override
        public List<String> list(String datastore, String dir) {
            TreeMap<String, byte[]> store = open(datastore);
            String prefix = dir.isEmpty() ? "" : normalize(datastore, dir) + "/";
            if (!prefix.isEmpty() && store.containsKey(dir)) {
                throw new DatastoreIoException(datastore, dir + " is a file, not a directory");
            }
            Set<String> names = new TreeSet<>();
            for (String path : store.tailMap(prefix, true).keySet()) {
                if (!path.startsWith(prefix)) {
                    break;
                }
                String rest = path.substring(prefix.length());
                int slash = rest.indexOf('/');
                names.add(slash < 0 ? rest : rest.substring(0, slash));
            }
            return new ArrayList<>(names);
        }

        private TreeMap<String, byte[]> open(String datastore) {
            if (!files.containsKey(datastore)) {
                throw new DatastoreIoException(datastore, "no such datastore");
            }
            if (!reaches(host, datastore)) {
                throw new DatastoreIoException(datastore, "inaccessible from " + host + " (all paths down)");
            }
            return files.get(datastore);
        }
    }
}
