package dev.headroom.core.redis.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces {@code --@include name} lines with the named files, each at most once per script. */
final class IncludeExpander {

    private static final Pattern INCLUDE = Pattern.compile("^\\s*--\\s*@include\\s+(\\S+)\\s*$");

    private final ScriptIncludes includes;
    private final Set<String> included = new HashSet<>();
    private final Deque<String> chain = new ArrayDeque<>();
    private final StringBuilder out = new StringBuilder();

    private IncludeExpander(ScriptIncludes includes) {
        this.includes = includes;
    }

    static String expand(ScriptIncludes includes, String scriptName, String source) {
        if (!source.contains("@include")) {
            return source;
        }
        IncludeExpander expander = new IncludeExpander(includes);
        expander.chain.addLast(scriptName);
        expander.append(source);
        return expander.out.toString();
    }

    private void append(String source) {
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            Matcher include = INCLUDE.matcher(stripCarriageReturn(lines[i]));
            if (include.matches()) {
                appendIncluded(include.group(1));
            } else {
                out.append(lines[i]);
            }
        }
    }

    private void appendIncluded(String name) {
        if (chain.contains(name)) {
            List<String> cycle = new ArrayList<>(chain);
            cycle.add(name);
            throw new IllegalArgumentException("script includes form a cycle: " + String.join(" -> ", cycle));
        }
        if (!included.add(name)) {
            return;
        }
        String text;
        try {
            text = includes.load(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "script '" + chain.getLast() + "' includes '" + name + "': " + e.getMessage(), e);
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException(
                    "script '" + chain.getLast() + "' includes '" + name + "', which is blank");
        }
        chain.addLast(name);
        append(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        chain.removeLast();
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
