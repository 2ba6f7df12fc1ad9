package io.kaml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every example command in every {@code --help}, at picocli's default 80 columns, reads as a whole
 * command a user can copy: picocli wraps a line that is too long at column 0 (e.g. a line ending in
 * {@code --out} whose value starts the next line), so a long example must break itself, with a shell
 * continuation {@code \} and an indented next line.
 */
class HelpExamplesTest {
    private static final Pattern COMMAND_NAME = Pattern.compile("(?m)^ {2}([a-z][a-z-]+) {2,}\\S");
    private static final Pattern EXAMPLE = Pattern.compile("^ +(\\./kaml |kaml |curl |bash |spark-submit |KAML_JAVA_OPTS=).*");

    @Test
    void everyExampleIsAWholeCommand() {
        String top = CommandLineTest.run("--help").succeeds().out();
        List<String> commands = COMMAND_NAME.matcher(top.substring(top.indexOf("Commands:"))).results().map(m -> m.group(1)).toList();
        assertThat(commands).contains("demo", "train", "experiment", "serve", "bench");
        List<String> broken = new ArrayList<>(brokenExamples("kaml", top));
        int examples = exampleCount(top);
        for (String command : commands) {
            String help = CommandLineTest.run(command, "--help").succeeds().out();
            broken.addAll(brokenExamples(command, help));
            examples += exampleCount(help);
        }
        assertThat(examples).as("examples found").isGreaterThan(30);
        assertThat(broken).isEmpty();
    }

    /** Each example line whose command goes on past it without a continuation, or continues unindented. */
    static List<String> brokenExamples(String command, String help) {
        List<String> broken = new ArrayList<>();
        String[] lines = help.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (!EXAMPLE.matcher(lines[i]).matches()) {
                continue;
            }
            int last = i;
            while (lines[last].endsWith("\\") && last + 1 < lines.length && lines[last + 1].startsWith("    ")) {
                last++;
            }
            boolean wrapped = last + 1 < lines.length && !lines[last + 1].isBlank() && !lines[last + 1].startsWith(" ");
            if (wrapped || lines[last].endsWith("\\")) {
                broken.add(command + ": " + lines[last] + " / " + (last + 1 < lines.length ? lines[last + 1] : "(end)"));
            }
            i = last;
        }
        return broken;
    }

    private static int exampleCount(String help) {
        return (int) help.lines().filter(line -> EXAMPLE.matcher(line).matches()).count();
    }
}
