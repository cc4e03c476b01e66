package io.openfdm.core.config;

/**
 * A configuration value breaks a rule. The message names the field (a JSON path such as
 * {@code cluster.hosts[2].address}) and the rule it breaks; the agent prints it and exits with
 * status 2.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String rule;

    public ConfigException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
