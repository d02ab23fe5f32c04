package org.mailroom.store;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/** A message's system flags and keywords; immutable. Keywords keep their case but compare as given. */
public record Flags(Set<Flag> system, Set<String> keywords) {

    public static final Flags NONE = new Flags(EnumSet.noneOf(Flag.class), Set.of());
    public static final int MAX_KEYWORD_LENGTH = 100;

    public Flags {
        EnumSet<Flag> s = EnumSet.noneOf(Flag.class);
        s.addAll(system);
        system = Collections.unmodifiableSet(s);
        keywords = Collections.unmodifiableSet(new TreeSet<>(keywords));
    }

    public static Flags of(Flag... flags) {
        EnumSet<Flag> s = EnumSet.noneOf(Flag.class);
        Collections.addAll(s, flags);
        return new Flags(s, Set.of());
    }

    public boolean has(Flag flag) {
        return system.contains(flag);
    }

    /** The system flags as a bit mask ({@link Flag#bit()}). */
    public int bits() {
        int b = 0;
        for (Flag f : system) {
            b |= f.bit();
        }
        return b;
    }

    public static Set<Flag> fromBits(int bits) {
        EnumSet<Flag> s = EnumSet.noneOf(Flag.class);
        for (Flag f : Flag.values()) {
            if ((bits & f.bit()) != 0) {
                s.add(f);
            }
        }
        return s;
    }

    public Flags plus(Flags other) {
        EnumSet<Flag> s = EnumSet.noneOf(Flag.class);
        s.addAll(system);
        s.addAll(other.system);
        Set<String> k = new TreeSet<>(keywords);
        k.addAll(other.keywords);
        return new Flags(s, k);
    }

    public Flags minus(Flags other) {
        EnumSet<Flag> s = EnumSet.noneOf(Flag.class);
        s.addAll(system);
        s.removeAll(other.system);
        Set<String> k = new TreeSet<>(keywords);
        k.removeAll(other.keywords);
        return new Flags(s, k);
    }

    /** The flags a message has after this update is applied to {@code current}. */
    public static Flags apply(Flags current, FlagUpdate update) {
        return switch (update.mode()) {
            case ADD -> current.plus(update.flags());
            case REMOVE -> current.minus(update.flags());
            case REPLACE -> update.flags();
        };
    }
}
