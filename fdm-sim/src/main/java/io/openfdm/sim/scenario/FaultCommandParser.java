package io.openfdm.sim.scenario;

import io.openfdm.sim.scenario.LineReader.Line;
import io.openfdm.sim.time.SimClock;

import java.util.List;

/**
 * Parses the fault commands of the seeded random tier ({@link Command.Fault}) for
 * {@link CommandParser}:
 * <pre>
 * apd ds-1 off|on                          every host loses (regains) the datastore
 * slow-io host-2 ds-1 800                  each datastore call of the host's agent takes 800 ms
 * drift host-2 -3.5                        host-2's monotonic clock runs 3.5 % slow
 * spike 0.1 1500                           10 % of datagrams are held up by up to 1500 ms
 * tear ds-1 .vSphere-HA/c1/protectedlist   truncate the file (interrupted non-atomic write)
 * crash-at host-2 torn-write 3 power       host-2 loses power during its 3rd datastore write
 * crash-at host-2 send 5 agent 400         its agent dies right after its 5th send, restarts 400 ms later
 * </pre>
 */
final class FaultCommandParser {
    static final String COMMANDS = "apd, slow-io, drift, spike, tear, crash-at";
    /** Longest slow-io latency and spike delay accepted, milliseconds. */
    static final long MAX_DELAY_MS = 600_000;

    private final CommandParser parser;

    FaultCommandParser(CommandParser parser) {
        this.parser = parser;
    }

    Command parse(Line line, List<String> w) {
        return switch (w.get(0)) {
            case "apd" -> {
                CommandParser.arity(line, w, 3, "apd <datastore> off|on");
                yield new Command.AllPathsDown(parser.datastore(line, w.get(1)), onOff(line, w.get(2)));
            }
            case "slow-io" -> {
                CommandParser.arity(line, w, 4, "slow-io <host> <datastore> <milliseconds>");
                yield new Command.SlowIo(parser.host(line, w.get(1)), parser.datastore(line, w.get(2)),
                        CommandParser.count(line, w.get(3), "latency", 0, MAX_DELAY_MS));
            }
            case "drift" -> {
                CommandParser.arity(line, w, 3, "drift <host> <percent>");
                double percent;
                try {
                    percent = Double.parseDouble(w.get(2));
                } catch (NumberFormatException e) {
                    throw CommandParser.error(line, "drift must be a number of percent, was '" + w.get(2) + "'");
                }
                if (!(Math.abs(percent) <= SimClock.MAX_DRIFT_PERCENT)) {
                    throw CommandParser.error(line, "drift must be within +-" + SimClock.MAX_DRIFT_PERCENT
                            + " %, was '" + w.get(2) + "'");
                }
                yield new Command.Drift(parser.host(line, w.get(1)), percent);
            }
            case "spike" -> {
                CommandParser.arity(line, w, 3, "spike <probability 0..1> <milliseconds>");
                yield new Command.Spike(CommandParser.probability(line, w.get(1)),
                        CommandParser.count(line, w.get(2), "spike delay", 0, MAX_DELAY_MS));
            }
            case "tear" -> {
                CommandParser.arity(line, w, 3, "tear <datastore> <path>");
                yield new Command.Tear(parser.datastore(line, w.get(1)), w.get(2));
            }
            case "crash-at" -> crashAt(line, w);
            default -> throw CommandParser.error(line, "unknown fault command '" + w.get(0) + "'");
        };
    }

    private Command crashAt(Line line, List<String> w) {
        String usage = "crash-at <host> write|torn-write|send <k> power|agent <restart ms>";
        if (w.size() != 5 && w.size() != 6) {
            throw CommandParser.error(line, "expected '" + usage + "'");
        }
        Command.CrashPoint point = null;
        for (Command.CrashPoint p : Command.CrashPoint.values()) {
            if (p.word().equals(w.get(2))) {
                point = p;
            }
        }
        if (point == null) {
            throw CommandParser.error(line, "crash point must be write, torn-write or send, was '" + w.get(2) + "'");
        }
        int k = (int) CommandParser.count(line, w.get(3), "k", 1, 1_000_000);
        boolean power = switch (w.get(4)) {
            case "power" -> true;
            case "agent" -> false;
            default -> throw CommandParser.error(line, "expected 'power' or 'agent', found '" + w.get(4) + "'");
        };
        if (power != (w.size() == 5)) {
            throw CommandParser.error(line, "expected '" + usage + "' (the restart delay goes with 'agent' only)");
        }
        long restartMs = power ? 0 : CommandParser.count(line, w.get(5), "restart delay", 0, MAX_DELAY_MS);
        return new Command.CrashAt(parser.host(line, w.get(1)), point, k, power, restartMs);
    }

    private static boolean onOff(Line line, String word) {
        return switch (word) {
            case "on" -> true;
            case "off" -> false;
            default -> throw CommandParser.error(line, "expected 'on' or 'off', found '" + word + "'");
        };
    }
}
