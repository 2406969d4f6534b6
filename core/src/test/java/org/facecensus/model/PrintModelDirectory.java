package org.facecensus.model;

/** Run in a child JVM by {@link ModelStoreTest}: prints where the default store lives. */
public final class PrintModelDirectory {
    private PrintModelDirectory() {
    }

    public static void main(String[] args) {
        System.out.print(ModelStore.defaultDirectory());
    }
}
