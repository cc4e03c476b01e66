package io.openfdm.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on: CPUs, memory, Java, OS, date and load (Linux /proc where present). */
public final class Machine {
    private Machine() {
    }

    /** One line, e.g. {@code 2 CPUs (AMD EPYC), 23.5 GiB, OpenJDK 17.0.15, Linux 6.1, 2025-01-01T12:00+00:00}. */
    public static String describe() {
        return String.format(Locale.ROOT, "%d CPUs (%s), %s memory, Java %s (%s), %s %s, %s",
                Runtime.getRuntime().availableProcessors(), cpuModel(), memory(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.version"),
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replaceAll("\\.\\d+", ""));
    }

    /** The 1, 5 and 15 minute load averages, or {@code unknown}. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name").orElse("unknown model");
    }

    private static String memory() {
        return procLine("/proc/meminfo", "MemTotal").map(v -> {
            long kib = Long.parseLong(v.replaceAll("[^0-9]", ""));
            return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
        }).orElse("unknown");
    }

    private static java.util.Optional<String> procLine(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
