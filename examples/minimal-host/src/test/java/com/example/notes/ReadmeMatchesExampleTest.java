package com.example.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The README's "Use Atrium in your application" shows this module: each code block that follows a line naming a
 * file ({@code `src/main/...`:}) is that file, verbatim; a block named {@code (excerpt)} is a run of the file's lines
 * (indentation aside); and every file of {@code src/main/java} and {@code src/main/resources} is shown. Changing
 * either side alone fails here.
 */
class ReadmeMatchesExampleTest {

    static final String SECTION = "## Use Atrium in your application";
    private static final Pattern NAMED_BLOCK = Pattern.compile("^`([^`]+)`( \\(excerpt\\))?:$");

    private final Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    record Block(String path, boolean excerpt, String content) {
    }

    @Test
    void everyNamedBlockIsTheModulesFile() throws IOException {
        for (Block block : blocks()) {
            Path file = module.resolve(block.path());
            assertThat(file).as("README names %s, which the example does not have", block.path()).isRegularFile();
            String actual = Files.readString(file);
            if (block.excerpt()) {
                assertThat(containsExcerpt(actual, block.content()))
                        .as("README's excerpt of %s is not in the file:%n%s", block.path(), block.content()).isTrue();
            } else {
                assertThat(block.content()).as("README's %s", block.path()).isEqualTo(actual);
            }
        }
    }

    @Test
    void everyFileOfTheExampleIsShown() throws IOException {
        List<String> shown = blocks().stream().map(Block::path).toList();
        // src/main/frontend is Vaadin's, written by its plugin on every build.
        for (String sources : List.of("src/main/java", "src/main/resources")) {
            try (Stream<Path> files = Files.walk(module.resolve(sources))) {
                List<String> written = files.filter(Files::isRegularFile)
                        .map(f -> module.relativize(f).toString().replace('\\', '/')).toList();
                assertThat(shown).as("files of %s the README does not show", sources).containsAll(written);
            }
        }
        assertThat(shown).contains("pom.xml");
    }

    private List<Block> blocks() throws IOException {
        List<String> lines = section(Files.readString(module.resolve("../../README.md")));
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher name = NAMED_BLOCK.matcher(lines.get(i));
            if (!name.matches()) {
                continue;
            }
            assertThat(lines.get(i + 1)).as("a code block after %s", lines.get(i)).startsWith("```");
            StringBuilder content = new StringBuilder();
            int line = i + 2;
            for (; !lines.get(line).equals("```"); line++) {
                content.append(lines.get(line)).append('\n');
            }
            blocks.add(new Block(name.group(1), name.group(2) != null, content.toString()));
            i = line;
        }
        assertThat(blocks).as("code blocks named by file in the README's \"%s\"", SECTION).isNotEmpty();
        return blocks;
    }

    private static List<String> section(String readme) {
        List<String> lines = readme.lines().toList();
        int start = lines.indexOf(SECTION);
        assertThat(start).as("README has a section \"%s\"", SECTION).isNotNegative();
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        return lines.subList(start + 1, end);
    }

    /** Whether some run of the file's lines, with their common indentation removed, is the excerpt. */
    private static boolean containsExcerpt(String file, String excerpt) {
        List<String> lines = file.lines().toList();
        List<String> wanted = dedent(excerpt.lines().toList());
        for (int start = 0; start + wanted.size() <= lines.size(); start++) {
            if (dedent(lines.subList(start, start + wanted.size())).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> dedent(List<String> lines) {
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).toList();
    }
}
