package dev.gatehouse.assembly;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One store process per data directory. Held for the life of the process, so a second store on the
 * same directory fails at once with a clear reason, before it touches the cluster or the ready marker
 * of the running one. The operating system releases the lock if the process dies.
 */
final class DataDirLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path lockFile) throws StoreStartException {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new OverlappingFileLockException();
            }
            return new DataDirLock(channel, lock);
        } catch (OverlappingFileLockException held) {
            closeQuietly(channel);
            throw new StoreStartException("another gatehouse-store is already running on " + lockFile.getParent(), held);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreStartException("cannot lock " + lockFile + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases the lock as well.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing useful to do: the descriptor is gone when the process ends anyway.
        }
    }
}
