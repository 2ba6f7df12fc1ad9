package io.kaml.cli;

import picocli.CommandLine;

import java.util.Arrays;

public final class Main {
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("simulate")) {
            System.exit(new CommandLine(new SimulateCommand()).execute(Arrays.copyOfRange(args, 1, args.length)));
        }
        System.out.println("kaml");
    }
}
