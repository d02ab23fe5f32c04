package org.mailroom.pop3.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The commands a server understands, by keyword: an immutable table built once (STYLE.md §4). */
public final class CommandTable {

    private final Map<String, Command<?>> byName;

    public CommandTable(List<Command<?>> commands) {
        Map<String, Command<?>> m = new LinkedHashMap<>();
        for (Command<?> c : commands) {
            if (m.put(c.name(), c) != null) {
                throw new IllegalArgumentException("two commands named " + c.name());
            }
        }
        this.byName = Map.copyOf(m);
    }

    public Optional<Command<?>> find(String keyword) {
        return Optional.ofNullable(byName.get(keyword));
    }
}
