package io.openfdm.cli.inspect;

import io.openfdm.cli.agents.AgentLink;
import io.openfdm.cli.agents.AgentCallException;
import io.openfdm.cli.agents.ClusterView;
import io.openfdm.cli.agents.AgentTargets;
import io.openfdm.cli.CliException;
import io.openfdm.cli.ExitCodes;
import io.openfdm.cli.output.Durations;
import io.openfdm.cli.output.Table;
import io.openfdm.core.journal.JournalEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code fdm events [--limit N]}: the newest journal events. With {@code --agent}, that agent's
 * journal; otherwise the journals of every running agent merged by time.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Newest journal events (all running agents merged by time, or one --agent).")
public final class EventsCommand extends InspectCommand implements Callable<Integer> {
    /** Upper bound of {@code --limit}, to keep an answer small. */
    static final int MAX_LIMIT = 10_000;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "how many events (1-" + MAX_LIMIT + ", default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw CliException.usage("--limit must be 1-" + MAX_LIMIT + ", was " + limit);
        }
        AgentTargets targets = targets();
        List<JournalEvent> all = new ArrayList<>();
        Map<String, String> problems = new LinkedHashMap<>(targets.skipped());
        for (AgentLink link : targets.links()) {
            try {
                all.addAll(link.events(limit));
            } catch (AgentCallException e) {
                problems.put(link.name(), e.getMessage());
            }
        }
        if (targets.links().isEmpty() || problems.size() == targets.links().size() + targets.skipped().size()) {
            throw CliException.failed("no agent answered" + new ClusterView(List.of(), problems).describeProblems());
        }
        if (!problems.isEmpty()) {
            err().println("fdm: note: not answering" + new ClusterView(List.of(), problems).describeProblems());
            err().flush();
        }
        List<JournalEvent> newest = newest(all, limit);
        if (options.json()) {
            printJson(newest);
            return ExitCodes.OK;
        }
        table(newest).print(out());
        return ExitCodes.OK;
    }

    /** The newest {@code limit} events of a merge, oldest first (ties keep input order). */
    static List<JournalEvent> newest(List<JournalEvent> events, int limit) {
        List<JournalEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(JournalEvent::wallMs));
        return List.copyOf(sorted.subList(Math.max(0, sorted.size() - limit), sorted.size()));
    }

    /** TIME, HOST/ROLE, KIND (lower case, dashes), MESSAGE. */
    static Table table(List<JournalEvent> events) {
        Table t = new Table("TIME", "HOST/ROLE", "KIND", "MESSAGE").emptyText("(no events)");
        for (JournalEvent e : events) {
            t.row(Durations.clock(e.wallMs()), e.host() + "/" + e.role(), kind(e), e.message());
        }
        return t;
    }

    static String kind(JournalEvent e) {
        return e.kind() == null ? "-" : e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
