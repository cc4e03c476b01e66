package io.openfdm.cli.bridge;

import io.openfdm.cli.output.JsonOutput;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** What the {@code fdm bridge} client commands share: {@code --bridge URL} and where to print. */
abstract class BridgeClientCommand {
    @Mixin
    BridgeOptions bridge;

    @Spec
    CommandSpec spec;

    BridgeClient client() {
        return bridge.client();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    void printJson(Object value) {
        JsonOutput.print(out(), value);
    }
}
