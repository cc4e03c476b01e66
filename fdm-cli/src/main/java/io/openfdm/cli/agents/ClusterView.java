package io.openfdm.cli.agents;

import io.openfdm.cli.CliException;
import io.openfdm.core.status.AgentStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One round of {@code /status} answers from a set of agents.
 *
 * @param answers  agents that answered, with their status
 * @param problems agent name to why it gave no answer (not running, unreachable, ...), in order
 */
public record ClusterView(List<Answer> answers, Map<String, String> problems) {

    /** @param link the agent asked @param status its answer */
    public record Answer(AgentLink link, AgentStatus status) {
    }

    /** Asks every target once, in order. */
    public static ClusterView poll(AgentTargets targets) {
        List<Answer> answers = new ArrayList<>();
        Map<String, String> problems = new LinkedHashMap<>(targets.skipped());
        for (AgentLink link : targets.links()) {
            try {
                answers.add(new Answer(link, link.status()));
            } catch (AgentCallException e) {
                problems.put(link.name(), e.getMessage());
            }
        }
        return new ClusterView(List.copyOf(answers), problems);
    }

    /**
     * The view to show: the master's, and if several agents claim to be master (a partition), the
     * one most agents name; without a master, the first answer.
     */
    public Optional<Answer> preferred() {
        List<Answer> masters = answers.stream().filter(a -> "master".equals(a.status().role())).toList();
        if (masters.isEmpty()) {
            return answers.stream().findFirst();
        }
        Map<String, Long> votes = answers.stream().map(a -> a.status().master())
                .filter(m -> m != null && !m.isEmpty())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return masters.stream().max((a, b) -> Long.compare(
                votes.getOrDefault(a.status().host(), 0L), votes.getOrDefault(b.status().host(), 0L)));
    }

    /**
     * The preferred view. @throws CliException (failed) listing why each agent did not answer
     */
    public Answer requirePreferred() {
        return preferred().orElseThrow(() -> CliException.failed("no agent answered" + describeProblems()));
    }

    /** The answer of the agent on {@code host}, if it answered. */
    public Optional<Answer> answerOf(String host) {
        return answers.stream().filter(a -> host.equals(a.status().host())).findFirst();
    }

    /** {@code : host-2 (killed); host-3 (...)} or empty text when there are no problems. */
    public String describeProblems() {
        if (problems.isEmpty()) {
            return "";
        }
        return ": " + problems.entrySet().stream()
                .map(e -> e.getValue().startsWith(e.getKey()) ? e.getValue() : e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining("; "));
    }
}
