package org.mailroom.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path dir;

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static byte[] readAll(Spool spool) throws IOException {
        try (InputStream in = spool.open()) {
            return in.readAllBytes();
        }
    }

    private long filesInDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void smallContentStaysInMemoryAndCreatesNoFile() throws IOException {
        byte[] data = randomBytes(1000);
        SpoolWriter w = new SpoolWriter(dir, 4096, 1 << 20);
        w.write(data);
        try (Spool spool = w.finish()) {
            assertThat(spool.isOnDisk()).isFalse();
            assertThat(spool.size()).isEqualTo(1000);
            assertThat(readAll(spool)).isEqualTo(data);
            assertThat(filesInDir()).isZero();
        }
    }

    @Test
    void contentBeyondTheMemoryLimitSpillsToAnOwnerOnlyFileAndReadsBackExactly() throws IOException {
        byte[] data = randomBytes(100_000);
        SpoolWriter w = new SpoolWriter(dir, 4096, 1 << 20);
        for (int i = 0; i < data.length; i += 777) {
            w.write(data, i, Math.min(777, data.length - i));
        }
        try (Spool spool = w.finish()) {
            assertThat(spool.isOnDisk()).isTrue();
            assertThat(spool.size()).isEqualTo(data.length);
            assertThat(filesInDir()).isEqualTo(1);
            try (Stream<Path> s = Files.list(dir)) {
                Path file = s.findFirst().orElseThrow();
                assertThat(Files.getPosixFilePermissions(file))
                        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            }
            assertThat(readAll(spool)).isEqualTo(data);
        }
    }

    @Test
    void contentCanBeReadAnyNumberOfTimesAndConcurrently() throws IOException {
        byte[] data = randomBytes(10_000);
        SpoolWriter w = new SpoolWriter(dir, 100, 1 << 20);
        w.write(data);
        try (Spool spool = w.finish(); InputStream a = spool.open(); InputStream b = spool.open()) {
            assertThat(a.readNBytes(5000)).isEqualTo(java.util.Arrays.copyOf(data, 5000));
            assertThat(b.readAllBytes()).isEqualTo(data);
            assertThat(readAll(spool)).isEqualTo(data);
        }
    }

    @Test
    void closingTheSpoolDeletesItsFileAndRefusesFurtherReads() throws IOException {
        SpoolWriter w = new SpoolWriter(dir, 10, 1 << 20);
        w.write(randomBytes(1000));
        Spool spool = w.finish();
        assertThat(filesInDir()).isEqualTo(1);
        spool.close();
        assertThat(filesInDir()).isZero();
        assertThatThrownBy(spool::open).isInstanceOf(IOException.class);
        spool.close();
    }

    @Test
    void writingPastTheMaximumIsConsumedAndReportedAtFinish() throws IOException {
        SpoolWriter w = new SpoolWriter(dir, 10, 1000);
        w.write(randomBytes(600));
        assertThat(w.isOverLimit()).isFalse();
        w.write(randomBytes(600));
        w.write(randomBytes(5000));
        assertThat(w.isOverLimit()).isTrue();
        assertThat(w.bytesWritten()).isEqualTo(6200);
        assertThatThrownBy(w::finish).isInstanceOfSatisfying(SpoolLimitExceededException.class, e -> {
            assertThat(e.limit()).isEqualTo(1000);
            assertThat(e.received()).isEqualTo(6200);
        });
        assertThat(filesInDir()).isZero();
    }

    @Test
    void contentOfExactlyTheMaximumIsAccepted() throws IOException {
        byte[] data = randomBytes(1000);
        SpoolWriter w = new SpoolWriter(dir, 10, 1000);
        w.write(data);
        try (Spool spool = w.finish()) {
            assertThat(readAll(spool)).isEqualTo(data);
        }
    }

    @Test
    void closingAnUnfinishedWriterDeletesWhatWasWritten() throws IOException {
        SpoolWriter w = new SpoolWriter(dir, 10, 1 << 20);
        w.write(randomBytes(1000));
        assertThat(filesInDir()).isEqualTo(1);
        w.close();
        assertThat(filesInDir()).isZero();
        assertThatThrownBy(() -> w.write(1)).isInstanceOf(IOException.class);
    }

    @Test
    void singleByteWritesAcrossTheMemoryBoundaryKeepEveryByte() throws IOException {
        byte[] data = randomBytes(300);
        SpoolWriter w = new SpoolWriter(dir, 128, 1 << 20);
        for (byte b : data) {
            w.write(b);
        }
        try (Spool spool = w.finish()) {
            assertThat(readAll(spool)).isEqualTo(data);
        }
    }

    @Test
    void emptyContentIsAnEmptySpool() throws IOException {
        try (Spool spool = new SpoolWriter(dir, 10, 10).finish()) {
            assertThat(spool.size()).isZero();
            assertThat(readAll(spool)).isEmpty();
        }
    }
}
