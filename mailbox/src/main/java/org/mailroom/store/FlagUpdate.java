package org.mailroom.store;

/** A STORE-style change of flags: add these, remove these, or replace all with these. */
public record FlagUpdate(Mode mode, Flags flags) {

    public enum Mode { ADD, REMOVE, REPLACE }

    public static FlagUpdate add(Flags flags) {
        return new FlagUpdate(Mode.ADD, flags);
    }

    public static FlagUpdate remove(Flags flags) {
        return new FlagUpdate(Mode.REMOVE, flags);
    }

    public static FlagUpdate replace(Flags flags) {
        return new FlagUpdate(Mode.REPLACE, flags);
    }
}
